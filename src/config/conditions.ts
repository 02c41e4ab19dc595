/**
 * Conditions on a row's values, shared by routes, sendWhen and mentions (and
 * every rule that takes a `when`): `{"column": HEADER, OP: VALUE}` with exactly
 * one OP. A list of conditions holds when all of them hold. Parsing checks the
 * shape and the values; the headers are checked against the sheet when it is
 * opened (relay/rules.ts).
 *
 * The text operators compare a cell's display value. The date operators
 * (before, after, onOrBefore, onOrAfter; see dates.ts) and the number operators
 * (greaterThan, lessThan) compare its typed value (Range.getValues), so a sheet
 * whose rules use them reads it (conditionsNeedTypedValues): a cell that is not
 * a date, or not a number, never matches them.
 */
import { ConditionTime, DateOp, DateValue, dateHolds, parseDateValue } from './dates';
import { ConfigProblem, configProblem, describeValue, didYouMean, joinPath } from './problems';
import { isObject } from './json';

export type { ConditionTime } from './dates';
export { conditionTime } from './dates';

export const CONDITION_OPS = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'matches',
  'empty',
  'before',
  'after',
  'onOrBefore',
  'onOrAfter',
  'greaterThan',
  'lessThan',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** Each operator in words, as the Settings sidebar offers it (its client imports this list). */
export const CONDITION_LABELS: { readonly [op in ConditionOp]: string } = {
  equals: 'is',
  notEquals: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  matches: 'matches (regex)',
  empty: 'is empty',
  before: 'is a date before',
  after: 'is a date after',
  onOrBefore: 'is a date on or before',
  onOrAfter: 'is a date on or after',
  greaterThan: 'is a number greater than',
  lessThan: 'is a number less than',
};

/** The operators on a date: their value is "today", "now", "today+3d", "now-30m" or an ISO date. */
export const DATE_OPS: readonly ConditionOp[] = ['before', 'after', 'onOrBefore', 'onOrAfter'];
/** The operators on a number: their value is a number. */
export const NUMBER_OPS: readonly ConditionOp[] = ['greaterThan', 'lessThan'];

export type Condition =
  | { column: string; op: 'equals' | 'notEquals'; value: string; path: string }
  | { column: string; op: 'in' | 'notIn'; value: string[]; path: string }
  | { column: string; op: 'matches'; value: string; regex: RegExp; path: string }
  | { column: string; op: 'empty'; value: boolean; path: string }
  | { column: string; op: DateOp; value: string; date: DateValue; path: string }
  | { column: string; op: 'greaterThan' | 'lessThan'; value: number; path: string };

/** A row as conditions read it, by the column labels they are bound to. */
export interface ConditionRow {
  /** The cell's display value ('' when the row has no such column). */
  valueOf(column: string): string;
  /**
   * The cell's typed value (Range.getValues: a Date, a number, a string, a boolean);
   * undefined when it is not known (values kept from an earlier delivery, or not read).
   */
  typedOf(column: string): unknown;
}

const DATE_FORMS =
  '"today", "now", "today+3d", "today-1d", "now-30m", "now+4h" (units m, h, d), an ISO date ("2026-12-24") or date-time ("2026-12-24T18:00")';

/** A date operator's value: the problem as a message, or null. */
function dateProblem(value: unknown): string | null {
  if (typeof value !== 'string')
    return `must be a date in a string: ${DATE_FORMS}, not ${describeValue(value)}`;
  const parsed = parseDateValue(value);
  if (parsed === null) return `must be ${DATE_FORMS}, not ${describeValue(value)}`;
  return typeof parsed === 'string' ? `is ${describeValue(value)}, which ${parsed}` : null;
}

/** Checks the OP's value; the problem as a message, or null. */
function valueProblem(op: ConditionOp, value: unknown): string | null {
  switch (op) {
    case 'before':
    case 'after':
    case 'onOrBefore':
    case 'onOrAfter':
      return dateProblem(value);
    case 'greaterThan':
    case 'lessThan':
      if (typeof value === 'number' && isFinite(value)) return null;
      return typeof value === 'string' && value.trim() !== '' && isFinite(Number(value))
        ? `must be a number, written without quotes (${value.trim()}), not ${describeValue(value)}`
        : `must be a number, not ${describeValue(value)}`;
    case 'equals':
    case 'notEquals':
      return typeof value === 'string' ? null : `must be a string, not ${describeValue(value)}`;
    case 'in':
    case 'notIn':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? null
        : `must be an array of strings, not ${describeValue(value)}`;
    case 'empty':
      return typeof value === 'boolean'
        ? null
        : `must be true or false, not ${describeValue(value)}`;
    case 'matches':
      if (typeof value !== 'string')
        return `must be a regular expression in a string, not ${describeValue(value)}`;
      try {
        new RegExp(value, 'i');
        return null;
      } catch (e) {
        return `is not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`;
      }
  }
}

const isOp = (k: string): k is ConditionOp => (CONDITION_OPS as readonly string[]).indexOf(k) >= 0;

