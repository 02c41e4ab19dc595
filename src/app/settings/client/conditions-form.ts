/**
 * Conditions (sendWhen, a route's, a mention's or an action's `when`) as the
 * sidebar's form holds them, and back.
 */
import { CONDITION_OPS, ConditionOp } from '../../../config/conditions';
import { isObject } from './json';

type JsonObject = { [key: string]: unknown };

/** A condition as the form holds it: `in`/`notIn` values comma-separated, `empty` as 'true'/'false'. */
export interface CondForm {
  column: string;
  op: ConditionOp;
  value: string;
}

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

export function condsJson(list: CondForm[]): JsonObject[] {
  return list.map((c) => {
    const o: JsonObject = { column: c.column };
    if (c.op === 'in' || c.op === 'notIn') o[c.op] = listOf(c.value);
    else if (c.op === 'empty') o[c.op] = c.value !== 'false';
    else o[c.op] = c.value;
    return o;
  });
}
