/**
 * The values of the date operators (before, after, onOrBefore, onOrAfter) and
 * the moment conditions are evaluated at, in the spreadsheet's time zone.
 *
 *   "today", "today+3d", "today-1d"   a calendar day, counted from today
 *   "now", "now-30m", "now+4h"        an instant, counted from now (units m, h, d)
 *   "2026-12-24"                      a calendar day
 *   "2026-12-24T18:00"                an instant: in the spreadsheet's time zone, or at
 *                                     the offset it gives ("…T18:00Z", "…T18:00+01:00")
 *
 * Against a calendar day a cell's date compares by its calendar day; against an
 * instant, as an instant. Days are intervals of time, so a calendar day compares
 * through the first instants of that day and the next: the time zone is asked
 * for a few offsets per run, never once per row.
 */
import { SpreadsheetTimeZone } from '../ports';

const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A date operator's value, as parsed. */
export type DateValue =
  /** A calendar day `days` after today (negative: before). */
  | { kind: 'today'; days: number }
  /** A calendar day: days since 1970-01-01. */
  | { kind: 'date'; day: number }
  /** An instant `ms` after now (negative: before). */
  | { kind: 'now'; ms: number }
  /** An instant: a wall-clock time (epoch ms as if in UTC), at `offsetMinutes` or (null) in the spreadsheet's zone. */
  | { kind: 'dateTime'; wall: number; offsetMinutes: number | null };

/** The moment conditions are evaluated at, in the spreadsheet's time zone. */
export interface ConditionTime {
  /** The run's moment, epoch ms. */
  readonly now: number;
  /** Today's calendar day in the spreadsheet's time zone (days since 1970-01-01). */
  today(): number;
  /** The first instant of a calendar day in the spreadsheet's time zone. */
  dayStart(day: number): number;
  /** The instant of a wall-clock time (epoch ms as if in UTC) in the spreadsheet's time zone. */
  instantOf(wall: number): number;
  /** The wall-clock time of an instant in the spreadsheet's time zone (epoch ms as if in UTC). */
  wallOf(instant: number): number;
}

