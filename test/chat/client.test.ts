import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { ChatStore } from '../../local/chat-emulator/store';
import { FakeClock, type Transport } from '../../local/runtime';
import { ConsoleFake, LogSink } from '../../local/runtime/services';
import {
  ChatClient,
  ChatClientOptions,
  createChatClient,
  SendRequest,
  SendResult,
} from '../../src/chat/client';
import { ChatMessage } from '../../src/chat/message-types';
import {
  CHAT_ORIGIN,
  chatError,
  created,
  expectNoSecrets,
  htmlNotFound,
  httpRig,
  HttpRig,
  KEY,
  queryOf,
  requestIdOf,
  scripted,
  spaceOfUrl,
  TOKEN,
  webhook,
  webhookUrl,
} from '../support/rig';

const MESSAGE: ChatMessage = {
  text: 'Row 7 changed: *Open*',
  thread: { threadKey: 'sheet1-row-7' },
};
const SECRETS = [KEY, TOKEN];

interface Rig extends HttpRig {
  logs: LogSink;
  client: ChatClient;
  send(message?: ChatMessage, requestId?: string): SendResult;
}

const rigs: HttpRig[] = [];

function rig(transport: Transport, options: ChatClientOptions = {}, latencyMs = 200): Rig {
  const base = httpRig(transport, latencyMs);
  rigs.push(base);
  const logs = new LogSink(base.clock);
  const client = createChatClient(base.http, base.time, {
    random: () => 0.5,
    log: new ConsoleFake(logs),
    ...options,
  });
  return {
    ...base,
    logs,
    client,
    send: (message = MESSAGE, requestId = 'req-1') =>
      client.send(webhook(), message, { requestId }),
  };
}

function ids(r: HttpRig): string[] {
  return r.http.requests.map((q) => requestIdOf(q.url));
}

/** A client rig with the Chat emulator behind UrlFetchApp (wrapped by `wrap`), one webhook per space. */
function emulatorRig(
  spaces: string[],
  wrap: (inner: Transport) => Transport = (inner) => inner,
  options: ChatClientOptions = {},
) {
  let clock: FakeClock | null = null;
  const chat = new ChatStore({ now: () => (clock as FakeClock).now() });
  const urls = new Map(spaces.map((s) => [s, chat.registerWebhook(s).url(CHAT_ORIGIN)]));
  const r = rig(wrap(inProcessTransport(chat)), options);
  clock = r.clock;
  return { ...r, chat, url: (space: string) => webhook(urls.get(space) as string) };
}

// Every body sent in this file is a valid discovery `Message` (no unknown or output-only field).
afterAll(() => {
  const payloads = rigs.flatMap((r) => r.http.requests.map((q) => q.payload));
  expect(payloads.length).toBeGreaterThan(20);
  payloads.forEach((p) => expect(validateMessageBody(JSON.parse(p))).toEqual([]));
});

