/**
 * Time zones and serial dates, shared by the Spreadsheet, Utilities and xlsx
 * code. Sheets counts days from 1899-12-30 (serial 1 is 1899-12-31, with no
 * Lotus 1900 leap-year bug), in the spreadsheet's time zone.
 */

export type CellValue = string | number | boolean | Date;

export const MS_PER_DAY = 86400000;
/** Day 0 of the Sheets serial date system (1899-12-30). */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in an IANA time zone. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const wallUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour) % 24,
    Number(parts.minute),
    Number(parts.second),
  );
  const w = new Date(wallUtc);
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: w.getUTCDay(),
  };
}

const UTC_ZONES = new Set(['Etc/UTC', 'UTC', 'Etc/GMT', 'GMT']);

/** Offset of the zone from UTC at an instant, in ms (east positive). */
export function zoneOffset(ms: number, timeZone: string): number {
  if (UTC_ZONES.has(timeZone)) return 0;
  const p = zonedParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return wall - ms;
}

/** The instant whose wall-clock time in the zone equals `wallMs` read as UTC. */
export function wallToInstant(wallMs: number, timeZone: string): number {
  let guess = wallMs - zoneOffset(wallMs, timeZone);
  guess = wallMs - zoneOffset(guess, timeZone);
  return guess;
}

/** The wall-clock time of an instant in the zone, expressed as a UTC timestamp. */
export function instantToWall(ms: number, timeZone: string): number {
  return ms + zoneOffset(ms, timeZone);
}

/** The Sheets serial number of an instant, read in the time zone. */
export function dateToSerial(date: Date, timeZone: string): number {
  return (instantToWall(date.getTime(), timeZone) - SERIAL_EPOCH) / MS_PER_DAY;
}

/** The instant a Sheets serial number stands for in the time zone. */
export function serialToDate(serial: number, timeZone: string): Date {
  return new Date(wallToInstant(Math.round(SERIAL_EPOCH + serial * MS_PER_DAY), timeZone));
}
