/**
 * The emulator's state as JSON, to keep a Chat space across runs (`npm start
 * -- --workbook my.xlsx` keeps it in `my.xlsx.chat-emulator.json`): the
 * spaces, their webhooks (token, name, sender), threads (name, key and the
 * webhook that owns the key) and messages (each with its requestId). Faults,
 * counters and the quota window are not state: they start afresh.
 *
 *   {
 *     "format": "chat-relay-emulator-state", "version": 1, "savedAt": ISO time,
 *     "apiKey": "AIzaSy-…",
 *     "spaces": [{
 *       "id": "AAAA", "displayName": "AAAA",
 *       "webhooks": [{ "token", "displayName", "senderName" }],
 *       "threads":  [{ "id", "name", "threadKey"?, "keyOwner"? (a webhook token), "createTime" }],
 *       "messages": [MessageView, …]   (creation order; "thread" names the thread)
 *     }]
 *   }
 *
 * Messages are stored once; each thread's message list, the requestId index
 * and the client message ids are rebuilt from them on load.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { emptySpace, threadKeyIndex, type MessageView, type Space, type Webhook } from './model';

export const STATE_FORMAT = 'chat-relay-emulator-state';
export const STATE_VERSION = 1;

export interface ThreadState {
  id: string;
  name: string;
  threadKey?: string;
  keyOwner?: string;
  createTime: string;
}

export interface SpaceState {
  id: string;
  displayName: string;
  webhooks: Webhook[];
  threads: ThreadState[];
  messages: MessageView[];
}

export interface EmulatorState {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  savedAt: string;
  apiKey: string;
  spaces: SpaceState[];
}

/** The state of `spaces` (deep copies: later changes to the store do not show in it). */
export function snapshotSpaces(
  spaces: Iterable<Space>,
  apiKey: string,
  now: number,
): EmulatorState {
  const state: EmulatorState = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    savedAt: new Date(now).toISOString(),
    apiKey,
    spaces: [...spaces].map((space) => ({
      id: space.id,
      displayName: space.displayName,
      webhooks: space.webhooks,
      threads: space.threads.map(({ id, name, threadKey, keyOwner, createTime }): ThreadState => ({
        id,
        name,
        ...(threadKey !== undefined ? { threadKey } : {}),
        ...(keyOwner !== undefined ? { keyOwner } : {}),
        createTime,
      })),
      messages: space.messages,
    })),
  };
  return JSON.parse(JSON.stringify(state)) as EmulatorState;
}

function restoreSpace(saved: SpaceState): Space {
  const space = emptySpace(saved.id, saved.displayName);
  space.webhooks = saved.webhooks.map((w) => ({ ...w }));
  for (const { id, name, threadKey, keyOwner, createTime } of saved.threads) {
    const thread = {
      id,
      name,
      createTime,
      messages: [] as MessageView[],
      ...(threadKey !== undefined ? { threadKey } : {}),
      ...(keyOwner !== undefined ? { keyOwner } : {}),
    };
    space.threads.push(thread);
    space.threadsById.set(id, thread);
    if (threadKey !== undefined && keyOwner !== undefined) {
      space.threadsByKey.set(threadKeyIndex(keyOwner, threadKey), thread);
    }
  }
  const byName = new Map(space.threads.map((t) => [t.name, t]));
  for (const message of saved.messages) {
    const thread = byName.get(message.thread);
    if (!thread)
      throw new Error(`message ${message.name} names an unknown thread ${message.thread}`);
    thread.messages.push(message);
    space.messages.push(message);
    if (message.requestId !== undefined) space.messagesByRequestId.set(message.requestId, message);
    const clientId = message.message?.clientAssignedMessageId;
    if (clientId !== undefined) space.clientMessageIds.add(clientId);
  }
  return space;
}

/** The stored model of a saved state; throws naming what is wrong. */
export function restoreSpaces(state: EmulatorState): Space[] {
  return checkState(state).spaces.map(restoreSpace);
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the shape of a parsed state file (enough that loading it cannot misbehave). */
export function checkState(value: unknown): EmulatorState {
  if (!isObject(value) || value.format !== STATE_FORMAT) {
    throw new Error(`not a Chat emulator state (expected "format": "${STATE_FORMAT}")`);
  }
  if (value.version !== STATE_VERSION) {
    throw new Error(
      `state version ${String(value.version)} is not supported (expected ${STATE_VERSION})`,
    );
  }
  if (!isString(value.apiKey) || !isArray(value.spaces)) {
    throw new Error('"apiKey" must be a string and "spaces" an array');
  }
  value.spaces.forEach((space, i) => {
    const where = `spaces[${i}]`;
    if (!isObject(space) || !isString(space.id) || !isString(space.displayName)) {
      throw new Error(`${where} needs a string "id" and "displayName"`);
    }
    for (const list of ['webhooks', 'threads', 'messages'] as const) {
      const items = space[list];
      if (!isArray(items) || !items.every(isObject)) {
        throw new Error(`${where}.${list} must be an array of objects`);
      }
    }
    const strings: Array<[string, string[]]> = [
      ['webhooks', ['token', 'displayName', 'senderName']],
      ['threads', ['id', 'name', 'createTime']],
      ['messages', ['name', 'thread', 'createTime']],
    ];
    for (const [list, fields] of strings) {
      (space[list] as Record<string, unknown>[]).forEach((item, j) => {
        const missing = fields.find((field) => !isString(item[field]));
        if (missing) throw new Error(`${where}.${list}[${j}].${missing} must be a string`);
      });
    }
  });
  return value as unknown as EmulatorState;
}

/** Reads a state file; null when there is none. Throws, naming the file, when it is unreadable. */
export function readStateFile(file: string): EmulatorState | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read the Chat emulator state ${file}: ${(error as Error).message}`);
  }
  try {
    return checkState(JSON.parse(text));
  } catch (error) {
    throw new Error(`Cannot load the Chat emulator state ${file}: ${(error as Error).message}`);
  }
}

/** Writes a state file atomically (a temporary file beside it, then a rename). */
export function writeStateFile(file: string, state: EmulatorState): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(temporary, file);
}
