/**
 * Parsing a property's JSON with errors a person can act on: smart quotes,
 * a value pasted with quotes around it, and the position of a syntax error.
 */
import { Result, err, ok } from '../result';

const SMART_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u2036]/;
const SMART_SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b]/;

/** Where a syntax error is, as "line 2, column 5", from the engine's message when it says. */
function position(text: string, message: string): string {
  const at = /position (\d+)/.exec(message);
  if (!at) return '';
  const index = Number(at[1]);
  const before = text.slice(0, index).split('\n');
  return ` at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * The JSON value of `text`, or why it is not JSON, naming the property. Smart
 * quotes (as word processors and phones type them) are named as such.
 */
export function parseJsonProperty(property: string, text: string): Result<unknown, string> {
  try {
    return ok(JSON.parse(text));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (SMART_QUOTES.test(text) || SMART_SINGLE_QUOTES.test(text)) {
      return err(
        `${property} is not valid JSON: it contains smart quotes (“ ” or ‘ ’), which JSON does not accept. Retype them as straight quotes (")`,
      );
    }
    return err(`${property} is not valid JSON${position(text, message)}: ${message}`);
  }
}

/** A URL pasted with quotes (or angle brackets) around it: the hint to drop them, or null. */
export function quotedValueHint(property: string, value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length < 2) return null;
  const first = trimmed.charAt(0);
  const last = trimmed.charAt(trimmed.length - 1);
  const pairs: { [open: string]: string } = {
    '"': '"',
    "'": "'",
    '\u201c': '\u201d',
    '\u2018': '\u2019',
    '<': '>',
    '`': '`',
  };
  if (pairs[first] !== undefined && (pairs[first] === last || last === first)) {
    return `${property} has ${first}…${last} around the URL: paste the URL alone, without quotes`;
  }
  return null;
}

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
