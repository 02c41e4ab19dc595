/**
 * `npm run conformance` in process, on a fake clock, against the Chat
 * emulator's store (local/chat-emulator/store.ts) reached through an injected
 * fetch: every point's verdict when Chat behaves as the relay expects, and
 * when it does not (a refused card, thread keys ignored or not told apart,
 * requestId ignored, a 429 with Retry-After, no network), the exit codes,
 * the pace, the message budget, and that no key or token is printed. The
 * real entry point, over HTTP, is in conformance.test.ts.
 */
import { ChatStore, type EmulatorRequest, type Fault } from '../../local/chat-emulator/store';
import { ChatLine, type Fetch } from '../../local/conformance/chat';
import { newTestRun, testMessage } from '../../local/conformance/messages';
import { parseWebhookUrl } from '../../src/chat/webhook-url';
import { runConformanceCli } from '../../local/conformance/cli';

const ORIGIN = 'https://chat.googleapis.com';
const SPACE = 'AAAAconformance';
const START = Date.UTC(2026, 2, 1, 9, 0, 0);

/** How a fake Chat departs from the emulator: it rewrites each request before the store sees it. */
type Rewrite = (request: EmulatorRequest) => EmulatorRequest;

interface Run {
  code: number;
  out: string;
  err: string;
  store: ChatStore;
  /** Fake-clock time of every POST, with its requestId and answer status. */
  posts: Array<{ at: number; requestId: string; status: number }>;
  url: string;
  token: string;
  clock: { t: number };
}

interface Options {
  rewrite?: Rewrite;
  quotaIntervalMs?: number;
  /** Faults queued before the POST of this index (0-based). */
  faultsAt?: Record<number, Fault>;
  fetch?: (url: string) => Promise<never>;
  argv?: (url: string) => string[];
  env?: (url: string) => Record<string, string>;
  /** Run again in the space of this earlier run (same store, webhook and clock), a minute on. */
  after?: Run;
}

async function conformance(options: Options = {}): Promise<Run> {
  const clock = options.after?.clock ?? { t: START };
  clock.t += 60000;
  const store =
    options.after?.store ??
    new ChatStore({ now: () => clock.t, quotaIntervalMs: options.quotaIntervalMs });
  const webhook = store.ensureWebhook(SPACE, 'Conformance');
  const url = webhook.url(ORIGIN);
  const posts: Run['posts'] = [];
  const fetch: Fetch = async (target, init) => {
    if (options.fetch) return options.fetch(target);
    const fault = options.faultsAt?.[posts.length];
    if (fault) store.injectFault(fault);
    const parsed = new URL(target);
    const request: EmulatorRequest = {
      method: init.method,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: init.headers,
      body: init.body,
    };
    const reply = store.handle(options.rewrite ? options.rewrite(request) : request);
    posts.push({ at: clock.t, requestId: String(request.query.requestId), status: reply.status });
    return { status: reply.status, headers: reply.headers, body: reply.body };
  };
  let out = '';
  let err = '';
  const code = await runConformanceCli(
    options.argv ? options.argv(url) : ['--webhook', url],
    options.env ? options.env(url) : {},
    {
      fetch,
      clock: {
        now: () => clock.t,
        sleep: async (ms) => {
          clock.t += ms;
        },
      },
      random: () => 0.5,
      out: (line) => (out += `${line}\n`),
      err: (line) => (err += `${line}\n`),
    },
  );
  return { code, out, err, store, posts, url, token: webhook.token, clock };
}

/** The verdict line of a point. */
function verdict(out: string, point: number): string {
  const line = new RegExp(`^${point}\\. (PASS|FAIL|UNKNOWN) `, 'm').exec(out);
  if (!line) throw new Error(`no line for point ${point} in:\n${out}`);
  return line[1];
}

function verdicts(out: string): string[] {
  return [1, 2, 3, 4, 5].map((p) => verdict(out, p));
}

