/**
 * The per-sheet key `quietHours`: when a sheet's messages wait.
 *
 *   "quietHours": {"from": "19:00", "to": "08:00", "days": ["mon", "tue"], "except": conditions}
 *
 * Quiet hours start at `from` on each of `days` (default: every day) and end
 * at the next `to`: on the same day when `to` is later, else the next day (a
 * window crossing midnight belongs to the day it starts on: "fri" holds Friday
 * 19:00 to Saturday 08:00). The same time for both is 24 hours. Times are
 * "HH:MM" on a 24-hour clock, in the spreadsheet's time zone. A row matching
 * `except` is never held. In a `sheets` entry, `null` turns a top-level
 * default off for that sheet.
 */
import { Condition, parseConditions } from './conditions';
import {
  ConfigProblem,
  closestName,
  configProblem,
  describeValue,
  didYouMean,
  joinPath,
} from './problems';
import { WEEKDAYS, Weekday, clockText } from './clock';
import { isObject } from './json';

export interface QuietHours {
  /** Minutes after midnight at which quiet hours start. */
  from: number;
  /** Minutes after midnight at which they end (on the next day when not after `from`). */
  to: number;
  /** The days quiet hours start on, as indexes of WEEKDAYS (0 = Monday), in order; none: turned off. */
  days: number[];
  /** Rows matching these go out at once; null: every row waits. */
  except: Condition[] | null;
  /** Where the key was set (`quietHours`, `sheets[1].quietHours`). */
  path: string;
}

const KEYS = ['from', 'to', 'days', 'except'];
const CLOCK_TIME = /^(\d\d):(\d\d)$/;

/** A time of day, "HH:MM" on a 24-hour clock: its minutes after midnight, or null (with the problem). */
export function parseClockTime(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): number | null {
  const text = typeof value === 'string' ? value.trim() : null;
  const exact = text === null ? null : CLOCK_TIME.exec(text);
  if (exact && Number(exact[1]) < 24 && Number(exact[2]) < 60)
    return Number(exact[1]) * 60 + Number(exact[2]);
  const loose = text === null ? null : /^(\d\d?)[:.h](\d\d)$/.exec(text);
  const close =
    loose && Number(loose[1]) < 24 && Number(loose[2]) < 60
      ? ` (did you mean "${clockText(Number(loose[1]) * 60 + Number(loose[2]))}"?)`
      : '';
  const midnight = text === '24:00' ? ' (midnight is "00:00")' : close;
  problems.push(
    configProblem(
      path,
      `must be a time "HH:MM" on a 24-hour clock, from "00:00" to "23:59", not ${describeValue(value)}${midnight}`,
    ),
  );
  return null;
}

function parseDays(value: unknown, path: string, problems: ConfigProblem[]): number[] | null {
  const list = Array.isArray(value) ? value : null;
  if (!list || !list.length) {
    problems.push(
      configProblem(
        path,
        `must be a non-empty array of days such as ["mon", "tue", "wed", "thu", "fri"] (${WEEKDAYS.join(', ')}), not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  const days: number[] = [];
  list.forEach((day, i) => {
    const index =
      typeof day === 'string' ? WEEKDAYS.indexOf(day.trim().toLowerCase() as Weekday) : -1;
    if (index >= 0) {
      if (days.indexOf(index) < 0) days.push(index);
      return;
    }
    const hint = typeof day === 'string' ? dayHint(day) : '';
    problems.push(
      configProblem(
        joinPath(path, i),
        `must be one of ${WEEKDAYS.join(', ')}, not ${describeValue(day)}${hint}`,
      ),
    );
  });
  return problems.length > before ? null : days.sort((a, b) => a - b);
}

/** ` (did you mean "mon"?)` for "Monday", "mo", "mno"; else ``. */
function dayHint(day: string): string {
  const lower = day.trim().toLowerCase();
  const named = WEEKDAYS.filter(
    (d) =>
      (lower.length > 3 && lower.indexOf(d) === 0) || (lower.length >= 2 && d.indexOf(lower) === 0),
  )[0];
  const close = named || closestName(lower, WEEKDAYS);
  return close ? ` (did you mean "${close}"?)` : '';
}

/** Quiet hours that never start: a sheet entry's `null`, turning a top-level default off. */
export function quietHoursOff(path: string): QuietHours {
  return { from: 0, to: 0, days: [], except: null, path };
}

function unknownKeys(value: { [key: string]: unknown }, path: string, problems: ConfigProblem[]) {
  Object.keys(value)
    .filter((k) => KEYS.indexOf(k) < 0)
    .forEach((k) =>
      problems.push(
        configProblem(
          joinPath(path, k),
          `is not a known key of quietHours${didYouMean(k, KEYS)} (known keys: ${KEYS.join(', ')})`,
        ),
      ),
    );
}

function required(
  value: { [key: string]: unknown },
  key: 'from' | 'to',
  path: string,
  problems: ConfigProblem[],
): number | null {
  if (key in value) return parseClockTime(value[key], joinPath(path, key), problems);
  problems.push(
    configProblem(
      joinPath(path, key),
      `is missing: quietHours needs "from" and "to", such as {"from": "19:00", "to": "08:00"}`,
    ),
  );
  return null;
}

/** The value of `quietHours`, checked: quiet hours, or null (with the problems). */
export function parseQuietHours(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): QuietHours | null {
  if (value === null) return quietHoursOff(path);
  if (!isObject(value)) {
    problems.push(
      configProblem(
        path,
        `must be an object such as {"from": "19:00", "to": "08:00"} (or null to turn quiet hours off for a sheet), not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  unknownKeys(value, path, problems);
  const from = required(value, 'from', path, problems);
  const to = required(value, 'to', path, problems);
  const days =
    'days' in value
      ? parseDays(value.days, joinPath(path, 'days'), problems)
      : [0, 1, 2, 3, 4, 5, 6];
  const except =
    'except' in value ? parseConditions(value.except, joinPath(path, 'except'), problems) : null;
  if (problems.length > before || from === null || to === null || days === null) return null;
  if (from === to && days.length === WEEKDAYS.length) {
    problems.push(
      configProblem(
        path,
        `is quiet all day every day ("from" and "to" are both "${clockText(from)}"): nothing would ever be sent. Give "days" fewer days, or different times`,
      ),
    );
    return null;
  }
  return { from, to, days, except, path };
}
