import { createChatClient } from '../../src/chat/client';
import { ChatMessage } from '../../src/chat/message-types';
import { parseWebhookUrl, WebhookUrl } from '../../src/chat/webhook-url';
import {
  created,
  FakeClock,
  FakeHttp,
  recordedBodyProblems,
  rpcError,
  scriptedHttp,
} from './fakes';

const MESSAGE: ChatMessage = { text: 'hello', thread: { threadKey: 'k' } };

function hook(space: string, key = 'k1', token = 't1'): WebhookUrl {
  const r = parseWebhookUrl(
    `https://chat.googleapis.com/v1/spaces/${space}/messages?key=${key}&token=${token}`,
  );
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function spaceOf(url: string): string {
  return /\/spaces\/([^/]+)\//.exec(url)?.[1] ?? '';
}

/** Smallest gap between the starts of two consecutive POSTs to the same space. */
function minGapPerSpace(http: FakeHttp): number {
  let min = Infinity;
  const last = new Map<string, number>();
  for (const call of http.calls) {
    const space = spaceOf(call.url);
    const prev = last.get(space);
    if (prev !== undefined) min = Math.min(min, call.at - prev);
    last.set(space, call.at);
  }
  return min;
}

afterAll(() => {
  expect(recordedBodyProblems()).toEqual([]);
});

describe('pacing', () => {
  it('spaces a burst of 10 sends to one space at least 1 s apart', () => {
    const clock = new FakeClock();
    const http = new FakeHttp(clock, (_c, i) => created('S1', i + 1), 150);
    const client = createChatClient(http, clock);
    const start = clock.now();
    for (let i = 0; i < 10; i++) {
      expect(client.send(hook('S1'), MESSAGE, { requestId: `r${i}` }).ok).toBe(true);
    }
    expect(http.calls).toHaveLength(10);
    expect(http.calls[9].at - start).toBeGreaterThanOrEqual(9000);
    expect(minGapPerSpace(http)).toBeGreaterThanOrEqual(1000);
  });

  it('keeps arrivals 1 s apart when network latency varies (paces from the end of each POST)', () => {
    const clock = new FakeClock();
    const arrivals: number[] = [];
    // Chat counts a create when the request arrives: here 0 ms or 400 ms into the fetch.
    const http = new FakeHttp(clock, (_c, i) => {
      clock.advance(i % 2 ? 400 : 0);
      arrivals.push(clock.now());
      return created('S1', i + 1);
    });
    const client = createChatClient(http, clock);
    for (let i = 0; i < 6; i++) client.send(hook('S1'), MESSAGE, { requestId: `r${i}` });
    for (let i = 1; i < arrivals.length; i++) {
      expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(1000);
    }
  });

  it('shares the pace between two webhooks of the same space', () => {
    const clock = new FakeClock();
    const http = new FakeHttp(clock, (_c, i) => created('S1', i + 1));
    const client = createChatClient(http, clock);
    const a = hook('S1', 'keyA', 'tokenA');
    const b = hook('S1', 'keyB', 'tokenB');
    for (let i = 0; i < 6; i++) client.send(i % 2 ? a : b, MESSAGE, { requestId: `r${i}` });
    expect(minGapPerSpace(http)).toBeGreaterThanOrEqual(1000);
    expect(http.calls[5].at - http.calls[0].at).toBeGreaterThanOrEqual(5000);
  });

  it('does not delay different spaces', () => {
    const clock = new FakeClock();
    const http = new FakeHttp(clock, (_c, i) => created('S', i + 1));
    const client = createChatClient(http, clock);
    for (const space of ['S1', 'S2', 'S3']) client.send(hook(space), MESSAGE, { requestId: space });
    expect(clock.sleeps).toEqual([]);
    client.send(hook('S1'), MESSAGE, { requestId: 'again' });
    expect(clock.sleeps).toEqual([1000]);
  });

  it('counts retries: a retry never comes within 1 s of the previous POST', () => {
    const clock = new FakeClock();
    const http = scriptedHttp(clock, [
      rpcError(503, 'UNAVAILABLE', 'x'),
      rpcError(503, 'UNAVAILABLE', 'x'),
      created('S1', 1),
    ]);
    const client = createChatClient(http, clock, { random: () => 0 });
    expect(client.send(hook('S1'), MESSAGE, { requestId: 'r' })).toMatchObject({
      ok: true,
      attempts: 3,
    });
    expect(minGapPerSpace(http)).toBeGreaterThanOrEqual(1000);
  });

  it('lasts for the client instance only', () => {
    const clock = new FakeClock();
    const http = new FakeHttp(clock, (_c, i) => created('S1', i + 1));
    createChatClient(http, clock).send(hook('S1'), MESSAGE, { requestId: 'a' });
    createChatClient(http, clock).send(hook('S1'), MESSAGE, { requestId: 'b' });
    expect(clock.sleeps).toEqual([]);
  });
});

describe('deadline', () => {
  it('does not wait for the pace when the wait would pass the deadline', () => {
    const clock = new FakeClock();
    const http = new FakeHttp(clock, (_c, i) => created('S1', i + 1));
    const client = createChatClient(http, clock, { attemptReserveMs: 0 });
    client.send(hook('S1'), MESSAGE, { requestId: 'a' });
    const result = client.send(hook('S1'), MESSAGE, {
      requestId: 'b',
      deadline: clock.now() + 500,
    });
    expect(result).toEqual({
      ok: false,
      kind: 'transient',
      httpStatus: null,
      chatStatus: null,
      message: 'time budget reached before the request could be sent',
      attempts: 0,
    });
    expect(http.calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('does not start an attempt that cannot finish before the deadline', () => {
    const clock = new FakeClock();
    const http = new FakeHttp(clock, () => created('S1', 1));
    const client = createChatClient(http, clock, { attemptReserveMs: 2000 });
    const result = client.send(hook('S1'), MESSAGE, {
      requestId: 'a',
      deadline: clock.now() + 1999,
    });
    expect(result).toMatchObject({ ok: false, kind: 'transient', attempts: 0 });
    expect(http.calls).toHaveLength(0);
  });

  it('does not sleep through a Retry-After longer than the time left', () => {
    const clock = new FakeClock();
    const http = scriptedHttp(clock, [
      rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota', { 'Retry-After': '30' }),
      created('S1', 1),
    ]);
    const client = createChatClient(http, clock);
    const deadline = clock.now() + 10000;
    const result = client.send(hook('S1'), MESSAGE, { requestId: 'a', deadline });
    expect(result).toEqual({
      ok: false,
      kind: 'transient',
      httpStatus: 429,
      chatStatus: 'RESOURCE_EXHAUSTED',
      message:
        'time budget reached before the next retry; last error: HTTP 429 RESOURCE_EXHAUSTED: Quota',
      attempts: 1,
    });
    expect(clock.sleeps).toEqual([]);
  });

  it('keeps every attempt and wait inside the deadline under persistent 503s', () => {
    const clock = new FakeClock();
    const http = scriptedHttp(clock, [rpcError(503, 'UNAVAILABLE', 'down')], 400);
    const client = createChatClient(http, clock, {
      random: () => 0.9,
      maxAttempts: 50,
      attemptReserveMs: 500,
    });
    const deadline = clock.now() + 20000;
    const result = client.send(hook('S1'), MESSAGE, { requestId: 'a', deadline });
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: 503 });
    if (!result.ok) expect(result.message).toMatch(/^time budget reached/);
    expect(http.calls.length).toBeGreaterThan(1);
    for (const call of http.calls) expect(call.at + 500).toBeLessThanOrEqual(deadline);
    expect(clock.now()).toBeLessThanOrEqual(deadline);
  });
});

describe('bounded total wait', () => {
  it('gives up at once when Retry-After exceeds the wait budget', () => {
    const clock = new FakeClock();
    const http = scriptedHttp(clock, [
      rpcError(429, 'RESOURCE_EXHAUSTED', 'Quota', { 'Retry-After': '120' }),
      created('S1', 1),
    ]);
    const result = createChatClient(http, clock).send(hook('S1'), MESSAGE, { requestId: 'a' });
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: 429, attempts: 1 });
    if (!result.ok)
      expect(result.message).toMatch(
        /^retry wait budget of 60000 ms reached; last error: HTTP 429/,
      );
    expect(clock.sleeps).toEqual([]);
  });

  it('never waits more than maxTotalWaitMs in one send', () => {
    const clock = new FakeClock();
    const http = scriptedHttp(clock, [rpcError(500, 'INTERNAL', 'boom')]);
    const client = createChatClient(http, clock, {
      random: () => 0.999,
      maxAttempts: 100,
      maxTotalWaitMs: 20000,
    });
    const result = client.send(hook('S1'), MESSAGE, { requestId: 'a' });
    expect(result).toMatchObject({ ok: false, kind: 'transient', httpStatus: 500 });
    if (!result.ok) expect(result.message).toMatch(/^retry wait budget of 20000 ms reached/);
    expect(clock.totalSlept()).toBeLessThanOrEqual(20000);
    expect(http.calls.length).toBeLessThan(100);
  });

  it('uses the default budget of 60 s with default settings', () => {
    const clock = new FakeClock();
    const http = scriptedHttp(clock, [rpcError(503, 'UNAVAILABLE', 'down')]);
    const client = createChatClient(http, clock, { random: () => 0.999, maxAttempts: 100 });
    client.send(hook('S1'), MESSAGE, { requestId: 'a' });
    expect(clock.totalSlept()).toBeLessThanOrEqual(60000);
    expect(clock.totalSlept()).toBeGreaterThan(30000);
  });
});

describe('pacing across runs', () => {
  it('with previousPostAt, the first POST to each space waits the interval after it', () => {
    const clock = new FakeClock();
    const lockTakenAt = clock.now();
    const http = new FakeHttp(clock, (_c, i) => created('S1', i + 1));
    const client = createChatClient(http, clock, { previousPostAt: lockTakenAt });
    client.send(hook('S1'), MESSAGE, { requestId: 'a' });
    client.send(hook('S2'), MESSAGE, { requestId: 'b' });
    expect(http.calls[0].at - lockTakenAt).toBeGreaterThanOrEqual(1000);
    expect(http.calls[1].at - lockTakenAt).toBeGreaterThanOrEqual(1000);
  });

  it('without it, the first POST goes at once', () => {
    const clock = new FakeClock();
    const start = clock.now();
    const http = new FakeHttp(clock, (_c, i) => created('S1', i + 1));
    createChatClient(http, clock).send(hook('S1'), MESSAGE, { requestId: 'a' });
    expect(http.calls[0].at).toBe(start);
  });
});
