/**
 * Number formats as Google Sheets renders them in getDisplayValues, en-US.
 *
 * The `numfmt` package does the formatting (sections, conditions, colours,
 * fractions, scaling commas, `?` padding, engineering notation, dates and
 * times). This adapter adds what it lacks or does differently from Sheets:
 *
 * - Dates: a Date is turned into a serial number in the spreadsheet's time
 *   zone first, and serials count as Sheets does (1 = 1899-12-31, no 1900
 *   leap-year bug: `leap1900: false`).
 * - "General" is Sheets' (up to 10 significant digits, no exponent below
 *   1e15), not Excel's 11-character one.
 * - A currency tag's locale (`[$€-407]`) does not switch the separators:
 *   Sheets and Excel use the spreadsheet's locale.
 * - Halves are rounded as the decimal number the user typed, so 1.005 shows
 *   as 1.01 with `0.00`, like Sheets and Excel (binary 1.005 is a hair below).
 * - Infinite and NaN numbers show `#NUM!`.
 */
import * as numfmt from 'numfmt';
import { type CellValue, dateToSerial, isDate } from './time';

/** The default display format Sheets gives a cell that receives a date-time. */
export const DEFAULT_DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

const OPTIONS = { locale: 'en-US', leap1900: false } as const;

export function isGeneralFormat(format: string | null | undefined): boolean {
  return !format || /^general$/i.test(format.trim());
}

/** `[$€-407]` → `[$€]`: the locale part of a currency tag changes nothing in Sheets. */
function sheetsPattern(format: string): string {
  return format.replace(/\[\$([^\]-]+)-[0-9A-Za-z-]+\]/g, (_m, symbol: string) => `[$${symbol}]`);
}

const dateFormats = new Map<string, boolean>();

/** True when the format renders a date or a time. */
export function isDateFormat(format: string | null | undefined): boolean {
  if (isGeneralFormat(format)) return false;
  let date = dateFormats.get(format as string);
  if (date === undefined) {
    try {
      date = numfmt.isDateFormat(sheetsPattern(format as string));
    } catch {
      date = false;
    }
    dateFormats.set(format as string, date);
  }
  return date;
}

/** Sheets' "General" rendering of a number (up to 10 significant digits). */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) return String(n);
  if (abs >= 1e15 || abs < 1e-9) {
    const [m, e] = n.toExponential(9).split('e');
    const mant = m.replace(/\.?0+$/, '');
    const exp = Number(e);
    return `${mant}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(Number(n.toPrecision(10)));
  if (!/e/.test(s)) return s;
  return n.toFixed(Math.min(20, 10 + Math.ceil(-Math.log10(abs)))).replace(/\.?0+$/, '');
}

/** "General" alone, perhaps with a colour: Sheets' own General. */
function isColoredGeneral(pattern: string): boolean {
  return /^(\[[^\]]*\])*general$/i.test(pattern.trim());
}

/**
 * Binary doubles sit a hair below many decimal halves (1.005 is
 * 1.00499999999999989...). Nudging by a few ulps away from zero rounds them as
 * the decimal the user typed; the nudge is far below the 15 significant
 * digits spreadsheets keep. Not for dates, and not where a condition
 * (`[=1]`) compares the exact value.
 */
function decimalNudge(value: number, pattern: string): number {
  if (value === 0 || /\[\s*[<>=]/.test(pattern)) return value;
  return value * (1 + 4 * Number.EPSILON);
}

function formatNumber(value: number, pattern: string): string {
  if (!Number.isFinite(value)) return '#NUM!';
  if (isColoredGeneral(pattern) || pattern.trim() === '@') return generalNumber(value);
  const date = isDateFormat(pattern);
  // numfmt cannot lay out 21+ digit integers in a digit pattern.
  if (!date && Math.abs(value) >= 1e21 && !/E[+-]/i.test(pattern)) return generalNumber(value);
  try {
    return numfmt.format(pattern, date ? value : decimalNudge(value, pattern), OPTIONS);
  } catch {
    return generalNumber(value);
  }
}

/**
 * The string Sheets displays for a cell value under a number format, in the
 * spreadsheet's time zone (used for Date values).
 */
export function formatCell(
  value: CellValue | null | undefined,
  format: string | null | undefined,
  timeZone: string,
): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const general = isGeneralFormat(format);
  if (isDate(value)) {
    const pattern = general ? DEFAULT_DATE_TIME_FORMAT : sheetsPattern(format as string);
    return formatNumber(dateToSerial(value, timeZone), pattern);
  }
  if (typeof value === 'number') {
    return general ? generalNumber(value) : formatNumber(value, sheetsPattern(format as string));
  }
  const text = String(value);
  if (general) return text;
  try {
    return numfmt.format(sheetsPattern(format as string), text, OPTIONS);
  } catch {
    return text;
  }
}
