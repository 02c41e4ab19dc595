/**
 * The people directory (`people`, top level): the sheet where the team keeps
 * each person's e-mail address beside their numeric Chat user ID, so that a
 * mention may name a column of e-mail addresses (`"mention": "{{Owner}}"`).
 *
 *   "people": {"sheet": "People", "emailColumn": "Email", "idColumn": "Chat user ID"}
 *
 * Its headers are in row 1. The sheet is read by the relay (relay/people.ts)
 * once per run, only when a mention needs it.
 */
import { ConfigProblem, configProblem, describeValue, joinPath } from './problems';
import { isObject } from './json';

export const PEOPLE_KEY = 'people';
/** The columns when `people` does not name them. */
export const DEFAULT_EMAIL_COLUMN = 'Email';
export const DEFAULT_ID_COLUMN = 'Chat user ID';
const PEOPLE_KEYS = ['sheet', 'emailColumn', 'idColumn'];

export interface PeopleSettings {
  /** The directory sheet's name. */
  sheet: string;
  /** The header of its column of e-mail addresses. */
  emailColumn: string;
  /** The header of its column of Chat user IDs (`users/123456789` or `123456789`). */
  idColumn: string;
  /** Where it was set: `people`. */
  path: string;
}

export const PEOPLE_EXAMPLE = `{"sheet": "People", "emailColumn": "${DEFAULT_EMAIL_COLUMN}", "idColumn": "${DEFAULT_ID_COLUMN}"}`;

function header(
  value: { [key: string]: unknown },
  key: string,
  fallback: string | null,
  path: string,
  problems: ConfigProblem[],
): string | null {
  const v = value[key];
  if (v === undefined && fallback !== null) return fallback;
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  problems.push(
    configProblem(
      joinPath(path, key),
      v === undefined
        ? `is missing: name the sheet of the people directory`
        : `must be a non-empty string, not ${describeValue(v)}`,
    ),
  );
  return null;
}

/** The `people` key: its sheet, and its two columns (by default "Email" and "Chat user ID"). */
export function parsePeople(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): PeopleSettings | null {
  if (!isObject(value)) {
    problems.push(
      configProblem(
        path,
        `must be an object such as ${PEOPLE_EXAMPLE}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  Object.keys(value)
    .filter((k) => PEOPLE_KEYS.indexOf(k) < 0)
    .forEach((k) =>
      problems.push(
        configProblem(path, `has an unknown key "${k}" (known keys: ${PEOPLE_KEYS.join(', ')})`),
      ),
    );
  const sheet = header(value, 'sheet', null, path, problems);
  const emailColumn = header(value, 'emailColumn', DEFAULT_EMAIL_COLUMN, path, problems);
  const idColumn = header(value, 'idColumn', DEFAULT_ID_COLUMN, path, problems);
  if (problems.length > before || !sheet || !emailColumn || !idColumn) return null;
  return { sheet, emailColumn, idColumn, path };
}

/** The problem of a `{{Column}}` mention (at `path`) without a people directory to look it up in. */
export function noDirectory(column: string, path: string): ConfigProblem {
  return configProblem(
    path,
    `names the column "${column}", whose e-mail addresses are looked up in the people directory: add "${PEOPLE_KEY}": ${PEOPLE_EXAMPLE} at the top level`,
  );
}
