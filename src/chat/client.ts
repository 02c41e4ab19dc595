/**
 * The Chat webhook client: validates, paces, posts and retries one message create.
 *
 * Every attempt carries the same `requestId`, so when Chat commits a message but the response
 * is lost (timeout, 503 after commit), the retry returns the existing message instead of
 * posting a duplicate. Services arrive through the injected `HttpFetcher` and `Clock`.
 */

import { Clock, FetchParams, HttpFetcher, Logger } from '../apps-script/services';
import { checkMessage } from './limits';
import { ChatMessage, ReplyOption } from './message';
import { createSpacePacer } from './pacer';
import { parseChatResponse } from './response';
import { backoffDelay, isTransientStatus, parseRetryAfter } from './retry';
import { redactSecrets, requestUrl, WebhookUrl } from './webhook-url';

/** Options of one {@link ChatClient.send} call. */
export interface SendOptions {
  /** Idempotency key, identical on every attempt of this message. */
  requestId: string;
  /** Defaults to `REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`. */
  replyOption?: ReplyOption;
  /** Epoch ms. No attempt and no wait starts if it cannot finish before it. */
  deadline?: number;
}

/** `transient`: may succeed later; `permanent`: Chat refused it; `invalid`: never sent. */
export type SendFailureKind = 'transient' | 'permanent' | 'invalid';

/** The outcome of a send. `message` is redacted and safe to store or show. */
export type SendResult =
  | { ok: true; messageName: string; threadName: string | null; attempts: number }
  | {
      ok: false;
      kind: SendFailureKind;
      httpStatus: number | null;
      chatStatus: string | null;
      message: string;
      attempts: number;
    };

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
}

type Failure = Extract<SendResult, { ok: false }>;

/** The error of one attempt that may be retried. */
interface RetryableError {
  httpStatus: number | null;
  chatStatus: string | null;
  message: string;
  retryAfterMs: number | null;
}

const REPLY_OPTIONS: ReplyOption[] = [
  'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
  'REPLY_MESSAGE_OR_FAIL',
];
const CONTENT_TYPE = 'application/json; charset=UTF-8';

function setting(value: number | undefined, fallback: number, min: number): number {
  return typeof value === 'number' && isFinite(value) && value >= min ? value : fallback;
}

function describeException(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Removes this webhook's key and token verbatim (and percent-encoded), then any key=/token=. */
function secretScrubber(webhook: WebhookUrl): (text: string) => string {
  const secrets = [webhook.key, webhook.token];
  for (const s of [webhook.key, webhook.token]) {
    const encoded = encodeURIComponent(s);
    if (encoded !== s) secrets.push(encoded);
  }
  const ordered = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = String(text);
    for (const secret of ordered) out = out.split(secret).join('REDACTED');
    return redactSecrets(out);
  };
}

/**
 * Creates a client that posts with `http` and waits with `clock`.
 *
 * A send checks the message (`invalid`, no HTTP call), waits for the space's pace, POSTs
 * `requestUrl(...)` with `muteHttpExceptions: true` and checks the status itself. 2xx succeeds;
 * 429/500/502/503/504, unreadable 2xx bodies and exceptions from `fetch` are retried with
 * full-jitter exponential backoff or `Retry-After`, within `maxAttempts`, `maxTotalWaitMs` and
 * the deadline, then reported as `transient`; any other status is `permanent` at once.
 */
