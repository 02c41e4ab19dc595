/**
 * The week and the time of day as the configuration writes them: the days
 * `"mon"` to `"sun"` (quiet hours, digests) and times `"HH:MM"`.
 */

/** The days of the week as keys name them, Monday first: day n of the ISO week is WEEKDAYS[n - 1]. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MINUTES_PER_DAY = 24 * 60;

/** "08:00" for 480 minutes after midnight. */
export function clockText(minutes: number): string {
  const pad = (n: number) => (n < 10 ? '0' : '') + n;
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
