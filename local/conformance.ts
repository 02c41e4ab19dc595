/**
 * `npm run conformance -- --webhook URL`: checks, from this machine, that a
 * real Chat space answers as the relay expects (cards, thread keys, requestId
 * deduplication, the quota, escaping) with a few marked test messages. See
 * local/conformance/args.ts for the options and exit codes, and
 * local/conformance/points.ts for the points.
 */
import { runConformanceCli, EXIT_FAILED } from './conformance/cli';
import { redactSecrets } from '../src/chat/webhook-url';
import type { HttpAnswer } from './conformance/chat';

/** One request's time limit: no answer by then counts as no answer. */
const TIMEOUT_MS = 30000;

/** Node's fetch, no redirects followed, with a time limit and the network error's cause named. */
async function nodeFetch(
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
): Promise<HttpAnswer> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause ? `: ${cause.code ?? cause.message}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${why}`);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

runConformanceCli(process.argv.slice(2), process.env, {
  fetch: nodeFetch,
  clock: {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
  random: Math.random,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The CLI scrubs its own errors with the webhook's secrets; this is a last resort.
    const message = error instanceof Error ? error.message : String(error);
    console.error(`npm run conformance: ${redactSecrets(message)}`);
    process.exit(EXIT_FAILED);
  },
);
