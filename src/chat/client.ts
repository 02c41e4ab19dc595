/**
 * The Chat webhook client: validates, paces, posts and retries message creates.
 *
 * Every attempt of one message carries the same `requestId`, so when Chat commits a message but
 * the response is lost (timeout, 503 after commit), the retry returns the existing message
 * instead of posting a duplicate. Messages to different spaces go out together through
 * `UrlFetchApp.fetchAll`, at most one request per space in each batch; each space is paced on
 * its own. Services arrive through the injected `HttpFetcher` and `Clock`.
 */
import { Clock, HttpFetcher, HttpResponse, Logger } from '../ports';
import {
  AttemptOutcome,
  PreparedRequest,
  RetryableError,
  SendFailure,
  SendFailureKind,
  SendResult,
  classifyResponse,
  networkError,
  prepareRequest,
  secretScrubber,
} from './attempt';
import { ChatMessage, ReplyOption } from './message-types';
import { SpacePacer, createSpacePacer } from './pacer';
import { backoffDelay } from './retry';
import { WebhookUrl } from './webhook-url';

export type { SendFailureKind, SendResult } from './attempt';

/** Options of one send. */
export interface SendOptions {
  /** Idempotency key, identical on every attempt of this message. */
  requestId: string;
  /** Defaults to `REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`. */
  replyOption?: ReplyOption;
  /** Epoch ms. No attempt and no wait starts if it cannot finish before it. */
  deadline?: number;
}

/** One message of a {@link ChatClient.sendAll} call. */
export interface SendRequest {
  webhook: WebhookUrl;
  message: ChatMessage;
  options: SendOptions;
}

/** Tuning of {@link createChatClient}; every field is optional. */
export interface ChatClientOptions {
  /** Attempts per message, the first included. Default 5. */
  maxAttempts?: number;
  /** First backoff ceiling. Default 1000 ms. */
  baseDelayMs?: number;
  /** Largest backoff ceiling (a longer `Retry-After` is still honoured). Default 32000 ms. */
  maxDelayMs?: number;
  /** Total time one send may spend waiting to retry. Default 60000 ms. */
  maxTotalWaitMs?: number;
  /** Minimum gap between POSTs to one space. Default 1000 ms. */
  minIntervalMs?: number;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Receives redacted progress lines. */
  log?: Logger;
  /** Time an attempt is assumed to need when checking it against a deadline. Default 1000 ms. */
  attemptReserveMs?: number;
  /**
   * Epoch ms at which an earlier run may have made its last POST to any space (for a run, the
   * moment it took the script lock): the first POST to each space then waits `minIntervalMs`
   * after it, so runs that follow each other closely stay within the quota too. Default: none.
   */
  previousPostAt?: number;
}

/** Sends messages through incoming webhooks. Create one per run: pacing lives in the instance. */
export interface ChatClient {
  send(webhook: WebhookUrl, message: ChatMessage, options: SendOptions): SendResult;
  /**
   * Sends every request and returns their results in order. Requests to one space go in
   * order, one at a time; requests to different spaces go out together, one per space in each
   * `fetchAll` batch. `onResult` sees each result as it comes; when it returns false, the
   * requests still waiting for that space are not sent and their result is null.
   */
  sendAll(
    requests: SendRequest[],
    onResult?: (index: number, result: SendResult) => boolean | void,
  ): Array<SendResult | null>;
}

/** One message on its way: its request, and its attempts so far. */
interface Job {
  index: number;
  space: string;
  request: PreparedRequest;
  deadline: number | undefined;
  scrub: (text: string) => string;
  attempts: number;
  waitedMs: number;
  /** When a retry may start (null before the first attempt). */
  retryAt: number | null;
  last: RetryableError | null;
}

interface Tuning {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxTotalWaitMs: number;
  attemptReserveMs: number;
  minIntervalMs: number;
  random: () => number;
}

function setting(value: number | undefined, fallback: number, min: number): number {
  return typeof value === 'number' && isFinite(value) && value >= min ? value : fallback;
}

function tuning(o: ChatClientOptions): Tuning {
  return {
    maxAttempts: Math.floor(setting(o.maxAttempts, 5, 1)),
    baseDelayMs: setting(o.baseDelayMs, 1000, 0),
    maxDelayMs: setting(o.maxDelayMs, 32000, 0),
    maxTotalWaitMs: setting(o.maxTotalWaitMs, 60000, 0),
    attemptReserveMs: setting(o.attemptReserveMs, 1000, 0),
    minIntervalMs: setting(o.minIntervalMs, 1000, 0),
    random: o.random || Math.random,
  };
}

