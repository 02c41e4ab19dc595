/**
 * Reminders (`reminders`, a per-sheet key): a reply in a row's own thread
 * when a condition has held for a while, once, or again every so often while
 * it still holds.
 *
 *   "reminders": [{"when": {"column": "Status", "equals": "New"}, "after": "30m",
 *                  "every": "1d", "mention": "users/123", "text": "Still new after {{_since}}"}]
 *
 * Parsing checks the shape and the values; the headers the conditions and
 * the text name are checked against the sheet when it is opened
 * (relay/rules.ts), as for every other key.
 */
import { CONDITION_LABELS, Condition, parseConditions } from './conditions';
import { ConfigProblem, configProblem, describeValue, joinPath } from './problems';
import { BUILT_IN_PLACEHOLDERS, Template, parseTemplate } from './template';
import type { MentionTargets } from './sheet-settings';
import { isObject } from './json';

/** The placeholder a reminder's text has beside those of `title`: how long the rule has held. */
export const SINCE_PLACEHOLDER = '_since';
/** The built-in placeholders of a reminder's text. */
export const REMINDER_PLACEHOLDERS: readonly string[] = [
  ...BUILT_IN_PLACEHOLDERS,
  SINCE_PLACEHOLDER,
];

export interface ReminderRule extends MentionTargets {
  when: Condition[];
  /** How long `when` must have held before the first reminder (`after`, default "0m"). */
  afterMs: number;
  /** Again every so long while `when` holds (`every`); null: once. */
  everyMs: number | null;
  /** The reminder's text; null: "Reminder: <the rule in words>, for <_since>". */
  text: Template | null;
  /** `reminders[0]` or `sheets[1].reminders[0]`, for error messages. */
  path: string;
}

const REMINDER_KEYS = ['when', 'after', 'every', 'mention', 'text'];

type Parse<T> = (value: unknown, path: string, problems: ConfigProblem[]) => T | null;

/**
 * The parsers a reminder shares with the other per-sheet keys (config/sheet-settings.ts hands
 * them in): `mention` is read exactly as a rule of `mentions` reads it.
 */
export interface SharedParsers {
  mention: Parse<MentionTargets>;
  /** Records a problem for each key of `value` not in `known`. */
  extraKeys(
    value: { [key: string]: unknown },
    known: string[],
    path: string,
    problems: ConfigProblem[],
  ): void;
}
const MINUTE_MS = 60000;
const UNIT_MS: { [unit: string]: number } = {
  m: MINUTE_MS,
  h: 60 * MINUTE_MS,
  d: 1440 * MINUTE_MS,
};
/** A whole number (at most 6 digits) and one unit: "30m", "4h", "1d". */
const DURATION = /^(\d{1,6})([mhd])$/;
/** What people write instead: "30 min", "4 hours", "1 day". */
const NEAR_DURATION = /^(\d{1,6})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?)$/i;

/** `"30 min"` → ` (did you mean "30m"?)`; `` when nothing is close. */
function durationHint(value: unknown): string {
  const near = typeof value === 'string' ? NEAR_DURATION.exec(value.trim()) : null;
  const meant = near ? `${near[1]}${near[2].charAt(0).toLowerCase()}` : '';
  return meant && meant !== value ? ` (did you mean "${meant}"?)` : '';
}

/**
 * A duration in milliseconds: a whole number and a unit, m (minutes), h (hours) or d (days,
 * of 24 hours). `positive`: zero is refused too. Null (with the problem) when malformed.
 */
export function parseDuration(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
  positive = false,
): number | null {
  const match = typeof value === 'string' ? DURATION.exec(value.trim()) : null;
  const ms = match ? Number(match[1]) * UNIT_MS[match[2]] : NaN;
  if (match && (ms > 0 || !positive)) return ms;
  const what = positive ? 'a duration of more than 0' : 'a duration';
  problems.push(
    configProblem(
      path,
      `must be ${what} such as "30m", "4h" or "1d" (a whole number and m, h or d), not ${describeValue(value)}${durationHint(value)}`,
    ),
  );
  return null;
}

function parseRule(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
  shared: SharedParsers,
): ReminderRule | null {
  if (!isObject(value) || !('when' in value)) {
    problems.push(
      configProblem(
        path,
        `must be {"when": condition, "after": "30m", "every": "1d", "mention": …, "text": …} ("when" required), not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  shared.extraKeys(value, REMINDER_KEYS, path, problems);
  const when = parseConditions(value.when, joinPath(path, 'when'), problems);
  const at = (key: string) => joinPath(path, key);
  const afterMs = 'after' in value ? parseDuration(value.after, at('after'), problems) : 0;
  const everyMs = 'every' in value ? parseDuration(value.every, at('every'), problems, true) : null;
  const targets =
    'mention' in value
      ? shared.mention(value.mention, at('mention'), problems)
      : { mentions: [], columns: [] };
  const text = 'text' in value ? parseTemplate(value.text, at('text'), problems) : null;
  if (problems.length > before || !when || afterMs === null || targets === null) return null;
  return { when, afterMs, everyMs, ...targets, text, path };
}

/** `reminders`: an array of rules, each checked. */
export function parseReminders(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
  shared: SharedParsers,
): ReminderRule[] | null {
  if (!Array.isArray(value)) {
    problems.push(
      configProblem(
        path,
        `must be an array of {"when": …, "after": "30m", "every": "1d", "mention": …, "text": …}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  const rules = value.map((rule, i) => parseRule(rule, joinPath(path, i), problems, shared));
  return problems.length > before ? null : (rules as ReminderRule[]);
}

/** A condition's value in words: `New`, `Infra, Network`. */
function valueWords(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** One condition in words, its column as the sheet names it: `Status is New`, `Owner is empty`. */
function conditionWords(c: Condition): string {
  if (c.op === 'empty') return `${c.column} ${c.value ? 'is empty' : 'is not empty'}`;
  const label = (CONDITION_LABELS as { [op: string]: string })[c.op] || c.op;
  return `${c.column} ${label.replace(/\s*\(regex\)$/, '')} ${valueWords(c.value)}`;
}

/** A rule's conditions in words: `Due is before today and Status is not Done`. */
export function describeConditions(when: Condition[]): string {
  return when.map(conditionWords).join(' and ');
}

/** How long, in words, as the default text says it: "less than a minute", "35 minutes", "2 hours", "3 days". */
export function durationWords(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return count(minutes, 'minute');
  if (minutes < 1440) return count(Math.floor(minutes / 60), 'hour');
  return count(Math.floor(minutes / 1440), 'day');
}