/** The condition's one operator, or null (with the problems: unknown, none or several). */
function operatorOf(
  value: { [key: string]: unknown },
  path: string,
  problems: ConfigProblem[],
): ConditionOp | null {
  const keys = Object.keys(value);
  const unknown = keys.filter((k) => k !== 'column' && !isOp(k));
  unknown.forEach((k) =>
    problems.push(
      configProblem(
        path,
        `has an unknown operator "${k}"${didYouMean(k, CONDITION_OPS)} (operators: ${CONDITION_OPS.join(', ')})`,
      ),
    ),
  );
  const ops = keys.filter(isOp);
  if (ops.length !== 1 && !unknown.length) {
    problems.push(
      configProblem(
        path,
        `must have exactly one operator (${CONDITION_OPS.join(', ')}), not ${ops.length}`,
      ),
    );
  }
  return ops.length === 1 && !unknown.length ? ops[0] : null;
}

function parseOne(value: unknown, path: string, problems: ConfigProblem[]): Condition | null {
  if (!isObject(value)) {
    problems.push(
      configProblem(
        path,
        `must be a condition such as {"column": "Status", "equals": "Open"}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const hasColumn = typeof value.column === 'string' && value.column.trim() !== '';
  if (!hasColumn) {
    problems.push(
      configProblem(
        joinPath(path, 'column'),
        `must name a column header, not ${describeValue(value.column)}`,
      ),
    );
  }
  const op = operatorOf(value, path, problems);
  if (op === null) return null;
  const problem = valueProblem(op, value[op]);
  if (problem) problems.push(configProblem(joinPath(path, op), problem));
  if (problem || !hasColumn) return null;
  const column = String(value.column).trim();
  if (op === 'matches') {
    const source = value[op] as string;
    return { column, op, value: source, regex: new RegExp(source, 'i'), path };
  }
  if (isDateOp(op)) {
    const text = value[op] as string;
    return { column, op, value: text.trim(), date: parseDateValue(text) as DateValue, path };
  }
  return { column, op, value: value[op], path } as Condition;
}

/** A condition or an array of conditions (all must hold), each checked. */
export function parseConditions(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): Condition[] | null {
  const list = Array.isArray(value) ? value : [value];
  if (!list.length) {
    problems.push(configProblem(path, 'must hold at least one condition'));
    return null;
  }
  const before = problems.length;
  const parsed = list.map((c, i) =>
    parseOne(c, Array.isArray(value) ? joinPath(path, i) : path, problems),
  );
  return problems.length > before ? null : (parsed as Condition[]);
}

function isDateOp(op: ConditionOp): op is DateOp {
  return DATE_OPS.indexOf(op) >= 0;
}

/** Whether a condition compares a cell's typed value (a date or a number operator). */
export function isTypedCondition(condition: Condition): boolean {
  return isDateOp(condition.op) || NUMBER_OPS.indexOf(condition.op) >= 0;
}

/** Whether any of these conditions needs the cells' typed values (Range.getValues). */
export function conditionsNeedTypedValues(conditions: Condition[]): boolean {
  return conditions.some(isTypedCondition);
}

/** A condition on a cell's typed value: a date or a number. */
function typedHolds(condition: Condition, cell: unknown, time: ConditionTime): boolean {
  switch (condition.op) {
    case 'greaterThan':
      return typeof cell === 'number' && isFinite(cell) && cell > condition.value;
    case 'lessThan':
      return typeof cell === 'number' && isFinite(cell) && cell < condition.value;
    case 'before':
    case 'after':
    case 'onOrBefore':
    case 'onOrAfter':
      return dateHolds(condition.op, condition.date, cell, time);
    default:
      return false;
  }
}

/** A condition on a cell's display value, as conditions compare it: trimmed. */
function matchesText(condition: Condition, cell: string): boolean {
  const text = cell.trim();
  const lower = text.toLowerCase();
  switch (condition.op) {
    case 'equals':
      return lower === condition.value.trim().toLowerCase();
    case 'notEquals':
      return lower !== condition.value.trim().toLowerCase();
    case 'in':
      return condition.value.some((v) => v.trim().toLowerCase() === lower);
    case 'notIn':
      return !condition.value.some((v) => v.trim().toLowerCase() === lower);
    case 'matches':
      return condition.regex.test(text);
    case 'empty':
      return (text === '') === condition.value;
    default:
      return false;
  }
}

/**
 * Whether every condition holds for the row at this moment: the text operators read
 * each column's display value, the date and number operators its typed value.
 */
export function conditionsHold(
  conditions: Condition[],
  row: ConditionRow,
  time: ConditionTime,
): boolean {
  return conditions.every((c) =>
    isTypedCondition(c)
      ? typedHolds(c, row.typedOf(c.column), time)
      : matchesText(c, row.valueOf(c.column)),
  );
}

/**
 * Whether the conditions may hold for the row at some moment: the text operators as
 * conditionsHold, every date or number condition taken as holding. For checks that must
 * not depend on when they run, nor on typed values that were not kept.
 */
export function conditionsMayHold(conditions: Condition[], row: ConditionRow): boolean {
  return conditions.every((c) => isTypedCondition(c) || matchesText(c, row.valueOf(c.column)));
}
