/**
 * An in-memory Google Sheets workbook that implements the Spreadsheet, Sheet,
 * Range and RangeList methods the relay and its tests use, with Apps Script's
 * documented checks and error messages, values AND number formats.
 *
 * Values: getValues returns typed values (number, boolean, Date, string, ''
 * for empty); getDisplayValues renders them per the cell's number format in
 * the workbook's time zone (see numfmt.ts).
 *
 * Writes (setValues, setValue, appendRow) emulate how Sheets parses entered
 * strings, en_US locale (option `parseStrings`, default true): "42", "-1.5",
 * "1,234" become numbers; "12%" a number with a percent format; "$1,234.50"
 * a number with a currency format; "TRUE"/"false" booleans; "2024-01-15",
 * "1/15/2024" and "2024-01-15 10:30[:00]" dates; "10:30[:00]" times; a
 * leading apostrophe forces text and is dropped; cells formatted "@" keep
 * text as is. ISO-8601 strings with a "T" stay text, as in Sheets. Strings
 * starting with "=" would be formulas in Sheets: the local runtime throws,
 * because it does not evaluate formulas. Host-side seeding (addSheet rows)
 * is stored as given, without parsing.
 *
 * Every Apps Script method call is counted in `workbook.calls` (by
 * "Class.method"), with cellsRead / cellsWritten; host-side test helpers
 * (rows(), displayRows(), sortRows(), setSelection(), ...) are not counted.
 */
import { columnToLetters, parseA1, toA1 } from './a1';
import { exception } from './errors';
import {
  type CellValue,
  DEFAULT_DATE_TIME_FORMAT,
  dateToSerial,
  formatCell,
  isDate,
  isDateFormat,
  isGeneralFormat,
  serialToDate,
  wallToInstant,
} from './numfmt';

export type { CellValue } from './numfmt';
type Stored = CellValue | '';

export class CallCounter {
  total = 0;
  byMethod: Record<string, number> = {};
  cellsRead = 0;
  cellsWritten = 0;

  count(method: string): void {
    this.total++;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
  }

  reset(): void {
    this.total = 0;
    this.byMethod = {};
    this.cellsRead = 0;
    this.cellsWritten = 0;
  }
}

export interface WorkbookOptions {
  id?: string;
  name?: string;
  timeZone?: string;
  formUrl?: string | null;
  /** Emulate Sheets' parsing of strings written by the script (default true). */
  parseStrings?: boolean;
}

export interface AddSheetOptions {
  maxRows?: number;
  maxColumns?: number;
  hiddenColumns?: number[];
  frozenRows?: number;
}

/** The Apps Script method names exposed to the bundle, per class (used by the runtime's proxies). */
export const SPREADSHEET_API: Record<
  'Spreadsheet' | 'Sheet' | 'Range' | 'RangeList',
  readonly string[]
> = {
  Spreadsheet: [
    'getId',
    'getName',
    'getUrl',
    'getSheets',
    'getNumSheets',
    'getSheetByName',
    'getActiveSheet',
    'setActiveSheet',
    'getActiveRange',
    'getActiveRangeList',
    'getFormUrl',
    'toast',
    'getSpreadsheetTimeZone',
    'getRange',
    'insertSheet',
  ],
  Sheet: [
    'getName',
    'getSheetId',
    'getIndex',
    'getParent',
    'getLastRow',
    'getLastColumn',
    'getMaxRows',
    'getMaxColumns',
    'getRange',
    'getDataRange',
    'getFrozenRows',
    'setFrozenRows',
    'insertColumnsAfter',
    'insertColumnsBefore',
    'insertColumnAfter',
    'insertColumnBefore',
    'insertRowsBefore',
    'insertRowsAfter',
    'insertRowBefore',
    'insertRowAfter',
    'deleteRow',
    'deleteRows',
    'appendRow',
    'hideColumns',
    'showColumns',
    'isColumnHiddenByUser',
    'sort',
    'activate',
    'setActiveRange',
    'setActiveRangeList',
  ],
  Range: [
    'getRow',
    'getColumn',
    'getLastRow',
    'getLastColumn',
    'getNumRows',
    'getNumColumns',
    'getValue',
    'getValues',
    'getDisplayValue',
    'getDisplayValues',
    'setValue',
    'setValues',
    'getNumberFormat',
    'getNumberFormats',
    'setNumberFormat',
    'setNumberFormats',
    'clearContent',
    'getSheet',
    'getA1Notation',
    'activate',
  ],
  RangeList: ['getRanges'],
};

