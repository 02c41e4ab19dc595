/**
 * Retry policy for creating messages: which failures are transient, how long to back off, and
 * how to read a `Retry-After` header.
 */

/** HTTP statuses worth retrying: quota (429) and server-side trouble. */
const TRANSIENT_STATUSES = [429, 500, 502, 503, 504];

/** Whether an HTTP status is transient (retry) rather than permanent. */
export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.indexOf(status) !== -1;
}

/**
 * Exponential backoff with full jitter: a uniformly random delay in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry - 1)))`, where `retry` counts from 1.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * Math.pow(2, Math.max(0, retry - 1)));
  const r = random();
  const fraction = typeof r === 'number' && r >= 0 && r < 1 ? r : 0.5;
  return Math.floor(fraction * ceiling);
}

/**
 * Reads `Retry-After` (header name matched case-insensitively) from `getHeaders()` output as a
 * delay in milliseconds from `nowMs`: delta-seconds (`"30"`) or an HTTP-date. Returns null when
 * absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(headers: object, nowMs: number): number | null {
  let raw: unknown = undefined;
  const entries = headers as { [name: string]: unknown };
  for (const name of Object.keys(entries)) {
    if (name.toLowerCase() === 'retry-after') {
      raw = entries[name];
      break;
    }
  }
  if (Array.isArray(raw)) raw = raw[0];
  if (typeof raw === 'number') raw = String(raw);
  if (typeof raw !== 'string') return null;
  const value = raw.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(parseFloat(value) * 1000);
  if (!/^[A-Za-z]{3}/.test(value)) return null; // HTTP-dates start with the day name.
  const date = Date.parse(value);
  if (isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}
