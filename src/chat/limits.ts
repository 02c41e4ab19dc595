/**
 * Chat API size limits and the pure checks that enforce them before anything is sent.
 */

import { err, ok, Result } from '../result';
import { ChatMessage } from './message-types';

/** Maximum length of `Message.text`, in UTF-16 code units (what Chat counts as characters). */
export const MAX_TEXT_CHARS = 4096;
/** Maximum size of a create-message request body, in UTF-8 bytes. */
export const MAX_BODY_BYTES = 32000;
/** Maximum length of `Thread.threadKey`. */
export const MAX_THREAD_KEY_CHARS = 4000;

const DEFAULT_MARK = '\u2026 [truncated]';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Number of bytes `s` takes once encoded as UTF-8, computed in pure JS (Apps Script has no
 * TextEncoder). A well-formed surrogate pair is 4 bytes; a lone surrogate is 3 bytes, because
 * encoders replace it with U+FFFD.
 */
export function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (isHighSurrogate(code) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** Cuts `s` to at most `length` code units without leaving half of a surrogate pair. */
function cutAt(s: string, length: number): string {
  if (length <= 0) return '';
  if (s.length <= length) return s;
  let end = length;
  if (isHighSurrogate(s.charCodeAt(end - 1)) && isLowSurrogate(s.charCodeAt(end))) end--;
  return s.slice(0, end);
}

/**
 * Shortens `s` to at most `maxChars` UTF-16 code units, the `mark` included, and returns it
 * unchanged when it already fits. Never splits a surrogate pair. When even the mark does not fit
 * in `maxChars`, the text is cut without a mark (the content matters more than the marker).
 */
export function truncateText(s: string, maxChars: number, mark: string = DEFAULT_MARK): string {
  const limit = Math.max(0, Math.floor(maxChars));
  if (s.length <= limit) return s;
  if (mark.length >= limit) return cutAt(s, limit);
  return cutAt(s, limit - mark.length) + mark;
}

/**
 * Validates a message against Chat's limits and serialises it.
 *
 * Fails when the message is empty (no non-blank `text` and no card), when `text` exceeds
 * {@link MAX_TEXT_CHARS}, when `thread.threadKey` exceeds {@link MAX_THREAD_KEY_CHARS}, when
 * several cards lack distinct `cardId`s, or when the JSON body exceeds {@link MAX_BODY_BYTES}.
 * The error text gives the measured size and the limit, never the content.
 */
export function checkMessage(
  message: ChatMessage,
): Result<{ body: string; bytes: number }, string> {
  const text = message.text;
  const cards = message.cardsV2;
  const hasText = typeof text === 'string' && text.trim() !== '';
  const hasCards = Array.isArray(cards) && cards.length > 0;
  if (!hasText && !hasCards) {
    return err('message is empty: it needs non-blank text or at least one card');
  }
  if (typeof text === 'string' && text.length > MAX_TEXT_CHARS) {
    return err(`message text is ${text.length} characters; the limit is ${MAX_TEXT_CHARS}`);
  }
  const threadKey = message.thread ? message.thread.threadKey : undefined;
  if (typeof threadKey === 'string' && threadKey.length > MAX_THREAD_KEY_CHARS) {
    return err(
      `thread key is ${threadKey.length} characters; the limit is ${MAX_THREAD_KEY_CHARS}`,
    );
  }
  if (hasCards && cards.length > 1) {
    const ids = cards.map((c) => c.cardId);
    const distinct = ids.filter(
      (id, i) => typeof id === 'string' && id !== '' && ids.indexOf(id) === i,
    );
    if (distinct.length !== cards.length) {
      return err(`message has ${cards.length} cards; each needs a distinct, non-empty cardId`);
    }
  }
  const body = JSON.stringify(message);
  const bytes = utf8ByteLength(body);
  if (bytes > MAX_BODY_BYTES) {
    return err(`message body is ${bytes} bytes of UTF-8 JSON; the limit is ${MAX_BODY_BYTES}`);
  }
  return ok({ body, bytes });
}
