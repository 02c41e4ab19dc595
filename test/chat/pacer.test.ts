import { FakeClock, type RecordedRequest } from '../../local/runtime';
import { createChatClient } from '../../src/chat/client';
import { ChatMessage } from '../../src/chat/message-types';
import { createSpacePacer } from '../../src/chat/pacer';
import {
  chatError,
  created,
  httpRig,
  scripted,
  spaceOfUrl,
  webhook,
  webhookUrl,
} from '../support/rig';

const MESSAGE: ChatMessage = { text: 'hello', thread: { threadKey: 'k' } };

function hook(space: string, key = 'k1', token = 't1') {
  return webhook(webhookUrl(space, key, token));
}

/** Smallest gap between the starts of two consecutive POSTs to the same space. */
function minGapPerSpace(requests: RecordedRequest[]): number {
  let min = Infinity;
  const last = new Map<string, number>();
  for (const request of requests) {
    const space = spaceOfUrl(request.url);
    const previous = last.get(space);
    if (previous !== undefined) min = Math.min(min, request.at - previous);
    last.set(space, request.at);
  }
  return min;
}

describe('createSpacePacer', () => {
  it('asks for no wait before the first POST to a space', () => {
    const pacer = createSpacePacer(new FakeClock(), 1000);
    expect(pacer.waitBefore('S1')).toBe(0);
  });

  it('waits out the interval after the last POST to the same space only', () => {
    const clock = new FakeClock();
    const pacer = createSpacePacer(clock, 1000);
    pacer.recordPost('S1');
    clock.advance(300);
    expect(pacer.waitBefore('S1')).toBe(700);
    expect(pacer.waitBefore('S2')).toBe(0);
    clock.advance(700);
    expect(pacer.waitBefore('S1')).toBe(0);
    clock.advance(5000);
    expect(pacer.waitBefore('S1')).toBe(0);
  });

  it('counts from the latest record (a POST recorded as it starts and again as it ends)', () => {
    const clock = new FakeClock();
    const pacer = createSpacePacer(clock, 1000);
    pacer.recordPost('S1');
    clock.advance(400);
    pacer.recordPost('S1');
    expect(pacer.waitBefore('S1')).toBe(1000);
  });

  it('takes previousPostAt as a POST to every space not posted to yet', () => {
    const clock = new FakeClock();
    const pacer = createSpacePacer(clock, 1000, clock.now() - 200);
    expect(pacer.waitBefore('S1')).toBe(800);
    expect(pacer.waitBefore('S2')).toBe(800);
    clock.advance(800);
    pacer.recordPost('S1');
    clock.advance(100);
    expect(pacer.waitBefore('S1')).toBe(900);
    expect(pacer.waitBefore('S2')).toBe(0);
  });
});

describe('pacing through the client', () => {
  it('spaces a burst of 10 sends to one space at least 1 s apart', () => {
    const r = httpRig(scripted([(_q, i) => created('S1', i + 1)]), 150);
    const client = createChatClient(r.http, r.time);
    const start = r.clock.now();
    for (let i = 0; i < 10; i++) {
      expect(client.send(hook('S1'), MESSAGE, { requestId: `r${i}` }).ok).toBe(true);
    }
    expect(r.http.requests).toHaveLength(10);
    expect(r.http.requests[9].at - start).toBeGreaterThanOrEqual(9000);
    expect(minGapPerSpace(r.http.requests)).toBeGreaterThanOrEqual(1000);
  });

  it('keeps arrivals 1 s apart when latency varies (paces from the end of each POST)', () => {
    const r = httpRig(
      scripted([(_q, i) => ({ ...created('S1', i + 1), latencyMs: i % 2 ? 400 : 0 })]),
    );
    const client = createChatClient(r.http, r.time);
    for (let i = 0; i < 6; i++) client.send(hook('S1'), MESSAGE, { requestId: `r${i}` });
    // Chat counts a create when it arrives, at worst at the end of the fetch.
    const ends = r.http.requests.map((q, i) => q.at + (i % 2 ? 400 : 0));
    for (let i = 1; i < ends.length; i++) {
      expect(r.http.requests[i].at - ends[i - 1]).toBeGreaterThanOrEqual(1000);
    }
  });

  it('shares the pace between two webhooks of the same space', () => {
    const r = httpRig(scripted([(_q, i) => created('S1', i + 1)]));
    const client = createChatClient(r.http, r.time);
    const a = hook('S1', 'keyA', 'tokenA');
    const b = hook('S1', 'keyB', 'tokenB');
    for (let i = 0; i < 6; i++) client.send(i % 2 ? a : b, MESSAGE, { requestId: `r${i}` });
    expect(minGapPerSpace(r.http.requests)).toBeGreaterThanOrEqual(1000);
    expect(r.http.requests[5].at - r.http.requests[0].at).toBeGreaterThanOrEqual(5000);
  });

  it('does not delay different spaces', () => {
    const r = httpRig(scripted([(q, i) => created(spaceOfUrl(q.url), i + 1)]), 0);
    const client = createChatClient(r.http, r.time);
    for (const space of ['S1', 'S2', 'S3']) client.send(hook(space), MESSAGE, { requestId: space });
    expect(r.time.sleeps).toEqual([]);
    client.send(hook('S1'), MESSAGE, { requestId: 'again' });
    expect(r.time.sleeps).toEqual([1000]);
  });

  it('counts retries: a retry never comes within 1 s of the previous POST', () => {
    const r = httpRig(scripted([chatError(503), chatError(503), created('S1', 1)]));
    const client = createChatClient(r.http, r.time, { random: () => 0 });
    expect(client.send(hook('S1'), MESSAGE, { requestId: 'r' })).toMatchObject({
      ok: true,
      attempts: 3,
    });
    expect(minGapPerSpace(r.http.requests)).toBeGreaterThanOrEqual(1000);
  });

  it('lasts for the client instance only', () => {
    const r = httpRig(scripted([(_q, i) => created('S1', i + 1)]), 0);
    createChatClient(r.http, r.time).send(hook('S1'), MESSAGE, { requestId: 'a' });
    createChatClient(r.http, r.time).send(hook('S1'), MESSAGE, { requestId: 'b' });
    expect(r.time.sleeps).toEqual([]);
  });

  it('with previousPostAt, the first POST to each space waits the interval after it', () => {
    const r = httpRig(scripted([(q, i) => created(spaceOfUrl(q.url), i + 1)]));
    const lockTakenAt = r.clock.now();
    const client = createChatClient(r.http, r.time, { previousPostAt: lockTakenAt });
    client.send(hook('S1'), MESSAGE, { requestId: 'a' });
    client.send(hook('S2'), MESSAGE, { requestId: 'b' });
    expect(r.http.requests[0].at - lockTakenAt).toBeGreaterThanOrEqual(1000);
    expect(r.http.requests[1].at - lockTakenAt).toBeGreaterThanOrEqual(1000);
  });

  it('without previousPostAt, the first POST goes at once', () => {
    const r = httpRig(scripted([created('S1', 1)]));
    const start = r.clock.now();
    createChatClient(r.http, r.time).send(hook('S1'), MESSAGE, { requestId: 'a' });
    expect(r.http.requests[0].at).toBe(start);
  });
});