function expectNoSecret(run: Run): void {
  for (const text of [run.out, run.err]) {
    expect(text).not.toContain(run.token);
    expect(text).not.toContain(run.store.apiKey);
    expect(text).not.toMatch(/[?&](key|token)=(?!REDACTED|…)/);
  }
}

/** Drops the `requestId` query parameter: a Chat that does not deduplicate. */
const withoutRequestId: Rewrite = (request) => {
  const query = { ...request.query };
  delete query.requestId;
  return { ...request, query };
};

/** Rewrites the body's thread key: `key(old)` is sent instead. */
function threadKeys(key: (old: string) => string | undefined): Rewrite {
  return (request) => {
    const body = JSON.parse(request.body) as { thread?: { threadKey?: string } };
    const old = body.thread?.threadKey;
    const next = old === undefined ? undefined : key(old);
    if (next === undefined) delete body.thread;
    else body.thread = { threadKey: next };
    return { ...request, body: JSON.stringify(body) };
  };
}

describe('npm run conformance against a Chat that answers as the relay expects', () => {
  let run: Run;
  beforeAll(async () => {
    run = await conformance();
  });

  test('points 1 to 4 pass, point 5 is for a person to confirm, and the exit code is 0', () => {
    expect(verdicts(run.out)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'UNKNOWN']);
    expect(run.code).toBe(0);
    expect(run.err).toBe('');
    expect(run.out).toMatch(/^Points 1 to 3 passed: this space answers as the relay expects\.$/m);
  });

  test('it posts 7 messages, each thread and requestId as the relay sends them', () => {
    expect(run.store.stats()).toMatchObject({ creates: 7, deduplicated: 1 });
    expect(run.store.stats().byReplyOption).toEqual({ REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD: 7 });
    const messages = run.store.messages(SPACE);
    messages.forEach((m, i) => {
      expect(m.requestId).toMatch(/^chat-relay-[0-9a-f]{32}-1$/);
      expect(m.threadKey).toMatch(/^chat-relay-[0-9a-f]{32}$/);
      expect(m.request.thread).toEqual({ threadKey: m.threadKey });
      // Clearly marked, in the card and in the notification line.
      const mark = `Chat Relay conformance check — test message ${i + 1} of 7, you may delete it`;
      expect(JSON.stringify(m.cardsV2)).toContain(mark);
      expect(m.fallbackText).toContain(mark);
    });
    expect(run.out).toMatch(/^Chat reported creating 7 messages in the space\.$/m);
  });

  test('point 2: messages 1, 2, 4, 5 and 6 share a thread; 3 and 7 have their own', () => {
    const threads = run.store.threads(SPACE).map((t) => t.messages.map((m) => m.name));
    const names = run.store.messages(SPACE).map((m) => m.name);
    expect(threads).toEqual([
      [names[0], names[1], names[3], names[4], names[5]],
      [names[2]],
      [names[6]],
    ]);
    expect(run.out).toContain(
      `two posts with one thread key are both in ${run.store.threads(SPACE)[0].name}`,
    );
  });

  test('point 3: the repeat names the first message', () => {
    const fourth = run.store.messages(SPACE)[3].name;
    expect(run.out).toContain(`the repeat returned ${fourth}, the message already created`);
    expect(
      run.posts.filter((p) => p.requestId === run.store.messages(SPACE)[3].requestId),
    ).toHaveLength(2);
  });

  test('point 4: the back-to-back create gets a 429; retries, same requestId, until it is taken', () => {
    expect(run.out).toContain(
      'the second create, right after test message 5: HTTP 429 RESOURCE_EXHAUSTED: Resource has been exhausted (e.g. check quota). (no Retry-After)',
    );
    // Retries every 0.4 s: refused at 0.4 and 0.8 s, taken at 1.2 s (the quota is 1 s).
    expect(run.out).toContain(
      'retry 3 was accepted 1.20 s after test message 5 was; the one before, at 0.80 s, was refused',
    );
    const sixth = run.store.messages(SPACE)[5].requestId;
    expect(run.posts.filter((p) => p.requestId === sixth).map((p) => p.status)).toEqual([
      429, 429, 429, 200,
    ]);
  });

  test('every POST but point 4 burst and its retries waits 1 s after the one before', () => {
    const sixth = run.store.messages(SPACE)[5].requestId;
    run.posts.forEach((post, i) => {
      if (i === 0 || post.requestId === sixth) return;
      expect(post.at - run.posts[i - 1].at).toBeGreaterThanOrEqual(1000);
    });
  });

  test('point 5 says how the tricky card should read', () => {
    expect(run.out).toContain(
      'Look at this message in the space (test message 7 of 7): it should read',
    );
    expect(run.out).toContain(`  with the value:   O'Brien & Co ‹R&D› "quoted"`);
    expect(run.out).toContain('  a field labelled: Customer & partner');
    const card = JSON.stringify(run.store.messages(SPACE)[6].cardsV2);
    // Card text escapes only what HTML needs (&, < and >); quotes and apostrophes go as typed.
    expect(card).toContain('O\'Brien &amp; Co ‹R&amp;D› \\"quoted\\"');
  });

  test('a second run in the same space posts its own 7 messages in its own threads', async () => {
    const again = await conformance({ after: run });
    expect(verdicts(again.out)).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'UNKNOWN']);
    expect(again.store.stats()).toMatchObject({ creates: 14, deduplicated: 2 });
    expect(again.store.threads(SPACE)).toHaveLength(6);
  });

  test('no key or token is printed', () => {
    expectNoSecret(run);
    expect(run.out).toContain(`space spaces/${SPACE}, webhook from --webhook`);
  });
});

