/**
 * The `actions` key (per sheet): buttons in a row's messages that, once a
 * person confirms on the web app's page, write values into the row.
 *
 *   "actions": [{"label": "Claim", "when": {"column": "Status", "equals": "New"},
 *                "set": {"Owner": "{{_user}}", "Status": "Claimed"}}]
 *
 * At most {@link MAX_ACTIONS} per sheet. `when` (default: always) says on
 * which rows the button shows; `set` names headers and the values written:
 * text, `{{_user}}` (the e-mail address of who confirms, also inside text)
 * or `{{_now}}` alone (the time of confirming, written as a date). The
 * headers are checked against the sheet when it is opened (relay/rules.ts).
 * `actionLinkDays` says how long a button's link works.
 */
import { Condition, parseConditions } from './conditions';
import { ConfigProblem, configProblem, describeValue, joinPath } from './problems';
import { parseTemplate } from './template';
import { isObject } from './json';

export const MAX_ACTIONS = 3;
/** A button's text shows on one short line. */
export const MAX_ACTION_LABEL_CHARS = 40;
export const DEFAULT_ACTION_LINK_DAYS = 14;
export const MAX_ACTION_LINK_DAYS = 365;
export const USER_PLACEHOLDER = '_user';
export const NOW_PLACEHOLDER = '_now';

/** What an action writes into one cell. */
export type ActionValue =
  /** The time the person confirms, written as a date. */
  | { kind: 'now' }
  /** Text (`{{_user}}` in it is the person's e-mail address); never written as a formula. */
  | { kind: 'text'; parts: Array<{ text: string } | { user: true }> };

export interface ActionWrite {
  /** The header as configured (bound to the sheet's label when the sheet is opened). */
  column: string;
  value: ActionValue;
  /** `actions[0].set.Owner`, for errors. */
  path: string;
}

export interface Action {
  /** The button's text, and the action's name in its links. */
  label: string;
  /** The rows the button shows on (all must hold); null: every row. */
  when: Condition[] | null;
  set: ActionWrite[];
  /** `actions[0]` or `sheets[1].actions[0]`. */
  path: string;
}

/** The button text of the link back to the row, which no action may take. */
const RESERVED_LABELS = ['open in sheets'];
/** Markup (`<`, `>`, `|`), line breaks and other control characters never stand in a label. */
const LABEL_FORBIDDEN = /[<>|\u0000-\u001f\u007f\u2028\u2029]/;

