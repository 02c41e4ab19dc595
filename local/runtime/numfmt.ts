/**
 * Number-format rendering like Google Sheets' getDisplayValues, plus the
 * time-zone helpers the Spreadsheet and Utilities fakes share.
 *
 * Supported Sheets format syntax: up to four `;` sections (positive; negative;
 * zero; text), `0 # ?` digit placeholders, `.`, `,` grouping and trailing-comma
 * scaling, `%`, `E+00` scientific, `"quoted"` and `\x` literals, `[$€-407]`
 * currency tags, colour/condition tags (ignored), `_x` padding, `*x` fill
 * (ignored), `@` text; date/time tokens y m d h s (case-insensitive, `m` is a
 * minute after `h` or before `s`), mmm/mmmm/ddd/dddd names, AM/PM, A/P,
 * `.000` fractional seconds and `[h]` `[m]` `[s]` elapsed time. Locale: en_US.
 */

export type CellValue = string | number | boolean | Date;

const MS_PER_DAY = 86400000;
/** Day 0 of the Sheets/Excel serial date system (1899-12-30). */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The default display format Sheets gives a cell that receives a date-time. */
export const DEFAULT_DATE_TIME_FORMAT = 'M/d/yyyy H:mm:ss';

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    partFormatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock fields of an instant in an IANA time zone. */
export function zonedParts(ms: number, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const wallUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour) % 24,
    Number(parts.minute),
    Number(parts.second),
  );
  const w = new Date(wallUtc);
  return {
    year: w.getUTCFullYear(),
    month: w.getUTCMonth() + 1,
    day: w.getUTCDate(),
    hour: w.getUTCHours(),
    minute: w.getUTCMinutes(),
    second: w.getUTCSeconds(),
    millisecond: ((ms % 1000) + 1000) % 1000,
    weekday: w.getUTCDay(),
  };
}

/** Offset of the zone from UTC at an instant, in ms (east positive). */
export function zoneOffset(ms: number, timeZone: string): number {
  const p = zonedParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return wall - ms;
}

/** The instant whose wall-clock time in the zone equals `wallMs` read as UTC. */
export function wallToInstant(wallMs: number, timeZone: string): number {
  let guess = wallMs - zoneOffset(wallMs, timeZone);
  guess = wallMs - zoneOffset(guess, timeZone);
  return guess;
}

/** The wall-clock time of an instant in the zone, expressed as a UTC timestamp. */
export function instantToWall(ms: number, timeZone: string): number {
  return ms + zoneOffset(ms, timeZone);
}

export function dateToSerial(date: Date, timeZone: string): number {
  return (instantToWall(date.getTime(), timeZone) - SERIAL_EPOCH) / MS_PER_DAY;
}

export function serialToDate(serial: number, timeZone: string): Date {
  return new Date(wallToInstant(Math.round(SERIAL_EPOCH + serial * MS_PER_DAY), timeZone));
}

// ---------------------------------------------------------------------------
// Sheets number formats

type Token =
  | { t: 'lit'; s: string }
  | { t: 'digit'; c: '0' | '#' | '?' }
  | { t: 'point' }
  | { t: 'comma' }
  | { t: 'percent' }
  | { t: 'exp'; sign: '+' | '-' }
  | { t: 'text' }
  | { t: 'date'; c: string; n: number }
  | { t: 'ampm'; short: boolean; lower: boolean }
  | { t: 'frac'; n: number }
  | { t: 'elapsed'; c: 'h' | 'm' | 's'; n: number };

interface Section {
  tokens: Token[];
  isDate: boolean;
}

const sectionCache = new Map<string, Section[]>();