function failure(
  job: { attempts: number; scrub: (text: string) => string },
  kind: SendFailureKind,
  httpStatus: number | null,
  chatStatus: string | null,
  text: string,
): SendFailure {
  return {
    ok: false,
    kind,
    httpStatus,
    chatStatus,
    message: job.scrub(text),
    attempts: job.attempts,
  };
}

/**
 * Creates a client that posts with `http` and waits with `clock`.
 *
 * A send checks the message (`invalid`, no HTTP call), waits for the space's pace, POSTs with
 * `muteHttpExceptions: true` and checks the status itself. 2xx succeeds; 429/500/502/503/504,
 * unreadable 2xx bodies and exceptions from `fetch` are retried with full-jitter exponential
 * backoff or `Retry-After`, within `maxAttempts`, `maxTotalWaitMs` and the deadline, then
 * reported as `transient`; any other status is `permanent` at once.
 */
export function createChatClient(
  http: HttpFetcher,
  clock: Clock,
  options?: ChatClientOptions,
): ChatClient {
  const delivery = new Delivery(http, clock, options || {});
  return {
    send: (webhook, message, sendOptions) =>
      delivery.sendAll([{ webhook, message, options: sendOptions }])[0] as SendResult,
    sendAll: (requests, onResult) => delivery.sendAll(requests, onResult),
  };
}

/** The client's state for its lifetime: tuning and the pace of each space. */
class Delivery {
  private readonly t: Tuning;
  private readonly pacer: SpacePacer;

  constructor(
    private readonly http: HttpFetcher,
    private readonly clock: Clock,
    private readonly o: ChatClientOptions,
  ) {
    this.t = tuning(o);
    this.pacer = createSpacePacer(clock, this.t.minIntervalMs, o.previousPostAt);
  }

  sendAll(
    requests: SendRequest[],
    onResult?: (index: number, result: SendResult) => boolean | void,
  ): Array<SendResult | null> {
    const results: Array<SendResult | null> = requests.map(() => null);
    const queues = new SpaceQueues();
    requests.forEach((r, index) => {
      const job = this.newJob(r, index);
      if ('invalid' in job) {
        results[index] = job.invalid;
        if (onResult) onResult(index, job.invalid);
      } else {
        queues.push(job);
      }
    });
    const settle = (job: Job, result: SendResult): void => {
      results[job.index] = result;
      queues.shift(job.space);
      if (onResult && onResult(job.index, result) === false) queues.drop(job.space);
    };
    for (let heads = queues.heads(); heads.length; heads = queues.heads()) {
      const batch = this.nextBatch(heads, settle);
      const outcomes = batch.length ? this.attempt(batch) : [];
      batch.forEach((job, i) => {
        const outcome = outcomes[i];
        if ('done' in outcome) return settle(job, outcome.done);
        if ('permanent' in outcome) {
          const p = outcome.permanent;
          return settle(job, failure(job, 'permanent', p.httpStatus, p.chatStatus, p.message));
        }
        const final = this.scheduleRetry(job, outcome.retry);
        if (final) settle(job, final);
      });
    }
    return results;
  }

  private newJob(r: SendRequest, index: number): Job | { invalid: SendFailure } {
    const scrub = secretScrubber(r.webhook);
    const { requestId, replyOption, deadline } = r.options;
    const prepared = prepareRequest(r.webhook, r.message, requestId, replyOption);
    if ('invalid' in prepared) {
      return { invalid: failure({ attempts: 0, scrub }, 'invalid', null, null, prepared.invalid) };
    }
    const space = r.webhook.space;
    return {
      index,
      space,
      request: prepared,
      deadline,
      scrub,
      attempts: 0,
      waitedMs: 0,
      retryAt: null,
      last: null,
    };
  }

  private log(job: Job, line: string): void {
    if (this.o.log) this.o.log.log(job.scrub(`chat space ${job.space}: ${line}`));
  }

  private fits(job: Job, waitMs: number): boolean {
    return (
      job.deadline === undefined ||
      this.clock.now() + waitMs + this.t.attemptReserveMs <= job.deadline
    );
  }

  private stop(job: Job, reason: string): SendFailure {
    const last = job.last;
    const result = last
      ? failure(
          job,
          'transient',
          last.httpStatus,
          last.chatStatus,
          `${reason}; last error: ${last.message}`,
        )
      : failure(job, 'transient', null, null, reason);
    this.log(job, `${result.message} (after ${job.attempts} attempt(s))`);
    return result;
  }

