/**
 * `npm run conformance` as a user runs it (local/conformance.ts in a child
 * process, Node's fetch, the real clock) against the Chat emulator over
 * loopback HTTP: every automatic point passes, at most 10 messages are
 * created, no key or token is printed, exit 0; and against a small HTTP fake
 * of Chat that ignores requestId (the emulator's store behind it), point 3
 * fails and the exit code is 1. Each run takes about 10 s (it paces itself).
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../local/chat-emulator/server';
import { ChatStore } from '../../local/chat-emulator/store';

const ROOT = path.resolve(__dirname, '../..');
const SPACE = 'AAAAconformance';

/** Runs a command in the repository to its end; stdout and stderr interleaved. */
function runProcess(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CHAT_RELAY_CONFORMANCE_WEBHOOK: '', ...env },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** local/conformance.ts, as `npm run conformance` runs it (tsx), without npm's start-up time. */
function conformance(args: string[], env: Record<string, string> = {}) {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  return runProcess(process.execPath, ['--import', tsx, 'local/conformance.ts', ...args], env);
}

function verdicts(out: string): string[] {
  return [1, 2, 3, 4, 5].map(
    (p) => new RegExp(`^${p}\\. (PASS|FAIL|UNKNOWN) `, 'm').exec(out)?.[1] ?? 'missing',
  );
}

function expectNoSecret(out: string, token: string, key: string): void {
  expect(out).not.toContain(token);
  expect(out).not.toContain(key);
  expect(out).not.toMatch(/[?&](key|token)=(?!REDACTED|…)/);
}

describe('against the Chat emulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  test('every automatic point passes, at most 10 messages, no secret printed, exit 0', async () => {
    const webhook = emulator.store.registerWebhook(SPACE, 'Conformance');
    const { code, out } = await conformance([
      '--webhook',
      webhook.url(emulator.origin),
      '--api-origin',
      emulator.origin,
    ]);
    expect(verdicts(out)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'UNKNOWN']);
    // A 429 and a retry taken about 1 s later (or, on a machine stalled for a second, no 429).
    expect(out).toMatch(/retry \d was accepted \d+\.\d\d s after test message 5 was|no 429:/);
    expect(out).toContain(`  with the value:   O'Brien & Co ‹R&D› "quoted"`);
    expect(code).toBe(0);
    expectNoSecret(out, webhook.token, emulator.store.apiKey);
    const stats = emulator.store.stats();
    expect(stats.creates).toBeLessThanOrEqual(10);
    expect(stats).toMatchObject({ creates: 7, deduplicated: 1 });
    expect(stats.byReplyOption).toEqual({ REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD: 7 });
  });
});

/** A Chat over HTTP that does not deduplicate: the emulator's store, with requestId dropped. */
async function chatIgnoringRequestId(
  store: ChatStore,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      url.searchParams.delete('requestId');
      const reply = store.handle({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: { 'content-type': String(req.headers['content-type']) },
        body,
      });
      res.writeHead(reply.status, reply.headers).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('against a Chat that ignores requestId: point 3 FAILs and the exit code is 1', async () => {
  const store = new ChatStore({ now: () => Date.now() });
  const chat = await chatIgnoringRequestId(store);
  try {
    const webhook = store.registerWebhook(SPACE, 'Conformance');
    // The URL from the environment, as a user keeps it out of the shell history.
    const { code, out } = await conformance(['--api-origin', chat.origin], {
      CHAT_RELAY_CONFORMANCE_WEBHOOK: webhook.url(chat.origin),
    });
    expect(verdicts(out)).toEqual(['PASS', 'PASS', 'FAIL', 'PASS', 'UNKNOWN']);
    expect(out).toContain('test message 4 shows twice in the space');
    expect(code).toBe(1);
    expectNoSecret(out, webhook.token, store.apiKey);
    expect(store.stats().creates).toBe(8);
  } finally {
    await chat.close();
  }
});

test('npm run conformance: a usage error exits 2 and names the option', async () => {
  const { code, out } = await runProcess('npm', [
    'run',
    '--silent',
    'conformance',
    '--',
    '--webhook',
    'https://example.com/?token=abc',
  ]);
  expect(code).toBe(2);
  expect(out).toContain(
    'npm run conformance: --webhook is not a Google Chat webhook URL: it must start with https://chat.googleapis.com',
  );
  expect(out).not.toContain('abc');
});
