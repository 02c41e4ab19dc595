/**
 * The emulator's state across runs: ChatStore.state() / ChatStore.restore(),
 * the state file (state.ts), the HTTP server's --state file, saved before a
 * create is answered, and the spawned child process keeping it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../local/chat-emulator/server';
import { spawnEmulator } from '../../local/chat-emulator/spawn';
import {
  checkState,
  readStateFile,
  writeStateFile,
  type EmulatorState,
} from '../../local/chat-emulator/state';
import { ChatStore, type EmulatorResponse } from '../../local/chat-emulator/store';

const ORIGIN = 'https://chat.googleapis.com';
const FALLBACK = 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-emulator-state-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Posted {
  name: string;
  thread: { name: string; threadKey?: string };
  threadReply: boolean;
}

/** POSTs through ChatStore.handle with a webhook URL, stepping a fake clock past the quota. */
function poster(store: ChatStore, clock: { t: number }, url: string) {
  return (body: unknown, query: Record<string, string> = {}): EmulatorResponse => {
    clock.t += 1000;
    const parsed = new URL(url);
    return store.handle({
      method: 'POST',
      path: parsed.pathname,
      query: { ...Object.fromEntries(parsed.searchParams), ...query },
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  };
}

const posted = (response: EmulatorResponse): Posted => {
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as Posted;
};

describe('ChatStore state', () => {
  function firstRun() {
    const clock = { t: Date.UTC(2026, 0, 5, 9) };
    const store = new ChatStore({ now: () => clock.t });
    const hook = store.registerWebhook('AAAAkept', 'Chat Relay');
    const post = poster(store, clock, hook.url(ORIGIN));
    const root = posted(
      post(
        { text: 'T-1 created', thread: { threadKey: 'key-1' } },
        { messageReplyOption: FALLBACK, requestId: 'req-1', messageId: 'client-one' },
      ),
    );
    return { clock, store, hook, root };
  }

  test('a restored store keeps webhooks, thread keys and messages: replies land in the old thread', () => {
    const { clock, store, hook, root } = firstRun();
    const state = JSON.parse(JSON.stringify(store.state())) as EmulatorState;

    const restored = ChatStore.restore(state, { now: () => clock.t });
    expect(restored.spaces()).toEqual(store.spaces());
    const again = restored.ensureWebhook('AAAAkept', 'Chat Relay');
    expect(again).toEqual(expect.objectContaining({ token: hook.token, reused: true }));
    const post = poster(restored, clock, again.url(ORIGIN));
    const reply = posted(
      post(
        { text: 'T-1 updated', thread: { threadKey: 'key-1' } },
        { messageReplyOption: FALLBACK, requestId: 'req-2' },
      ),
    );
    expect(reply.thread.name).toBe(root.thread.name);
    expect(reply.threadReply).toBe(true);
    const threads = restored.threads('AAAAkept');
    expect(threads).toHaveLength(1);
    expect(threads[0].messages.map((m) => [m.text, m.threadReply])).toEqual([
      ['T-1 created', false],
      ['T-1 updated', true],
    ]);
    // The store the state came from did not change.
    expect(store.messages('AAAAkept')).toHaveLength(1);
  });

  test('requestIds and client message ids used before the restore still count', () => {
    const { clock, store, root } = firstRun();
    const restored = ChatStore.restore(store.state(), { now: () => clock.t });
    const hook = restored.ensureWebhook('AAAAkept', 'Chat Relay');
    const post = poster(restored, clock, hook.url(ORIGIN));
    const retried = posted(
      post(
        { text: 'T-1 created', thread: { threadKey: 'key-1' } },
        { messageReplyOption: FALLBACK, requestId: 'req-1' },
      ),
    );
    expect(retried.name).toBe(root.name);
    expect(restored.stats().deduplicated).toBe(1);
    expect(post({ text: 'again' }, { messageId: 'client-one' }).status).toBe(409);
    expect(restored.messages('AAAAkept')).toHaveLength(1);
  });

  test("the state's API key is the restored store's key", () => {
    const clock = { t: 0 };
    const store = new ChatStore({ now: () => clock.t, apiKey: 'AIzaSy-saved-key' });
    const hook = store.registerWebhook('AAAAkey', 'Relay');
    const restored = ChatStore.restore(store.state(), { now: () => clock.t });
    expect(restored.apiKey).toBe('AIzaSy-saved-key');
    expect(posted(poster(restored, clock, hook.url(ORIGIN))({ text: 'x' })).name).toMatch(
      /^spaces\/AAAAkey\/messages\//,
    );
  });

  test('ensureWebhook registers a webhook when the space has none of that name', () => {
    const store = new ChatStore({ now: () => 0 });
    const first = store.ensureWebhook('AAAAnew', 'Chat Relay');
    expect(first.reused).toBe(false);
    const other = store.ensureWebhook('AAAAnew', 'Other');
    expect(other.token).not.toBe(first.token);
    expect(store.ensureWebhook('AAAAnew', 'Chat Relay').token).toBe(first.token);
    expect(store.spaces()[0].webhooks.map((w) => w.displayName)).toEqual(['Chat Relay', 'Other']);
  });

  test('onChange follows every change, before the create is answered, and nothing else', () => {
    const clock = { t: 0 };
    const seen: number[] = [];
    const store: ChatStore = new ChatStore({
      now: () => clock.t,
      onChange: () => seen.push(store.state().spaces[0]?.messages.length ?? -1),
    });
    const hook = store.registerWebhook('AAAAwatch', 'Relay');
    expect(seen).toEqual([0]);
    const post = poster(store, clock, hook.url(ORIGIN));
    posted(post({ text: 'one' }, { requestId: 'r' }));
    const createdAt = clock.t;
    expect(seen).toEqual([0, 1]);
    posted(post({ text: 'one' }, { requestId: 'r' })); // deduplicated: no change
    expect(post({ text: '' }).status).toBe(400);
    clock.t = createdAt - 500; // the poster steps 1000 ms: half a second after the create
    expect(post({ text: 'too soon' }).status).toBe(429);
    expect(seen).toEqual([0, 1]);
    store.reset();
    expect(seen).toEqual([0, 1, 0]);
  });

  test('checkState refuses what is not a state, naming the problem', () => {
    const valid = new ChatStore({ now: () => 0 }).state();
    expect(() => checkState({ spaces: [] })).toThrow(/not a Chat emulator state/);
    expect(() => checkState({ ...valid, version: 99 })).toThrow(/version 99 is not supported/);
    expect(() =>
      checkState({
        ...valid,
        spaces: [
          { id: 'S', displayName: 'S', webhooks: [{ token: 1 }], threads: [], messages: [] },
        ],
      }),
    ).toThrow('spaces[0].webhooks[0].token must be a string');
    const orphan = {
      ...valid,
      spaces: [
        {
          id: 'S',
          displayName: 'S',
          webhooks: [],
          threads: [],
          messages: [{ name: 'spaces/S/messages/m', thread: 'spaces/S/threads/t', createTime: '' }],
        },
      ],
    } as unknown as EmulatorState;
    expect(() => ChatStore.restore(orphan, { now: () => 0 })).toThrow(/unknown thread/);
  });
});

describe('state file', () => {
  test('round trip; a missing file is no state; a broken one is an error naming it', () => {
    const file = path.join(dir, 'book.xlsx.chat-emulator.json');
    expect(readStateFile(file)).toBeNull();
    const store = new ChatStore({ now: () => Date.UTC(2026, 1, 1) });
    store.registerWebhook('AAAAfile', 'Relay');
    writeStateFile(file, store.state());
    expect(readStateFile(file)).toEqual(store.state());
    expect(fs.readdirSync(dir)).toEqual(['book.xlsx.chat-emulator.json']);

    fs.writeFileSync(file, '{"format": ');
    expect(() => readStateFile(file)).toThrow(
      new RegExp(`^Cannot load the Chat emulator state ${file.replace(/[.]/g, '\\.')}: `),
    );
  });
});

describe('HTTP server with a state file', () => {
  async function post(url: string, body: unknown): Promise<Posted> {
    const response = await fetch(`${url}&messageReplyOption=${FALLBACK}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Posted;
  }

  async function register(origin: string, reuse: boolean) {
    const response = await fetch(`${origin}/__emulator/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ space: 'AAAAserved', displayName: 'Chat Relay', reuse }),
    });
    return {
      status: response.status,
      ...((await response.json()) as { url: string; token: string; reused: boolean }),
    };
  }

  test('saves each create before answering it; a restart continues the same space', async () => {
    const file = path.join(dir, 'state.json');
    const first = await startEmulator({ stateFile: file });
    let root: Posted;
    let token: string;
    try {
      expect(first.restored).toBe(false);
      const hook = await register(first.origin, true);
      expect([hook.status, hook.reused]).toEqual([201, false]);
      token = hook.token;
      root = await post(hook.url, { text: 'created', thread: { threadKey: 'k' } });
      // Already on disk when the answer arrived.
      const saved = readStateFile(file);
      expect(saved?.spaces[0].messages.map((m) => m.name)).toEqual([root.name]);
      expect(saved?.spaces[0].threads).toEqual([
        expect.objectContaining({ name: root.thread.name, threadKey: 'k', keyOwner: token }),
      ]);
    } finally {
      await first.close();
    }

    const second = await startEmulator({ stateFile: file });
    try {
      expect(second.restored).toBe(true);
      const hook = await register(second.origin, true);
      expect([hook.status, hook.reused, hook.token]).toEqual([200, true, token]);
      const reply = await post(hook.url, { text: 'updated', thread: { threadKey: 'k' } });
      expect([reply.thread.name, reply.threadReply]).toEqual([root.thread.name, true]);
      const saved = await (
        await fetch(`${second.origin}/__emulator/save`, { method: 'POST' })
      ).json();
      expect(saved).toEqual({ file, spaces: 1, messages: 2 });
      const state = (await (
        await fetch(`${second.origin}/__emulator/state`)
      ).json()) as EmulatorState;
      expect(state.spaces[0].messages.map((m) => m.threadReply)).toEqual([false, true]);
    } finally {
      await second.close();
    }
  });

  test('without a state file, POST /__emulator/save is a 409', async () => {
    const emulator = await startEmulator();
    try {
      const response = await fetch(`${emulator.origin}/__emulator/save`, { method: 'POST' });
      expect(response.status).toBe(409);
      expect(emulator.save()).toBeNull();
    } finally {
      await emulator.close();
    }
  });

  test('a state file that cannot be loaded stops the start, naming the file', async () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify({ format: 'something else' }));
    await expect(startEmulator({ stateFile: file })).rejects.toThrow(
      `Cannot load the Chat emulator state ${file}: not a Chat emulator state`,
    );
  });
});

