/**
 * A sheet's `actions` and `actionLinkDays` (docs/actions.md) as the sidebar's
 * form holds them, and back. Each action: its label, its `when` conditions
 * (the conditions' own form), and its `set` pairs, header and value in the
 * order the JSON holds them. Actions the form cannot show as they are (an
 * action that is not an object, a `set` that is not an object of texts) stay
 * in the entry's `extra`, untouched, for the Advanced JSON.
 */
import { MAX_ACTIONS, NOW_PLACEHOLDER, USER_PLACEHOLDER } from '../../../config/actions';
import { CondForm, condsFrom, condsJson } from './cond-form';
import { isObject } from './json';

type JsonObject = { [key: string]: unknown };

/** One pair of `set`: the header written, and its value as typed (placeholders included). */
export interface SetForm {
  header: string;
  value: string;
}

export interface ActionForm {
  label: string;
  when: CondForm[];
  set: SetForm[];
  /** Keys of the action the form does not know, kept so the validator still names them. */
  extra: JsonObject;
}

/** The keys of an entry this module reads and writes. */
export interface ActionKeys {
  actions?: ActionForm[];
  actionLinkDays?: unknown;
}

export { MAX_ACTIONS };

/** The placeholders a value of `set` may hold, as typed: `{{_user}}`, `{{_now}}`. */
export const SET_PLACEHOLDERS: string[] = [USER_PLACEHOLDER, NOW_PLACEHOLDER].map(
  (p) => `{{${p}}}`,
);

/** A new action: no label yet, shown on every row, one pair to fill. */
export function newAction(): ActionForm {
  return { label: '', when: [], set: [newSetPair()], extra: {} };
}

export function newSetPair(): SetForm {
  return { header: '', value: '' };
}

function isCondition(value: unknown): boolean {
  return isObject(value);
}

/** Whether the form can hold this action exactly (else `actions` stays as the JSON holds it). */
function editable(action: unknown): boolean {
  if (!isObject(action)) return false;
  if (action.label !== undefined && typeof action.label !== 'string') return false;
  const when = action.when;
  if (when !== undefined && !(Array.isArray(when) ? when.every(isCondition) : isCondition(when)))
    return false;
  const set = action.set;
  if (set === undefined) return true;
  if (!isObject(set)) return false;
  return Object.keys(set).every((k) => typeof set[k] === 'string' && k.trim() !== '');
}

/** Whether `actions` (as the JSON holds it) can be edited in the form. */
export function actionsEditable(value: unknown): boolean {
  return Array.isArray(value) && value.every(editable);
}

function actionFrom(value: JsonObject): ActionForm {
  const set = isObject(value.set) ? value.set : {};
  const extra: JsonObject = {};
  Object.keys(value)
    .filter((k) => k !== 'label' && k !== 'when' && k !== 'set')
    .forEach((k) => (extra[k] = value[k]));
  return {
    label: typeof value.label === 'string' ? value.label : '',
    when: condsFrom(value.when),
    set: Object.keys(set).map((header) => ({ header, value: String(set[header]) })),
    extra,
  };
}

/** The form's actions from the JSON's (call only when {@link actionsEditable}). */
export function actionsFrom(value: unknown[]): ActionForm[] {
  return value.map((a) => actionFrom(a as JsonObject));
}

/** One action as the JSON holds it; pairs without a header yet are left out. */
function actionJson(a: ActionForm): JsonObject {
  const o: JsonObject = { label: a.label };
  if (a.when.length) o.when = condsJson(a.when);
  const set: JsonObject = {};
  a.set.filter((p) => p.header !== '').forEach((p) => (set[p.header] = p.value));
  o.set = set;
  return Object.assign(o, a.extra);
}

/** `actionLinkDays` as typed: a number when it reads as one, else as it is (the validator says). */
function linkDaysJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

/** Writes the entry's `actions` (none: no key) and `actionLinkDays` (blank: no key) into `o`. */
export function actionsJson(e: ActionKeys, o: JsonObject): void {
  if (e.actions && e.actions.length) o.actions = e.actions.map(actionJson);
  if (e.actionLinkDays !== undefined && e.actionLinkDays !== '')
    o.actionLinkDays = linkDaysJson(e.actionLinkDays);
}