function copyValue(v: Stored): Stored {
  return isDate(v) ? new Date(v.getTime()) : v;
}

function isEmpty(v: Stored | undefined): boolean {
  return v === undefined || v === '';
}

function integerArg(value: unknown, method: string, signature: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw exception(
      `The parameters (${signature}) don't match the method signature for SpreadsheetApp.${method}.`,
    );
  }
  return Math.trunc(value);
}

function describeArgs(args: unknown[]): string {
  return args
    .map((a) =>
      a === null
        ? 'null'
        : Array.isArray(a)
          ? 'Object[]'
          : typeof a === 'object'
            ? 'Object'
            : typeof a,
    )
    .join(',');
}

export class Workbook {
  readonly id: string;
  name: string;
  timeZone: string;
  formUrl: string | null;
  parseStrings: boolean;
  readonly sheets: FakeSheet[] = [];
  readonly calls = new CallCounter();
  /** Toasts shown with Spreadsheet.toast, in order. */
  readonly toasts: Array<{ msg: string; title?: string; timeoutSeconds?: number }> = [];
  activeSheet: FakeSheet | null = null;
  /** The active selection: ranges of the active sheet (see FakeSheet.setSelection). */
  selection: FakeRange[] | null = null;
  private nextSheetId = 0;

  constructor(options: WorkbookOptions = {}) {
    this.id = options.id ?? '1LocalChatRelaySpreadsheet0000000000000000';
    this.name = options.name ?? 'Chat Relay (local)';
    this.timeZone = options.timeZone ?? 'Etc/UTC';
    this.formUrl = options.formUrl ?? null;
    this.parseStrings = options.parseStrings ?? true;
  }

  // ---- host-side helpers (not counted) -----------------------------------

