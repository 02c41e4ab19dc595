/**
 * Conditions on a row's values, shared by routes, sendWhen and mentions:
 * `{"column": HEADER, OP: VALUE}` with exactly one OP. A list of conditions
 * holds when all of them hold. Parsing checks the shape; the headers are
 * checked against the sheet when it is opened (relay/rules.ts).
 */
import { ConfigProblem, configProblem, describeValue, didYouMean, joinPath } from './problems';

export const CONDITION_OPS = ['equals', 'notEquals', 'in', 'notIn', 'matches', 'empty'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** Each operator in words, as the Settings sidebar offers it (its client imports this list). */
export const CONDITION_LABELS: { readonly [op in ConditionOp]: string } = {
  equals: 'is',
  notEquals: 'is not',
  in: 'is one of',
  notIn: 'is none of',
  matches: 'matches (regex)',
  empty: 'is empty',
};

export type Condition =
  | { column: string; op: 'equals' | 'notEquals'; value: string; path: string }
  | { column: string; op: 'in' | 'notIn'; value: string[]; path: string }
  | { column: string; op: 'matches'; value: string; regex: RegExp; path: string }
  | { column: string; op: 'empty'; value: boolean; path: string };

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks the OP's value; the problem as a message, or null. */
function valueProblem(op: ConditionOp, value: unknown): string | null {
  switch (op) {
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

/** A cell's display value as conditions compare it: trimmed. */
function matchesOne(condition: Condition, cell: string): boolean {
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
  }
}

/**
 * Whether every condition holds, reading each column's display value with
 * `valueOf` (by header, as configured).
 */
export function conditionsHold(
  conditions: Condition[],
  valueOf: (column: string) => string,
): boolean {
  return conditions.every((c) => matchesOne(c, valueOf(c.column)));
}