describe('request shape', () => {
  it('POSTs JSON with key, token, messageReplyOption and requestId in the URL, the thread key in the body', () => {
    const r = rig(scripted([created('AAAASpace1', 1)]));
    const fetch = jest.spyOn(r.http, 'fetch');
    expect(r.send()).toEqual({
      ok: true,
      messageName: 'spaces/AAAASpace1/messages/m1',
      threadName: 'spaces/AAAASpace1/threads/t1',
      attempts: 1,
    });
    expect(r.http.requests).toHaveLength(1);
    const request = r.http.requests[0];
    expect(request.method).toBe('POST');
    expect(request.url.split('?')[0]).toBe(
      'https://chat.googleapis.com/v1/spaces/AAAASpace1/messages',
    );
    expect(queryOf(request.url)).toEqual([
      ['key', KEY],
      ['token', TOKEN],
      ['messageReplyOption', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD'],
      ['requestId', 'req-1'],
    ]);
    expect(request.headers['Content-Type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(request.payload)).toEqual(MESSAGE);
    expect(fetch.mock.calls[0][1]).toEqual({
      method: 'post',
      contentType: 'application/json; charset=UTF-8',
      payload: JSON.stringify(MESSAGE),
      muteHttpExceptions: true,
    });
  });

  it('passes REPLY_MESSAGE_OR_FAIL through and never adds a threadKey parameter', () => {
    const r = rig(scripted([created('AAAASpace1', 1)]));
    const pasted = webhook(`${webhookUrl()}&threadKey=pasted&messageReplyOption=X`);
    r.client.send(pasted, MESSAGE, { requestId: 'r', replyOption: 'REPLY_MESSAGE_OR_FAIL' });
    const query = queryOf(r.http.requests[0].url);
    expect(query.map(([n]) => n)).toEqual(['key', 'token', 'messageReplyOption', 'requestId']);
    expect(new Map(query).get('messageReplyOption')).toBe('REPLY_MESSAGE_OR_FAIL');
  });

  it('is accepted by the Chat emulator, text and card alike, in the same thread', () => {
    const r = emulatorRig(['AAAA']);
    const { chat, url } = r;
    const card: ChatMessage = {
      fallbackText: 'Case 7',
      cardsV2: [
        {
          cardId: 'row-7',
          card: {
            header: { title: 'Case 7', subtitle: 'Open' },
            sections: [{ widgets: [{ decoratedText: { topLabel: 'Owner', text: 'Zoë' } }] }],
          },
        },
      ],
      thread: { threadKey: 'sheet1-row-7' },
    };
    const first = r.client.send(url('AAAA'), MESSAGE, { requestId: 'a' });
    const second = r.client.send(url('AAAA'), card, { requestId: 'b' });
    expect(first.ok && second.ok).toBe(true);
    const threads = chat.threads('AAAA');
    expect(threads).toHaveLength(1);
    expect(threads[0].threadKey).toBe('sheet1-row-7');
    expect(threads[0].messages).toHaveLength(2);
  });
});

describe('invalid messages', () => {
  it.each<[string, ChatMessage, RegExp]>([
    ['empty', {}, /empty/],
    ['text too long', { text: 'x'.repeat(4097) }, /4097 characters; the limit is 4096/],
    ['thread key too long', { text: 'x', thread: { threadKey: 'k'.repeat(4001) } }, /4001/],
  ])('%s: fails as invalid without any HTTP call', (_name, message, expected) => {
    const r = rig(scripted([created('AAAASpace1', 1)]));
    const result = r.send(message);
    expect(result).toMatchObject({ ok: false, kind: 'invalid', httpStatus: null, attempts: 0 });
    if (!result.ok) expect(result.message).toMatch(expected);
    expect(r.http.requests).toHaveLength(0);
  });

  it('rejects an empty requestId', () => {
    const r = rig(scripted([created('AAAASpace1', 1)]));
    expect(r.send(MESSAGE, '')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(r.http.requests).toHaveLength(0);
  });
});

describe('transient failures', () => {
  it('honours Retry-After in seconds on 429, with the same requestId', () => {
    const r = rig(
      scripted([chatError(429, 'Quota exceeded', { 'Retry-After': '7' }), created('S', 1)]),
    );
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
    expect(r.time.sleeps).toEqual([7000]);
    expect(r.http.requests[1].at - r.http.requests[0].at).toBe(7200); // 200 ms fetch + 7 s
    expect(ids(r)).toEqual(['req-1', 'req-1']);
  });

  it('honours Retry-After as an HTTP-date, header name in any case', () => {
    const at = new Date(new FakeClock().now() + 12000).toUTCString();
    const r = rig(scripted([chatError(429, 'Quota', { 'retry-after': at }), created('S', 1)]));
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
    expect(r.http.requests[1].at).toBe(r.http.requests[0].at + 12000);
  });

  it('backs off exponentially with jitter on 429 without Retry-After', () => {
    const r = rig(scripted([chatError(429), chatError(429), chatError(429), created('S', 1)]), {
      random: () => 0.75,
      minIntervalMs: 0,
    });
    expect(r.send()).toMatchObject({ ok: true, attempts: 4 });
    expect(r.time.sleeps).toEqual([750, 1500, 3000]);
  });

  it('caps the backoff at maxDelayMs', () => {
    const r = rig(scripted([chatError(503), chatError(503), chatError(503), created('S', 1)]), {
      random: () => 0.999,
      minIntervalMs: 0,
      baseDelayMs: 1000,
      maxDelayMs: 1500,
    });
    expect(r.send()).toMatchObject({ ok: true, attempts: 4 });
    expect(r.time.sleeps).toEqual([999, 1498, 1498]);
  });

  it.each([500, 502, 503, 504])('retries HTTP %d with the same requestId and succeeds', (code) => {
    const r = rig(scripted([chatError(code, 'Try again'), created('S', 1)]));
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
    expect(ids(r)).toEqual(['req-1', 'req-1']);
  });

  it('retries an HTML 502 from a front end', () => {
    const r = rig(
      scripted([{ status: 502, headers: {}, body: '<html>Bad</html>' }, created('S', 1)]),
    );
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
  });

  it('retries an exception thrown by fetch (network error, timeout), logging it redacted', () => {
    const r = rig(
      scripted([
        (request) => {
          throw new Error(`Timeout: ${request.url}`);
        },
        created('S', 1),
      ]),
    );
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
    expectNoSecrets(SECRETS, r.logs.lines);
    expect(r.logs.lines.join('\n')).toContain('Timeout');
  });

  it('retries a 2xx without a message name (the same requestId makes it safe)', () => {
    const r = rig(
      scripted([
        { status: 200, headers: {}, body: 'not json' },
        { status: 200, headers: {}, body: '{}' },
        created('S', 1),
      ]),
    );
    expect(r.send()).toMatchObject({ ok: true, attempts: 3 });
    expect(ids(r)).toEqual(['req-1', 'req-1', 'req-1']);
  });

  it('gives up after maxAttempts (default 5) with a transient failure naming the last error', () => {
    const r = rig(scripted([chatError(503, 'The service is currently unavailable.')]));
    expect(r.send()).toEqual({
      ok: false,
      kind: 'transient',
      httpStatus: 503,
      chatStatus: 'UNAVAILABLE',
      message:
        'gave up after 5 attempts; last error: HTTP 503 UNAVAILABLE: The service is currently unavailable.',
      attempts: 5,
    });
    expect(r.http.requests).toHaveLength(5);
    expect(new Set(ids(r))).toEqual(new Set(['req-1']));
  });

  it('respects a smaller maxAttempts', () => {
    const r = rig(
      scripted([
        (request) => {
          throw new Error(`Address unavailable: ${request.url}`);
        },
      ]),
      { maxAttempts: 2 },
    );
    const result = r.send();
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: null, attempts: 2 });
    if (!result.ok)
      expect(result.message).toMatch(
        /^gave up after 2 attempts; last error: request failed: Address unavailable: https:\/\/chat/,
      );
    expectNoSecrets(SECRETS, result, r.logs.lines);
  });
});

describe('permanent failures', () => {
  it.each<[number, string]>([
    [400, 'Invalid JSON payload received. Unknown name "x"'],
    [401, 'Request had invalid authentication credentials.'],
    [403, 'The caller does not have permission'],
    [404, 'Requested entity was not found.'],
    [409, 'Message already exists'],
  ])("HTTP %d is permanent, with Chat's message, and is not retried", (code, text) => {
    const r = rig(scripted([chatError(code, text), created('S', 1)]));
    const result = r.send();
    expect(result).toMatchObject({
      ok: false,
      kind: 'permanent',
      httpStatus: code,
      attempts: 1,
    });
    if (!result.ok) expect(result.message).toBe(`HTTP ${code} ${result.chatStatus}: ${text}`);
    expect(r.http.requests).toHaveLength(1);
    expect(r.time.sleeps).toEqual([]);
  });

  it('an HTML 404 is permanent and summarised, the page never quoted', () => {
    const r = rig(scripted([htmlNotFound('/v1/spaces/AAAASpace1/messages')]));
    expect(r.send()).toEqual({
      ok: false,
      kind: 'permanent',
      httpStatus: 404,
      chatStatus: null,
      message: 'HTTP 404 (non-JSON response)',
      attempts: 1,
    });
  });

  it("the emulator's answer to a wrong token is permanent", () => {
    const r = emulatorRig(['AAAA']);
    const { chat } = r;
    const wrong = webhook(webhookUrl('AAAA', chat.apiKey, 'not-the-token'));
    expect(r.client.send(wrong, MESSAGE, { requestId: 'r' })).toMatchObject({
      ok: false,
      kind: 'permanent',
      httpStatus: 403,
    });
  });
});

describe('response lost after Chat committed the message', () => {
  const lost: Array<[string, (inner: Transport) => Transport]> = [
    [
      'a 503',
      (inner) =>
        scripted([
          (request) => {
            inner(request);
            return chatError(503, 'Backend error');
          },
          (request) => inner(request),
        ]),
    ],
    [
      'a dropped connection',
      (inner) =>
        scripted([
          (request) => ({ ...inner(request), drop: 'after-commit' }),
          (request) => inner(request),
        ]),
    ],
    [
      'a 500 HTML page',
      (inner) =>
        scripted([
          (request) => {
            inner(request);
            return { status: 500, headers: {}, body: '<html>oops</html>' };
          },
          (request) => inner(request),
        ]),
    ],
  ];
  it.each(lost)(
    'after %s, the retry reuses the requestId and exactly one message exists',
    (_n, wrap) => {
      const r = emulatorRig(['AAAA'], wrap);
      const { chat, url } = r;
      const result = r.client.send(url('AAAA'), MESSAGE, { requestId: 'sheet1:row7:v3' });
      expect(result).toMatchObject({ ok: true, attempts: 2 });
      expect(ids(r)).toEqual(['sheet1:row7:v3', 'sheet1:row7:v3']);
      expect(r.http.requests[0].payload).toBe(r.http.requests[1].payload);
      expect(chat.messages('AAAA')).toHaveLength(1);
      expect(result.ok && result.messageName).toBe(chat.messages('AAAA')[0].name);
    },
  );
});

describe('secrets', () => {
  it('never returns or logs the key or token, even when errors quote the URL', () => {
    const scenarios: Transport[] = [
      scripted([
        (request) => {
          throw new Error(`Request failed for ${request.url} returned code 500`);
        },
      ]),
      scripted([new Error(`DNS error: ${TOKEN} ${KEY}`)]),
      scripted([chatError(400, `Invalid token ${TOKEN} for key ${KEY}`)]),
      scripted([(request) => chatError(503, `upstream ${request.url}`)]),
      scripted([
        {
          status: 401,
          headers: {},
          body: `{"error":{"code":401,"message":"token=${encodeURIComponent(TOKEN)}","status":"UNAUTHENTICATED"}}`,
        },
      ]),
    ];
    for (const transport of scenarios) {
      const r = rig(transport, { maxAttempts: 2 });
      const result = r.send();
      expect(result.ok).toBe(false);
      expectNoSecrets(SECRETS, result, r.logs.lines);
    }
  });

  it('redacts a secret-bearing URL quoted by a UrlFetchApp-style exception', () => {
    const r = rig(
      scripted([
        (request) => {
          throw new Error(`Request failed for ${request.url} returned code 400.`);
        },
      ]),
      { maxAttempts: 1 },
    );
    const result = r.send();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(
      'https://chat.googleapis.com/v1/spaces/AAAASpace1/messages?key=REDACTED&token=REDACTED',
    );
    expectNoSecrets(SECRETS, result);
  });
});

describe('deadline', () => {
  it('does not wait for the pace when the wait would pass the deadline', () => {
    const r = rig(scripted([created('S', 1)]), { attemptReserveMs: 0 }, 0);
    r.send(MESSAGE, 'a');
    const result = r.client.send(webhook(), MESSAGE, {
      requestId: 'b',
      deadline: r.clock.now() + 500,
    });
    expect(result).toEqual({
      ok: false,
      kind: 'transient',
      httpStatus: null,
      chatStatus: null,
      message: 'time budget reached before the request could be sent',
      attempts: 0,
    });
    expect(r.http.requests).toHaveLength(1);
    expect(r.time.sleeps).toEqual([]);
  });

  it('does not start an attempt that cannot finish before the deadline', () => {
    const r = rig(scripted([created('S', 1)]), { attemptReserveMs: 2000 });
    const result = r.client.send(webhook(), MESSAGE, {
      requestId: 'a',
      deadline: r.clock.now() + 1999,
    });
    expect(result).toMatchObject({ ok: false, kind: 'transient', attempts: 0 });
    expect(r.http.requests).toHaveLength(0);
  });

  it('does not sleep through a Retry-After longer than the time left', () => {
    const r = rig(scripted([chatError(429, 'Quota', { 'Retry-After': '30' }), created('S', 1)]));
    const deadline = r.clock.now() + 10000;
    const result = r.client.send(webhook(), MESSAGE, { requestId: 'a', deadline });
    expect(result).toEqual({
      ok: false,
      kind: 'transient',
      httpStatus: 429,
      chatStatus: 'RESOURCE_EXHAUSTED',
      message:
        'time budget reached before the next retry; last error: HTTP 429 RESOURCE_EXHAUSTED: Quota',
      attempts: 1,
    });
    expect(r.time.sleeps).toEqual([]);
  });

  it('keeps every attempt and wait inside the deadline under persistent 503s', () => {
    const r = rig(
      scripted([chatError(503, 'down')]),
      {
        random: () => 0.9,
        maxAttempts: 50,
        attemptReserveMs: 500,
      },
      400,
    );
    const deadline = r.clock.now() + 20000;
    const result = r.client.send(webhook(), MESSAGE, { requestId: 'a', deadline });
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: 503 });
    if (!result.ok) expect(result.message).toMatch(/^time budget reached/);
    expect(r.http.requests.length).toBeGreaterThan(1);
    for (const request of r.http.requests) expect(request.at + 500).toBeLessThanOrEqual(deadline);
    expect(r.clock.now()).toBeLessThanOrEqual(deadline);
  });
});

