import { startEmulator, type RunningEmulator } from '../../local/chat-emulator/server';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(async () => {
  const reset = await fetch(`${emulator.origin}/__emulator/reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ webhooks: true }),
  });
  expect(reset.status).toBe(204);
});

async function register(space: string, displayName = 'Relay'): Promise<string> {
  const response = await fetch(`${emulator.origin}/__emulator/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ space, displayName }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { url: string; space: string; token: string };
  expect(body.space).toBe(space);
  return body.url;
}

function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify(body),
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('startEmulator listens on a random loopback port', () => {
  expect(emulator.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test('webhook round-trip: POST creates a message; read-back API shows it', async () => {
  const url = await register('AAAAround');
  expect(url.startsWith(`${emulator.origin}/v1/spaces/AAAAround/messages?key=`)).toBe(true);
  const response = await postJson(
    `${url}&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`,
    {
      text: 'Row 1 created',
      thread: { threadKey: 'row-1' },
    },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  const message = (await response.json()) as { name: string; thread: { name: string } };
  expect(message.name).toMatch(/^spaces\/AAAAround\/messages\//);

  await sleep(1000); // per-space quota: 1 create per second
  const reply = await postJson(`${url}&messageReplyOption=REPLY_MESSAGE_OR_FAIL`, {
    text: 'Row 1 updated',
    thread: { threadKey: 'row-1' },
  });
  expect(reply.status).toBe(200);
  expect(((await reply.json()) as { thread: { name: string } }).thread.name).toBe(
    message.thread.name,
  );

  const spaces = (await (await fetch(`${emulator.origin}/api/spaces`)).json()) as Array<{
    name: string;
    messageCount: number;
  }>;
  expect(spaces).toEqual([expect.objectContaining({ name: 'spaces/AAAAround', messageCount: 2 })]);
  const threads = (await (
    await fetch(`${emulator.origin}/api/spaces/AAAAround/threads`)
  ).json()) as Array<{
    name: string;
    threadKey: string;
    messages: Array<{ text: string; threadReply: boolean }>;
  }>;
  expect(threads).toHaveLength(1);
  expect(threads[0].name).toBe(message.thread.name);
  expect(threads[0].threadKey).toBe('row-1');
  expect(threads[0].messages.map((m) => [m.text, m.threadReply])).toEqual([
    ['Row 1 created', false],
    ['Row 1 updated', true],
  ]);
  const messages = (await (
    await fetch(`${emulator.origin}/api/spaces/AAAAround/messages`)
  ).json()) as Array<{
    name: string;
  }>;
  expect(messages[0].name).toBe(message.name);
  const missing = await fetch(`${emulator.origin}/api/spaces/AAAAnone/threads`);
  expect(missing.status).toBe(404);
});

test('errors keep the google.rpc.Status shape over HTTP', async () => {
  const url = await register('AAAAerrors');
  const badToken = await postJson(url.replace(/token=[^&]+/, 'token=wrong'), { text: 'x' });
  expect(badToken.status).toBe(403);
  expect(await badToken.json()).toEqual({
    error: { code: 403, message: expect.any(String), status: 'PERMISSION_DENIED' },
  });
  const badJson = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"text": ',
  });
  expect(badJson.status).toBe(400);
  const body = (await badJson.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(/^Invalid JSON payload received\. Unexpected token/);
  const unknown = await postJson(url, { text: 'x', foo: 1 });
  expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
    `Invalid JSON payload received. Unknown name "foo" at 'message': Cannot find field.`,
  );
});

test('wrong path or method -> HTML 404', async () => {
  const url = await register('AAAA404');
  for (const [target, method] of [
    [`${emulator.origin}/v1/spaces/AAAA404/nothing`, 'POST'],
    [url, 'GET'],
    [`${emulator.origin}/v1/unknown`, 'DELETE'],
  ] as const) {
    const response = await fetch(target, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain('Error 404 (Not Found)!!1');
  }
});

test('control endpoints: faults, stats, clear, reset', async () => {
  const url = await register('AAAActl');
  const inject = await fetch(`${emulator.origin}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 503, retryAfter: '2', times: 2 }),
  });
  expect(inject.status).toBe(204);
  const first = await postJson(url, { text: 'x' });
  expect(first.status).toBe(503);
  expect(first.headers.get('retry-after')).toBe('2');
  expect(((await first.json()) as { error: { status: string } }).error.status).toBe('UNAVAILABLE');
  const pending = (await (await fetch(`${emulator.origin}/__emulator/faults`)).json()) as unknown[];
  expect(pending).toEqual([expect.objectContaining({ status: 503, times: 1 })]);
  expect((await fetch(`${emulator.origin}/__emulator/faults`, { method: 'DELETE' })).status).toBe(
    204,
  );
  expect((await postJson(url, { text: 'x' })).status).toBe(200);
  const limited = await postJson(url, { text: 'too soon' });
  expect(limited.status).toBe(429);

  const stats = (await (await fetch(`${emulator.origin}/__emulator/stats`)).json()) as Record<
    string,
    unknown
  >;
  expect(stats).toEqual(
    expect.objectContaining({
      creates: 1,
      rejected429: 1,
      faultsApplied: 1,
      deprecatedThreadKeyParam: false,
    }),
  );

  const invalid = await fetch(`${emulator.origin}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ drop: 'never' }),
  });
  expect(invalid.status).toBe(400);
  const badRegister = await fetch(`${emulator.origin}/__emulator/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({}),
  });
  expect(badRegister.status).toBe(400);

  // reset without {webhooks:true} keeps the URL valid.
  expect((await fetch(`${emulator.origin}/__emulator/reset`, { method: 'POST' })).status).toBe(204);
  expect((await postJson(url, { text: 'after reset' })).status).toBe(200);
  const after = (await (await fetch(`${emulator.origin}/__emulator/stats`)).json()) as {
    creates: number;
  };
  expect(after.creates).toBe(1);
});

test("drop 'before-commit' really drops the connection, nothing stored", async () => {
  const url = await register('AAAAdrop1');
  await fetch(`${emulator.origin}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ drop: 'before-commit' }),
  });
  await expect(postJson(url, { text: 'lost' })).rejects.toThrow(/fetch failed/);
  expect(emulator.store.messages('AAAAdrop1')).toHaveLength(0);
});

