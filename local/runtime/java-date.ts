/**
 * Java SimpleDateFormat patterns, as Utilities.formatDate takes them
 * ("yyyy-MM-dd'T'HH:mm:ssXXX"), in en-US, in any IANA time zone.
 */
import { type ZonedParts, zonedParts, zoneOffset } from './time';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

interface Instant {
  p: ZonedParts;
  /** Offset from UTC in minutes (east positive). */
  offset: number;
}

function offsetText(offset: number, withColon: boolean, withMinutes = true): string {
  const sign = offset < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(offset) / 60), 2);
  const m = pad(Math.abs(offset) % 60, 2);
  if (!withMinutes) return `${sign}${h}`;
  return withColon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

function month(m: number, n: number): string {
  if (n >= 4) return MONTHS[m - 1];
  if (n === 3) return MONTHS[m - 1].slice(0, 3);
  return pad(m, n);
}

/** One renderer per pattern letter; `n` is how many times the letter repeats. */
const FIELDS: Record<string, (t: Instant, n: number) => string> = {
  y: ({ p }, n) => (n === 2 ? pad(p.year % 100, 2) : pad(p.year, n)),
  M: ({ p }, n) => month(p.month, n),
  d: ({ p }, n) => pad(p.day, n),
  E: ({ p }, n) => (n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3)),
  u: ({ p }) => String(p.weekday === 0 ? 7 : p.weekday),
  H: ({ p }, n) => pad(p.hour, n),
  k: ({ p }, n) => pad(p.hour || 24, n),
  h: ({ p }, n) => pad(p.hour % 12 || 12, n),
  K: ({ p }, n) => pad(p.hour % 12, n),
  m: ({ p }, n) => pad(p.minute, n),
  s: ({ p }, n) => pad(p.second, n),
  S: ({ p }, n) => pad(p.millisecond, 3).slice(0, Math.max(n, 3)).padEnd(n, '0'),
  a: ({ p }) => (p.hour < 12 ? 'AM' : 'PM'),
  z: ({ offset }, n) =>
    offset === 0
      ? n >= 4
        ? 'Coordinated Universal Time'
        : 'UTC'
      : `GMT${offsetText(offset, true)}`,
  Z: ({ offset }) => offsetText(offset, false),
  X: ({ offset }, n) => (offset === 0 ? 'Z' : offsetText(offset, n >= 3, n >= 2)),
};
FIELDS.Y = FIELDS.y;
FIELDS.L = FIELDS.M;

/** Splits a pattern into quoted literals, other literals and runs of one letter. */
function tokens(pattern: string): Array<{ literal: string } | { letter: string; n: number }> {
  const out: Array<{ literal: string } | { letter: string; n: number }> = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out.push({ literal: "'" });
        i++;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      const stop = end < 0 ? pattern.length : end;
      out.push({ literal: pattern.slice(i + 1, stop) });
      i = stop;
    } else if (/[A-Za-z]/.test(ch)) {
      let n = 1;
      while (pattern[i + n] === ch) n++;
      out.push({ letter: ch, n });
      i += n - 1;
    } else out.push({ literal: ch });
  }
  return out;
}

export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  const instant: Instant = {
    p: zonedParts(ms, timeZone),
    offset: Math.round(zoneOffset(ms, timeZone) / 60000),
  };
  return tokens(pattern)
    .map((t) => {
      if ('literal' in t) return t.literal;
      const field = FIELDS[t.letter];
      if (!field) throw new Error(`Illegal pattern character '${t.letter}'`);
      return field(instant, t.n);
    })
    .join('');
}
