import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ChatStore,
  MAX_MESSAGE_BYTES,
  type EmulatorRequest,
  type EmulatorResponse,
} from '../../local/chat-emulator/store';
import {
  OUTPUT_ONLY_MESSAGE_FIELDS,
  validateMessageBody,
} from '../../local/chat-emulator/message-schema';

const CARDS_DIR = path.resolve(__dirname, '../fixtures/chat-api/cards');
const ORIGIN = 'https://chat.googleapis.com';

interface Harness {
  store: ChatStore;
  clock: { t: number };
  advance(ms: number): void;
  webhook: ReturnType<ChatStore['registerWebhook']>;
  post(
    body: unknown,
    query?: Record<string, string>,
    overrides?: Partial<EmulatorRequest>,
  ): EmulatorResponse;
}

function harness(space = 'AAAAspace1'): Harness {
  const clock = { t: Date.UTC(2025, 0, 15, 9, 0, 0) };
  const store = new ChatStore({ now: () => clock.t });
  const webhook = store.registerWebhook(space, 'Relay Bot');
  const post: Harness['post'] = (body, query = {}, overrides = {}) => {
    const url = new URL(webhook.url(ORIGIN));
    const q: Record<string, string> = Object.fromEntries(url.searchParams);
    const response = store.handle({
      method: 'POST',
      path: url.pathname,
      query: { ...q, ...query },
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...overrides,
    });
    // Each create consumes the per-space quota: step past it by default.
    clock.t += 1000;
    return response;
  };
  return { store, clock, advance: (ms) => (clock.t += ms), webhook, post };
}

/** The fields these tests read from a success (Message) or error (google.rpc.Status) body. */
interface ResponseJson {
  name: string;
  text?: string;
  argumentText?: string;
  createTime: string;
  cardsV2?: unknown[];
  threadReply: boolean;
  sender: { name: string; displayName: string; type: string };
  thread: { name: string; threadKey?: string };
  space: { name: string };
  error: { code: number; message: string; status: string };
}

function json(response: EmulatorResponse): ResponseJson {
  return JSON.parse(response.body) as ResponseJson;
}

function expectRpcError(response: EmulatorResponse, code: number, status: string): string {
  expect(response.status).toBe(code);
  expect(response.headers['content-type']).toBe('application/json; charset=UTF-8');
  const body = json(response);
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(body.error.status).toBe(status);
  expect(typeof body.error.message).toBe('string');
  return body.error.message as string;
}

