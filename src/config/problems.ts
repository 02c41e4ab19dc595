/**
 * A configuration problem: where it is (a path into CHAT_RELAY_CONFIG such as
 * `sheets[1].keyColumn`, or a property name) and what is wrong. Never holds a
 * webhook's key or token.
 */
export const CONFIG_PROPERTY = 'CHAT_RELAY_CONFIG';

export interface ConfigProblem {
  /** `sheets[1].keyColumn`, `routes[0].when[1].column`, `` for the whole value, or a property name. */
  path: string;
  /** What is wrong, as a sentence that can stand next to the field. */
  message: string;
  /** The same problem as one sentence naming where it is, for alerts, logs and errors. */
  text: string;
}

/** A problem inside CHAT_RELAY_CONFIG at `path`. */
export function configProblem(path: string, message: string): ConfigProblem {
  const where = path === '' ? CONFIG_PROPERTY : `${CONFIG_PROPERTY} key "${path}"`;
  return { path, message, text: `${where} ${message}` };
}

/** A problem with a Script Property as a whole (a webhook URL, the JSON of CHAT_RELAY_CONFIG). */
export function propertyProblem(property: string, message: string): ConfigProblem {
  return { path: property, message, text: `${property} ${message}` };
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
