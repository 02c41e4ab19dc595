/**
 * When a digest is due, and what the relay remembers of the digests it
 * posted: the pure part of digests (relay/digests.ts sends them).
 *
 * Time is the wall clock of the spreadsheet's time zone, read through
 * Utilities.formatDate (Apps Script guarantees no Intl): the day, the minute
 * of the day and the ISO day of the week. A digest is due at the first run at
 * or after its time `at`, on one of its days, until that day's digest is done;
 * each day has its own, so one not posted by midnight is never posted the next
 * day.
 *
 * What was posted lives in one Script Property, CHAT_RELAY_DIGESTS:
 *
 *   {"v":1,"tz":"Europe/Paris","d":{"<key>":["2024-01-15","chat-relay-digest-…",1]}}
 *
 * `key` is a short hash of the sheet's and the digest's names; the entry is
 * the day, the requestId of that day's digest and where it stands (0: written
 * ahead of its send, 1: posted, or not posted because nothing matched, 2:
 * refused by Chat, not tried again that day, 3: held by quiet hours, owed: the
 * first run after they end posts it as that day's, even on a later day). `tz` is the spreadsheet's time
 * zone as last read, so that a run with no digest due asks the spreadsheet
 * nothing (see relay/digests.ts). The requestId of a day's digest is derived
 * from the spreadsheet, the sheet's permanent ID, the digest and the day:
 * with the state lost, a retry still carries the same one, and Chat returns
 * the message it already created.
 */
import { clockText } from '../config/clock';
import { Digest } from '../config/digests';
import { SpreadsheetTimeZone } from '../ports';
import { hashHex } from './hash';
import { SheetIdentity } from './ids';

export const DIGEST_STATE_PROPERTY = 'CHAT_RELAY_DIGESTS';
/** A Script Property holds 9 KB: the state stays below (5 digests × 20 sheets take 8.6 KB). */
export const MAX_STATE_CHARS = 9000;
/** Utilities.formatDate's pattern for the wall clock: `2024-01-15 09:05 1` (1 is Monday). */
export const WALL_CLOCK_PATTERN = 'yyyy-MM-dd HH:mm u';

/** A moment as digests go by it: its day, minute and weekday in a time zone. */
export interface DigestDay {
  /** `2024-01-15`. */
  day: string;
  /** Minutes after midnight. */
  minutes: number;
  /** 1 (Monday) to 7 (Sunday). */
  weekday: number;
}

/** The digest day of `timeZone` at `now`; null if Utilities.formatDate answers something else. */
export function digestDayAt(
  zone: SpreadsheetTimeZone,
  now: number,
  timeZone: string,
): DigestDay | null {
  const text = zone.format(now, WALL_CLOCK_PATTERN, timeZone);
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}) ([1-7])$/.exec(String(text));
  if (!m) return null;
  return { day: m[1], minutes: Number(m[2]) * 60 + Number(m[3]), weekday: Number(m[4]) };
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
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

/** `Monday 15 January 2024`: a day as a digest's header names it (in English, whatever the locale). */
export function dayInWords(day: string, weekday: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${DAY_NAMES[weekday - 1]} ${date} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** The ISO day `days` after `day` (pure calendar arithmetic). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

export type DigestStatus = 'sending' | 'done' | 'refused' | 'held';
const STATUS_CODES: DigestStatus[] = ['sending', 'done', 'refused', 'held'];

/** What the relay remembers of one digest: its last day, that day's requestId, where it stands. */
export interface DigestEntry {
  day: string;
  requestId: string;
  status: DigestStatus;
}

export interface DigestState {
  /** The spreadsheet's time zone as last read; null: never read. */
  tz: string | null;
  entries: { [key: string]: DigestEntry };
}

/** The key of a sheet's digest in the state: short, whatever the names' length. */
export function digestKey(sheet: string, name: string): string {
  return hashHex(`${sheet}\n${name}`).slice(0, 12);
}

/** The requestId of a digest's message on a day: the same on every retry, in every run. */
export function digestRequestId(identity: SheetIdentity, name: string, day: string): string {
  const { spreadsheetId, sheetId } = identity;
  return `chat-relay-digest-${hashHex(`digest\n${spreadsheetId}\n${sheetId}\n${name}\n${day}`)}`;
}

/** The thread of a digest's message on a day: its own, never a row's. */
export function digestThreadKey(identity: SheetIdentity, name: string, day: string): string {
  const { spreadsheetId, sheetId } = identity;
  return `chat-relay-digest-${hashHex(`thread\n${spreadsheetId}\n${sheetId}\n${name}\n${day}`)}`;
}

function isEntry(value: unknown): value is [string, string, number] {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(value[0]) &&
    typeof value[1] === 'string' &&
    value[1] !== '' &&
    STATUS_CODES[value[2]] !== undefined
  );
}