const FALLBACK = { messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' };
const OR_FAIL = { messageReplyOption: 'REPLY_MESSAGE_OR_FAIL' };

describe('ChatStore: webhook URL, auth and routing', () => {
  test('registerWebhook builds a Chat-shaped URL with key and a random token', () => {
    const { store, webhook } = harness();
    const other = store.registerWebhook('spaces/AAAAspace1');
    expect(webhook.space).toBe('AAAAspace1');
    expect(other.token).not.toBe(webhook.token);
    expect(webhook.token.length).toBeGreaterThanOrEqual(32);
    const url = new URL(webhook.url('http://127.0.0.1:9'));
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9/v1/spaces/AAAAspace1/messages');
    expect(url.searchParams.get('key')).toBe('AIzaSy-local-emulator-key');
    expect(url.searchParams.get('token')).toBe(webhook.token);
  });

  test('a custom apiKey is used in URLs and checked', () => {
    const store = new ChatStore({ now: () => 0, apiKey: 'AIzaSy-custom' });
    const hook = store.registerWebhook('S');
    expect(hook.url('http://h')).toContain('key=AIzaSy-custom');
  });

  test('missing or bad key -> 400 INVALID_ARGUMENT "API key not valid"', () => {
    const h = harness();
    for (const key of ['', 'AIzaSy-wrong']) {
      const message = expectRpcError(h.post({ text: 'x' }, { key }), 400, 'INVALID_ARGUMENT');
      expect(message).toBe('API key not valid. Please pass a valid API key.');
    }
    const url = new URL(h.webhook.url(ORIGIN));
    const noKey = h.store.handle({
      method: 'POST',
      path: url.pathname,
      query: { token: h.webhook.token },
      body: '{"text":"x"}',
    });
    expectRpcError(noKey, 400, 'INVALID_ARGUMENT');
    expect(h.store.stats().creates).toBe(0);
  });

  test('bad or missing token -> 403 PERMISSION_DENIED', () => {
    const h = harness();
    expectRpcError(h.post({ text: 'x' }, { token: 'nope' }), 403, 'PERMISSION_DENIED');
    // A token registered for another space does not open this one.
    const foreign = h.store.registerWebhook('AAAAother');
    expectRpcError(h.post({ text: 'x' }, { token: foreign.token }), 403, 'PERMISSION_DENIED');
  });

  test('unknown space -> 404 NOT_FOUND JSON', () => {
    const h = harness();
    const response = h.post({ text: 'x' }, {}, { path: '/v1/spaces/AAAAmissing/messages' });
    expectRpcError(response, 404, 'NOT_FOUND');
  });

  test('wrong path or method -> 404 with Google HTML page', () => {
    const h = harness();
    const cases: Partial<EmulatorRequest>[] = [
      { path: '/v1/spaces/AAAAspace1/message' },
      { path: '/v2/spaces/AAAAspace1/messages' },
      { path: '/' },
      { method: 'GET' },
      { method: 'PUT' },
    ];
    for (const override of cases) {
      const response = h.post({ text: 'x' }, {}, override);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(response.body).toContain('Error 404 (Not Found)!!1');
    }
    const xss = h.post({}, {}, { path: '/<script>alert(1)</script>' });
    expect(xss.body).not.toContain('<script>');
    expect(h.store.stats().creates).toBe(0);
  });

  test('unknown query parameters are rejected like Google front ends do', () => {
    const h = harness();
    const message = expectRpcError(
      h.post({ text: 'x' }, { cacheBust: '1' }),
      400,
      'INVALID_ARGUMENT',
    );
    expect(message).toContain('Unknown name "cacheBust": Cannot bind query parameter');
  });

  test('invalid messageReplyOption -> 400', () => {
    const h = harness();
    const message = expectRpcError(
      h.post({ text: 'x' }, { messageReplyOption: 'REPLY' }),
      400,
      'INVALID_ARGUMENT',
    );
    expect(message).toContain("'message_reply_option'");
  });
});

describe('ChatStore: body validation', () => {
  test('non-JSON body -> 400 "Invalid JSON payload received. Unexpected token"', () => {
    const h = harness();
    const message = expectRpcError(h.post('{"text": hi}'), 400, 'INVALID_ARGUMENT');
    expect(message.startsWith('Invalid JSON payload received. Unexpected token')).toBe(true);
  });

  test('form-encoded body (UrlFetchApp without contentType) -> 400', () => {
    const h = harness();
    const response = h.post(
      'text=hello',
      {},
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    );
    const message = expectRpcError(response, 400, 'INVALID_ARGUMENT');
    expect(message).toContain('Unknown name "text": Cannot bind query parameter');
  });

  test('unknown fields -> Chat wording, top level and nested', () => {
    const h = harness();
    let message = expectRpcError(h.post({ text: 'x', foo: 1 }), 400, 'INVALID_ARGUMENT');
    expect(message).toBe(
      `Invalid JSON payload received. Unknown name "foo" at 'message': Cannot find field.`,
    );
    message = expectRpcError(
      h.post({ text: 'x', thread: { threadKey: 'k', key: 'k' } }),
      400,
      'INVALID_ARGUMENT',
    );
    expect(message).toBe(
      `Invalid JSON payload received. Unknown name "key" at 'message.thread': Cannot find field.`,
    );
    // snake_case is not the JSON name: rejected (Chat may accept it; the emulator is strict).
    expect(validateMessageBody({ text: 'x', cards_v2: [] })[0]).toContain(
      'Unknown name "cards_v2"',
    );
  });

  test('errors inside cards carry the proto path', () => {
    const errors = validateMessageBody({
      cardsV2: [{ cardId: 'c', card: { header: { title: 'T', colour: 'red' } } }],
    });
    expect(errors).toEqual([
      `Invalid JSON payload received. Unknown name "colour" at 'message.cards_v2[0].card.header': Cannot find field.`,
    ]);
  });

  test('type and enum errors', () => {
    expect(validateMessageBody({ text: 5 })).toEqual([
      "Invalid value at 'message.text' (TYPE_STRING), 5",
    ]);
    expect(
      validateMessageBody({
        cardsV2: [{ card: { header: { title: 'T', imageType: 'ROUND' } } }],
      })[0],
    ).toContain("Invalid value at 'message.cards_v2[0].card.header.image_type'");
    expect(validateMessageBody({ cardsV2: {} })[0]).toContain("'message.cards_v2'");
    expect(validateMessageBody([])[0]).toContain('cannot start list');
    expect(validateMessageBody({ text: 'x', thread: null })).toEqual([]);
  });

  test('output-only fields are listed from the discovery doc and rejected', () => {
    expect(OUTPUT_ONLY_MESSAGE_FIELDS).toEqual(
      expect.arrayContaining(['sender', 'annotations', 'formattedText', 'argumentText', 'space']),
    );
    // createTime is "Optional. Immutable" (import mode), not output only.
    expect(OUTPUT_ONLY_MESSAGE_FIELDS).not.toContain('createTime');
    expect(OUTPUT_ONLY_MESSAGE_FIELDS).not.toContain('text');
    const h = harness();
    for (const field of ['sender', 'annotations', 'formattedText']) {
      const message = expectRpcError(
        h.post({ text: 'x', [field]: field === 'sender' ? { displayName: 'Me' } : [] }),
        400,
        'INVALID_ARGUMENT',
      );
      expect(message).toContain(`"${field}" at 'message'`);
      expect(message).toContain('output only');
    }
    expect(validateMessageBody({ text: 'x', createTime: '2024-01-01T00:00:00Z' })).toEqual([]);
    expect(validateMessageBody({ text: 'x', createTime: 'yesterday' })[0]).toContain(
      "'message.create_time'",
    );
    // Accepted, but the emulator stamps its own creation time.
    const ok = h.post({ text: 'x', createTime: '2001-01-01T00:00:00Z' });
    expect(ok.status).toBe(200);
    expect(json(ok).createTime).not.toBe('2001-01-01T00:00:00Z');
  });

  test('text limit 4096 characters (code points)', () => {
    const h = harness();
    expect(h.post({ text: 'a'.repeat(4096) }).status).toBe(200);
    expect(h.post({ text: '😀'.repeat(4096) }).status).toBe(200);
    expectRpcError(h.post({ text: 'a'.repeat(4097) }), 400, 'INVALID_ARGUMENT');
  });

  test('body limit 32,000 UTF-8 bytes', () => {
    const h = harness();
    const card = (filler: string) => ({
      cardsV2: [
        { cardId: 'c', card: { sections: [{ widgets: [{ textParagraph: { text: filler } }] }] } },
      ],
    });
    const overhead = JSON.stringify(card('')).length;
    expect(h.post(card('a'.repeat(MAX_MESSAGE_BYTES - overhead))).status).toBe(200);
    const message = expectRpcError(
      h.post(card('a'.repeat(MAX_MESSAGE_BYTES - overhead + 1))),
      400,
      'INVALID_ARGUMENT',
    );
    expect(message).toContain('32000');
    // Multi-byte characters count in bytes: 'é' is 2 bytes.
    expectRpcError(h.post(card('é'.repeat(16000))), 400, 'INVALID_ARGUMENT');
  });

  test('empty message -> 400', () => {
    const h = harness();
    for (const body of [{}, { text: '' }, { cardsV2: [] }, { thread: { threadKey: 'k' } }, '']) {
      const message = expectRpcError(h.post(body), 400, 'INVALID_ARGUMENT');
      expect(message).toMatch(/^Message cannot be empty/);
    }
    expect(h.store.stats().creates).toBe(0);
  });

  test('several cards need a cardId each', () => {
    const h = harness();
    const card = { header: { title: 'T' } };
    expectRpcError(h.post({ cardsV2: [{ card }, { card }] }), 400, 'INVALID_ARGUMENT');
    expect(
      h.post({
        cardsV2: [
          { cardId: 'a', card },
          { cardId: 'b', card },
        ],
      }).status,
    ).toBe(200);
  });

  describe('card fixtures from test/fixtures/chat-api/cards', () => {
    const files = fs.readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'));
    test('there are fixtures', () => expect(files.length).toBeGreaterThanOrEqual(3));
    test.each(files)('%s is schema-valid and accepted', (file) => {
      const body = JSON.parse(fs.readFileSync(path.join(CARDS_DIR, file), 'utf8'));
      expect(validateMessageBody(body)).toEqual([]);
      const h = harness();
      const response = h.post(body, FALLBACK);
      expect(response.status).toBe(200);
      const message = json(response);
      expect(message.cardsV2).toEqual(body.cardsV2);
      expect(message.thread.name).toMatch(/^spaces\/AAAAspace1\/threads\/[\w-]+$/);
    });
    test('samples-avatar-card sets card.name, a Workspace add-ons field: known to the schema, so Chat accepts it', () => {
      const body = JSON.parse(
        fs.readFileSync(path.join(CARDS_DIR, 'samples-avatar-card.json'), 'utf8'),
      );
      expect(body.cardsV2[0].card.name).toBe('Avatar Card');
      expect(validateMessageBody(body)).toEqual([]);
    });
  });
});

describe('ChatStore: success response', () => {
  test('200 with the created Message (name, sender, thread, space, createTime)', () => {
    const h = harness();
    const response = h.post({ text: 'Hello *world*' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=UTF-8');
    const m = json(response);
    expect(m.name).toMatch(/^spaces\/AAAAspace1\/messages\/[\w-]+\.[\w-]+$/);
    expect(m.thread.name).toMatch(/^spaces\/AAAAspace1\/threads\/[\w-]+$/);
    expect(m.sender).toEqual({
      name: expect.stringMatching(/^users\/\d+$/),
      displayName: 'Relay Bot',
      type: 'BOT',
    });
    expect(m.space.name).toBe('spaces/AAAAspace1');
    expect(m.text).toBe('Hello *world*');
    expect(m.argumentText).toBe('Hello *world*');
    expect(m.createTime).toBe('2025-01-15T09:00:00.000Z');
    expect(m.threadReply).toBe(false);
    const [view] = h.store.messages('AAAAspace1');
    expect(view.name).toBe(m.name);
    expect(view.request).toEqual({ text: 'Hello *world*' });
  });

  test('messageId (client-…) names the message; duplicates -> 409', () => {
    const h = harness();
    const m = json(h.post({ text: 'x' }, { messageId: 'client-row-1' }));
    expect(m.name).toBe('spaces/AAAAspace1/messages/client-row-1');
    expectRpcError(h.post({ text: 'x' }, { messageId: 'client-row-1' }), 409, 'ALREADY_EXISTS');
    expectRpcError(h.post({ text: 'x' }, { messageId: 'row-1' }), 400, 'INVALID_ARGUMENT');
  });
});

describe('ChatStore: threads', () => {
  test('no messageReplyOption: new thread every time, threadKey ignored', () => {
    const h = harness();
    const a = json(h.post({ text: 'a', thread: { threadKey: 'row-1' } }));
    const b = json(h.post({ text: 'b', thread: { threadKey: 'row-1' } }));
    expect(a.thread.name).not.toBe(b.thread.name);
    expect(a.thread.threadKey).toBeUndefined();
    expect(h.store.threads('AAAAspace1')).toHaveLength(2);
    // An unspecified option behaves the same.
    const c = json(
      h.post(
        { text: 'c', thread: { threadKey: 'row-1' } },
        { messageReplyOption: 'MESSAGE_REPLY_OPTION_UNSPECIFIED' },
      ),
    );
    expect(h.store.threads('AAAAspace1').map((t) => t.name)).toContain(c.thread.name);
    expect(h.store.threads('AAAAspace1')).toHaveLength(3);
  });

  test('REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD: starts a keyed thread, then replies into it', () => {
    const h = harness();
    const root = json(h.post({ text: 'root', thread: { threadKey: 'row-1' } }, FALLBACK));
    const r1 = json(h.post({ text: 'r1', thread: { threadKey: 'row-1' } }, FALLBACK));
    const r2 = json(h.post({ text: 'r2', thread: { threadKey: 'row-1' } }, FALLBACK));
    const other = json(h.post({ text: 'other', thread: { threadKey: 'row-2' } }, FALLBACK));
    expect(root.thread).toEqual({ name: expect.any(String), threadKey: 'row-1' });
    expect(r1.thread.name).toBe(root.thread.name);
    expect(r2.thread.name).toBe(root.thread.name);
    expect(other.thread.name).not.toBe(root.thread.name);
    expect([root.threadReply, r1.threadReply, r2.threadReply]).toEqual([false, true, true]);
    const threads = h.store.threads('AAAAspace1');
    expect(threads.map((t) => t.threadKey)).toEqual(['row-1', 'row-2']);
    expect(threads[0].messages.map((m) => m.text)).toEqual(['root', 'r1', 'r2']);
  });

  test('thread keys are per space', () => {
    const h = harness();
    const second = h.store.registerWebhook('AAAAspace2');
    const a = json(h.post({ text: 'a', thread: { threadKey: 'k' } }, FALLBACK));
    const b = json(
      h.post(
        { text: 'b', thread: { threadKey: 'k' } },
        { ...FALLBACK, token: second.token },
        {
          path: '/v1/spaces/AAAAspace2/messages',
        },
      ),
    );
    expect(b.thread.name.startsWith('spaces/AAAAspace2/')).toBe(true);
    expect(b.threadReply).toBe(false);
    expect(a.threadReply).toBe(false);
  });

  test('thread keys belong to the Chat app (webhook) that set them', () => {
    const h = harness();
    const otherApp = h.store.registerWebhook('AAAAspace1', 'Other app');
    const a = json(h.post({ text: 'a', thread: { threadKey: 'k' } }, FALLBACK));
    const b = json(
      h.post({ text: 'b', thread: { threadKey: 'k' } }, { ...FALLBACK, token: otherApp.token }),
    );
    expect(b.thread.name).not.toBe(a.thread.name);
    expect(b.sender.displayName).toBe('Other app');
  });

  test('REPLY_MESSAGE_OR_FAIL: replies to a known key, 404 NOT_FOUND for an unknown one', () => {
    const h = harness();
    expectRpcError(h.post({ text: 'x', thread: { threadKey: 'nope' } }, OR_FAIL), 404, 'NOT_FOUND');
    expect(h.store.messages('AAAAspace1')).toHaveLength(0);
    const root = json(h.post({ text: 'root', thread: { threadKey: 'k' } }, FALLBACK));
    const reply = json(h.post({ text: 'reply', thread: { threadKey: 'k' } }, OR_FAIL));
    expect(reply.thread.name).toBe(root.thread.name);
    expect(reply.threadReply).toBe(true);
  });

  test('thread.name replies into an existing thread (with an option)', () => {
    const h = harness();
    const root = json(h.post({ text: 'root' }));
    const reply = json(h.post({ text: 'reply', thread: { name: root.thread.name } }, OR_FAIL));
    expect(reply.thread.name).toBe(root.thread.name);
    const fallback = json(h.post({ text: 'r2', thread: { name: root.thread.name } }, FALLBACK));
    expect(fallback.thread.name).toBe(root.thread.name);
    // Without an option the name is ignored too: new thread.
    const fresh = json(h.post({ text: 'fresh', thread: { name: root.thread.name } }));
    expect(fresh.thread.name).not.toBe(root.thread.name);
    // Unknown thread name: OR_FAIL -> 404, FALLBACK -> new thread.
    const unknown = { thread: { name: 'spaces/AAAAspace1/threads/doesNotExist' } };
    expectRpcError(h.post({ text: 'x', ...unknown }, OR_FAIL), 404, 'NOT_FOUND');
    const created = json(h.post({ text: 'x', ...unknown }, FALLBACK));
    expect(created.thread.name).not.toBe(unknown.thread.name);
    expect(h.store.threads('AAAAspace1')[0].messages.map((m) => m.text)).toEqual([
      'root',
      'reply',
      'r2',
    ]);
  });

  test('deprecated threadKey query parameter: works as the key, but is recorded', () => {
    const h = harness();
    expect(h.store.stats().deprecatedThreadKeyParam).toBe(false);
    const a = json(h.post({ text: 'a' }, { threadKey: 'legacy', ...FALLBACK }));
    const b = json(h.post({ text: 'b', thread: { threadKey: 'legacy' } }, FALLBACK));
    expect(b.thread.name).toBe(a.thread.name);
    const c = json(h.post({ text: 'c' }, { threadKey: 'legacy' }));
    expect(c.thread.name).toBe(a.thread.name);
    const stats = h.store.stats();
    expect(stats.deprecatedThreadKeyParam).toBe(true);
    expect(stats.deprecatedThreadKeyParamCount).toBe(2);
  });
});

describe('ChatStore: requestId and quota', () => {
  test('a repeated requestId returns the existing message without creating or using quota', () => {
    const h = harness();
    const first = h.post({ text: 'once' }, { requestId: 'row-7-v1' });
    h.clock.t -= 1000; // immediately after: a new create would be over quota
    const again = h.post({ text: 'once (retry)' }, { requestId: 'row-7-v1' });
    expect(again.status).toBe(200);
    expect(again.body).toBe(first.body);
    expect(h.store.messages('AAAAspace1')).toHaveLength(1);
    const stats = h.store.stats();
    expect(stats.creates).toBe(1);
    expect(stats.deduplicated).toBe(1);
    expect(stats.rejected429).toBe(0);
    // requestIds are per space.
    const second = h.store.registerWebhook('AAAAspace2');
    const other = h.post(
      { text: 'x' },
      { requestId: 'row-7-v1', token: second.token },
      {
        path: '/v1/spaces/AAAAspace2/messages',
      },
    );
    expect(json(other).name).not.toBe(json(first).name);
  });

  test('one create per second per space, across webhooks; 429 then recovery', () => {
    const clock = { t: 5_000 };
    const store = new ChatStore({ now: () => clock.t });
    const a = store.registerWebhook('S', 'A');
    const b = store.registerWebhook('S', 'B');
    const other = store.registerWebhook('T');
    const send = (hook: typeof a, text: string) => {
      const url = new URL(hook.url(ORIGIN));
      return store.handle({
        method: 'POST',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: JSON.stringify({ text }),
      });
    };
    expect(send(a, '1').status).toBe(200);
    clock.t += 999;
    const limited = send(b, '2');
    const message = expectRpcError(limited, 429, 'RESOURCE_EXHAUSTED');
    expect(message).toBe('Resource has been exhausted (e.g. check quota).');
    expect(send(a, '3').status).toBe(429);
    expect(send(other, 'other space').status).toBe(200);
    clock.t += 1; // exactly 1 s after the last create in S
    expect(send(b, '4').status).toBe(200);
    const stats = store.stats();
    expect(stats.rejected429).toBe(2);
    expect(stats.creates).toBe(3);
    expect(stats.byStatus).toEqual({ '200': 3, '429': 2 });
    expect(store.messages('S').map((m) => m.text)).toEqual(['1', '4']);
  });

  test('quotaIntervalMs is configurable', () => {
    const clock = { t: 0 };
    const store = new ChatStore({ now: () => clock.t, quotaIntervalMs: 0 });
    const hook = store.registerWebhook('S');
    const url = new URL(hook.url(ORIGIN));
    const req = {
      method: 'POST',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: '{"text":"x"}',
    };
    expect(store.handle(req).status).toBe(200);
    expect(store.handle(req).status).toBe(200);
  });
});

describe('ChatStore: faults', () => {
  test('status fault with Retry-After, applied once by default, nothing stored', () => {
    const h = harness();
    h.store.injectFault({ status: 503, retryAfter: '7' });
    const faulted = h.post({ text: 'x' });
    expectRpcError(faulted, 503, 'UNAVAILABLE');
    expect(faulted.headers['retry-after']).toBe('7');
    expect(h.store.messages('AAAAspace1')).toHaveLength(0);
    expect(h.post({ text: 'x' }).status).toBe(200);
    expect(h.store.stats().faultsApplied).toBe(1);
  });

  test('times and space filters', () => {
    const h = harness();
    h.store.registerWebhook('AAAAother');
    h.store.injectFault({ status: 429, times: 2, space: 'spaces/AAAAspace1' });
    expect(h.post({ text: 'x' }, {}, { path: '/v1/spaces/AAAAother/messages' }).status).toBe(403);
    expect(h.post({ text: 'x' }).status).toBe(429);
    expect(h.post({ text: 'x' }).status).toBe(429);
    expect(h.post({ text: 'x' }).status).toBe(200);
    expect(h.store.stats().rejected429).toBe(0); // injected, not quota
    h.store.injectFault({ status: 500, times: 5 });
    h.store.clearFaults();
    expect(h.post({ text: 'x' }).status).toBe(200);
  });

  test('latency is reported for the transport to apply', () => {
    const h = harness();
    h.store.injectFault({ latencyMs: 1500 });
    const response = h.post({ text: 'slow' });
    expect(response.status).toBe(200);
    expect(response.latencyMs).toBe(1500);
    expect(h.post({ text: 'fast' }).latencyMs).toBeUndefined();
  });

  test("drop 'before-commit': nothing stored, connection to be dropped", () => {
    const h = harness();
    h.store.injectFault({ drop: 'before-commit' });
    const response = h.post({ text: 'lost' }, { requestId: 'r1' });
    expect(response.drop).toBe('before-commit');
    expect(h.store.messages('AAAAspace1')).toHaveLength(0);
    const retry = h.post({ text: 'lost' }, { requestId: 'r1' });
    expect(retry.status).toBe(200);
    expect(h.store.messages('AAAAspace1')).toHaveLength(1);
  });

  test("drop 'after-commit': stored, response lost; a retry with the same requestId dedupes", () => {
    const h = harness();
    h.store.injectFault({ drop: 'after-commit' });
    const response = h.post({ text: 'kept' }, { requestId: 'r1' });
    expect(response.drop).toBe('after-commit');
    expect(h.store.messages('AAAAspace1')).toHaveLength(1);
    const retry = h.post({ text: 'kept' }, { requestId: 'r1' });
    expect(retry.status).toBe(200);
    expect(retry.drop).toBeUndefined();
    expect(h.store.messages('AAAAspace1')).toHaveLength(1);
    // Without a requestId the retry duplicates, as in real Chat.
    h.store.injectFault({ drop: 'after-commit' });
    h.post({ text: 'dup' });
    h.post({ text: 'dup' });
    expect(h.store.messages('AAAAspace1').map((m) => m.text)).toEqual(['kept', 'dup', 'dup']);
    expect(h.store.stats().dropped).toBe(2);
  });

  test('invalid faults are refused', () => {
    const { store } = harness();
    expect(() => store.injectFault({ status: 200 })).toThrow();
    expect(() => store.injectFault({ drop: 'sometimes' as never })).toThrow();
    expect(() => store.injectFault({ status: 500, drop: 'after-commit' })).toThrow();
    expect(() => store.injectFault({ times: 0 })).toThrow();
  });
});

describe('ChatStore: read-back, stats and reset', () => {
  test('spaces/threads/messages are JSON-able copies', () => {
    const h = harness();
    h.post({ text: 'a', thread: { threadKey: 'k' } }, FALLBACK);
    h.post({ text: 'b', thread: { threadKey: 'k' } }, FALLBACK);
    const spaces = h.store.spaces();
    expect(spaces).toEqual([
      expect.objectContaining({
        name: 'spaces/AAAAspace1',
        space: 'AAAAspace1',
        threadCount: 1,
        messageCount: 2,
      }),
    ]);
    expect(spaces[0].webhooks[0].displayName).toBe('Relay Bot');
    const threads = h.store.threads('spaces/AAAAspace1');
    expect(JSON.parse(JSON.stringify(threads))).toEqual(threads);
    threads[0].messages[0].text = 'mutated';
    expect(h.store.messages('AAAAspace1')[0].text).toBe('a');
    expect(h.store.threads('AAAAnone')).toEqual([]);
    expect(h.store.stats().byReplyOption).toEqual({ REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD: 2 });
  });

  test('reset keeps webhooks by default, forgets them with {webhooks: true}', () => {
    const h = harness();
    h.post({ text: 'a' }, { requestId: 'r' });
    h.store.injectFault({ status: 500 });
    h.store.reset();
    expect(h.store.messages('AAAAspace1')).toEqual([]);
    expect(h.store.stats().creates).toBe(0);
    const again = h.post({ text: 'a' }, { requestId: 'r' });
    expect(again.status).toBe(200); // fault cleared, webhook still valid
    expect(h.store.stats().deduplicated).toBe(0);
    h.store.reset({ webhooks: true });
    expect(h.store.spaces()).toEqual([]);
    expectRpcError(h.post({ text: 'a' }), 404, 'NOT_FOUND');
  });
});
