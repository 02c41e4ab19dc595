/**
 * The command line of `npm run conformance` (local/conformance.ts). The
 * webhook URL comes from --webhook or from the environment variable
 * CHAT_RELAY_CONFORMANCE_WEBHOOK (so it need not sit in the shell history).
 * Every mistake is a UsageError naming the option or the variable, and none
 * quotes the URL: it holds the webhook's key and token.
 */
import { looksLikeUrl, parseWebhookUrl, type WebhookUrl } from '../../src/chat/webhook-url';
import { parseOptions, UsageError } from '../cli-args';
import { TOTAL } from './messages';

export const ENV_VARIABLE = 'CHAT_RELAY_CONFORMANCE_WEBHOOK';
export const CHAT_ORIGIN = 'https://chat.googleapis.com';

export const USAGE = `Usage: npm run conformance -- --webhook URL
       ${ENV_VARIABLE}=URL npm run conformance

Posts ${TOTAL} clearly marked test messages (${TOTAL + 1} if point 3 fails), one a second, to a Google Chat
webhook, and prints for each point what Chat answered: PASS, FAIL or UNKNOWN.
  1. a card like the relay's (header, decorated text, openLink button, fallbackText) is accepted
  2. two posts with the same thread key land in one thread
  3. a repeated requestId returns the first message instead of creating a second one
  4. two creates within one second: whether Chat answers 429, and when a retry is accepted
  5. a card with & < > " ' in its values: for you to look at in the space
Use a test space: the messages stay there until you delete them.

  --webhook URL         the webhook (https://chat.googleapis.com/v1/spaces/…?key=…&token=…);
                        without it, the environment variable ${ENV_VARIABLE}
  --api-origin ORIGIN   for the local Chat emulator only: accept a webhook URL on this
                        loopback origin (http://127.0.0.1:PORT) instead of ${CHAT_ORIGIN}
  -h, --help            this help

The key and token are never printed.
Exit codes: 0 points 1-3 passed; 1 point 1, 2 or 3 failed (the relay depends on them);
2 a usage error; 3 point 1, 2 or 3 could not be decided (e.g. Chat could not be reached).`;

export type ConformanceArgs =
  | { help: true }
  | {
      help: false;
      webhook: WebhookUrl;
      /** Where the URL came from: `--webhook` or the environment variable. */
      source: string;
    };

const OPTIONS = {
  webhook: { type: 'string' },
  'api-origin': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A loopback `http://host:port` (the emulator), without a trailing slash. */
const LOOPBACK_ORIGIN = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;

function positional(argument: string): string {
  const shown = looksLikeUrl(argument) ? 'a URL (not shown)' : `"${argument}"`;
  return (
    `unexpected argument ${shown}: give the webhook as --webhook URL, after a -- ` +
    '(npm run conformance -- --webhook URL), or in ' +
    ENV_VARIABLE
  );
}

function apiOrigin(value: string | undefined): string {
  if (value === undefined) return CHAT_ORIGIN;
  const origin = value.trim().replace(/\/+$/, '');
  if (!LOOPBACK_ORIGIN.test(origin)) {
    throw new UsageError(
      '--api-origin is for the local Chat emulator only: it must be http://127.0.0.1:PORT, ' +
        'http://localhost:PORT or http://[::1]:PORT',
    );
  }
  return origin;
}

/** Reads the command line and the environment; throws a UsageError on any mistake. */
export function parseConformanceArgs(
  argv: string[],
  env: Record<string, string | undefined>,
): ConformanceArgs {
  const { values } = parseOptions(argv, OPTIONS, positional);
  if (values.help) return { help: true };
  const origin = apiOrigin(values['api-origin']);
  const fromEnv = env[ENV_VARIABLE];
  const [raw, source] =
    values.webhook !== undefined
      ? [values.webhook, '--webhook']
      : fromEnv !== undefined && fromEnv.trim() !== ''
        ? [fromEnv, ENV_VARIABLE]
        : [undefined, ''];
  if (raw === undefined) {
    throw new UsageError(
      `no webhook: give --webhook URL, or set ${ENV_VARIABLE} to the webhook's URL`,
    );
  }
  const parsed = parseWebhookUrl(raw, { allowedOrigins: [origin] });
  if (!parsed.ok) {
    throw new UsageError(`${source} is not a Google Chat webhook URL: it ${parsed.error}`);
  }
  return { help: false, webhook: parsed.value, source };
}