function splitSections(format: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      cur += format.slice(i, stop + 1);
      i = stop;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      cur += format.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      const end = format.indexOf(']', i);
      const stop = end < 0 ? format.length : end;
      cur += format.slice(i, stop + 1);
      i = stop;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function tokenize(section: string): Section {
  const tokens: Token[] = [];
  let isDate = false;
  // First pass: is this a date/time section?
  const stripped = section
    .replace(/"[^"]*"?/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/am\/pm|a\/p/gi, 'h');
  if (/[ymdhs]/i.test(stripped) && !/^general$/i.test(section.trim())) isDate = true;

  const lit = (s: string) => {
    const last = tokens[tokens.length - 1];
    if (last && last.t === 'lit') last.s += s;
    else tokens.push({ t: 'lit', s });
  };
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      lit(section.slice(i + 1, stop));
      i = stop;
    } else if (ch === '\\') {
      lit(section[i + 1] ?? '');
      i++;
    } else if (ch === '_') {
      lit(' ');
      i++;
    } else if (ch === '*') {
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const stop = end < 0 ? section.length : end;
      const inner = section.slice(i + 1, stop);
      i = stop;
      const currency = /^\$([^-]*)/.exec(inner);
      if (currency) lit(currency[1]);
      else if (/^(h+|m+|s+)$/i.test(inner)) {
        tokens.push({
          t: 'elapsed',
          c: inner[0].toLowerCase() as 'h' | 'm' | 's',
          n: inner.length,
        });
      }
      // colours and conditions are ignored
    } else if (ch === '@') {
      tokens.push({ t: 'text' });
    } else if (isDate) {
      if (/^am\/pm/i.test(section.slice(i, i + 5))) {
        tokens.push({ t: 'ampm', short: false, lower: section[i] === 'a' });
        i += 4;
      } else if (/^a\/p/i.test(section.slice(i, i + 3))) {
        tokens.push({ t: 'ampm', short: true, lower: section[i] === 'a' });
        i += 2;
      } else if ('ymdhs'.includes(lower)) {
        let n = 1;
        while (section[i + n] && section[i + n].toLowerCase() === lower) n++;
        tokens.push({ t: 'date', c: lower, n });
        i += n - 1;
      } else if (ch === '.' && section[i + 1] === '0') {
        let n = 0;
        while (section[i + 1 + n] === '0') n++;
        tokens.push({ t: 'frac', n });
        i += n;
      } else lit(ch);
    } else if (ch === '0' || ch === '#' || ch === '?') {
      tokens.push({ t: 'digit', c: ch });
    } else if (ch === '.') tokens.push({ t: 'point' });
    else if (ch === ',') tokens.push({ t: 'comma' });
    else if (ch === '%') {
      tokens.push({ t: 'percent' });
    } else if ((ch === 'E' || ch === 'e') && (section[i + 1] === '+' || section[i + 1] === '-')) {
      tokens.push({ t: 'exp', sign: section[i + 1] as '+' | '-' });
      i++;
    } else lit(ch);
  }
  // Resolve m/mm as minutes after an hour token or before a seconds token.
  if (isDate) {
    const dateTokens = tokens.filter((t) => t.t === 'date' || t.t === 'elapsed') as Array<
      Extract<Token, { t: 'date' | 'elapsed' }>
    >;
    dateTokens.forEach((tok, k) => {
      if (tok.t !== 'date' || tok.c !== 'm' || tok.n > 2) return;
      const prev = dateTokens[k - 1];
      const next = dateTokens[k + 1];
      if ((prev && prev.c === 'h') || (next && next.c === 's')) tok.c = 'M'; // minute
    });
  }
  return { tokens, isDate };
}

function parseFormat(format: string): Section[] {
  let sections = sectionCache.get(format);
  if (!sections) {
    sections = splitSections(format).map(tokenize);
    sectionCache.set(format, sections);
  }
  return sections;
}

export function isGeneralFormat(format: string | null | undefined): boolean {
  return !format || /^general$/i.test(format.trim());
}

/** True when the format's first section renders a date or time. */
export function isDateFormat(format: string | null | undefined): boolean {
  if (isGeneralFormat(format)) return false;
  return parseFormat(format as string)[0].isDate;
}

function roundTo(value: number, decimals: number): number {
  if (!Number.isFinite(value)) return value;
  const shifted = Number(`${value}e${decimals}`);
  if (!Number.isFinite(shifted)) return value;
  return Number(`${Math.round(shifted)}e-${decimals}`);
}

