/**
 * Quiet hours as a run sees them (the key is config/quiet-hours.ts): whether
 * a sheet's quiet hours are on at an instant, in the spreadsheet's time zone,
 * and until when. The wall clock comes through a port (Utilities.formatDate);
 * the rest is arithmetic on its day and time, so a change of the clocks (DST)
 * moves quiet hours with the wall clock: they end when it shows `to`.
 *
 * Whatever a run would send for a row, a reminder or a digest while its
 * sheet is quiet waits: not written, not marked PENDING, so the first run
 * after quiet hours plans it again as it would have. A row matching `except`
 * goes out at once; so does a row a person asks for (Send selected rows).
 *
 * The question digests and reminders ask ("is this sheet quiet at instant T,
 * and until when?") is quietUntil(rules.quietHours, T, deps.timeZone); for
 * a row's own reminder, heldInQuietHours(that answer, rules, valueOf) adds
 * `except`. Ask once per sheet per run, at one instant, and hold everything by that answer.
 */
import { ConditionRow } from '../config/conditions';
import { MINUTES_PER_DAY, WEEKDAYS, clockText } from '../config/clock';
import { QuietHours } from '../config/quiet-hours';
import { SpreadsheetTimeZone } from '../ports';
import { SheetRules } from './rules';

/** A moment as the wall clock shows it: the day of the week (0 = Monday) and the minutes since midnight. */
export interface WallTime {
  weekday: number;
  minutes: number;
}

/** Whether quiet hours are on, and until when. */
export interface QuietNow {
  quiet: boolean;
  /**
   * When they end, as the wall clock will show it: "08:00"; "Mon 08:00" when that is 24
   * hours away or more (whole days in a row). '' when not quiet.
   */
  until: string;
}

export const NOT_QUIET: QuietNow = { quiet: false, until: '' };

const PATTERN = 'yyyy-MM-dd HH:mm';
const WALL = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** The wall time at `ms` in the spreadsheet's time zone; null if the clock answers something else. */
export function wallTimeAt(clock: SpreadsheetTimeZone, ms: number): WallTime | null {
  const m = WALL.exec(clock.format(ms, PATTERN));
  if (!m) return null;
  const sundayFirst = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay();
  return { weekday: (sundayFirst + 6) % 7, minutes: +m[4] * 60 + +m[5] };
}

/** How long one day's quiet hours last, in minutes: `from` to the next `to` (the same time: a whole day). */
function lengthOf(hours: QuietHours): number {
  return (hours.to - hours.from + MINUTES_PER_DAY) % MINUTES_PER_DAY || MINUTES_PER_DAY;
}

/**
 * The end of the quiet hours holding `at` (minutes counted from the midnight that starts
 * day `weekday`, in the same count), or null when none holds it. Quiet hours belong to
 * the day they start on: those of that day, or of the day before, may hold `at`.
 */
function endAt(hours: QuietHours, weekday: number, at: number): number | null {
  const day = Math.floor(at / MINUTES_PER_DAY);
  for (const started of [day, day - 1]) {
    const start = started * MINUTES_PER_DAY + hours.from;
    const on = (((weekday + started) % 7) + 7) % 7;
    if (hours.days.indexOf(on) >= 0 && start <= at && at < start + lengthOf(hours))
      return start + lengthOf(hours);
  }
  return null;
}

/** When the quiet hours holding this wall time end (minutes in endAt's count), following whole days in a row. */
function endOf(hours: QuietHours, wall: WallTime): number | null {
  let end = endAt(hours, wall.weekday, wall.minutes);
  if (end === null) return null;
  // Only whole days (from = to) can follow each other; a week of them is refused by the parser.
  for (let days = 0; days < 7; days++) {
    const next = endAt(hours, wall.weekday, end);
    if (next === null) break;
    end = next;
  }
  return end;
}

/** Whether quiet hours are on at this wall time, and until when (following whole days in a row). */
export function quietAt(hours: QuietHours | null, wall: WallTime): QuietNow {
  if (!hours) return NOT_QUIET;
  const end = endOf(hours, wall);
  if (end === null) return NOT_QUIET;
  const time = clockText(end % MINUTES_PER_DAY);
  if (end - wall.minutes < MINUTES_PER_DAY) return { quiet: true, until: time };
  const day = WEEKDAYS[(wall.weekday + Math.floor(end / MINUTES_PER_DAY)) % 7];
  return { quiet: true, until: `${day.charAt(0).toUpperCase()}${day.slice(1)} ${time}` };
}

/**
 * Whether a sheet's quiet hours are on at `now` (epoch ms), and until when. The wall clock
 * is asked only when the sheet has quiet hours. A clock answering something that is not a
 * time leaves them off (messages go out rather than wait for an end it cannot tell).
 */
export function quietUntil(
  hours: QuietHours | null,
  now: number,
  clock: SpreadsheetTimeZone,
): QuietNow {
  if (!hours || !hours.days.length) return NOT_QUIET;
  const wall = wallTimeAt(clock, now);
  return wall ? quietAt(hours, wall) : NOT_QUIET;
}

/** Quiet hours at an instant, with the instant they end (epoch ms; 0 when not quiet). */
export interface QuietSpell extends QuietNow {
  endsAt: number;
}

const MINUTE_MS = 60000;

/**
 * As quietUntil, with the instant quiet hours end: the first minute the wall clock shows `to`
 * (a change of the clocks in between is corrected by asking the clock once more). What is held
 * until then (a reminder, say) is due again at that instant.
 */
export function quietSpell(
  hours: QuietHours | null,
  now: number,
  clock: SpreadsheetTimeZone,
): QuietSpell {
  const closed = { ...NOT_QUIET, endsAt: 0 };
  if (!hours || !hours.days.length) return closed;
  const wall = wallTimeAt(clock, now);
  const end = wall ? endOf(hours, wall) : null;
  if (!wall || end === null) return closed;
  const minute = now - (((now % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  let endsAt = minute + (end - wall.minutes) * MINUTE_MS;
  const shown = wallTimeAt(clock, endsAt);
  if (shown) {
    // The clocks changed in between: the wall clock shows `to` an hour (or so) off.
    const off =
      ((shown.minutes - (end % MINUTES_PER_DAY) + 720 + MINUTES_PER_DAY) % MINUTES_PER_DAY) - 720;
    endsAt -= off * MINUTE_MS;
  }
  return { ...quietAt(hours, wall), endsAt };
}

/** Whether a row's message waits: its sheet is quiet now and the row does not match `except`. */
export function heldInQuietHours(quiet: QuietNow, rules: SheetRules, row: ConditionRow): boolean {
  return quiet.quiet && !rules.quietExcept(row);
}
