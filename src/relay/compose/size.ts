/**
 * The message as the client sends it, and whether Chat takes it. Both
 * formats size their message here: on the JSON body exactly as it is posted
 * (`JSON.stringify`, counted in UTF-8 bytes by `checkMessage`), thread
 * included, so whatever a format escapes (`&` → `&amp;` in a card, `"` → `\"`
 * and control characters → `\u0001` in JSON, 4 bytes per emoji) is counted as
 * it is sent, and nothing added after composing can push it over the limit.
 */
import { checkMessage } from '../../chat/limits';
import { ChatMessage } from '../../chat/message-types';

/** The body with its thread: the message exactly as the client posts it. */
export function withThread(body: ChatMessage, threadKey: string | null): ChatMessage {
  return threadKey === null ? body : { ...body, thread: { threadKey } };
}

/** Whether Chat takes the message as sent: its text, its thread key and its JSON body within the limits. */
export function fits(message: ChatMessage): boolean {
  return checkMessage(message).ok;
}

/**
 * The largest n in [low, high] for which `ok(n)` holds, by bisection: at most
 * log2(high - low) + 1 calls. When `ok` is monotonic and `ok(low)` holds, that is the
 * largest; when not, the n returned still has `ok(n)` (or is `low`).
 */
export function largest(low: number, high: number, ok: (n: number) => boolean): number {
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (ok(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}
