import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { ChatClientOptions, createChatClient, SendResult } from '../../src/chat/client';
import { ChatMessage } from '../../src/chat/message-types';
import { parseWebhookUrl, WebhookUrl } from '../../src/chat/webhook-url';
import {
  created,
  expectNoSecrets,
  FakeChat,
  FakeClock,
  FakeHttp,
  FakeLogger,
  FakeOutcome,
  KEY,
  recordedBodyProblems,
  recordedBodies,
  rpcError,
  scriptedHttp,
  TOKEN,
  WEBHOOK,
} from './fakes';

const HTML_404 =
  '<!DOCTYPE html><html><title>Error 404 (Not Found)!!1</title><p>That’s an error.</p></html>';
const MESSAGE: ChatMessage = {
  text: 'Row 7 changed: *Open*',
  thread: { threadKey: 'sheet1-row-7' },
};

function webhook(raw = WEBHOOK): WebhookUrl {
  const r = parseWebhookUrl(raw);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

interface Rig {
  clock: FakeClock;
  http: FakeHttp;
  log: FakeLogger;
  send(message?: ChatMessage, requestId?: string): SendResult;
}

function rig(script: FakeOutcome[], options: ChatClientOptions = {}): Rig {
  const clock = new FakeClock();
  const http = scriptedHttp(clock, script, 200);
  const log = new FakeLogger();
  const client = createChatClient(http, clock, { random: () => 0.5, log, ...options });
  return {
    clock,
    http,
    log,
    send: (message = MESSAGE, requestId = 'req-1') =>
      client.send(webhook(), message, { requestId }),
  };
}

function requestIds(http: FakeHttp): string[] {
  return http.calls.map((_c, i) => new Map(http.query(i)).get('requestId') ?? '');
}

// Every body sent in this file must be a valid discovery `Message` (no unknown or output-only
// field), as checked by the emulator's validator.
afterAll(() => {
  expect(recordedBodies.length).toBeGreaterThan(20);
  expect(recordedBodyProblems()).toEqual([]);
});

it('the body validator is live: it rejects unknown and output-only fields', () => {
  expect(validateMessageBody({ text: 'x', sender: { name: 'users/1' } })).not.toEqual([]);
  expect(validateMessageBody({ text: 'x', threadKey: 'k' })).not.toEqual([]);
});

describe('request shape', () => {
  it('POSTs JSON to the endpoint with key, token, messageReplyOption and requestId', () => {
    const r = rig([created('AAAASpace1', 1)]);
    expect(r.send()).toEqual({
      ok: true,
      messageName: 'spaces/AAAASpace1/messages/m1',
      threadName: 'spaces/AAAASpace1/threads/t1',
      attempts: 1,
    });
    expect(r.http.calls).toHaveLength(1);
    const call = r.http.calls[0];
    expect(call.url.split('?')[0]).toBe(
      'https://chat.googleapis.com/v1/spaces/AAAASpace1/messages',
    );
    expect(r.http.query(0)).toEqual([
      ['key', KEY],
      ['token', TOKEN],
      ['messageReplyOption', 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD'],
      ['requestId', 'req-1'],
    ]);
    expect(call.params).toEqual({
      method: 'post',
      contentType: 'application/json; charset=UTF-8',
      payload: JSON.stringify(MESSAGE),
      muteHttpExceptions: true,
    });
    expect(JSON.parse(call.params.payload).thread).toEqual({ threadKey: 'sheet1-row-7' });
  });

  it('passes REPLY_MESSAGE_OR_FAIL through and never adds a threadKey parameter', () => {
    const clock = new FakeClock();
    const http = scriptedHttp(clock, [created('AAAASpace1', 1)]);
    const pasted = webhook(
      `${WEBHOOK}&threadKey=pasted&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`,
    );
    createChatClient(http, clock).send(pasted, MESSAGE, {
      requestId: 'r',
      replyOption: 'REPLY_MESSAGE_OR_FAIL',
    });
    const names = http.query(0).map(([n]) => n);
    expect(names).toEqual(['key', 'token', 'messageReplyOption', 'requestId']);
    expect(new Map(http.query(0)).get('messageReplyOption')).toBe('REPLY_MESSAGE_OR_FAIL');
  });

  it('sends card messages', () => {
    const r = rig([created('AAAASpace1', 1)]);
    const message: ChatMessage = {
      fallbackText: 'Case 7',
      cardsV2: [
        {
          cardId: 'row-7',
          card: {
            header: {
              title: 'Case 7',
              subtitle: 'Open',
              imageType: 'CIRCLE',
              imageUrl: 'https://x.io/a.png',
            },
            sections: [
              {
                header: 'Details',
                collapsible: true,
                uncollapsibleWidgetsCount: 1,
                widgets: [
                  {
                    decoratedText: {
                      topLabel: 'Owner',
                      text: 'Zoë &amp; co',
                      startIcon: { knownIcon: 'PERSON' },
                    },
                  },
                  { textParagraph: { text: '<b>Urgent</b>', maxLines: 3 } },
                  { divider: {} },
                  { image: { imageUrl: 'https://x.io/b.png', altText: 'chart' } },
                  {
                    buttonList: {
                      buttons: [
                        { text: 'Open', onClick: { openLink: { url: 'https://x.io/case/7' } } },
                      ],
                    },
                  },
                ],
              },
            ],
          },
        },
      ],
      thread: { threadKey: 'row-7' },
    };
    expect(r.send(message).ok).toBe(true);
  });
});

describe('invalid messages', () => {
  it.each<[string, ChatMessage, RegExp]>([
    ['empty', {}, /empty/],
    ['text too long', { text: 'x'.repeat(4097) }, /4097 characters; the limit is 4096/],
    ['thread key too long', { text: 'x', thread: { threadKey: 'k'.repeat(4001) } }, /4001/],
  ])('%s: fails as invalid without any HTTP call', (_name, message, expected) => {
    const r = rig([created('AAAASpace1', 1)]);
    const result = r.send(message);
    expect(result).toMatchObject({ ok: false, kind: 'invalid', httpStatus: null, attempts: 0 });
    if (!result.ok) expect(result.message).toMatch(expected);
    expect(r.http.calls).toHaveLength(0);
  });

  it('rejects an empty requestId', () => {
    const r = rig([created('AAAASpace1', 1)]);
    expect(r.send(MESSAGE, '')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(r.http.calls).toHaveLength(0);
  });
});

describe('transient failures', () => {
  it('honours Retry-After in seconds on 429', () => {
    const r = rig([
      rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', { 'Retry-After': '7' }),
      created('AAAASpace1', 1),
    ]);
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
    expect(r.clock.sleeps).toEqual([7000]);
    expect(r.http.calls[1].at - r.http.calls[0].at).toBe(7200); // 200 ms fetch + 7 s
  });

  it('honours Retry-After as an HTTP-date, header name in any case', () => {
    const clock = new FakeClock();
    const at = new Date(clock.now() + 12000).toUTCString();
    const http = scriptedHttp(clock, [
      rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota', { 'retry-after': at }),
      created('AAAASpace1', 1),
    ]);
    const result = createChatClient(http, clock).send(webhook(), MESSAGE, { requestId: 'r' });
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(http.calls[1].at).toBe(http.calls[0].at + 12000);
  });

  it('backs off with jitter on 429 without Retry-After', () => {
    const r = rig(
      [
        rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota'),
        rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota'),
        rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota'),
        created('AAAASpace1', 1),
      ],
      { random: () => 0.75, minIntervalMs: 0 },
    );
    expect(r.send()).toMatchObject({ ok: true, attempts: 4 });
    expect(r.clock.sleeps).toEqual([750, 1500, 3000]);
  });

  it.each([500, 502, 503, 504])('retries HTTP %d and succeeds', (code) => {
    const r = rig([rpcError(code, 'UNAVAILABLE', 'Try again'), created('AAAASpace1', 1)]);
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
    expect(requestIds(r.http)).toEqual(['req-1', 'req-1']);
  });

  it('retries an HTML 502 from a front end', () => {
    const r = rig([{ code: 502, body: '<html>Bad Gateway</html>' }, created('AAAASpace1', 1)]);
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
  });

  it('retries an exception thrown by fetch (network error, timeout)', () => {
    const r = rig([{ throw: 'Exception: Timeout: {url}' }, created('AAAASpace1', 1)]);
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
    expectNoSecrets(r.log.lines);
    expect(r.log.lines.join('\n')).toContain('Timeout');
  });

  it('gives up after maxAttempts with a transient failure naming the last error', () => {
    const r = rig([rpcError(503, 'UNAVAILABLE', 'The service is currently unavailable.')]);
    const result = r.send();
    expect(result).toEqual({
      ok: false,
      kind: 'transient',
      httpStatus: 503,
      chatStatus: 'UNAVAILABLE',
      message:
        'gave up after 5 attempts; last error: HTTP 503 UNAVAILABLE: The service is currently unavailable.',
      attempts: 5,
    });
    expect(r.http.calls).toHaveLength(5);
    expect(new Set(requestIds(r.http))).toEqual(new Set(['req-1']));
  });

  it('respects a smaller maxAttempts', () => {
    const r = rig([{ throw: 'Exception: Address unavailable: {url}' }], { maxAttempts: 2 });
    const result = r.send();
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: null, attempts: 2 });
    if (!result.ok)
      expect(result.message).toMatch(
        /^gave up after 2 attempts; last error: request failed: Exception: Address unavailable/,
      );
    expectNoSecrets(result, r.log.lines);
  });

  it('retries a 2xx whose body cannot be read, since the same requestId makes it safe', () => {
    const r = rig([{ code: 200, body: 'not json' }, created('AAAASpace1', 1)]);
    expect(r.send()).toMatchObject({ ok: true, attempts: 2 });
  });
});

describe('permanent failures', () => {
  it.each<[number, string, string]>([
    [400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "x"'],
    [401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'],
    [403, 'PERMISSION_DENIED', 'The caller does not have permission'],
    [404, 'NOT_FOUND', 'Requested entity was not found.'],
    [409, 'ALREADY_EXISTS', 'Message already exists'],
  ])("HTTP %d is permanent, with Chat's message, and is not retried", (code, status, text) => {
    const r = rig([rpcError(code, status, text), created('AAAASpace1', 1)]);
    expect(r.send()).toEqual({
      ok: false,
      kind: 'permanent',
      httpStatus: code,
      chatStatus: status,
      message: `HTTP ${code} ${status}: ${text}`,
      attempts: 1,
    });
    expect(r.http.calls).toHaveLength(1);
    expect(r.clock.sleeps).toEqual([]);
  });

  it('an HTML 404 is permanent and summarised', () => {
    const r = rig([{ code: 404, body: HTML_404 }]);
    expect(r.send()).toEqual({
      ok: false,
      kind: 'permanent',
      httpStatus: 404,
      chatStatus: null,
      message: 'HTTP 404 (non-JSON response)',
      attempts: 1,
    });
  });
});

describe('response lost after Chat committed the message', () => {
  it.each<[string, FakeOutcome]>([
    ['503', rpcError(503, 'UNAVAILABLE', 'Backend error')],
    ['an exception', { throw: 'Exception: Timeout: {url}' }],
    ['a 500 HTML page', { code: 500, body: '<html>oops</html>' }],
  ])(
    'after %s, the retry reuses the requestId and exactly one message exists',
    (_name, failure) => {
      const clock = new FakeClock();
      const chat = new FakeChat(clock, (attempt) => (attempt === 1 ? failure : null));
      const result = createChatClient(chat.http, clock).send(webhook(), MESSAGE, {
        requestId: 'sheet1:row7:v3',
      });
      expect(result).toEqual({
        ok: true,
        messageName: 'spaces/AAAASpace1/messages/m1',
        threadName: 'spaces/AAAASpace1/threads/x',
        attempts: 2,
      });
      expect(chat.http.calls).toHaveLength(2);
      expect(requestIds(chat.http)).toEqual(['sheet1:row7:v3', 'sheet1:row7:v3']);
      expect(chat.stored.size).toBe(1);
      expect(chat.http.calls[0].params.payload).toBe(chat.http.calls[1].params.payload);
    },
  );
});

describe('secrets', () => {
  it('never returns or logs the key or token, even when errors quote the URL', () => {
    const scenarios: FakeOutcome[][] = [
      [{ throw: 'Exception: Request failed for {url} returned code 500' }],
      [{ throw: `Exception: DNS error: ${TOKEN} ${KEY}` }],
      [rpcError(400, 'INVALID_ARGUMENT', `Invalid token ${TOKEN} for key ${KEY}`)],
      [rpcError(503, 'UNAVAILABLE', `upstream {url}`)],
      [
        {
          code: 401,
          body: `{"error":{"code":401,"message":"token=${TOKEN}","status":"UNAUTHENTICATED"}}`,
        },
      ],
    ];
    for (const script of scenarios) {
      const r = rig(script, { maxAttempts: 2 });
      const result = r.send();
      expect(result.ok).toBe(false);
      expectNoSecrets(result, r.log.lines);
    }
  });

  it('redacts a secret-bearing URL quoted by a UrlFetchApp-style exception in the result', () => {
    const clock = new FakeClock();
    // A fetcher that ignores muteHttpExceptions, like UrlFetchApp would if the flag were lost.
    const http = new FakeHttp(clock, () => ({
      throw: 'Exception: Request failed for {url} returned code 400.',
    }));
    const result = createChatClient(http, clock, { maxAttempts: 1 }).send(webhook(), MESSAGE, {
      requestId: 'r',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(
      'https://chat.googleapis.com/v1/spaces/AAAASpace1/messages?key=REDACTED&token=REDACTED',
    );
    expectNoSecrets(result);
  });

  it('the fake UrlFetchApp itself throws with the token when muteHttpExceptions is off', () => {
    const clock = new FakeClock();
    const http = new FakeHttp(clock, () => rpcError(400, 'INVALID_ARGUMENT', 'bad'));
    expect(() =>
      http.fetch(WEBHOOK, {
        method: 'post',
        contentType: 'x',
        payload: '{"text":"x"}',
        muteHttpExceptions: false,
      }),
    ).toThrow(TOKEN.slice(0, 10));
  });
});
