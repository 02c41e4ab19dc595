/**
 * In-memory model of Google Chat incoming webhooks: `POST /v1/spaces/{space}/messages`.
 *
 * Pure and synchronous (no I/O, no timers): time comes from `options.now()`, so the
 * same semantics serve the in-process fake (jest, fake clock) and the HTTP server
 * (server.ts, real clock). Latency and dropped connections are *reported* in the
 * response (`latencyMs`, `drop`) for the transport to enact.
 *
 * Behaviour follows Google's webhook guide and the Chat API v1 discovery document:
 * - `key` (API key) then space then `token` are checked; errors are google.rpc.Status JSON;
 * - unknown routes/methods get Google's HTML 404 page;
 * - the body must be JSON matching the `Message` schema (see message-schema.ts);
 * - threading by `thread.threadKey` / `thread.name` with `messageReplyOption`;
 *   thread keys are scoped per Chat app (each webhook is its own app), as documented;
 * - `requestId` makes creates idempotent per space;
 * - at most one create per `quotaIntervalMs` per space (429 RESOURCE_EXHAUSTED);
 * - injectable faults (status + Retry-After, latency, dropped connection).
 */
import { randomBytes } from 'node:crypto';
import { validateMessageBody } from './message-schema';
import { escapeHtml } from './preview';

export interface EmulatorRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body: string;
}

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

export interface ChatStoreOptions {
  now: () => number;
  /** The `key` query parameter every webhook URL carries. */
  apiKey?: string;
  /** Minimum interval between two creates in one space (Chat: 1 per second). */
  quotaIntervalMs?: number;
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

export const DEFAULT_API_KEY = 'AIzaSy-local-emulator-key';
export const MAX_TEXT_CHARS = 4096;
export const MAX_MESSAGE_BYTES = 32000;

const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';
const REPLY_OPTIONS = [
  'MESSAGE_REPLY_OPTION_UNSPECIFIED',
  'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
  'REPLY_MESSAGE_OR_FAIL',
] as const;
/** Query parameters Google's front end accepts on this method (anything else is a 400). */
const KNOWN_QUERY_PARAMS = new Set([
  'key',
  'token',
  'messageReplyOption',
  'requestId',
  'threadKey',
  'messageId',
  'alt',
  'prettyPrint',
  'fields',
  '$.xgafv',
  'quotaUser',
  'callback',
  'upload_protocol',
  'uploadType',
  'access_token',
  'oauth_token',
]);

const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const RPC_MESSAGE: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  401: 'Request had invalid authentication credentials.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  409: 'The operation was aborted.',
  429: 'Resource has been exhausted (e.g. check quota).',
  499: 'The operation was cancelled.',
  500: 'Internal error encountered.',
  501: 'Operation is not implemented, or supported, or enabled.',
  502: 'The service is currently unavailable.',
  503: 'The service is currently unavailable.',
  504: 'The request timed out. Please try again.',
};

interface Webhook {
  token: string;
  displayName: string;
  senderName: string;
}

interface Thread {
  id: string;
  name: string;
  threadKey?: string;
  /** Token of the webhook whose key binds the thread. */
  keyOwner?: string;
  createTime: string;
  messages: MessageView[];
}

interface Space {
  id: string;
  displayName: string;
  webhooks: Webhook[];
  threads: Thread[];
  /** `${webhookToken}\u0000${threadKey}` -> thread */
  threadsByKey: Map<string, Thread>;
  threadsById: Map<string, Thread>;
  messages: MessageView[];
  messagesByRequestId: Map<string, MessageView>;
  clientMessageIds: Set<string>;
  lastCreateAt?: number;
}

interface ActiveFault extends Fault {
  remaining: number;
}

function emptyStats(): EmulatorStats {
  return {
    requests: 0,
    creates: 0,
    deduplicated: 0,
    rejected429: 0,
    byStatus: {},
    faultsApplied: 0,
    dropped: 0,
    deprecatedThreadKeyParam: false,
    deprecatedThreadKeyParamCount: 0,
    byReplyOption: {},
    createsBySpace: {},
  };
}

