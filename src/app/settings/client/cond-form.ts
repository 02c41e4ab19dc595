/**
 * A condition as the sidebar's form holds it, and back: shared by every rule
 * that takes a `when` (sendWhen, routes, mentions, digests, reminders, quiet
 * hours' `except`). The operators and their labels are the server's own list
 * (src/config/conditions.ts), the date and number operators included.
 */
import {
  CONDITION_LABELS,
  CONDITION_OPS,
  ConditionOp,
  NUMBER_OPS,
} from '../../../config/conditions';
import { isObject } from './json';

/** A condition as the form holds it: `in`/`notIn` values comma-separated, `empty` as 'true'/'false'. */
export interface CondForm {
  column: string;
  op: ConditionOp;
  value: string;
}

export type JsonObject = { [key: string]: unknown };

/** The operators as the form offers them: [operator, label]. */
export const OPERATOR_CHOICES: Array<[ConditionOp, string]> = CONDITION_OPS.map((op) => [
  op,
  CONDITION_LABELS[op],
]);

/** A new, empty condition. */
export function newCondition(): CondForm {
  return { column: '', op: 'equals', value: '' };
}

function condFrom(c: unknown): CondForm {
  const out = newCondition();
  if (!isObject(c)) return out;
  if (typeof c.column === 'string') out.column = c.column;
  CONDITION_OPS.forEach((op) => {
    if (!(op in c)) return;
    const v = c[op];
    out.op = op;
    out.value = Array.isArray(v) ? v.join(', ') : String(v);
  });
  return out;
}

/** A condition or a list of them, as the form holds them. */
export function condsFrom(value: unknown): CondForm[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(condFrom);
}

/** A comma-separated list, trimmed, without blanks. */
export function listOf(text: string): string[] {
  return String(text)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A number typed in the form as the number it is (the check then names anything else). */
function numberOrText(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && isFinite(n) ? n : text;
}

export function condsJson(list: CondForm[]): JsonObject[] {
  return list.map((c) => {
    const o: JsonObject = { column: c.column };
    if (c.op === 'in' || c.op === 'notIn') o[c.op] = listOf(c.value);
    else if (c.op === 'empty') o[c.op] = c.value !== 'false';
    else if (NUMBER_OPS.indexOf(c.op) >= 0) o[c.op] = numberOrText(c.value);
    else o[c.op] = c.value;
    return o;
  });
}

/** A `mention` (one or a list) as the form's text: `all, users/123, {{Owner}}`. */
export function mentionText(who: unknown): string {
  return Array.isArray(who) ? who.join(', ') : who === undefined ? '' : String(who);
}

/** The form's mention text as the configuration takes it: one, or a list. */
export function mentionJson(text: string): string | string[] {
  const who = listOf(text);
  return who.length === 1 ? who[0] : who;
}

/** A JSON value the form holds as text ('' when unset). */
export function textOf(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The keys of `obj` the form does not edit, kept as they are. */
export function extraOf(obj: JsonObject, known: string[]): JsonObject {
  const out: JsonObject = {};
  Object.keys(obj).forEach((k) => {
    if (known.indexOf(k) < 0) out[k] = obj[k];
  });
  return out;
}