  addSheet(
    name: string,
    rows: unknown[][] = [],
    formats?: (string | null)[][],
    options: AddSheetOptions = {},
  ): FakeSheet {
    if (this.sheets.some((s) => s.name === name)) {
      throw new Error(`A sheet with the name "${name}" already exists.`);
    }
    const id = this.nextSheetId === 0 ? 0 : 100000000 + this.nextSheetId * 7919;
    this.nextSheetId++;
    const sheet = new FakeSheet(this, name, id, options);
    sheet.seed(rows, formats);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  /** The sheet with this name; throws when missing. */
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet named "${name}"`);
    return s;
  }

  // ---- Apps Script Spreadsheet ---------------------------------------------

  getId(): string {
    this.calls.count('Spreadsheet.getId');
    return this.id;
  }

  getName(): string {
    this.calls.count('Spreadsheet.getName');
    return this.name;
  }

  getUrl(): string {
    this.calls.count('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getSheets(): FakeSheet[] {
    this.calls.count('Spreadsheet.getSheets');
    return [...this.sheets];
  }

  getNumSheets(): number {
    this.calls.count('Spreadsheet.getNumSheets');
    return this.sheets.length;
  }

  getSheetByName(name: string): FakeSheet | null {
    this.calls.count('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }

  getActiveSheet(): FakeSheet {
    this.calls.count('Spreadsheet.getActiveSheet');
    if (!this.activeSheet) throw exception('The spreadsheet has no sheets.');
    return this.activeSheet;
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.calls.count('Spreadsheet.setActiveSheet');
    this.activeSheet = sheet;
    this.selection = null;
    return sheet;
  }

  getActiveRange(): FakeRange | null {
    this.calls.count('Spreadsheet.getActiveRange');
    return this.selection ? this.selection[this.selection.length - 1] : null;
  }

  /** null when nothing is selected (e.g. in a trigger execution). */
  getActiveRangeList(): FakeRangeList | null {
    this.calls.count('Spreadsheet.getActiveRangeList');
    return this.selection ? new FakeRangeList(this, [...this.selection]) : null;
  }

  getFormUrl(): string | null {
    this.calls.count('Spreadsheet.getFormUrl');
    return this.formUrl;
  }

  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.calls.count('Spreadsheet.toast');
    const entry: { msg: string; title?: string; timeoutSeconds?: number } = { msg: String(msg) };
    if (title !== undefined) entry.title = String(title);
    if (timeoutSeconds !== undefined) entry.timeoutSeconds = timeoutSeconds;
    this.toasts.push(entry);
  }

  getSpreadsheetTimeZone(): string {
    this.calls.count('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }

  /** Spreadsheet.getRange(a1Notation): "Sheet1!A1:B2" (or the active sheet when no sheet name). */
  getRange(a1Notation: string): FakeRange {
    this.calls.count('Spreadsheet.getRange');
    const parsed = parseA1(String(a1Notation));
    if (!parsed) throw exception('Range not found');
    const sheet = parsed.sheetName
      ? this.sheets.find((s) => s.name === parsed.sheetName)
      : this.activeSheet;
    if (!sheet) throw exception('Range not found');
    return sheet.rangeFromA1(String(a1Notation).replace(/^.*!/, ''));
  }

  insertSheet(sheetName?: string): FakeSheet {
    this.calls.count('Spreadsheet.insertSheet');
    const name = sheetName ?? `Sheet${this.sheets.length + 1}`;
    if (this.sheets.some((s) => s.name === name)) {
      throw exception(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = this.addSheet(name);
    this.activeSheet = sheet;
    return sheet;
  }
}

export class FakeSheet {
  /** Row-major cell values (rows may be ragged; missing = empty). */
  private values: Stored[][] = [];
  private formats: (string | null)[][] = [];
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  readonly hiddenColumns = new Set<number>();

  constructor(
    readonly workbook: Workbook,
    public name: string,
    readonly id: number,
    options: AddSheetOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 1000;
    this.maxColumns = options.maxColumns ?? 26;
    this.frozenRows = options.frozenRows ?? 0;
    for (const c of options.hiddenColumns ?? []) this.hiddenColumns.add(c);
  }

  private get calls(): CallCounter {
    return this.workbook.calls;
  }

  // ---- cell storage --------------------------------------------------------

  /** @internal */
  seed(rows: unknown[][], formats?: (string | null)[][]): void {
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const stored: Stored =
          v === null || v === undefined
            ? ''
            : isDate(v)
              ? new Date((v as Date).getTime())
              : (v as Stored);
        this.setCell(r + 1, c + 1, stored);
      }),
    );
    formats?.forEach((row, r) =>
      row.forEach((f, c) => {
        if (f !== null && f !== undefined && f !== '') this.setFormat(r + 1, c + 1, f);
      }),
    );
    const width = Math.max(
      0,
      ...rows.map((r) => r.length),
      ...(formats ?? []).map((r) => r.length),
    );
    this.maxRows = Math.max(this.maxRows, rows.length, formats?.length ?? 0);
    this.maxColumns = Math.max(this.maxColumns, width);
  }

  /** @internal raw stored value ('' when empty). */
  cell(row: number, column: number): Stored {
    return this.values[row - 1]?.[column - 1] ?? '';
  }

  /** @internal */
  format(row: number, column: number): string | null {
    return this.formats[row - 1]?.[column - 1] ?? null;
  }

  /** @internal */
  setCell(row: number, column: number, value: Stored): void {
    const r = (this.values[row - 1] ??= []);
    while (r.length < column - 1) r.push('');
    r[column - 1] = value;
  }

  /** @internal */
  setFormat(row: number, column: number, format: string | null): void {
    const r = (this.formats[row - 1] ??= []);
    while (r.length < column - 1) r.push(null);
    r[column - 1] = format === '' ? null : format;
  }

  /** @internal The value getValues returns for a cell (dates vs serial numbers follow the format). */
  typedValue(row: number, column: number): Stored {
    const v = this.cell(row, column);
    const f = this.format(row, column);
    if (typeof v === 'number' && isDateFormat(f)) return serialToDate(v, this.workbook.timeZone);
    if (isDate(v)) {
      if (!isGeneralFormat(f) && !isDateFormat(f) && f !== '@') {
        return dateToSerial(v, this.workbook.timeZone);
      }
      return new Date(v.getTime());
    }
    return v;
  }

  /** @internal */
  displayValue(row: number, column: number): string {
    return formatCell(this.cell(row, column), this.format(row, column), this.workbook.timeZone);
  }

  /** @internal Converts a value written by the script into what Sheets would store. */
  writeCell(row: number, column: number, input: unknown): void {
    const currentFormat = this.format(row, column);
    let value: Stored;
    let format: string | null | undefined;
    if (input === null || input === undefined) value = '';
    else if (typeof input === 'number' || typeof input === 'boolean') value = input;
    else if (isDate(input)) {
      value = new Date((input as Date).getTime());
      if (isGeneralFormat(currentFormat)) format = DEFAULT_DATE_TIME_FORMAT;
    } else if (typeof input === 'string') {
      const parsed =
        this.workbook.parseStrings && currentFormat !== '@'
          ? parseEnteredString(input, this.workbook.timeZone)
          : { value: input };
      value = parsed.value;
      if (parsed.format && isGeneralFormat(currentFormat)) format = parsed.format;
    } else value = String(input);
    this.setCell(row, column, value);
    if (format !== undefined) this.setFormat(row, column, format);
  }

  // ---- host-side helpers (not counted) ------------------------------------

  /** Snapshot of the used range's typed values (like getDataRange().getValues()). */
  rows(): Stored[][] {
    const out: Stored[][] = [];
    const lastRow = this.lastRow();
    const lastCol = this.lastColumn();
    for (let r = 1; r <= lastRow; r++) {
      const row: Stored[] = [];
      for (let c = 1; c <= lastCol; c++) row.push(this.typedValue(r, c));
      out.push(row);
    }
    return out;
  }

  /** Snapshot of the used range's display values. */
  displayRows(): string[][] {
    const out: string[][] = [];
    const lastRow = this.lastRow();
    const lastCol = this.lastColumn();
    for (let r = 1; r <= lastRow; r++) {
      const row: string[] = [];
      for (let c = 1; c <= lastCol; c++) row.push(this.displayValue(r, c));
      out.push(row);
    }
    return out;
  }

  /** Number formats of the used range (null = General). */
  formatRows(): (string | null)[][] {
    const out: (string | null)[][] = [];
    for (let r = 1; r <= this.lastRow(); r++) {
      const row: (string | null)[] = [];
      for (let c = 1; c <= this.lastColumn(); c++) row.push(this.format(r, c));
      out.push(row);
    }
    return out;
  }

  /** Sorts the data rows below `headerRows` (default 1) by a 1-based column, like a user's "Sort sheet". */
  sortRows(columnIndex: number, ascending = true, headerRows = 1): void {
    this.sortBody(columnIndex, ascending, headerRows);
  }

  /** Writes values as a user would type them (host-side, not counted). */
  setRowValues(row: number, values: unknown[], column = 1): void {
    values.forEach((v, i) => this.writeCell(row, column + i, v));
    this.maxRows = Math.max(this.maxRows, row);
    this.maxColumns = Math.max(this.maxColumns, column + values.length - 1);
  }

  /** Inserts blank rows as a user would (host-side, not counted). */
  userInsertRowsBefore(row: number, howMany = 1): void {
    this.insertRowsAt(row, howMany);
  }

  /** Deletes rows as a user would (host-side, not counted). */
  userDeleteRows(row: number, howMany = 1): void {
    this.values.splice(row - 1, howMany);
    this.formats.splice(row - 1, howMany);
    this.maxRows = Math.max(1, this.maxRows - howMany);
  }

  /**
   * Makes this the active sheet and selects the given A1 ranges (e.g.
   * ['A2:C3', 'A5']) for getActiveRangeList / getActiveRange. An empty array
   * clears the selection.
   */
  setSelection(a1Ranges: string[]): void {
    this.workbook.activeSheet = this;
    this.workbook.selection = a1Ranges.length ? a1Ranges.map((a1) => this.rangeFromA1(a1)) : null;
  }

  lastRow(): number {
    for (let r = this.values.length; r >= 1; r--) {
      const row = this.values[r - 1];
      if (row && row.some((v) => !isEmpty(v))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.values) {
      if (!row) continue;
      for (let c = row.length; c > last; c--) {
        if (!isEmpty(row[c - 1])) {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** @internal */
  rangeFromA1(a1: string): FakeRange {
    const parsed = parseA1(a1);
    if (!parsed || parsed.sheetName !== undefined) throw exception('Range not found');
    const numRows = parsed.numRows ?? this.maxRows - parsed.row + 1;
    const numColumns = parsed.numColumns ?? this.maxColumns - parsed.column + 1;
    return this.checkedRange(parsed.row, parsed.column, numRows, numColumns);
  }

  private checkedRange(
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
  ): FakeRange {
    if (row < 1) throw exception('The starting row of the range is too small.');
    if (column < 1) throw exception('The starting column of the range is too small.');
    if (numRows < 1) throw exception('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw exception('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw exception('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, column, numRows, numColumns);
  }

  private insertRowsAt(row: number, howMany: number): void {
    const blanksV: Stored[][] = Array.from({ length: howMany }, () => []);
    const blanksF: (string | null)[][] = Array.from({ length: howMany }, () => []);
    while (this.values.length < row - 1) this.values.push([]);
    while (this.formats.length < row - 1) this.formats.push([]);
    this.values.splice(row - 1, 0, ...blanksV);
    this.formats.splice(row - 1, 0, ...blanksF);
    this.maxRows += howMany;
  }

  private insertColumnsAt(column: number, howMany: number): void {
    for (const grid of [this.values, this.formats] as unknown[][][]) {
      for (const row of grid) {
        if (row && row.length >= column) {
          row.splice(
            column - 1,
            0,
            ...Array.from({ length: howMany }, () => (grid === this.values ? '' : null)),
          );
        }
      }
    }
    const hidden = [...this.hiddenColumns];
    this.hiddenColumns.clear();
    for (const c of hidden) this.hiddenColumns.add(c >= column ? c + howMany : c);
    this.maxColumns += howMany;
  }

  private sortBody(column: number, ascending: boolean, headerRows: number): void {
    const lastRow = this.lastRow();
    const start = headerRows; // 0-based index of the first sorted row
    if (lastRow <= start) return;
    while (this.values.length < lastRow) this.values.push([]);
    while (this.formats.length < lastRow) this.formats.push([]);
    const items = [];
    for (let i = start; i < lastRow; i++) {
      items.push({
        v: this.values[i] ?? [],
        f: this.formats[i] ?? [],
        key: this.typedValue(i + 1, column),
      });
    }
    const rank = (v: Stored) =>
      isEmpty(v) ? 4 : typeof v === 'number' || isDate(v) ? 0 : typeof v === 'string' ? 1 : 2;
    items.sort((a, b) => {
      const ra = rank(a.key);
      const rb = rank(b.key);
      if (ra === 4 || rb === 4) return ra - rb; // blanks always last
      let cmp = ra - rb;
      if (cmp === 0) {
        if (ra === 0) cmp = Number(a.key) - Number(b.key);
        else if (ra === 1)
          cmp = String(a.key).localeCompare(String(b.key), 'en', { sensitivity: 'base' });
        else cmp = Number(a.key) - Number(b.key);
      }
      return ascending ? cmp : -cmp;
    });
    items.forEach((item, k) => {
      this.values[start + k] = item.v;
      this.formats[start + k] = item.f;
    });
  }

  // ---- Apps Script Sheet --------------------------------------------------

  getName(): string {
    this.calls.count('Sheet.getName');
    return this.name;
  }

  getSheetId(): number {
    this.calls.count('Sheet.getSheetId');
    return this.id;
  }

  getIndex(): number {
    this.calls.count('Sheet.getIndex');
    return this.workbook.sheets.indexOf(this) + 1;
  }

  getParent(): Workbook {
    this.calls.count('Sheet.getParent');
    return this.workbook;
  }

  getLastRow(): number {
    this.calls.count('Sheet.getLastRow');
    return this.lastRow();
  }

  getLastColumn(): number {
    this.calls.count('Sheet.getLastColumn');
    return this.lastColumn();
  }

  getMaxRows(): number {
    this.calls.count('Sheet.getMaxRows');
    return this.maxRows;
  }

  getMaxColumns(): number {
    this.calls.count('Sheet.getMaxColumns');
    return this.maxColumns;
  }

  getFrozenRows(): number {
    this.calls.count('Sheet.getFrozenRows');
    return this.frozenRows;
  }

  setFrozenRows(rows: number): FakeSheet {
    this.calls.count('Sheet.setFrozenRows');
    this.frozenRows = integerArg(rows, 'Sheet.setFrozenRows', describeArgs([rows]));
    return this;
  }

  /** getRange(row, column[, numRows[, numColumns]]) or getRange(a1Notation). */
  getRange(...args: unknown[]): FakeRange {
    this.calls.count('Sheet.getRange');
    if (args.length === 1 && typeof args[0] === 'string') return this.rangeFromA1(args[0]);
    if (args.length < 2 || args.length > 4) {
      throw exception(
        `The parameters (${describeArgs(args)}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    }
    const sig = describeArgs(args);
    const [row, column, numRows = 1, numColumns = 1] = args.map((a) =>
      integerArg(a, 'Sheet.getRange', sig),
    );
    return this.checkedRange(row, column, numRows, numColumns);
  }