function group(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Sheets' "General" rendering of a number (up to ~10 significant digits). */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return n > 0 ? '#NUM!' : n < 0 ? '-#NUM!' : '#NUM!';
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

function formatNumberSection(tokens: Token[], value: number): string {
  const digitIdx: number[] = [];
  tokens.forEach((tok, i) => {
    if (tok.t === 'digit') digitIdx.push(i);
  });
  if (digitIdx.length === 0) {
    // A format with no digit placeholder (e.g. '"n/a"') prints only its literals.
    const literal = tokens
      .map((t) => (t.t === 'lit' ? t.s : t.t === 'percent' ? '%' : ''))
      .join('');
    return literal.trim() === '' ? generalNumber(value) : literal;
  }
  const pointIdx = tokens.findIndex((t) => t.t === 'point');
  const expIdx = tokens.findIndex((t) => t.t === 'exp');
  const intEnd = pointIdx >= 0 ? pointIdx : expIdx >= 0 ? expIdx : tokens.length;
  const intDigits = digitIdx.filter((i) => i < intEnd);
  const fracDigits = digitIdx.filter((i) => i > intEnd && (expIdx < 0 || i < expIdx));
  const expDigits = expIdx >= 0 ? digitIdx.filter((i) => i > expIdx) : [];
  const firstInt = intDigits[0] ?? -1;
  const lastInt = intDigits[intDigits.length - 1] ?? -1;
  let grouping = false;
  let scale = 0;
  tokens.forEach((tok, i) => {
    if (tok.t !== 'comma') return;
    if (i > firstInt && i < lastInt) grouping = true;
    else if (i > lastInt && i < intEnd + 1 && lastInt >= 0) scale++;
  });
  const percents = tokens.filter((t) => t.t === 'percent').length;
  let v = (Math.abs(value) * 100 ** percents) / 1000 ** scale;
  const decimals = fracDigits.length;
  const minFrac = (() => {
    let k = 0;
    fracDigits.forEach((i, n) => {
      if ((tokens[i] as { c: string }).c !== '#') k = n + 1;
    });
    return k;
  })();
  const minInt = intDigits.filter((i) => (tokens[i] as { c: string }).c === '0').length;
  let exponent = 0;
  if (expIdx >= 0 && v !== 0) {
    const intCount = Math.max(1, intDigits.length);
    exponent = Math.floor(Math.log10(v)) - (intCount - 1);
    if (intCount > 1) exponent = Math.floor(exponent / intCount) * intCount;
    v = roundTo(v / 10 ** exponent, decimals);
    if (v >= 10 ** intCount) {
      v /= 10;
      exponent += 1;
    }
  }
  v = roundTo(v, decimals);
  const fixed = v.toFixed(decimals);
  let [intStr, fracStr = ''] = fixed.split('.');
  if (intStr === '0' && minInt === 0) intStr = '';
  intStr = intStr.padStart(minInt, '0');
  if (grouping) intStr = group(intStr);
  while (fracStr.length > minFrac && fracStr.endsWith('0')) fracStr = fracStr.slice(0, -1);

  let out = '';
  tokens.forEach((tok, i) => {
    switch (tok.t) {
      case 'lit':
        out += tok.s;
        break;
      case 'percent':
        out += '%';
        break;
      case 'point':
        if (fracStr.length > 0) out += '.';
        break;
      case 'digit':
        if (i === intDigits[0]) out += intStr;
        else if (i === fracDigits[0]) out += fracStr;
        else if (i === expDigits[0]) {
          out += String(Math.abs(exponent)).padStart(expDigits.length, '0');
        }
        break;
      case 'exp':
        out += `E${exponent < 0 ? '-' : tok.sign === '+' ? '+' : ''}`;
        break;
      case 'text':
        break;
      default:
        break;
    }
  });
  if (intDigits.length === 0 && fracDigits.length > 0 && intStr) out = intStr + out;
  return out;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDateSection(tokens: Token[], serial: number): string {
  const hasAmPm = tokens.some((t) => t.t === 'ampm');
  const fracTok = tokens.find((t) => t.t === 'frac') as { n: number } | undefined;
  // Round to the displayed precision of seconds, like Sheets.
  const unit = fracTok ? 1000 / 10 ** fracTok.n : 1000;
  const totalMs = Math.round((serial * MS_PER_DAY) / unit) * unit;
  const wall = new Date(SERIAL_EPOCH + totalMs);
  const hour = wall.getUTCHours();
  let out = '';
  for (const tok of tokens) {
    switch (tok.t) {
      case 'lit':
        out += tok.s;
        break;
      case 'ampm': {
        const s = hour < 12 ? (tok.short ? 'A' : 'AM') : tok.short ? 'P' : 'PM';
        out += tok.lower ? s.toLowerCase() : s;
        break;
      }
      case 'frac':
        out += '.' + pad(wall.getUTCMilliseconds(), 3).slice(0, tok.n);
        break;
      case 'elapsed': {
        const totalSeconds = Math.floor(totalMs / 1000);
        const n =
          tok.c === 'h'
            ? Math.floor(totalSeconds / 3600)
            : tok.c === 'm'
              ? Math.floor(totalSeconds / 60)
              : totalSeconds;
        out += pad(n, tok.n);
        break;
      }
      case 'date':
        switch (tok.c) {
          case 'y':
            out += tok.n <= 2 ? pad(wall.getUTCFullYear() % 100, 2) : String(wall.getUTCFullYear());
            break;
          case 'm': {
            const m = wall.getUTCMonth();
            if (tok.n === 1) out += String(m + 1);
            else if (tok.n === 2) out += pad(m + 1, 2);
            else if (tok.n === 3) out += MONTHS[m].slice(0, 3);
            else if (tok.n === 5) out += MONTHS[m][0];
            else out += MONTHS[m];
            break;
          }
          case 'M':
            out += tok.n === 1 ? String(wall.getUTCMinutes()) : pad(wall.getUTCMinutes(), 2);
            break;
          case 'd': {
            const d = wall.getUTCDate();
            if (tok.n === 1) out += String(d);
            else if (tok.n === 2) out += pad(d, 2);
            else if (tok.n === 3) out += DAYS[wall.getUTCDay()].slice(0, 3);
            else out += DAYS[wall.getUTCDay()];
            break;
          }
          case 'h': {
            const h = hasAmPm ? hour % 12 || 12 : hour;
            out += tok.n === 1 ? String(h) : pad(h, 2);
            break;
          }
          case 's':
            out += tok.n === 1 ? String(wall.getUTCSeconds()) : pad(wall.getUTCSeconds(), 2);
            break;
          default:
            break;
        }
        break;
      default:
        break;
    }
  }
  return out;
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
  if (typeof value === 'string') {
    if (general) return value;
    const sections = parseFormat(format as string);
    const textSection =
      sections.length >= 4
        ? sections[3]
        : sections.find((s) => s.tokens.some((t) => t.t === 'text'));
    if (!textSection) return value;
    return textSection.tokens
      .map((t) => (t.t === 'lit' ? t.s : t.t === 'text' ? value : ''))
      .join('');
  }
  if (isDate(value)) {
    if (general) return formatCell(value, DEFAULT_DATE_TIME_FORMAT, timeZone);
    return formatCell(dateToSerial(value, timeZone), format, timeZone);
  }
  if (typeof value !== 'number') return String(value);
  if (general) return generalNumber(value);
  const sections = parseFormat(format as string);
  if (
    sections.length === 1 &&
    sections[0].tokens.length === 1 &&
    sections[0].tokens[0].t === 'text'
  ) {
    return generalNumber(value); // '@' plain text
  }
  let section = sections[0];
  let sign = '';
  if (value < 0 && sections.length >= 2 && sections[1].tokens.length > 0) section = sections[1];
  else if (value === 0 && sections.length >= 3) section = sections[2];
  else if (value < 0) sign = '-';
  if (section.isDate) {
    if (value < 0) return '#NUM!';
    return formatDateSection(section.tokens, value);
  }
  const body = formatNumberSection(section.tokens, value);
  if (sign && /[1-9]/.test(body)) return sign + body;
  return body;
}

// ---------------------------------------------------------------------------
// Java SimpleDateFormat, as used by Utilities.formatDate

export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const ms = date.getTime();
  const p = zonedParts(ms, timeZone);
  const offsetMin = Math.round(zoneOffset(ms, timeZone) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const oh = pad(Math.floor(Math.abs(offsetMin) / 60), 2);
  const om = pad(Math.abs(offsetMin) % 60, 2);
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop);
      i = stop;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n - 1;
    switch (ch) {
      case 'y':
      case 'Y':
        out += n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
        break;
      case 'M':
      case 'L':
        out +=
          n >= 4
            ? MONTHS[p.month - 1]
            : n === 3
              ? MONTHS[p.month - 1].slice(0, 3)
              : pad(p.month, n);
        break;
      case 'd':
        out += pad(p.day, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[p.weekday] : DAYS[p.weekday].slice(0, 3);
        break;
      case 'u':
        out += String(p.weekday === 0 ? 7 : p.weekday);
        break;
      case 'H':
        out += pad(p.hour, n);
        break;
      case 'k':
        out += pad(p.hour || 24, n);
        break;
      case 'h':
        out += pad(p.hour % 12 || 12, n);
        break;
      case 'K':
        out += pad(p.hour % 12, n);
        break;
      case 'm':
        out += pad(p.minute, n);
        break;
      case 's':
        out += pad(p.second, n);
        break;
      case 'S':
        out += pad(p.millisecond, 3).slice(0, Math.max(n, 3)).padEnd(n, '0');
        break;
      case 'a':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'z':
        out +=
          offsetMin === 0
            ? n >= 4
              ? 'Coordinated Universal Time'
              : 'UTC'
            : `GMT${sign}${oh}:${om}`;
        break;
      case 'Z':
        out += `${sign}${oh}${om}`;
        break;
      case 'X':
        out +=
          offsetMin === 0
            ? 'Z'
            : n === 1
              ? `${sign}${oh}`
              : n === 2
                ? `${sign}${oh}${om}`
                : `${sign}${oh}:${om}`;
        break;
      default:
        throw new Error(`Illegal pattern character '${ch}'`);
    }
  }
  return out;
}