export function createChatClient(
  http: HttpFetcher,
  clock: Clock,
  options?: ChatClientOptions,
): ChatClient {
  const o = options || {};
  const maxAttempts = Math.floor(setting(o.maxAttempts, 5, 1));
  const baseDelayMs = setting(o.baseDelayMs, 1000, 0);
  const maxDelayMs = setting(o.maxDelayMs, 32000, 0);
  const maxTotalWaitMs = setting(o.maxTotalWaitMs, 60000, 0);
  const attemptReserveMs = setting(o.attemptReserveMs, 1000, 0);
  const random = o.random || Math.random;
  const pacer = createSpacePacer(clock, setting(o.minIntervalMs, 1000, 0), o.previousPostAt);

  function send(webhook: WebhookUrl, message: ChatMessage, sendOptions: SendOptions): SendResult {
    const scrub = secretScrubber(webhook);
    const log = (line: string): void => {
      if (o.log) o.log.log(scrub(`chat space ${webhook.space}: ${line}`));
    };
    let attempts = 0;
    const fail = (
      kind: SendFailureKind,
      httpStatus: number | null,
      chatStatus: string | null,
      text: string,
    ): Failure => ({ ok: false, kind, httpStatus, chatStatus, message: scrub(text), attempts });

    const checked = checkMessage(message);
    if (!checked.ok) return fail('invalid', null, null, checked.error);
    const requestId = sendOptions.requestId;
    if (typeof requestId !== 'string' || requestId.trim() === '') {
      return fail('invalid', null, null, 'requestId is empty');
    }
    const replyOption = sendOptions.replyOption || 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';
    if (REPLY_OPTIONS.indexOf(replyOption) === -1) {
      return fail('invalid', null, null, 'replyOption is not a supported messageReplyOption');
    }
    const url = requestUrl(webhook, requestId, replyOption);
    const params: FetchParams = {
      method: 'post',
      contentType: CONTENT_TYPE,
      payload: checked.value.body,
      muteHttpExceptions: true,
    };
    const deadline = sendOptions.deadline;
    const fitsDeadline = (waitMs: number): boolean =>
      typeof deadline !== 'number' || clock.now() + waitMs + attemptReserveMs <= deadline;

    let last: RetryableError | null = null;
    let waitedMs = 0;
    const stop = (reason: string): Failure => {
      const result = last
        ? fail(
            'transient',
            last.httpStatus,
            last.chatStatus,
            `${reason}; last error: ${last.message}`,
          )
        : fail('transient', null, null, reason);
      log(`${result.message} (after ${attempts} attempt(s))`);
      return result;
    };

    function attempt(): SendResult | RetryableError {
      let status: number;
      let body: string;
      let headers: object = {};
      try {
        const response = http.fetch(url, params);
        status = response.getResponseCode();
        body = response.getContentText();
        if (status === 429 || status >= 500) headers = response.getHeaders() || {};
      } catch (e) {
        const text = `request failed: ${scrub(describeException(e))}`;
        return { httpStatus: null, chatStatus: null, message: text, retryAfterMs: null };
      }
      const parsed = parseChatResponse(status, body);
      if (parsed.ok) {
        return { ok: true, ...parsed.value, attempts };
      }
      const error = parsed.error;
      if ((status >= 200 && status < 300) || isTransientStatus(status)) {
        const retryAfterMs = parseRetryAfter(headers, clock.now());
        return {
          httpStatus: status,
          chatStatus: error.status,
          message: error.message,
          retryAfterMs,
        };
      }
      return fail('permanent', status, error.status, error.message);
    }

    for (;;) {
      const paceMs = pacer.waitBefore(webhook.space);
      if (!fitsDeadline(paceMs))
        return stop('time budget reached before the request could be sent');
      if (attempts > 0 && waitedMs + paceMs > maxTotalWaitMs) {
        return stop(`retry wait budget of ${maxTotalWaitMs} ms reached`);
      }
      if (paceMs > 0) {
        clock.sleep(paceMs);
        if (attempts > 0) waitedMs += paceMs;
      }
      pacer.recordPost(webhook.space);
      attempts++;
      const outcome = attempt();
      // Chat counts a create when the request arrives, somewhere between the
      // start and the end of the fetch: pacing from the end keeps arrivals at
      // least the interval apart whatever the network's jitter.
      pacer.recordPost(webhook.space);
      if ('ok' in outcome) return outcome;
      last = outcome;
      if (attempts >= maxAttempts) return stop(`gave up after ${attempts} attempts`);
      const delayMs =
        outcome.retryAfterMs !== null
          ? outcome.retryAfterMs
          : backoffDelay(attempts, baseDelayMs, maxDelayMs, random);
      if (waitedMs + delayMs > maxTotalWaitMs) {
        return stop(`retry wait budget of ${maxTotalWaitMs} ms reached`);
      }
      if (!fitsDeadline(delayMs)) return stop('time budget reached before the next retry');
      log(
        `attempt ${attempts}/${maxAttempts} failed (${outcome.message}); retrying in ${delayMs} ms`,
      );
      if (delayMs > 0) clock.sleep(delayMs);
      waitedMs += delayMs;
    }
  }

  return { send };
}