  getDataRange(): FakeRange {
    this.calls.count('Sheet.getDataRange');
    return new FakeRange(this, 1, 1, Math.max(1, this.lastRow()), Math.max(1, this.lastColumn()));
  }

  insertColumnsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.calls.count('Sheet.insertColumnsAfter');
    const sig = describeArgs([afterPosition, howMany]);
    const after = integerArg(afterPosition, 'Sheet.insertColumnsAfter', sig);
    const n = integerArg(howMany, 'Sheet.insertColumnsAfter', sig);
    if (after < 1 || after > this.maxColumns) throw exception('Those columns are out of bounds.');
    if (n < 1) throw exception('The number of columns to insert must be at least 1.');
    this.insertColumnsAt(after + 1, n);
    return this;
  }

  insertColumnAfter(afterPosition: number): FakeSheet {
    this.calls.count('Sheet.insertColumnAfter');
    if (afterPosition < 1 || afterPosition > this.maxColumns)
      throw exception('Those columns are out of bounds.');
    this.insertColumnsAt(afterPosition + 1, 1);
    return this;
  }

  insertColumnsBefore(beforePosition: number, howMany: number): FakeSheet {
    this.calls.count('Sheet.insertColumnsBefore');
    if (beforePosition < 1 || beforePosition > this.maxColumns)
      throw exception('Those columns are out of bounds.');
    if (howMany < 1) throw exception('The number of columns to insert must be at least 1.');
    this.insertColumnsAt(beforePosition, howMany);
    return this;
  }

  insertColumnBefore(beforePosition: number): FakeSheet {
    this.calls.count('Sheet.insertColumnBefore');
    if (beforePosition < 1 || beforePosition > this.maxColumns)
      throw exception('Those columns are out of bounds.');
    this.insertColumnsAt(beforePosition, 1);
    return this;
  }

  insertRowsBefore(beforePosition: number, howMany: number): FakeSheet {
    this.calls.count('Sheet.insertRowsBefore');
    if (beforePosition < 1 || beforePosition > this.maxRows)
      throw exception('Those rows are out of bounds.');
    if (howMany < 1) throw exception('The number of rows to insert must be at least 1.');
    this.insertRowsAt(beforePosition, howMany);
    return this;
  }

  insertRowBefore(beforePosition: number): FakeSheet {
    this.calls.count('Sheet.insertRowBefore');
    if (beforePosition < 1 || beforePosition > this.maxRows)
      throw exception('Those rows are out of bounds.');
    this.insertRowsAt(beforePosition, 1);
    return this;
  }

  insertRowsAfter(afterPosition: number, howMany: number): FakeSheet {
    this.calls.count('Sheet.insertRowsAfter');
    if (afterPosition < 1 || afterPosition > this.maxRows)
      throw exception('Those rows are out of bounds.');
    if (howMany < 1) throw exception('The number of rows to insert must be at least 1.');
    this.insertRowsAt(afterPosition + 1, howMany);
    return this;
  }

  insertRowAfter(afterPosition: number): FakeSheet {
    this.calls.count('Sheet.insertRowAfter');
    if (afterPosition < 1 || afterPosition > this.maxRows)
      throw exception('Those rows are out of bounds.');
    this.insertRowsAt(afterPosition + 1, 1);
    return this;
  }

  deleteRow(rowPosition: number): FakeSheet {
    this.calls.count('Sheet.deleteRow');
    this.deleteRowsChecked(rowPosition, 1);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.calls.count('Sheet.deleteRows');
    this.deleteRowsChecked(rowPosition, howMany);
  }

  private deleteRowsChecked(row: number, howMany: number): void {
    if (row < 1 || howMany < 1 || row + howMany - 1 > this.maxRows) {
      throw exception('Those rows are out of bounds.');
    }
    if (howMany >= this.maxRows - this.frozenRows) {
      throw exception('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.values.splice(row - 1, howMany);
    this.formats.splice(row - 1, howMany);
    this.maxRows -= howMany;
  }

  appendRow(rowContents: unknown[]): FakeSheet {
    this.calls.count('Sheet.appendRow');
    if (!Array.isArray(rowContents)) {
      throw exception(
        `The parameters (${describeArgs([rowContents])}) don't match the method signature for SpreadsheetApp.Sheet.appendRow.`,
      );
    }
    const row = this.lastRow() + 1;
    if (row > this.maxRows) this.maxRows = row;
    if (rowContents.length > this.maxColumns) this.maxColumns = rowContents.length;
    rowContents.forEach((v, i) => this.writeCell(row, i + 1, v));
    this.calls.cellsWritten += rowContents.length;
    return this;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this.calls.count('Sheet.hideColumns');
    if (columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > this.maxColumns) {
      throw exception('Those columns are out of bounds.');
    }
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }

  showColumns(columnIndex: number, numColumns = 1): void {
    this.calls.count('Sheet.showColumns');
    if (columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > this.maxColumns) {
      throw exception('Those columns are out of bounds.');
    }
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.delete(c);
  }

  isColumnHiddenByUser(columnPosition: number): boolean {
    this.calls.count('Sheet.isColumnHiddenByUser');
    return this.hiddenColumns.has(columnPosition);
  }

  /** Sheet.sort(columnPosition, ascending): sorts all rows below the frozen rows. */
  sort(columnPosition: number, ascending = true): FakeSheet {
    this.calls.count('Sheet.sort');
    if (columnPosition < 1 || columnPosition > this.maxColumns) {
      throw exception('Those columns are out of bounds.');
    }
    this.sortBody(columnPosition, ascending, this.frozenRows);
    return this;
  }

  activate(): FakeSheet {
    this.calls.count('Sheet.activate');
    this.workbook.activeSheet = this;
    return this;
  }

  setActiveRange(range: FakeRange): FakeRange {
    this.calls.count('Sheet.setActiveRange');
    this.workbook.activeSheet = this;
    this.workbook.selection = [range];
    return range;
  }

  setActiveRangeList(rangeList: FakeRangeList): FakeRangeList {
    this.calls.count('Sheet.setActiveRangeList');
    this.workbook.activeSheet = this;
    this.workbook.selection = rangeList.ranges;
    return rangeList;
  }
}

/** Sheets refuses the whole write when one cell would hold more than 50,000 characters. */
export const MAX_CELL_CHARS = 50000;
function checkCellSize(row: unknown[]): void {
  for (const value of row) {
    if (typeof value === 'string' && value.length > MAX_CELL_CHARS) {
      throw exception(
        `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
      );
    }
  }
}

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  private get calls(): CallCounter {
    return this.sheet.workbook.calls;
  }

  private map<T>(fn: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row: T[] = [];
      for (let c = 0; c < this.numColumns; c++) row.push(fn(this.row + r, this.column + c));
      out.push(row);
    }
    return out;
  }

  getRow(): number {
    this.calls.count('Range.getRow');
    return this.row;
  }

  getColumn(): number {
    this.calls.count('Range.getColumn');
    return this.column;
  }

  getLastRow(): number {
    this.calls.count('Range.getLastRow');
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    this.calls.count('Range.getLastColumn');
    return this.column + this.numColumns - 1;
  }

  getNumRows(): number {
    this.calls.count('Range.getNumRows');
    return this.numRows;
  }

  getNumColumns(): number {
    this.calls.count('Range.getNumColumns');
    return this.numColumns;
  }

  getSheet(): FakeSheet {
    this.calls.count('Range.getSheet');
    return this.sheet;
  }

  getA1Notation(): string {
    this.calls.count('Range.getA1Notation');
    return toA1(this.row, this.column, this.numRows, this.numColumns);
  }

  getValues(): Stored[][] {
    this.calls.count('Range.getValues');
    this.calls.cellsRead += this.numRows * this.numColumns;
    return this.map((r, c) => copyValue(this.sheet.typedValue(r, c)));
  }

  getValue(): Stored {
    this.calls.count('Range.getValue');
    this.calls.cellsRead += 1;
    return copyValue(this.sheet.typedValue(this.row, this.column));
  }

  getDisplayValues(): string[][] {
    this.calls.count('Range.getDisplayValues');
    this.calls.cellsRead += this.numRows * this.numColumns;
    return this.map((r, c) => this.sheet.displayValue(r, c));
  }

  getDisplayValue(): string {
    this.calls.count('Range.getDisplayValue');
    this.calls.cellsRead += 1;
    return this.sheet.displayValue(this.row, this.column);
  }

  getNumberFormat(): string {
    this.calls.count('Range.getNumberFormat');
    return this.sheet.format(this.row, this.column) ?? 'General';
  }

  getNumberFormats(): string[][] {
    this.calls.count('Range.getNumberFormats');
    return this.map((r, c) => this.sheet.format(r, c) ?? 'General');
  }

  setNumberFormat(numberFormat: string): FakeRange {
    this.calls.count('Range.setNumberFormat');
    const f = isGeneralFormat(numberFormat) ? null : String(numberFormat);
    this.map((r, c) => this.sheet.setFormat(r, c, f));
    return this;
  }

  setNumberFormats(numberFormats: string[][]): FakeRange {
    this.calls.count('Range.setNumberFormats');
    this.checkDimensions(numberFormats);
    this.map((r, c) => {
      const f = numberFormats[r - this.row][c - this.column];
      this.sheet.setFormat(r, c, isGeneralFormat(f) ? null : String(f));
    });
    return this;
  }

  setValues(values: unknown[][]): FakeRange {
    this.calls.count('Range.setValues');
    this.checkDimensions(values);
    values.forEach(checkCellSize);
    this.map((r, c) => this.sheet.writeCell(r, c, values[r - this.row][c - this.column]));
    this.calls.cellsWritten += this.numRows * this.numColumns;
    return this;
  }

  setValue(value: unknown): FakeRange {
    this.calls.count('Range.setValue');
    checkCellSize([value]);
    this.map((r, c) => this.sheet.writeCell(r, c, value));
    this.calls.cellsWritten += this.numRows * this.numColumns;
    return this;
  }

  clearContent(): FakeRange {
    this.calls.count('Range.clearContent');
    this.map((r, c) => this.sheet.setCell(r, c, ''));
    return this;
  }

  activate(): FakeRange {
    this.calls.count('Range.activate');
    this.sheet.workbook.activeSheet = this.sheet;
    this.sheet.workbook.selection = [this];
    return this;
  }

  private checkDimensions(values: unknown): void {
    if (!Array.isArray(values)) {
      throw exception(
        `The parameters (${describeArgs([values])}) don't match the method signature for SpreadsheetApp.Range.setValues.`,
      );
    }
    if (values.length !== this.numRows) {
      throw exception(
        `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${this.numRows}.`,
      );
    }
    for (const row of values) {
      const len = Array.isArray(row) ? row.length : 0;
      if (len !== this.numColumns) {
        throw exception(
          `The number of columns in the data does not match the number of columns in the range. The data has ${len} but the range has ${this.numColumns}.`,
        );
      }
    }
  }

  /** Host-side description, e.g. "Sheet1!A1:B2". */
  toString(): string {
    return `${this.sheet.name}!${toA1(this.row, this.column, this.numRows, this.numColumns)}`;
  }
}

export class FakeRangeList {
  constructor(
    private readonly workbook: Workbook,
    readonly ranges: FakeRange[],
  ) {}

  getRanges(): FakeRange[] {
    this.workbook.calls.count('RangeList.getRanges');
    return [...this.ranges];
  }
}

// ---------------------------------------------------------------------------
// Sheets' parsing of entered strings (en_US)

interface Parsed {
  value: Stored;
  format?: string;
}

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;

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
  const wall = (y: number, mo: number, d: number, h = 0, mi = 0, sec = 0): Date | null => {
    const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
    const check = new Date(ms);
    if (
      check.getUTCMonth() !== mo - 1 ||
      check.getUTCDate() !== d ||
      h > 23 ||
      mi > 59 ||
      sec > 59
    ) {
      return null;
    }
    return new Date(wallToInstant(ms, timeZone));
  };
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const d = wall(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (d) return { value: d, format: m[4] ? 'yyyy-mm-dd H:mm:ss' : 'yyyy-mm-dd' };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) {
    const d = wall(+m[3], +m[1], +m[2], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (d) return { value: d, format: m[4] ? DEFAULT_DATE_TIME_FORMAT : 'M/d/yyyy' };
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) {
    const d = wall(1899, 12, 30, +m[1], +m[2], +(m[3] ?? 0));
    if (d) return { value: d, format: m[3] ? 'H:mm:ss' : 'H:mm' };
  }
  return { value: input };
}

/** Column letters for a 1-based index (re-exported for tests). */
export { columnToLetters };
