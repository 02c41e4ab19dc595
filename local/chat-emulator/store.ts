/**
 * In-memory model of Google Chat incoming webhooks: `POST /v1/spaces/{space}/messages`.
 *
 * Pure and synchronous (no I/O, no timers): time comes from `options.now()`, so the
 * same semantics serve the in-process fake (jest, fake clock) and the HTTP server
 * (server.ts, real clock). Latency and dropped connections are *reported* in the
 * response (`latencyMs`, `drop`) for the transport to enact.
 *
 * Behaviour follows Google's webhook guide and the Chat API v1 discovery document;
 * each rule lives in its own module:
 * - request-checks.ts: `key` (API key) then space then `token`; query parameters;
 *   the body (JSON matching the `Message` schema of message-schema.ts) and content
 *   rules; errors are google.rpc.Status JSON (responses.ts), unknown routes get
 *   Google's HTML 404 page;
 * - idempotency.ts: `requestId` makes creates idempotent per space;
 * - quota.ts: at most one create per `quotaIntervalMs` per space (429 RESOURCE_EXHAUSTED);
 * - threading.ts: `thread.threadKey` / `thread.name` with `messageReplyOption`;
 *   thread keys are scoped per Chat app (each webhook is its own app), as documented;
 * - recording.ts: the Message answered and the view kept;
 * - faults.ts: injectable faults (status + Retry-After, latency, dropped connection);
 * - state.ts: the state as JSON, to keep a space across runs.
 */
import { FaultQueue } from './faults';
import { earlierCreate, messageIdTaken } from './idempotency';
import { randomId, randomUserName } from './ids';
import {
  clone,
  emptySpace,
  spaceId,
  type EmulatorReader,
  type EmulatorRequest,
  type EmulatorResponse,
  type EmulatorStats,
  type Fault,
  type MessageView,
  type RegisteredWebhook,
  type Space,
  type SpaceView,
  type ThreadView,
  type Webhook,
} from './model';
import { quotaExceeded } from './quota';
import { recordMessage } from './recording';
import { checkCreate, type CheckedCreate } from './request-checks';
import { htmlNotFound, messageResponse, rpcError } from './responses';
import { restoreSpaces, snapshotSpaces, type EmulatorState } from './state';
import { StatsCounter } from './stats';
import { chooseThread, threadRequest } from './threading';

export type {
  EmulatorRequest,
  EmulatorResponse,
  EmulatorStats,
  Fault,
  MessageView,
  RegisteredWebhook,
  SpaceView,
  ThreadView,
} from './model';
export type { ChatMessage, WebhookView } from './model';
export { MAX_MESSAGE_BYTES, MAX_TEXT_CHARS } from './request-checks';
export { htmlNotFound, rpcError } from './responses';

export const DEFAULT_API_KEY = 'AIzaSy-local-emulator-key';

export interface ChatStoreOptions {
  now: () => number;
  /** The `key` query parameter every webhook URL carries. */
  apiKey?: string;
  /** Minimum interval between two creates in one space (Chat: 1 per second). */
  quotaIntervalMs?: number;
  /**
   * Called after every change to the state (a message created, a webhook
   * registered, a reset), before the request that made it is answered.
   */
  onChange?: () => void;
}

const VALID_SPACE_ID = /^[A-Za-z0-9_-]+$/;

export class ChatStore implements EmulatorReader {
  private readonly now: () => number;
  readonly apiKey: string;
  readonly quotaIntervalMs: number;
  private readonly onChange: () => void;
  private spacesById = new Map<string, Space>();
  private readonly faults = new FaultQueue();
  private readonly counters = new StatsCounter();

  constructor(options: ChatStoreOptions) {
    this.now = options.now;
    this.apiKey = options.apiKey ?? DEFAULT_API_KEY;
    this.quotaIntervalMs = options.quotaIntervalMs ?? 1000;
    this.onChange = options.onChange ?? (() => undefined);
  }

  /** A store holding a saved state (its API key included; see state.ts). Throws if invalid. */
  static restore(state: EmulatorState, options: Omit<ChatStoreOptions, 'apiKey'>): ChatStore {
    const store = new ChatStore({ ...options, apiKey: state.apiKey });
    for (const space of restoreSpaces(clone(state))) store.spacesById.set(space.id, space);
    return store;
  }

  /** The state to save: spaces, webhooks, threads, messages (with their requestIds). */
  state(): EmulatorState {
    return snapshotSpaces(this.spacesById.values(), this.apiKey, this.now());
  }

