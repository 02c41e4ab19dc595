/**
 * One attempt of a message create: the request to make, and what its
 * response means (done, permanent failure, or worth retrying).
 */
import { FetchParams, HttpResponse } from '../ports';
import { checkMessage } from './limits';
import { ChatMessage, ReplyOption } from './message-types';
import { parseChatResponse } from './response';
import { isTransientStatus, parseRetryAfter } from './retry';
import { WebhookUrl, redactSecrets, requestUrl } from './webhook-url';

/** `transient`: may succeed later; `permanent`: Chat refused it; `invalid`: never sent. */
export type SendFailureKind = 'transient' | 'permanent' | 'invalid';

export type SendFailure = {
  ok: false;
  kind: SendFailureKind;
  httpStatus: number | null;
  chatStatus: string | null;
  message: string;
  attempts: number;
};

/** The outcome of a send. `message` is redacted and safe to store or show. */
export type SendResult =
  { ok: true; messageName: string; threadName: string | null; attempts: number } | SendFailure;

/** The error of one attempt that may be retried. */
export interface RetryableError {
  httpStatus: number | null;
  chatStatus: string | null;
  message: string;
  retryAfterMs: number | null;
}

/** What one attempt's response means. */
export type AttemptOutcome =
  | { done: SendResult }
  | { retry: RetryableError }
  /** A status Chat will answer the same way every time. */
  | { permanent: { httpStatus: number; chatStatus: string | null; message: string } };

/** A create request ready to be fetched. */
export interface PreparedRequest {
  url: string;
  params: FetchParams;
}

const REPLY_OPTIONS: ReplyOption[] = [
  'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
  'REPLY_MESSAGE_OR_FAIL',
];
const CONTENT_TYPE = 'application/json; charset=UTF-8';

/** Checks the message and options; the request to POST, or why it must not be sent. */
export function prepareRequest(
  webhook: WebhookUrl,
  message: ChatMessage,
  requestId: string,
  replyOption: ReplyOption | undefined,
): PreparedRequest | { invalid: string } {
  const checked = checkMessage(message);
  if (!checked.ok) return { invalid: checked.error };
  if (typeof requestId !== 'string' || requestId.trim() === '') {
    return { invalid: 'requestId is empty' };
  }
  const option = replyOption || 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';
  if (REPLY_OPTIONS.indexOf(option) === -1) {
    return { invalid: 'replyOption is not a supported messageReplyOption' };
  }
  return {
    url: requestUrl(webhook, requestId, option),
    params: {
      method: 'post',
      contentType: CONTENT_TYPE,
      payload: checked.value.body,
      muteHttpExceptions: true,
    },
  };
}

/**
 * Reads one response: 2xx naming the message succeeds; 429/5xx and 2xx bodies
 * that cannot be read are retried (the same requestId makes that safe); any
 * other status is permanent.
 */
export function classifyResponse(
  response: HttpResponse,
  now: number,
  attempts: number,
): AttemptOutcome {
  const status = response.getResponseCode();
  const body = response.getContentText();
  const parsed = parseChatResponse(status, body);
  if (parsed.ok) return { done: { ok: true, ...parsed.value, attempts } };
  const error = parsed.error;
  if ((status >= 200 && status < 300) || isTransientStatus(status)) {
    const headers = status === 429 || status >= 500 ? response.getHeaders() || {} : {};
    return {
      retry: {
        httpStatus: status,
        chatStatus: error.status,
        message: error.message,
        retryAfterMs: parseRetryAfter(headers, now),
      },
    };
  }
  return { permanent: { httpStatus: status, chatStatus: error.status, message: error.message } };
}

/** A thrown fetch (network error, timeout): always worth retrying. */
export function networkError(e: unknown, scrub: (text: string) => string): RetryableError {
  const text = e instanceof Error ? e.message : String(e);
  return {
    httpStatus: null,
    chatStatus: null,
    message: `request failed: ${scrub(text)}`,
    retryAfterMs: null,
  };
}

/** Removes this webhook's key and token verbatim (and percent-encoded), then any key=/token=. */
export function secretScrubber(webhook: WebhookUrl): (text: string) => string {
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