/** `+0100`, `-0530` (Utilities.formatDate's `Z`) in minutes east of UTC. */
export function offsetMinutesOf(text: string): number {
  const m = /^([+-])([0-9]{2}):?([0-9]{2})$/.exec(text.trim());
  if (!m) throw new Error(`Utilities.formatDate gave "${text}" for the time zone offset`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * The moment `now` in the zone, each offset asked of the zone once: a run asks it a
 * handful of times (today, and the first instant of each day a condition names).
 */
export function conditionTime(now: number, zone: SpreadsheetTimeZone): ConditionTime {
  const offsets = new Map<number, number>();
  const offset = (instant: number): number => {
    let minutes = offsets.get(instant);
    if (minutes === undefined)
      offsets.set(instant, (minutes = offsetMinutesOf(zone.format(instant, 'Z'))));
    return minutes * MINUTE;
  };
  const wallOf = (instant: number) => instant + offset(instant);
  // The offset at the guess, then at the instant it gives: right on either side of a change of offset.
  const instantOf = (wall: number) => wall - offset(wall - offset(wall));
  return {
    now,
    today: () => Math.floor(wallOf(now) / DAY),
    dayStart: (day) => instantOf(day * DAY),
    instantOf,
    wallOf,
  };
}

const RELATIVE = /^(today|now)(?:\s*([+-])\s*([0-9]{1,6})\s*([a-z]+))?$/i;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const ISO_DATE_TIME =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$/;
const UNITS: { [unit: string]: number } = { m: MINUTE, h: HOUR, d: DAY };

/** Days since 1970-01-01 of a calendar date, or null when there is no such date (2026-02-30). */
function dayOf(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  return ms / DAY;
}

/** `+01:00`, `-0530`, `+02`, `Z` in minutes east of UTC; null past ±18 hours or 59 minutes. */
function offsetOf(text: string): number | null {
  if (text === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 18 || minutes > 59) return null;
  return (text.charAt(0) === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function relative(m: RegExpExecArray): DateValue | string {
  const base = m[1].toLowerCase();
  if (!m[2]) return base === 'today' ? { kind: 'today', days: 0 } : { kind: 'now', ms: 0 };
  const unit = m[4].toLowerCase();
  const amount = (m[2] === '-' ? -1 : 1) * Number(m[3]);
  if (!UNITS[unit]) return `counts in m, h or d (minutes, hours, days), not "${m[4]}"`;
  if (base === 'now') return { kind: 'now', ms: amount * UNITS[unit] };
  if (unit !== 'd')
    return `counts whole days from today ("today${m[2]}1d"): "now${m[2]}${m[3]}${unit}" counts ${unit === 'h' ? 'hours' : 'minutes'} from now`;
  return { kind: 'today', days: amount };
}

function dateTime(m: RegExpExecArray): DateValue | null {
  const day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6] || 0)];
  if (day === null || h > 23 || min > 59 || s > 59) return null;
  const offsetMinutes = m[7] ? offsetOf(m[7]) : null;
  if (m[7] && offsetMinutes === null) return null;
  return { kind: 'dateTime', wall: day * DAY + h * HOUR + min * MINUTE + s * 1000, offsetMinutes };
}

/**
 * A date operator's value, or what is wrong with it (a sentence that follows the value:
 * `"today+4h" counts whole days…`); null when it is no date at all.
 */
export function parseDateValue(text: string): DateValue | string | null {
  const trimmed = text.trim();
  const rel = RELATIVE.exec(trimmed);
  if (rel) return relative(rel);
  const date = ISO_DATE.exec(trimmed);
  if (date) {
    const day = dayOf(Number(date[1]), Number(date[2]), Number(date[3]));
    return day === null ? null : { kind: 'date', day };
  }
  const time = ISO_DATE_TIME.exec(trimmed);
  return time ? dateTime(time) : null;
}

/** Whether a cell's typed value is a date (Range.getValues gives a Date for a date cell). */
export function isDateValue(value: unknown): value is Date {
  return (
    Object.prototype.toString.call(value) === '[object Date]' && !isNaN((value as Date).getTime())
  );
}

export type DateOp = 'before' | 'after' | 'onOrBefore' | 'onOrAfter';

/** A date against a calendar day: by calendar day, through the first instants of that day and the next. */
function comparedToDay(op: DateOp, at: number, day: number, time: ConditionTime): boolean {
  switch (op) {
    case 'before':
      return at < time.dayStart(day);
    case 'onOrBefore':
      return at < time.dayStart(day + 1);
    case 'after':
      return at >= time.dayStart(day + 1);
    case 'onOrAfter':
      return at >= time.dayStart(day);
  }
}

function comparedToInstant(op: DateOp, at: number, instant: number): boolean {
  switch (op) {
    case 'before':
      return at < instant;
    case 'onOrBefore':
      return at <= instant;
    case 'after':
      return at > instant;
    case 'onOrAfter':
      return at >= instant;
  }
}

/** Whether a cell's typed value stands `op` the value at this moment; a cell that is not a date never does. */
export function dateHolds(
  op: DateOp,
  value: DateValue,
  cell: unknown,
  time: ConditionTime,
): boolean {
  if (!isDateValue(cell)) return false;
  const at = cell.getTime();
  switch (value.kind) {
    case 'today':
      return comparedToDay(op, at, time.today() + value.days, time);
    case 'date':
      return comparedToDay(op, at, value.day, time);
    case 'now':
      return comparedToInstant(op, at, time.now + value.ms);
    case 'dateTime':
      return comparedToInstant(
        op,
        at,
        value.offsetMinutes === null
          ? time.instantOf(value.wall)
          : value.wall - value.offsetMinutes * MINUTE,
      );
  }
}