function parseLabel(value: unknown, path: string, problems: ConfigProblem[]): string | null {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(
      configProblem(
        path,
        `must be the button's text, such as "Claim", not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const label = value.trim();
  const why =
    label.length > MAX_ACTION_LABEL_CHARS
      ? `is longer than ${MAX_ACTION_LABEL_CHARS} characters`
      : LABEL_FORBIDDEN.test(label)
        ? 'holds <, >, | or a line break, which a button cannot show'
        : RESERVED_LABELS.indexOf(label.toLowerCase()) >= 0
          ? 'is the text of the link back to the row'
          : null;
  if (why === null) return label;
  problems.push(configProblem(path, `${why}: ${describeValue(value)}`));
  return null;
}

/** `{{_user}}` and `{{_now}}`, the only placeholders a value may hold, as the problem lists them. */
const KNOWN = `{{${USER_PLACEHOLDER}}} (who confirms) and {{${NOW_PLACEHOLDER}}} (when)`;

/** One value of `set`: text, text with {{_user}}, or {{_now}} alone; '' clears the cell. */
export function parseActionValue(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): ActionValue | null {
  if (typeof value !== 'string') {
    problems.push(
      configProblem(
        path,
        `must be text, "{{${USER_PLACEHOLDER}}}" or "{{${NOW_PLACEHOLDER}}}", not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  if (value === '') return { kind: 'text', parts: [] };
  const template = parseTemplate(value, path, problems);
  if (!template) return null;
  const parts: Array<{ text: string } | { user: true }> = [];
  for (const part of template.parts) {
    if ('text' in part) parts.push({ text: part.text });
    else if (part.placeholder === USER_PLACEHOLDER) parts.push({ user: true });
    else if (part.placeholder === NOW_PLACEHOLDER && template.parts.length === 1)
      return { kind: 'now' };
    else {
      const alone = part.placeholder === NOW_PLACEHOLDER;
      problems.push(
        configProblem(
          path,
          alone
            ? `has {{${NOW_PLACEHOLDER}}} beside other text: it stands alone, as the whole value (a date)`
            : `has the placeholder {{${part.placeholder}}}: a value may hold only ${KNOWN}`,
        ),
      );
      return null;
    }
  }
  return { kind: 'text', parts };
}

function parseSet(value: unknown, path: string, problems: ConfigProblem[]): ActionWrite[] | null {
  if (!isObject(value) || !Object.keys(value).length) {
    problems.push(
      configProblem(
        path,
        `must be an object of headers and the values to write, such as {"Owner": "{{${USER_PLACEHOLDER}}}"}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  const writes = Object.keys(value).map((header) => {
    const at = joinPath(path, header);
    if (header.trim() === '') {
      problems.push(configProblem(at, 'must name a column header, not ""'));
      return null;
    }
    const parsed = parseActionValue(value[header], at, problems);
    return parsed ? { column: header.trim(), value: parsed, path: at } : null;
  });
  return problems.length > before ? null : (writes as ActionWrite[]);
}

const ACTION_KEYS = ['label', 'when', 'set'];

function parseAction(value: unknown, path: string, problems: ConfigProblem[]): Action | null {
  if (!isObject(value)) {
    problems.push(
      configProblem(
        path,
        `must be {"label": text, "when": condition, "set": {header: value}}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  Object.keys(value)
    .filter((k) => ACTION_KEYS.indexOf(k) < 0)
    .forEach((k) =>
      problems.push(
        configProblem(path, `has an unknown key "${k}" (known keys: ${ACTION_KEYS.join(', ')})`),
      ),
    );
  const label = parseLabel(value.label, joinPath(path, 'label'), problems);
  const when =
    value.when === undefined ? [] : parseConditions(value.when, joinPath(path, 'when'), problems);
  const set = parseSet(value.set, joinPath(path, 'set'), problems);
  if (label === null || when === null || set === null) return null;
  return { label, when: when.length ? when : null, set, path };
}

/** The `actions` key: at most {@link MAX_ACTIONS} actions, their labels distinct. */
export function parseActions(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): Action[] | null {
  if (!Array.isArray(value) || value.length > MAX_ACTIONS) {
    problems.push(
      configProblem(
        path,
        `must be an array of at most ${MAX_ACTIONS} actions such as {"label": "Claim", "set": {"Owner": "{{${USER_PLACEHOLDER}}}"}}, not ${describeValue(value)}${Array.isArray(value) ? ` of ${value.length}` : ''}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  const actions = value.map((a, i) => parseAction(a, joinPath(path, i), problems));
  const seen: { [label: string]: string } = {};
  actions.forEach((a) => {
    if (!a) return;
    const key = a.label.toLowerCase();
    if (seen[key])
      problems.push(
        configProblem(
          joinPath(a.path, 'label'),
          `is "${a.label}" again (already in ${seen[key]}): each button of a sheet has its own label`,
        ),
      );
    else seen[key] = a.path;
  });
  return problems.length > before ? null : (actions as Action[]);
}

/** `actionLinkDays`: how many days a button's link works after its message was built. */
export function parseActionLinkDays(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): number | null {
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= MAX_ACTION_LINK_DAYS
  )
    return value;
  problems.push(
    configProblem(
      path,
      `must be a whole number of days from 1 to ${MAX_ACTION_LINK_DAYS}, not ${describeValue(value)}`,
    ),
  );
  return null;
}

/** The text a value writes for `user` (the e-mail address of who confirms); null for {{_now}}. */
export function actionText(value: ActionValue, user: string): string | null {
  if (value.kind === 'now') return null;
  return value.parts.map((p) => ('text' in p ? p.text : user)).join('');
}

/** Whether a value names who confirms. */
export function namesUser(value: ActionValue): boolean {
  return value.kind === 'text' && value.parts.some((p) => 'user' in p);
}