function randomId(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function spaceId(space: string): string {
  return space.replace(/^spaces\//, '');
}

/** google.rpc.Status error response. */
export function rpcError(
  code: number,
  message?: string,
  extra: { headers?: Record<string, string>; details?: unknown[]; status?: string } = {},
): EmulatorResponse {
  const error: Record<string, unknown> = {
    code,
    message: message ?? RPC_MESSAGE[code] ?? 'Unknown error.',
    status: extra.status ?? RPC_STATUS[code] ?? (code >= 500 ? 'UNKNOWN' : 'FAILED_PRECONDITION'),
  };
  if (extra.details) error.details = extra.details;
  return {
    status: code,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...(extra.headers ?? {}) },
    body: JSON.stringify({ error }, null, 2),
  };
}

/** Google front end's HTML 404 page. */
export function htmlNotFound(path: string): EmulatorResponse {
  const body =
    '<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n' +
    '  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">\n' +
    '  <title>Error 404 (Not Found)!!1</title>\n' +
    '  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>\n' +
    '  <p><b>404.</b> <ins>That’s an error.</ins>\n' +
    `  <p>The requested URL <code>${escapeHtml(path)}</code> was not found on this server.  <ins>That’s all we know.</ins>\n`;
  return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body };
}

function badRequest(messages: string[], fields: string[] = []): EmulatorResponse {
  return rpcError(400, messages.join('\n'), {
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: messages.map((description, i) => ({
          ...(fields[i] ? { field: fields[i] } : {}),
          description,
        })),
      },
    ],
  });
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function jsonSyntaxError(body: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  const position = match ? Number(match[1]) : body.length;
  const lineStart = body.lastIndexOf('\n', position - 1) + 1;
  const lineEnd = body.indexOf('\n', position);
  const line = body.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  return `Invalid JSON payload received. Unexpected token.\n${line}\n${' '.repeat(
    Math.max(0, position - lineStart),
  )}^`;
}

export class ChatStore {
  private readonly now: () => number;
  readonly apiKey: string;
  readonly quotaIntervalMs: number;
  private spacesById = new Map<string, Space>();
  private faults: ActiveFault[] = [];
  private statistics: EmulatorStats = emptyStats();

  constructor(options: ChatStoreOptions) {
    this.now = options.now;
    this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
    this.quotaIntervalMs = options.quotaIntervalMs ?? 1000;
  }

  /**
   * Registers an incoming webhook in a space (creating the space if needed).
   * `space` may be `S` or `spaces/S`. Each webhook gets a random token and acts as its
   * own Chat app (its own sender and its own thread-key namespace).
   */
  registerWebhook(space: string, displayName?: string): RegisteredWebhook {
    const id = spaceId(space);
    if (!/^[A-Za-z0-9_-]+$/.test(id)) {
      throw new Error(`Invalid space id ${JSON.stringify(space)} (expected [A-Za-z0-9_-]+)`);
    }
    let target = this.spacesById.get(id);
    if (!target) {
      target = {
        id,
        displayName: id,
        webhooks: [],
        threads: [],
        threadsByKey: new Map(),
        threadsById: new Map(),
        messages: [],
        messagesByRequestId: new Map(),
        clientMessageIds: new Set(),
      };
      this.spacesById.set(id, target);
    }
    const webhook: Webhook = {
      token: randomId(32),
      displayName: displayName ?? `Webhook ${target.webhooks.length + 1}`,
      senderName: `users/1${String(randomBytes(6).readUIntBE(0, 6)).padStart(20, '0')}`,
    };
    target.webhooks.push(webhook);
    const apiKey = this.apiKey;
    return {
      space: id,
      token: webhook.token,
      displayName: webhook.displayName,
      url: (origin: string) =>
        `${origin.replace(/\/+$/, '')}/v1/spaces/${id}/messages?key=${encodeURIComponent(
          apiKey,
        )}&token=${encodeURIComponent(webhook.token)}`,
    };
  }

