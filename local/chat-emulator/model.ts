/**
 * The Chat emulator's model: what a request and a response are, the spaces,
 * webhooks, threads and messages it stores, and the read-only views it hands
 * out (JSON-able copies, never the stored objects).
 *
 * Only types and two tiny helpers live here, so every other module of the
 * emulator can import this one without creating an import cycle.
 */

/** One HTTP request to the Chat API surface, as a transport received it. */
export interface EmulatorRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body: string;
}

/** The answer, with the latency and dropped connection the transport must enact. */
export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  latencyMs?: number;
  drop?: 'before-commit' | 'after-commit';
}

export interface Fault {
  /** Answer with this HTTP status (google.rpc.Status body) instead of processing. */
  status?: number;
  /** Retry-After header value sent with `status`. */
  retryAfter?: string;
  /** Delay the transport should apply before answering (or dropping). */
  latencyMs?: number;
  /** 'before-commit': nothing stored, connection dropped; 'after-commit': stored, response lost. */
  drop?: 'before-commit' | 'after-commit';
  /** Only requests to this space (id, or `spaces/ID`); default any space. */
  space?: string;
  /** How many matching requests get the fault (default 1; Infinity allowed). */
  times?: number;
}

/** A Chat `Message` as the emulator returns it (JSON-able). */
export interface ChatMessage {
  name: string;
  sender: { name: string; displayName: string; type: 'BOT' };
  createTime: string;
  text?: string;
  formattedText?: string;
  argumentText?: string;
  cardsV2?: unknown[];
  cards?: unknown[];
  fallbackText?: string;
  annotations: unknown[];
  thread: { name: string; threadKey?: string };
  threadReply: boolean;
  space: { name: string; type: 'ROOM'; spaceType: 'SPACE'; displayName: string };
  clientAssignedMessageId?: string;
}

/** A created message as recorded: what was asked, and what was answered. */
export interface MessageView {
  /** spaces/S/messages/M */
  name: string;
  /** Space id (S). */
  space: string;
  /** spaces/S/threads/T */
  thread: string;
  threadKey?: string;
  /** false for the message that started its thread. */
  threadReply: boolean;
  senderDisplayName: string;
  createTime: string;
  text?: string;
  cardsV2?: unknown[];
  fallbackText?: string;
  requestId?: string;
  messageReplyOption?: string;
  /** The parsed request body as received. */
  request: Record<string, unknown>;
  /** The Message JSON returned to the webhook. */
  message: ChatMessage;
}

export interface ThreadView {
  name: string;
  space: string;
  threadKey?: string;
  /** Display name of the webhook that owns the thread key (if any). */
  keyOwner?: string;
  createTime: string;
  messages: MessageView[];
}

export interface WebhookView {
  displayName: string;
  token: string;
  senderName: string;
}

export interface SpaceView {
  /** spaces/S */
  name: string;
  /** S */
  space: string;
  displayName: string;
  webhooks: WebhookView[];
  threadCount: number;
  messageCount: number;
}

export interface EmulatorStats {
  /** Every request handed to handle(). */
  requests: number;
  /** Messages created (stored). */
  creates: number;
  /** Repeated requestId answered with the existing message. */
  deduplicated: number;
  /** 429s from the per-space quota (not counting injected faults). */
  rejected429: number;
  /** Count of responses by HTTP status (including faults). */
  byStatus: Record<string, number>;
  /** Faults applied to requests. */
  faultsApplied: number;
  /** Connections the transport was asked to drop. */
  dropped: number;
  /** True once any request used the deprecated `threadKey` query parameter. */
  deprecatedThreadKeyParam: boolean;
  deprecatedThreadKeyParamCount: number;
  /** Count of creates by messageReplyOption ('NONE' when absent). */
  byReplyOption: Record<string, number>;
  /** Creates per space id. */
  createsBySpace: Record<string, number>;
}

export interface RegisteredWebhook {
  space: string;
  token: string;
  displayName: string;
  url: (origin: string) => string;
}

/** What the preview page reads: the store, or anything answering the same questions. */
export interface EmulatorReader {
  spaces(): SpaceView[];
  threads(space: string): ThreadView[];
  stats(): EmulatorStats;
}

// ---- The stored model (mutable; only the store and its helpers touch it) ----

export interface Webhook {
  token: string;
  displayName: string;
  senderName: string;
}

export interface Thread {
  id: string;
  name: string;
  threadKey?: string;
  /** Token of the webhook whose key binds the thread. */
  keyOwner?: string;
  createTime: string;
  messages: MessageView[];
}

export interface Space {
  id: string;
  displayName: string;
  webhooks: Webhook[];
  threads: Thread[];
  /** threadKeyIndex(webhookToken, threadKey) -> thread */
  threadsByKey: Map<string, Thread>;
  threadsById: Map<string, Thread>;
  messages: MessageView[];
  messagesByRequestId: Map<string, MessageView>;
  clientMessageIds: Set<string>;
  lastCreateAt?: number;
}

export function emptySpace(id: string, displayName = id): Space {
  return {
    id,
    displayName,
    webhooks: [],
    threads: [],
    threadsByKey: new Map(),
    threadsById: new Map(),
    messages: [],
    messagesByRequestId: new Map(),
    clientMessageIds: new Set(),
  };
}

/** Thread keys are scoped per Chat app: each webhook has its own namespace. */
export function threadKeyIndex(webhookToken: string, threadKey: string): string {
  return `${webhookToken}\u0000${threadKey}`;
}

/** `S` from `S` or `spaces/S`. */
export function spaceId(space: string): string {
  return space.replace(/^spaces\//, '');
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