  /** Schedules the job's retry after a retryable error, or returns its final failure. */
  private scheduleRetry(job: Job, error: RetryableError): SendFailure | null {
    const t = this.t;
    job.last = error;
    if (job.attempts >= t.maxAttempts)
      return this.stop(job, `gave up after ${job.attempts} attempts`);
    const delayMs =
      error.retryAfterMs !== null
        ? error.retryAfterMs
        : backoffDelay(job.attempts, t.baseDelayMs, t.maxDelayMs, t.random);
    if (job.waitedMs + delayMs > t.maxTotalWaitMs) {
      return this.stop(job, `retry wait budget of ${t.maxTotalWaitMs} ms reached`);
    }
    if (!this.fits(job, delayMs))
      return this.stop(job, 'time budget reached before the next retry');
    this.log(
      job,
      `attempt ${job.attempts}/${t.maxAttempts} failed (${error.message}); retrying in ${delayMs} ms`,
    );
    job.retryAt = this.clock.now() + delayMs;
    job.waitedMs += delayMs;
    return null;
  }

  /**
   * The heads (one job per space) that start next: sleeps until the first may start and
   * returns every head ready by then. Heads that cannot start in time are settled.
   */
  private nextBatch(heads: Job[], settle: (job: Job, result: SendResult) => void): Job[] {
    const now = this.clock.now();
    const starts: Array<{ job: Job; at: number; extra: number }> = [];
    for (const job of heads) {
      const retryAt = job.retryAt === null ? now : Math.max(now, job.retryAt);
      const at = Math.max(now + this.pacer.waitBefore(job.space), retryAt);
      // The pace's wait beyond the backoff counts against a retried send's wait budget.
      const extra = job.attempts > 0 ? at - retryAt : 0;
      if (!this.fits(job, at - now)) {
        settle(job, this.stop(job, 'time budget reached before the request could be sent'));
      } else if (job.waitedMs + extra > this.t.maxTotalWaitMs) {
        settle(job, this.stop(job, `retry wait budget of ${this.t.maxTotalWaitMs} ms reached`));
      } else {
        starts.push({ job, at, extra });
      }
    }
    if (!starts.length) return [];
    const first = starts.reduce((min, s) => (s.at < min ? s.at : min), Infinity);
    if (first > now) this.clock.sleep(first - now);
    const ready = starts.filter((s) => s.at <= first);
    ready.forEach((s) => (s.job.waitedMs += s.extra));
    return ready.map((s) => s.job);
  }

  /** Fetches one batch (one job per space): its outcomes, in order. */
  private attempt(batch: Job[]): AttemptOutcome[] {
    batch.forEach((job) => {
      this.pacer.recordPost(job.space);
      job.attempts++;
    });
    let outcomes: AttemptOutcome[];
    try {
      const responses: HttpResponse[] =
        batch.length === 1
          ? [this.http.fetch(batch[0].request.url, batch[0].request.params)]
          : this.http.fetchAll(
              batch.map((job) => ({ url: job.request.url, ...job.request.params })),
            );
      const now = this.clock.now();
      outcomes = batch.map((job, i) => classifyResponse(responses[i], now, job.attempts));
    } catch (e) {
      // A thrown fetch(All) is a transient failure of every request in the batch.
      const scrubAll = (text: string) => batch.reduce((s, job) => job.scrub(s), text);
      outcomes = batch.map(() => ({ retry: networkError(e, scrubAll) }));
    }
    // Chat counts a create when the request arrives, somewhere between the start and the end
    // of the fetch: pacing from the end keeps arrivals the interval apart whatever the jitter.
    batch.forEach((job) => this.pacer.recordPost(job.space));
    return outcomes;
  }
}

/** Jobs waiting per space, in order; spaces in the order they first appeared. */
class SpaceQueues {
  private readonly queues: { [space: string]: Job[] } = {};
  private readonly order: string[] = [];

  push(job: Job): void {
    if (!this.queues[job.space]) {
      this.queues[job.space] = [];
      this.order.push(job.space);
    }
    this.queues[job.space].push(job);
  }

  shift(space: string): void {
    this.queues[space].shift();
  }

  /** Forgets every job still waiting for the space. */
  drop(space: string): void {
    this.queues[space] = [];
  }

  heads(): Job[] {
    return this.order.map((space) => this.queues[space][0]).filter((job) => job !== undefined);
  }
}