describe('total wait budget', () => {
  it('gives up at once when Retry-After exceeds the wait budget', () => {
    const r = rig(scripted([chatError(429, 'Quota', { 'Retry-After': '120' }), created('S', 1)]));
    const result = r.send();
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: 429, attempts: 1 });
    if (!result.ok)
      expect(result.message).toMatch(
        /^retry wait budget of 60000 ms reached; last error: HTTP 429/,
      );
    expect(r.time.sleeps).toEqual([]);
  });

  it('never waits more than maxTotalWaitMs in one send', () => {
    const r = rig(scripted([chatError(500, 'boom')]), {
      random: () => 0.999,
      maxAttempts: 100,
      maxTotalWaitMs: 20000,
    });
    const result = r.send();
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: 500 });
    if (!result.ok) expect(result.message).toMatch(/^retry wait budget of 20000 ms reached/);
    expect(r.time.slept()).toBeLessThanOrEqual(20000);
    expect(r.http.requests.length).toBeLessThan(100);
  });

  it('counts the wait for the space’s pace before a retry as retry wait, not before a first attempt', () => {
    // No backoff (random 0): every wait is the space's 1 s pace. "a" goes; "b" waits the pace
    // before its first attempt (no retry wait), then before each retry (2 s of its 2.5 s).
    const r = rig(scripted([created('S', 1), chatError(503, 'down')]), {
      random: () => 0,
      maxAttempts: 10,
      maxTotalWaitMs: 2500,
    });
    expect(r.send(MESSAGE, 'a')).toMatchObject({ ok: true });
    const result = r.send(MESSAGE, 'b');
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: 503, attempts: 3 });
    if (!result.ok) expect(result.message).toMatch(/^retry wait budget of 2500 ms reached/);
    expect(r.time.sleeps).toEqual([1000, 1000, 1000]);
    expect(ids(r)).toEqual(['a', 'b', 'b', 'b']);
  });

  it('uses a budget of 60 s by default', () => {
    const r = rig(scripted([chatError(503, 'down')]), { random: () => 0.999, maxAttempts: 100 });
    r.send();
    expect(r.time.slept()).toBeLessThanOrEqual(60000);
    expect(r.time.slept()).toBeGreaterThan(30000);
  });
});