  /** Queues a fault for the next matching request(s). */
  injectFault(fault: Fault): void {
    if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 400)) {
      throw new Error(`Fault status must be an HTTP error status (>= 400), got ${fault.status}`);
    }
    if (
      fault.drop !== undefined &&
      fault.drop !== 'before-commit' &&
      fault.drop !== 'after-commit'
    ) {
      throw new Error(`Fault drop must be 'before-commit' or 'after-commit', got ${fault.drop}`);
    }
    if (fault.latencyMs !== undefined && !(fault.latencyMs >= 0)) {
      throw new Error(`Fault latencyMs must be >= 0, got ${fault.latencyMs}`);
    }
    if (fault.status !== undefined && fault.drop !== undefined) {
      throw new Error('A fault has either a status or a drop, not both');
    }
    const times = fault.times ?? 1;
    if (!(times >= 1)) throw new Error(`Fault times must be >= 1, got ${fault.times}`);
    this.faults.push({
      ...fault,
      ...(fault.space !== undefined ? { space: spaceId(fault.space) } : {}),
      remaining: times,
    });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Pending faults (for inspection). */
  pendingFaults(): Fault[] {
    return this.faults.map(({ remaining, ...fault }) => ({ ...fault, times: remaining }));
  }

  /**
   * Forgets messages, threads, quota windows, request ids, faults and stats.
   * Registered webhooks (and their URLs) stay valid unless `webhooks: true`.
   */
  reset(options: { webhooks?: boolean } = {}): void {
    this.faults = [];
    this.statistics = emptyStats();
    if (options.webhooks) {
      this.spacesById.clear();
      return;
    }
    for (const space of this.spacesById.values()) {
      space.threads = [];
      space.threadsByKey.clear();
      space.threadsById.clear();
      space.messages = [];
      space.messagesByRequestId.clear();
      space.clientMessageIds.clear();
      space.lastCreateAt = undefined;
    }
  }

  spaces(): SpaceView[] {
    return [...this.spacesById.values()].map((space) => ({
      name: `spaces/${space.id}`,
      space: space.id,
      displayName: space.displayName,
      webhooks: space.webhooks.map((w) => ({ ...w })),
      threadCount: space.threads.length,
      messageCount: space.messages.length,
    }));
  }

  /** Threads of a space in creation order, each with its messages in order. */
  threads(space: string): ThreadView[] {
    const target = this.spacesById.get(spaceId(space));
    if (!target) return [];
    return target.threads.map((thread) => {
      const owner = target.webhooks.find((w) => w.token === thread.keyOwner);
      return clone({
        name: thread.name,
        space: target.id,
        ...(thread.threadKey !== undefined ? { threadKey: thread.threadKey } : {}),
        ...(owner ? { keyOwner: owner.displayName } : {}),
        createTime: thread.createTime,
        messages: thread.messages,
      });
    });
  }

  /** Messages of a space in creation order. */
  messages(space: string): MessageView[] {
    const target = this.spacesById.get(spaceId(space));
    return target ? clone(target.messages) : [];
  }

  stats(): EmulatorStats {
    return clone(this.statistics);
  }

  handle(request: EmulatorRequest): EmulatorResponse {
    this.statistics.requests += 1;
    const response = this.route(request);
    const key = String(response.status);
    this.statistics.byStatus[key] = (this.statistics.byStatus[key] ?? 0) + 1;
    if (response.drop) this.statistics.dropped += 1;
    return response;
  }

  private route(request: EmulatorRequest): EmulatorResponse {
    const [pathname] = request.path.split('?');
    const match = /^\/v1\/spaces\/([^/]+)\/messages$/.exec(pathname);
    if (!match || request.method.toUpperCase() !== 'POST') return htmlNotFound(pathname);
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      return htmlNotFound(pathname);
    }

    const fault = this.takeFault(id);
    if (fault) {
      this.statistics.faultsApplied += 1;
      const latency = fault.latencyMs !== undefined ? { latencyMs: fault.latencyMs } : {};
      if (fault.status !== undefined) {
        const headers: Record<string, string> =
          fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {};
        return { ...rpcError(fault.status, undefined, { headers }), ...latency };
      }
      if (fault.drop === 'before-commit') {
        return { ...rpcError(503), drop: 'before-commit', ...latency };
      }
      const response = this.create(id, request);
      return { ...response, ...latency, ...(fault.drop ? { drop: fault.drop } : {}) };
    }
    return this.create(id, request);
  }

  private takeFault(space: string): ActiveFault | undefined {
    const index = this.faults.findIndex((f) => f.space === undefined || f.space === space);
    if (index === -1) return undefined;
    const fault = this.faults[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  private create(id: string, request: EmulatorRequest): EmulatorResponse {
    const query = request.query;
    const key = first(query.key);
    if (!key || key !== this.apiKey) {
      return rpcError(400, 'API key not valid. Please pass a valid API key.', {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'chat.googleapis.com' },
          },
        ],
      });
    }
    const space = this.spacesById.get(id);
    if (!space) return rpcError(404, 'Requested entity was not found.');
    const token = first(query.token);
    const webhook = space.webhooks.find((w) => w.token === token);
    if (!webhook) return rpcError(403, 'The caller does not have permission');

    // Unknown query parameters are bound to request fields by Google's front end: 400.
    const unknownParams = Object.keys(query).filter((name) => !KNOWN_QUERY_PARAMS.has(name));
    if (unknownParams.length > 0) {
      return badRequest(
        unknownParams.map(
          (name) =>
            `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
        ),
      );
    }

    const replyOptionParam = first(query.messageReplyOption);
    if (
      replyOptionParam !== undefined &&
      !(REPLY_OPTIONS as readonly string[]).includes(replyOptionParam)
    ) {
      return badRequest(
        [
          `Invalid value at 'message_reply_option' (type.googleapis.com/google.chat.v1.CreateMessageRequest.MessageReplyOption), "${replyOptionParam}"`,
        ],
        ['message_reply_option'],
      );
    }
    const replyOption =
      replyOptionParam === 'MESSAGE_REPLY_OPTION_UNSPECIFIED' ? undefined : replyOptionParam;

    const messageId = first(query.messageId);
    if (messageId !== undefined && !/^client-[a-z0-9-]{1,56}$/.test(messageId)) {
      return badRequest([
        'Invalid message_id. The custom ID must begin with "client-", contain only lowercase letters, numbers and hyphens, and be at most 63 characters.',
      ]);
    }

    // Body: size, content type, JSON, schema, content rules.
    const size = Buffer.byteLength(request.body, 'utf8');
    if (size > MAX_MESSAGE_BYTES) {
      return badRequest([
        `Message size ${size} bytes exceeds the maximum of ${MAX_MESSAGE_BYTES} bytes.`,
      ]);
    }
    const contentType = Object.entries(request.headers ?? {}).find(
      ([name]) => name.toLowerCase() === 'content-type',
    )?.[1];
    let parsed: unknown;
    if (contentType && /^application\/x-www-form-urlencoded/i.test(contentType)) {
      // What Apps Script's UrlFetchApp sends when `contentType` is forgotten.
      const names = [...new URLSearchParams(request.body).keys()];
      if (names.length > 0) {
        return badRequest(
          names.map(
            (name) =>
              `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
          ),
        );
      }
      parsed = {};
    } else if (request.body.trim() === '') {
      parsed = {};
    } else {
      try {
        parsed = JSON.parse(request.body);
      } catch (error) {
        return badRequest([jsonSyntaxError(request.body, error as Error)]);
      }
    }
    const schemaErrors = validateMessageBody(parsed);
    if (schemaErrors.length > 0) return badRequest(schemaErrors);
    const body = parsed as Record<string, unknown>;

    const text = typeof body.text === 'string' ? body.text : undefined;
    if (text !== undefined && [...text].length > MAX_TEXT_CHARS) {
      return badRequest(
        [
          `Invalid argument: text is ${[...text].length} characters long; the maximum is ${MAX_TEXT_CHARS}.`,
        ],
        ['text'],
      );
    }
    const cardsV2 = Array.isArray(body.cardsV2) ? body.cardsV2 : undefined;
    const cards = Array.isArray(body.cards) ? body.cards : undefined;
    if (!text && !cardsV2?.length && !cards?.length) {
      return badRequest([
        'Message cannot be empty. Discarded message must contain either text or cards.',
      ]);
    }
    if (cardsV2 && cardsV2.length > 1) {
      const missing = cardsV2.findIndex(
        (card) => typeof (card as { cardId?: unknown })?.cardId !== 'string',
      );
      if (missing !== -1) {
        return badRequest(
          [
            `Invalid argument: cards_v2[${missing}].card_id is required when a message has several cards.`,
          ],
          [`cards_v2[${missing}].card_id`],
        );
      }
    }

    // Idempotency: a repeated requestId returns the existing message, no quota used.
    const requestId = first(query.requestId);
    if (requestId !== undefined) {
      const existing = space.messagesByRequestId.get(requestId);
      if (existing) {
        this.statistics.deduplicated += 1;
        return this.ok(existing.message);
      }
    }
    if (messageId !== undefined && space.clientMessageIds.has(messageId)) {
      return rpcError(409, `Message with ID ${messageId} already exists.`, {
        status: 'ALREADY_EXISTS',
      });
    }

    // Quota: one create per interval per space, across all its webhooks.
    const now = this.now();
    if (space.lastCreateAt !== undefined && now - space.lastCreateAt < this.quotaIntervalMs) {
      this.statistics.rejected429 += 1;
      return rpcError(429, 'Resource has been exhausted (e.g. check quota).', {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'RATE_LIMIT_EXCEEDED',
            domain: 'googleapis.com',
            metadata: {
              service: 'chat.googleapis.com',
              quota_limit: 'WebhookMessagesPerSpacePerSecond',
            },
          },
        ],
      });
    }

    // Threading.
    const deprecatedKey = first(query.threadKey);
    if (deprecatedKey !== undefined) {
      this.statistics.deprecatedThreadKeyParam = true;
      this.statistics.deprecatedThreadKeyParamCount += 1;
    }
    const bodyThread = (body.thread ?? undefined) as
      { threadKey?: string; name?: string } | undefined;
    const threadKey = bodyThread?.threadKey || deprecatedKey || undefined;
    const threadName = bodyThread?.name || undefined;
    const createTime = new Date(now).toISOString();

    let thread: Thread | undefined;
    let reply = false;
    if (replyOption !== undefined && (threadName || threadKey)) {
      if (threadName) {
        const nameMatch = /^spaces\/([^/]+)\/threads\/([^/]+)$/.exec(threadName);
        if (nameMatch && nameMatch[1] === space.id) thread = space.threadsById.get(nameMatch[2]);
      } else if (threadKey) {
        thread = space.threadsByKey.get(`${webhook.token}\u0000${threadKey}`);
      }
      if (thread) {
        reply = true;
      } else if (replyOption === 'REPLY_MESSAGE_OR_FAIL') {
        return rpcError(404, 'Requested entity was not found.');
      }
    } else if (deprecatedKey !== undefined && threadKey) {
      // Legacy behaviour of the deprecated ?threadKey=: reply or start a keyed thread.
      thread = space.threadsByKey.get(`${webhook.token}\u0000${threadKey}`);
      reply = thread !== undefined;
    }
    if (!thread) {
      const tid = randomId(8);
      thread = {
        id: tid,
        name: `spaces/${space.id}/threads/${tid}`,
        createTime,
        messages: [],
      };
      // A key binds the new thread only when threading was asked for.
      if (threadKey && (replyOption !== undefined || deprecatedKey !== undefined) && !threadName) {
        thread.threadKey = threadKey;
        thread.keyOwner = webhook.token;
        space.threadsByKey.set(`${webhook.token}\u0000${threadKey}`, thread);
      }
      space.threads.push(thread);
      space.threadsById.set(tid, thread);
    }

    const messageSuffix = reply ? `${randomId(8)}.${thread.id}` : `${thread.id}.${thread.id}`;
    const name = `spaces/${space.id}/messages/${messageId ?? messageSuffix}`;
    const message: ChatMessage = {
      name,
      sender: { name: webhook.senderName, displayName: webhook.displayName, type: 'BOT' },
      createTime,
      ...(text !== undefined ? { text, formattedText: text, argumentText: text } : {}),
      ...(cardsV2 ? { cardsV2: clone(cardsV2) } : {}),
      ...(cards ? { cards: clone(cards) } : {}),
      ...(typeof body.fallbackText === 'string' ? { fallbackText: body.fallbackText } : {}),
      annotations: [],
      thread: {
        name: thread.name,
        ...(thread.threadKey !== undefined ? { threadKey: thread.threadKey } : {}),
      },
      threadReply: reply,
      space: {
        name: `spaces/${space.id}`,
        type: 'ROOM',
        spaceType: 'SPACE',
        displayName: space.displayName,
      },
      ...(messageId !== undefined ? { clientAssignedMessageId: messageId } : {}),
    };
    const view: MessageView = {
      name,
      space: space.id,
      thread: thread.name,
      ...(thread.threadKey !== undefined ? { threadKey: thread.threadKey } : {}),
      threadReply: reply,
      senderDisplayName: webhook.displayName,
      createTime,
      ...(text !== undefined ? { text } : {}),
      ...(cardsV2 ? { cardsV2: clone(cardsV2) } : {}),
      ...(typeof body.fallbackText === 'string' ? { fallbackText: body.fallbackText } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
      ...(replyOptionParam !== undefined ? { messageReplyOption: replyOptionParam } : {}),
      request: clone(body),
      message,
    };
    thread.messages.push(view);
    space.messages.push(view);
    if (requestId !== undefined) space.messagesByRequestId.set(requestId, view);
    if (messageId !== undefined) space.clientMessageIds.add(messageId);
    space.lastCreateAt = now;
    this.statistics.creates += 1;
    this.statistics.createsBySpace[space.id] = (this.statistics.createsBySpace[space.id] ?? 0) + 1;
    const optionKey = replyOptionParam ?? 'NONE';
    this.statistics.byReplyOption[optionKey] = (this.statistics.byReplyOption[optionKey] ?? 0) + 1;
    return this.ok(message);
  }

  private ok(message: ChatMessage): EmulatorResponse {
    return {
      status: 200,
      headers: { 'content-type': JSON_CONTENT_TYPE },
      body: JSON.stringify(message, null, 2),
    };
  }
}