  /**
   * Registers an incoming webhook in a space (creating the space if needed).
   * `space` may be `S` or `spaces/S`. Each webhook gets a random token and acts as its
   * own Chat app (its own sender and its own thread-key namespace).
   */
  registerWebhook(space: string, displayName?: string): RegisteredWebhook {
    const target = this.spaceFor(space);
    const webhook: Webhook = {
      token: randomId(32),
      displayName: displayName ?? `Webhook ${target.webhooks.length + 1}`,
      senderName: randomUserName(),
    };
    target.webhooks.push(webhook);
    this.onChange();
    return this.registered(target, webhook);
  }

  /**
   * The space's webhook named `displayName` (the first one, if several), or a new
   * one: the same Chat app, so its thread keys still find their threads.
   */
  ensureWebhook(space: string, displayName: string): RegisteredWebhook & { reused: boolean } {
    const existing = this.spacesById.get(spaceId(space));
    const webhook = existing?.webhooks.find((w) => w.displayName === displayName);
    if (existing && webhook) return { ...this.registered(existing, webhook), reused: true };
    return { ...this.registerWebhook(space, displayName), reused: false };
  }

  private spaceFor(space: string): Space {
    const id = spaceId(space);
    if (!VALID_SPACE_ID.test(id)) {
      throw new Error(`Invalid space id ${JSON.stringify(space)} (expected [A-Za-z0-9_-]+)`);
    }
    let target = this.spacesById.get(id);
    if (!target) {
      target = emptySpace(id);
      this.spacesById.set(id, target);
    }
    return target;
  }

  private registered(space: Space, webhook: Webhook): RegisteredWebhook {
    const apiKey = this.apiKey;
    return {
      space: space.id,
      token: webhook.token,
      displayName: webhook.displayName,
      url: (origin: string) =>
        `${origin.replace(/\/+$/, '')}/v1/spaces/${space.id}/messages?key=${encodeURIComponent(
          apiKey,
        )}&token=${encodeURIComponent(webhook.token)}`,
    };
  }

  /** Queues a fault for the next matching request(s). */
  injectFault(fault: Fault): void {
    this.faults.inject(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Pending faults (for inspection). */
  pendingFaults(): Fault[] {
    return this.faults.pending();
  }

  /**
   * Forgets messages, threads, quota windows, request ids, faults and stats.
   * Registered webhooks (and their URLs) stay valid unless `webhooks: true`.
   */
  reset(options: { webhooks?: boolean } = {}): void {
    this.faults.clear();
    this.counters.reset();
    if (options.webhooks) {
      this.spacesById.clear();
    } else {
      for (const space of this.spacesById.values()) {
        const fresh = emptySpace(space.id, space.displayName);
        this.spacesById.set(space.id, { ...fresh, webhooks: space.webhooks });
      }
    }
    this.onChange();
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
    return this.counters.snapshot();
  }

  handle(request: EmulatorRequest): EmulatorResponse {
    const response = this.route(request);
    this.counters.answered(response);
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
    const fault = this.faults.take(id);
    if (!fault) return this.create(id, request);

    this.counters.faultApplied();
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

  /** Checks, then idempotency, quota, threading and recording, in Chat's order. */
  private create(id: string, request: EmulatorRequest): EmulatorResponse {
    const checked = checkCreate(id, request, this.apiKey, (s) => this.spacesById.get(s));
    if (!checked.ok) return checked.response;
    const create: CheckedCreate = checked.value;
    const { space, options } = create;

    // A repeated requestId returns the existing message, no quota used.
    const earlier = earlierCreate(space, options.requestId);
    if (earlier) {
      this.counters.deduplicated();
      return messageResponse(earlier.message);
    }
    const taken = messageIdTaken(space, options.messageId);
    if (taken) return taken;

    const now = this.now();
    const limited = quotaExceeded(space, now, this.quotaIntervalMs);
    if (limited) {
      this.counters.rejectedByQuota();
      return limited;
    }

    if (options.deprecatedThreadKey !== undefined) this.counters.deprecatedThreadKeyParam();
    const createTime = new Date(now).toISOString();
    const choice = chooseThread(
      space,
      create.webhook,
      threadRequest(options, create.content.body),
      createTime,
    );
    if ('notFound' in choice) return rpcError(404, 'Requested entity was not found.');

    const message = recordMessage(create, { ...choice, createTime }, now);
    this.counters.created(space.id, options.replyOptionParam);
    this.onChange();
    return messageResponse(message);
  }
}