describe('sendAll', () => {
  function request(
    space: string,
    requestId: string,
    url = webhook(webhookUrl(space)),
  ): SendRequest {
    return {
      webhook: url,
      message: { text: `to ${space}`, thread: { threadKey: 'k' } },
      options: { requestId },
    };
  }

  it('sends one request per space in each fetchAll batch, spaces paced independently', () => {
    const r = rig(scripted([(q, i) => created(spaceOfUrl(q.url), i + 1)]));
    const fetchAll = jest.spyOn(r.http, 'fetchAll');
    const results = r.client.sendAll([
      request('S1', 'a1'),
      request('S1', 'a2'),
      request('S2', 'b1'),
      request('S1', 'a3'),
      request('S2', 'b2'),
    ]);
    expect(results.map((x) => x && x.ok)).toEqual([true, true, true, true, true]);
    const batches = fetchAll.mock.calls.map((c) => c[0].map((q) => requestIdOf(q.url)));
    expect(batches).toEqual([
      ['a1', 'b1'],
      ['a2', 'b2'],
    ]);
    batches.forEach((b) => expect(new Set(b.map((id) => id[0])).size).toBe(b.length));
    // The third message of S1 goes alone, through fetch.
    expect(r.http.requests.map((q) => requestIdOf(q.url))).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
    const at = (id: string) =>
      (r.http.requests.find((q) => requestIdOf(q.url) === id) as { at: number }).at;
    expect(at('b1')).toBe(at('a1'));
    expect(at('a2') - at('a1')).toBeGreaterThanOrEqual(1000);
    expect(at('a3') - at('a2')).toBeGreaterThanOrEqual(1000);
  });

  it('returns the results in request order', () => {
    const r = rig(scripted([(q) => created(spaceOfUrl(q.url), Number(requestIdOf(q.url)))]));
    const results = r.client.sendAll([
      request('S1', '1'),
      request('S2', '2'),
      request('S1', '3'),
      request('S3', '4'),
    ]);
    expect(results.map((x) => x && x.ok && x.messageName)).toEqual([
      'spaces/S1/messages/m1',
      'spaces/S2/messages/m2',
      'spaces/S1/messages/m3',
      'spaces/S3/messages/m4',
    ]);
  });

  it('counts a thrown fetchAll as a transient failure of every request in the batch', () => {
    let failed = false;
    const r = emulatorRig(['S1', 'S2'], (inner) => (q) => {
      if (!failed && spaceOfUrl(q.url) === 'S1') {
        failed = true;
        throw new Error(`Timeout: ${q.url}`);
      }
      return inner(q);
    });
    const { chat, url } = r;
    const results = r.client.sendAll([
      request('S1', 'a', url('S1')),
      request('S2', 'b', url('S2')),
    ]);
    expect(results.map((x) => x && x.ok && x.attempts)).toEqual([2, 2]);
    // S2's first request did reach Chat: its retry, with the same requestId, made no duplicate.
    expect(r.http.requests.map((q) => requestIdOf(q.url))).toEqual(['a', 'b', 'a', 'b']);
    expect(chat.messages('S2')).toHaveLength(1);
    expect(chat.messages('S1')).toHaveLength(1);
  });

  it('with maxAttempts 1, a thrown fetchAll fails every request of the batch as transient', () => {
    const r = rig(
      (q) => {
        if (spaceOfUrl(q.url) === 'S1') throw new Error(`Timeout: ${q.url}`);
        return created('S2', 1);
      },
      { maxAttempts: 1 },
    );
    const results = r.client.sendAll([request('S1', 'a'), request('S2', 'b')]);
    expect(results).toEqual([
      expect.objectContaining({ ok: false, kind: 'transient', attempts: 1 }),
      expect.objectContaining({ ok: false, kind: 'transient', attempts: 1 }),
    ]);
    expectNoSecrets(SECRETS, results, r.logs.lines);
  });

  it('when onResult returns false, the space stops: its remaining requests get null', () => {
    const r = rig(scripted([(q, i) => created(spaceOfUrl(q.url), i + 1)]));
    const seen: number[] = [];
    const results = r.client.sendAll(
      [
        request('S1', 'a1'),
        request('S2', 'b1'),
        request('S1', 'a2'),
        request('S1', 'a3'),
        request('S2', 'b2'),
      ],
      (index) => {
        seen.push(index);
        return index !== 0;
      },
    );
    expect(results.map((x) => (x === null ? null : x.ok))).toEqual([true, true, null, null, true]);
    expect(seen).toEqual([0, 1, 4]);
    expect(r.http.requests.map((q) => requestIdOf(q.url))).toEqual(['a1', 'b1', 'b2']);
  });

  it('an invalid request fails at once, onResult sees it, and the others still go', () => {
    const r = rig(scripted([(q) => created(spaceOfUrl(q.url), 1)]));
    const seen: Array<[number, string]> = [];
    const results = r.client.sendAll(
      [{ ...request('S1', 'a'), message: {} }, request('S1', 'b')],
      (index, result) => {
        seen.push([index, result.ok ? 'ok' : result.kind]);
      },
    );
    expect(results.map((x) => x && (x.ok ? 'ok' : x.kind))).toEqual(['invalid', 'ok']);
    expect(seen).toEqual([
      [0, 'invalid'],
      [1, 'ok'],
    ]);
    expect(r.http.requests).toHaveLength(1);
  });

  it('starts each space when its own wait is over: a Retry-After neither holds up nor hurries the others', () => {
    let limited = false;
    const r = rig((q) => {
      if (spaceOfUrl(q.url) === 'S1' && !limited) {
        limited = true;
        return chatError(429, 'Quota', { 'Retry-After': '5' });
      }
      return created(spaceOfUrl(q.url), 1);
    });
    const results = r.client.sendAll([
      request('S1', 'a1'),
      request('S2', 'b1'),
      request('S2', 'b2'),
      request('S2', 'b3'),
    ]);
    expect(results.map((x) => x && x.ok)).toEqual([true, true, true, true]);
    expect(ids(r)).toEqual(['a1', 'b1', 'b2', 'b3', 'a1']);
    const at = r.http.requests.map((q) => q.at);
    expect(at[2] - at[1]).toBeLessThan(1500);
    expect(at[4] - at[0]).toBeGreaterThanOrEqual(5000);
  });

  it('send goes through fetch, one request at a time', () => {
    const r = rig(scripted([created('S', 1)]));
    const fetchAll = jest.spyOn(r.http, 'fetchAll');
    r.send();
    expect(fetchAll).not.toHaveBeenCalled();
  });
});