/**
 * The state as the property holds it. Anything unreadable counts as nothing posted: a digest
 * due today is then sent again with its derived requestId, which Chat answers with the
 * message it already created.
 */
export function readDigestState(raw: string | null): DigestState {
  const state: DigestState = { tz: null, entries: {} };
  let parsed: unknown = null;
  try {
    parsed = raw === null ? null : JSON.parse(raw);
  } catch {
    return state;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return state;
  const o = parsed as { tz?: unknown; d?: unknown };
  if (typeof o.tz === 'string' && o.tz !== '') state.tz = o.tz;
  const d = (typeof o.d === 'object' && o.d !== null ? o.d : {}) as { [key: string]: unknown };
  Object.keys(d).forEach((key) => {
    const e = d[key];
    if (isEntry(e)) state.entries[key] = { day: e[0], requestId: e[1], status: STATUS_CODES[e[2]] };
  });
  return state;
}

function serialize(tz: string | null, keys: string[], entries: DigestState['entries']): string {
  const d: { [key: string]: [string, string, number] } = {};
  keys.forEach((k) => {
    const e = entries[k];
    d[k] = [e.day, e.requestId, STATUS_CODES.indexOf(e.status)];
  });
  return JSON.stringify(tz === null ? { v: 1, d } : { v: 1, tz, d });
}

/**
 * The property's text: today's entries, and yesterday's while they fit (a day's entries matter
 * only on that day; yesterday's cover a time zone moved back across midnight). Within
 * MAX_STATE_CHARS: the oldest entries go first.
 */
export function writeDigestState(state: DigestState, today: string): string {
  const yesterday = addDays(today, -1);
  const keys = Object.keys(state.entries)
    .filter((k) => state.entries[k].day >= yesterday || state.entries[k].status === 'held')
    .sort((a, b) => {
      const [da, db] = [state.entries[a].day, state.entries[b].day];
      return da === db ? 0 : da > db ? -1 : 1;
    });
  let text = serialize(state.tz, keys, state.entries);
  while (text.length > MAX_STATE_CHARS && keys.length) {
    keys.pop();
    text = serialize(state.tz, keys, state.entries);
  }
  return text;
}

/** Whether today's digest is due at `wall`: past its time on one of its days, not done. */
export function dueToday(digest: Digest, wall: DigestDay, entry: DigestEntry | undefined): boolean {
  if (digest.days.indexOf(wall.weekday) < 0 || wall.minutes < digest.at) return false;
  return !entry || entry.day !== wall.day || entry.status === 'sending' || entry.status === 'held';
}

/** Whether the digest is due at `wall`: today's (see dueToday), or a day's held by quiet hours. */
export function isDue(digest: Digest, wall: DigestDay, entry: DigestEntry | undefined): boolean {
  return dueToday(digest, wall, entry) || (!!entry && entry.status === 'held');
}

/** The wall clock of a day as a digest's header shows it (its weekday found by calendar arithmetic). */
export function wallOfDay(day: string): DigestDay {
  const [year, month, date] = day.split('-').map(Number);
  const sundayFirst = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return { day, minutes: 0, weekday: ((sundayFirst + 6) % 7) + 1 };
}

/** When a digest is next posted, in the spreadsheet's time zone. */
export interface NextDigest {
  /** `2024-01-16`, and in words: `Tuesday 16 January 2024`. */
  day: string;
  dayInWords: string;
  /** `09:00`. */
  at: string;
  /** Due already: the next run posts it. */
  now: boolean;
}

/** When the digest is next due, seen at `wall`: today (at its time, or now), or a later day of its. */
export function nextDue(
  digest: Digest,
  wall: DigestDay,
  entry: DigestEntry | undefined,
): NextDigest {
  const at = clockText(digest.at);
  if (isDue(digest, wall, entry))
    return { day: wall.day, dayInWords: dayInWords(wall.day, wall.weekday), at, now: true };
  const laterToday = digest.days.indexOf(wall.weekday) >= 0 && wall.minutes < digest.at;
  for (let k = laterToday ? 0 : 1; k <= 7; k++) {
    const weekday = ((wall.weekday - 1 + k) % 7) + 1;
    if (digest.days.indexOf(weekday) < 0) continue;
    const day = addDays(wall.day, k);
    return { day, dayInWords: dayInWords(day, weekday), at, now: false };
  }
  // Unreachable: a digest has at least one day.
  return { day: wall.day, dayInWords: dayInWords(wall.day, wall.weekday), at, now: false };
}