describe('npm run conformance against a Chat that departs from it', () => {
  test('point 3 FAILs when Chat ignores requestId: exit 1, the duplicate named, 8 messages', async () => {
    const run = await conformance({ rewrite: withoutRequestId });
    expect(verdicts(run.out)).toEqual(['PASS', 'PASS', 'FAIL', 'PASS', 'UNKNOWN']);
    expect(run.code).toBe(1);
    const [, , , fourth, duplicate] = run.store.messages(SPACE).map((m) => m.name);
    expect(run.out).toContain(`the repeat created ${duplicate}; the first was ${fourth}`);
    expect(run.out).toContain('test message 4 shows twice in the space');
    expect(run.out).toMatch(
      /^Point 3 failed, and the relay depends on it:\n {2}3\. Chat does not deduplicate requestId .*posted twice/m,
    );
    expect(run.store.stats().creates).toBe(8);
    expectNoSecret(run);
  });

  test('point 2 FAILs when a thread key does not keep posts together: exit 1', async () => {
    const run = await conformance({ rewrite: threadKeys(() => undefined) });
    expect(verdict(run.out, 2)).toBe('FAIL');
    expect(run.out).toMatch(
      /the second post with the thread key started spaces\/\S+, not spaces\//,
    );
    expect(run.code).toBe(1);
  });

  test('point 2 FAILs when different thread keys land in one thread: exit 1', async () => {
    const run = await conformance({ rewrite: threadKeys(() => 'one-key-for-all') });
    expect(verdict(run.out, 2)).toBe('FAIL');
    expect(run.out).toContain('a post with another thread key landed in');
    expect(run.out).toMatch(/^Point 2 failed, and the relay depends on it:\n {2}2\. Thread keys/m);
    expect(run.code).toBe(1);
  });

  test("point 1 FAILs when Chat refuses the relay's card: exit 1, nothing else is posted", async () => {
    const run = await conformance({ faultsAt: { 0: { status: 400 } } });
    expect(verdicts(run.out)).toEqual(['FAIL', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
    expect(run.out).toContain(
      'Chat answered: HTTP 400 INVALID_ARGUMENT: Request contains an invalid argument.',
    );
    expect(run.out).toContain('not run: point 1 ended the run (FAIL)');
    expect(run.posts).toHaveLength(1);
    expect(run.code).toBe(1);
  });

  test('a transient answer is retried with the same requestId, after the pace', async () => {
    const run = await conformance({ faultsAt: { 0: { status: 503 } } });
    expect(verdict(run.out, 1)).toBe('PASS');
    expect(run.out).toMatch(/test message 1 of 7 \(point 1\): HTTP 200, \S+ after 2 attempts/);
    expect(run.posts[1].requestId).toBe(run.posts[0].requestId);
    expect(run.posts[1].at - run.posts[0].at).toBeGreaterThanOrEqual(1000);
    expect(run.code).toBe(0);
  });

  test('point 4 reports no 429 when Chat takes both creates, and honours Retry-After when it sends one', async () => {
    const free = await conformance({ quotaIntervalMs: 0 });
    expect(verdict(free.out, 4)).toBe('PASS');
    expect(free.out).toContain('no 429: Chat took test messages 5 and 6 0.00 s apart');

    // The burst is the 7th POST (the 4th message is sent twice): a 429 asking for 3 s.
    const slow = await conformance({
      quotaIntervalMs: 0,
      faultsAt: { 6: { status: 429, retryAfter: '3' } },
    });
    expect(slow.out).toContain('(Retry-After 3.00 s)');
    expect(slow.out).toContain('retry 1 was accepted 3.00 s after test message 5 was');
    expect(slow.out).toContain("longer than the relay's 1 s pace");
    expect(slow.code).toBe(0);
  });

  test('a 429 on an ordinary send waits its Retry-After before the retry', async () => {
    const run = await conformance({ faultsAt: { 0: { status: 429, retryAfter: '5' } } });
    expect(verdict(run.out, 1)).toBe('PASS');
    expect(run.posts[1].at - run.posts[0].at).toBe(5000);
    expect(run.code).toBe(0);
  });

  test('point 4 FAILs when no retry is taken; points 1 to 3 still decide the exit code', async () => {
    const run = await conformance({ faultsAt: { 6: { status: 429, times: 20 } } });
    expect(verdicts(run.out)).toEqual(['PASS', 'PASS', 'PASS', 'FAIL', 'UNKNOWN']);
    expect(run.out).toMatch(/no retry was accepted within 9\.40 s; the last: HTTP 429/);
    expect(run.code).toBe(0);
    expect(run.store.stats().creates).toBe(5);
  });

  test('point 4 is UNKNOWN when Chat asks for a wait this check does not make, or refuses the retry', async () => {
    const long = await conformance({
      quotaIntervalMs: 0,
      faultsAt: { 6: { status: 429, retryAfter: '60' } },
    });
    expect(verdict(long.out, 4)).toBe('UNKNOWN');
    expect(long.out).toContain('Chat asked to wait 60.00 s, longer than this check waits');
    expect(long.posts).toHaveLength(7);
    const refused = await conformance({ faultsAt: { 7: { status: 400 } } });
    expect(verdict(refused.out, 4)).toBe('UNKNOWN');
    expect(refused.out).toContain('retry 1 was refused outright: HTTP 400 INVALID_ARGUMENT');
    for (const run of [long, refused]) {
      expect(verdict(run.out, 5)).toBe('UNKNOWN');
      expect(run.out).toContain('not run: point 4 ended the run (UNKNOWN)');
      expect(run.code).toBe(0);
    }
  });

  test('no network: every point UNKNOWN, exit 3, and the URL in the error is not printed', async () => {
    const run = await conformance({
      fetch: (url) => Promise.reject(new Error(`connect ECONNREFUSED while fetching ${url}`)),
    });
    expect(verdicts(run.out)).toEqual(['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
    expect(run.out).toContain('request failed: connect ECONNREFUSED while fetching');
    expect(run.out).toContain('no usable answer, so this point cannot be decided');
    expect(run.out).toMatch(/^Points 1 to 3 could not all be decided/m);
    expect(run.code).toBe(3);
    expectNoSecret(run);
  });
});

describe('ChatLine', () => {
  test("a network error's text loses the webhook's key and token, even percent-encoded", async () => {
    const url = `${ORIGIN}/v1/spaces/${SPACE}/messages?key=k%2Fey&token=t0ken-secret`;
    const parsed = parseWebhookUrl(url);
    if (!parsed.ok) throw new Error(parsed.error);
    const line = new ChatLine(
      parsed.value,
      () => Promise.reject(new Error(`boom: t0ken-secret k/ey k%2Fey ${url}`)),
      { now: () => 0, sleep: async () => undefined },
    );
    const attempt = await line.attempt(
      testMessage(
        newTestRun(0, () => 0.5),
        1,
        'x',
        'main',
      ),
      'id',
    );
    expect(attempt).toMatchObject({ kind: 'transient', status: null });
    const detail = (attempt as { detail: string }).detail;
    expect(detail).toMatch(/^request failed: boom: /);
    expect(detail).not.toMatch(/t0ken|k\/ey|k%2Fey/);
  });
});

describe('npm run conformance: the command line', () => {
  test('the webhook may come from CHAT_RELAY_CONFORMANCE_WEBHOOK', async () => {
    const run = await conformance({
      argv: () => [],
      env: (url) => ({ CHAT_RELAY_CONFORMANCE_WEBHOOK: url }),
    });
    expect(run.code).toBe(0);
    expect(run.out).toContain('webhook from CHAT_RELAY_CONFORMANCE_WEBHOOK');
  });

  test.each([
    [[], 'no webhook: give --webhook URL, or set CHAT_RELAY_CONFORMANCE_WEBHOOK'],
    [['--webook', 'x'], 'unknown option --webook (did you mean --webhook?)'],
    [['--webhook'], '--webhook needs a value'],
    [['--webhook', 'x', '--webhook', 'y'], '--webhook is given twice'],
    [['--api-origin', 'https://example.com'], '--api-origin is for the local Chat emulator only'],
  ])('usage error %j: exit 2, naming the option', async (argv, message) => {
    const run = await conformance({ argv: () => argv });
    expect(run.code).toBe(2);
    expect(run.err).toContain(`npm run conformance: ${message}`);
    expect(run.err).toContain('Usage: npm run conformance -- --webhook URL');
    expect(run.posts).toHaveLength(0);
  });

  test('a URL given where it does not belong is never echoed', async () => {
    const positional = await conformance({ argv: (url) => [url] });
    expect(positional.code).toBe(2);
    expect(positional.err).toContain('unexpected argument a URL (not shown)');
    const elsewhere = await conformance({
      argv: (url) => ['--webhook', url.replace(ORIGIN, 'https://chat.example.com')],
    });
    expect(elsewhere.err).toContain(
      '--webhook is not a Google Chat webhook URL: it must start with https://chat.googleapis.com',
    );
    const fromEnv = await conformance({
      argv: () => [],
      env: (url) => ({ CHAT_RELAY_CONFORMANCE_WEBHOOK: url.replace(/&token=.*/, '') }),
    });
    expect(fromEnv.err).toContain(
      'CHAT_RELAY_CONFORMANCE_WEBHOOK is not a Google Chat webhook URL: it is missing the token parameter',
    );
    for (const run of [positional, elsewhere, fromEnv]) {
      expect(run.code).toBe(2);
      expectNoSecret(run);
    }
  });

  test('--help prints the usage and exits 0 without posting', async () => {
    const run = await conformance({ argv: () => ['--help'] });
    expect(run.code).toBe(0);
    expect(run.out).toContain('Exit codes: 0 points 1-3 passed');
    expect(run.posts).toHaveLength(0);
  });
});