describe('spawned emulator with a state file', () => {
  test('the child starts from the file, keeps it saved, and the webhook keeps its thread keys', async () => {
    const file = path.join(dir, 'child.json');
    const first = await spawnEmulator({ stateFile: file });
    let threadName: string;
    let token: string;
    try {
      const hook = await first.ensureWebhook('AAAAchild', 'Chat Relay');
      token = hook.token;
      const response = await fetch(`${hook.url}&messageReplyOption=${FALLBACK}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'root', thread: { threadKey: 'k' } }),
      });
      threadName = ((await response.json()) as Posted).thread.name;
    } finally {
      await first.close();
    }
    expect(readStateFile(file)?.spaces[0].threads.map((t) => t.name)).toEqual([threadName]);

    const second = await spawnEmulator({ stateFile: file });
    try {
      const hook = await second.ensureWebhook('AAAAchild', 'Chat Relay');
      expect([hook.token, hook.reused]).toEqual([token, true]);
      expect((await second.threads('AAAAchild')).map((t) => [t.name, t.threadKey])).toEqual([
        [threadName, 'k'],
      ]);
      expect(await second.save()).toEqual({ file, spaces: 1, messages: 1 });
    } finally {
      await second.close();
    }
  }, 60000);

  test('a state file that cannot be loaded: the child exits with a message naming it', async () => {
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, 'not json');
    await expect(spawnEmulator({ stateFile: file })).rejects.toThrow(
      `Cannot load the Chat emulator state ${file}`,
    );
  }, 60000);
});
