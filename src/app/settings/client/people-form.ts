/**
 * The people directory (`people`, top level) as the form holds it: a list of
 * none or one, so that "Set" and "Remove" are list buttons. Its section:
 * people-panel.ts.
 */
import { DEFAULT_EMAIL_COLUMN, DEFAULT_ID_COLUMN } from '../../../config/people';
import { JsonObject, extraOf, textOf } from './cond-form';
import { isObject } from './json';

export interface PeopleForm {
  sheet: string;
  emailColumn: string;
  idColumn: string;
  extra: JsonObject;
}

const KNOWN = ['sheet', 'emailColumn', 'idColumn'];

export function newPeople(sheet: string): PeopleForm {
  return { sheet, emailColumn: DEFAULT_EMAIL_COLUMN, idColumn: DEFAULT_ID_COLUMN, extra: {} };
}

/** `people` as the form holds it: [] when unset (a value that is not an object stays a top-level key). */
export function peopleFrom(value: unknown): PeopleForm[] {
  if (!isObject(value)) return [];
  return [
    {
      sheet: textOf(value.sheet),
      emailColumn: textOf(value.emailColumn),
      idColumn: textOf(value.idColumn),
      extra: extraOf(value, KNOWN),
    },
  ];
}

/** `people` as the configuration takes it (a column left empty: its default); undefined when unset. */
export function peopleJson(list: PeopleForm[]): JsonObject | undefined {
  const p = list[0];
  if (!p) return undefined;
  const o: JsonObject = { sheet: p.sheet };
  if (p.emailColumn) o.emailColumn = p.emailColumn;
  if (p.idColumn) o.idColumn = p.idColumn;
  return Object.assign(o, p.extra);
}
