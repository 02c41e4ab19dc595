/**
 * The conformance check's line to Chat: it posts a message exactly as the
 * relay's client does (src/chat/attempt.ts prepares the request and reads the
 * answer), paced like the relay (one POST a second, src/chat/pacer.ts), and
 * retries what the relay retries (429, 5xx, no answer) with the relay's
 * backoff, honouring Retry-After, a bounded number of times. Every line it
 * hands out went through the webhook's secret scrubber.
 *
 * HTTP goes through an injected `Fetch`: Node's fetch on the user's machine,
 * the emulator's store in the tests.
 */
import {
  classifyResponse,
  networkError,
  prepareRequest,
  secretScrubber,
} from '../../src/chat/attempt';
import type { ChatMessage } from '../../src/chat/message-types';
import { createSpacePacer, type SpacePacer } from '../../src/chat/pacer';
import { backoffDelay } from '../../src/chat/retry';
import type { WebhookUrl } from '../../src/chat/webhook-url';

/** One HTTP answer. */
export interface HttpAnswer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/** POSTs one request; rejects when no answer came (network error, timeout). */
export type Fetch = (
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
) => Promise<HttpAnswer>;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** What one POST came to. `detail` is one redacted line. */
export type Attempt =
  | { kind: 'created'; status: number; messageName: string; threadName: string | null }
  /** Worth retrying: 429, 5xx, an unreadable 2xx, or no answer at all (`status` null). */
  | { kind: 'transient'; status: number | null; detail: string; retryAfterMs: number | null }
  /** Chat refused it and would refuse it again. */
  | { kind: 'refused'; status: number; detail: string }
  /** Never sent: the message breaks Chat's limits. */
  | { kind: 'invalid'; detail: string };

/** A send: its last attempt, and how many it took. */
export interface Sent {
  last: Attempt;
  attempts: number;
}

/** Attempts per message (the relay's client makes up to 5; this is a check, not a delivery). */
export const MAX_ATTEMPTS = 4;
/** The longest Retry-After honoured; a longer one ends the send. */
export const MAX_RETRY_AFTER_MS = 30000;
/** The relay's pace: one POST a second per space. */
export const MIN_INTERVAL_MS = 1000;

export class ChatLine {
  readonly scrub: (text: string) => string;
  private readonly pacer: SpacePacer;
  /** Every requestId sent, to bound the messages a run can create. */
  private readonly requestIds = new Set<string>();

  constructor(
    private readonly webhook: WebhookUrl,
    private readonly fetch: Fetch,
    readonly clock: Clock,
    private readonly random: () => number = Math.random,
    private readonly maxMessages = 10,
  ) {
    this.scrub = secretScrubber(webhook);
    this.pacer = createSpacePacer(
      { now: () => clock.now(), sleep: () => undefined },
      MIN_INTERVAL_MS,
    );
  }

  /** Waits until the space's pace allows the next POST. */
  async paced(): Promise<void> {
    const wait = this.pacer.waitBefore(this.webhook.space);
    if (wait > 0) await this.clock.sleep(wait);
  }

  /** One POST now, unpaced (its start and end still count for the pace). */
  async attempt(message: ChatMessage, requestId: string): Promise<Attempt> {
    const prepared = prepareRequest(
      this.webhook,
      message,
      requestId,
      'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
    );
    if ('invalid' in prepared) return { kind: 'invalid', detail: this.scrub(prepared.invalid) };
    this.requestIds.add(requestId);
    if (this.requestIds.size > this.maxMessages) {
      throw new Error(`refusing to post more than ${this.maxMessages} test messages`);
    }
    this.pacer.recordPost(this.webhook.space);
    let answer: HttpAnswer;
    try {
      answer = await this.fetch(prepared.url, {
        method: 'POST',
        headers: { 'content-type': prepared.params.contentType },
        body: prepared.params.payload,
      });
    } catch (error) {
      const failed = networkError(error, this.scrub);
      return { kind: 'transient', status: null, detail: failed.message, retryAfterMs: null };
    } finally {
      this.pacer.recordPost(this.webhook.space);
    }
    return this.read(answer);
  }

  private read(answer: HttpAnswer): Attempt {
    const outcome = classifyResponse(
      {
        getResponseCode: () => answer.status,
        getContentText: () => answer.body,
        getHeaders: () => answer.headers,
      },
      this.clock.now(),
      1,
    );
    if ('done' in outcome) {
      const done = outcome.done;
      if (!done.ok) throw new Error('classifyResponse answered a failure as done');
      return {
        kind: 'created',
        status: answer.status,
        messageName: done.messageName,
        threadName: done.threadName,
      };
    }
    if ('retry' in outcome) {
      const { httpStatus, message, retryAfterMs } = outcome.retry;
      return { kind: 'transient', status: httpStatus, detail: this.scrub(message), retryAfterMs };
    }
    const { httpStatus, message } = outcome.permanent;
    return { kind: 'refused', status: httpStatus, detail: this.scrub(message) };
  }

  /**
   * Posts a message as the relay does: paced, the same requestId on every attempt, transient
   * failures retried after Retry-After or the relay's backoff, at most {@link MAX_ATTEMPTS}.
   */
  async send(message: ChatMessage, requestId: string): Promise<Sent> {
    for (let attempts = 1; ; attempts++) {
      await this.paced();
      const last = await this.attempt(message, requestId);
      if (last.kind !== 'transient' || attempts >= MAX_ATTEMPTS) return { last, attempts };
      if (last.retryAfterMs !== null && last.retryAfterMs > MAX_RETRY_AFTER_MS) {
        return { last, attempts };
      }
      await this.clock.sleep(last.retryAfterMs ?? backoffDelay(attempts, 1000, 8000, this.random));
    }
  }
}

/** What an attempt saw, in words: `HTTP 429 RESOURCE_EXHAUSTED: …`, `HTTP 200, spaces/…`. */
export function describeAttempt(attempt: Attempt): string {
  if (attempt.kind === 'created') return `HTTP ${attempt.status}, ${attempt.messageName}`;
  if (attempt.kind === 'invalid') return `not sent: ${attempt.detail}`;
  return attempt.detail;
}