test("drop 'after-commit' drops the connection but the message is stored", async () => {
  const url = await register('AAAAdrop2');
  emulator.store.injectFault({ drop: 'after-commit', latencyMs: 50 });
  const started = Date.now();
  await expect(postJson(`${url}&requestId=r-1`, { text: 'kept' })).rejects.toThrow(/fetch failed/);
  expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  expect(emulator.store.messages('AAAAdrop2').map((m) => m.text)).toEqual(['kept']);
  // The client's retry with the same requestId gets the stored message.
  const retry = await postJson(`${url}&requestId=r-1`, { text: 'kept' });
  expect(retry.status).toBe(200);
  expect(emulator.store.messages('AAAAdrop2')).toHaveLength(1);
});

test('latency fault delays the answer', async () => {
  const url = await register('AAAAslow');
  emulator.store.injectFault({ latencyMs: 300 });
  const started = Date.now();
  const response = await postJson(url, { text: 'slow' });
  expect(response.status).toBe(200);
  expect(Date.now() - started).toBeGreaterThanOrEqual(280);
});

test('bodies over 1 MB are refused before reaching the store', async () => {
  const url = await register('AAAAbig');
  const response = await postJson(url, { text: 'x'.repeat(1_100_000) });
  expect(response.status).toBe(413);
  expect(emulator.store.stats().requests).toBe(0);
  const large = await postJson(url, { text: 'x'.repeat(40_000) });
  expect(large.status).toBe(400); // reaches the store: over 32,000 bytes
});

test('GET / serves the preview page', async () => {
  const url = await register('AAAApreview', 'Preview Bot');
  await postJson(url, { text: 'hello <b>there</b>' });
  const response = await fetch(`${emulator.origin}/`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toContain('Preview Bot');
  expect(html).toContain('hello &lt;b&gt;there&lt;/b&gt;');
});

test('a second emulator on its own port with its own store', async () => {
  const other = await startEmulator({ port: 0 });
  try {
    expect(other.origin).not.toBe(emulator.origin);
    expect(other.store).not.toBe(emulator.store);
  } finally {
    await other.close();
  }
});
