/**
 * Sheets' parsing of strings written by a script (en_US), as setValues and
 * appendRow do it: "42", "-1.5", "1,234" become numbers; "12%" a number with
 * a percent format; "$1,234.50" a number with a currency format;
 * "TRUE"/"false" booleans; "2024-01-15", "1/15/2024" and
 * "2024-01-15 10:30[:00]" dates; "10:30[:00]" times; a leading apostrophe
 * forces text and is dropped. ISO-8601 strings with a "T" stay text, as in
 * Sheets. Strings starting with "=" would be formulas: the local runtime
 * throws, because it does not evaluate formulas.
 */
import { DEFAULT_DATE_TIME_FORMAT } from './number-format';
import { type CellValue, wallToInstant } from './time';

export interface Parsed {
  value: CellValue | '';
  format?: string;
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;

function parseNumber(s: string): Parsed | null {
  if (NUMBER.test(s) && /\d/.test(s)) {
    return { value: Number(s.replace(/,/g, '')), format: /\d,\d/.test(s) ? '#,##0' : undefined };
  }
  let m = /^([+-]?\d+(?:\.(\d+))?)%$/.exec(s);
  if (m) return { value: Number(m[1]) / 100, format: m[2] ? '0.00%' : '0%' };
  m = /^(-?)\$(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/.exec(s);
  if (m) {
    const n = Number(`${m[2].replace(/,/g, '')}${m[3] ?? ''}`) * (m[1] ? -1 : 1);
    return { value: n, format: m[3] ? '"$"#,##0.00' : '"$"#,##0' };
  }
  return null;
}

/** The instant of a wall-clock time in the zone, or null when a field is out of range. */
function wall(timeZone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0) {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  return new Date(wallToInstant(ms, timeZone));
}

function parseDateTime(s: string, timeZone: string): Parsed | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const d = wall(timeZone, +m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (d) return { value: d, format: m[4] ? 'yyyy-mm-dd H:mm:ss' : 'yyyy-mm-dd' };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const d = wall(timeZone, +m[3], +m[1], +m[2], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (d) return { value: d, format: m[4] ? DEFAULT_DATE_TIME_FORMAT : 'M/d/yyyy' };
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) {
    const d = wall(timeZone, 1899, 12, 30, +m[1], +m[2], +(m[3] ?? 0));
    if (d) return { value: d, format: m[3] ? 'H:mm:ss' : 'H:mm' };
  }
  return null;
}

export function parseEnteredString(input: string, timeZone: string): Parsed {
  if (input.startsWith("'")) return { value: input.slice(1) };
  const s = input.trim();
  if (s === '') return { value: input };
  if (s.startsWith('=') && s.length > 1) {
    throw new Error(
      `Local runtime: formulas are not implemented (Sheets would parse the written value ${JSON.stringify(
        input.slice(0, 40),
      )} as a formula)`,
    );
  }
  if (/^(true|false)$/i.test(s)) return { value: s.toLowerCase() === 'true' };
  return parseNumber(s) ?? parseDateTime(s, timeZone) ?? { value: input };
}
