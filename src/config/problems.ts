/**
 * A configuration problem: where it is (a path into CHAT_RELAY_CONFIG such as
 * `sheets[1].keyColumn`, or a property name), which followed sheet(s) it
 * belongs to, and what is wrong. Never holds a webhook's key or token: every
 * problem is redacted as it is made.
 */
import { isSecretName, redactSecrets } from '../chat/webhook-url';

export const CONFIG_PROPERTY = 'CHAT_RELAY_CONFIG';

export interface ConfigProblem {
  /** `sheets[1].keyColumn`, `routes[0].when[1].column`, `` for the whole value, or a property name. */
  path: string;
  /** What is wrong, as a sentence that can stand next to the field. */
  message: string;
  /** The same problem as one sentence naming where it is (and its sheet), for alerts, logs and errors. */
  text: string;
  /**
   * The followed sheet(s) a problem with a key of CHAT_RELAY_CONFIG belongs to,
   * as `text` names them beside the path: `sheet "Tickets"`,
   * `default for sheets "Tickets", "Form Responses 1"`, `default for every followed sheet`.
   * Absent for the configuration as a whole and for a Script Property.
   */
  sheet?: string;
}

/** `CHAT_RELAY_CONFIG key "path" (sheet "Tickets") message`; the sheet only once, if the message names it. */
function configText(path: string, message: string, sheet?: string): string {
  const where = path === '' ? CONFIG_PROPERTY : `${CONFIG_PROPERTY} key "${path}"`;
  const named = !sheet || message.indexOf(sheet) >= 0;
  return `${where}${named ? '' : ` (${sheet})`} ${message}`;
}

/** A problem inside CHAT_RELAY_CONFIG at `path`, of the sheet(s) `sheet` says, if any. */
export function configProblem(path: string, message: string, sheet?: string): ConfigProblem {
  const safe = { path: redactSecrets(path), message: redactSecrets(message) };
  const problem: ConfigProblem = { ...safe, text: configText(safe.path, safe.message, sheet) };
  if (sheet) problem.sheet = sheet;
  return problem;
}

/** A problem with a Script Property as a whole (a webhook URL, the JSON of CHAT_RELAY_CONFIG). */
export function propertyProblem(property: string, message: string): ConfigProblem {
  const safe = { path: redactSecrets(property), message: redactSecrets(message) };
  return { ...safe, text: `${safe.path} ${safe.message}` };
}

/** `sheet "Tickets"`: a key of that sheet, or a default as applied to it. */
export function sheetScope(name: string): string {
  return `sheet "${name}"`;
}

/** A top-level default: for the listed sheets it applies to, or (null) every followed sheet. */
export function defaultsScope(names: string[] | null): string {
  if (names === null) return 'default for every followed sheet';
  const quoted = names.map((n) => `"${n}"`).join(', ');
  return `default for ${names.length === 1 ? 'sheet' : 'sheets'} ${quoted}`;
}

/**
 * The problem as one of the sheet(s) `sheet` names, beside its path. The one
 * place a sheet is attached to a problem: a problem with a Script Property,
 * or one that already names its sheet(s), is returned as it is.
 */
export function ofSheet(problem: ConfigProblem, sheet: string | null): ConfigProblem {
  if (!sheet || problem.sheet) return problem;
  if (problem.text !== configText(problem.path, problem.message)) return problem;
  return configProblem(problem.path, problem.message, sheet);
}

/** `sheets[1]` + `keyColumn` → `sheets[1].keyColumn`; `` + `keyColumn` → `keyColumn`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** A value as an error message quotes it: short, typed, never the whole of a long string. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}

/** The known name closest to `name` (same letters in another case, or one or two typos). */
export function closestName(name: string, known: readonly string[]): string | null {
  const lower = name.toLowerCase();
  const sameCase = known.filter((k) => k.toLowerCase() === lower)[0];
  if (sameCase) return sameCase;
  let best: string | null = null;
  let bestDistance = name.length < 5 ? 2 : 3;
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "sheet"?)` or ``. */
export function didYouMean(name: string, known: readonly string[]): string {
  const close = closestName(name, known);
  return close && close !== name ? ` (did you mean "${close}"?)` : '';
}

/**
 * For an unknown key that may name a webhook's secret (`token`, `webhookUrl`, `key`…), where
 * webhooks belong instead; '' for any other key.
 */
export function webhookSecretHint(key: string): string {
  return isSecretName(key)
    ? ': webhooks do not belong in CHAT_RELAY_CONFIG. Paste the webhook URL under Webhooks in the Settings sidebar (it is kept in the Script Property CHAT_WEBHOOK_URL, or CHAT_WEBHOOK_URL_<NAME> for "webhook": "<NAME>"), and remove this key'
    : '';
}
