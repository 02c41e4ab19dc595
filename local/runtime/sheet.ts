/**
 * SpreadsheetApp.Sheet over a CellGrid, with Apps Script's checks and error
 * messages, and host-side helpers for tests (not counted in the calls).
 */
import { parseA1 } from './a1';
import { integerArg, signatureError } from './args';
import { CellGrid, isEmpty, type Stored } from './cells';
import { parseEnteredString } from './entered-strings';
import { exception } from './errors';
import {
  DEFAULT_DATE_TIME_FORMAT,
  formatCell,
  isDateFormat,
  isGeneralFormat,
} from './number-format';
import type { CallCounter } from './call-counter';
import { FakeRange, type FakeRangeList, type RangeSheet } from './range';
import type { RichText } from './rich-text';
import { dateToSerial, isDate, serialToDate } from './time';

/**
 * What a sheet needs of its workbook. Workbook (workbook.ts) implements it; it
 * is declared here so that sheet.ts does not import workbook.ts, which imports it.
 */
export interface SheetWorkbook {
  readonly calls: CallCounter;
  readonly timeZone: string;
  readonly parseStrings: boolean;
  readonly sheets: readonly FakeSheet[];
  activeSheet: FakeSheet | null;
  selection: FakeRange[] | null;
}

export interface AddSheetOptions {
  maxRows?: number;
  maxColumns?: number;
  hiddenColumns?: number[];
  frozenRows?: number;
  /** The URL of the Google Form that writes its responses to this sheet (Sheet.getFormUrl). */
  formUrl?: string | null;
}

type Axis = 'row' | 'column';

/** A range of a FakeSheet: what the sheet and the workbook hand out. */
export type SheetRange = FakeRange & { getSheet(): FakeSheet };

/** A range list of FakeSheet ranges (the active selection). */
export type SheetRangeList = FakeRangeList & { getRanges(): SheetRange[] };

export class FakeSheet implements RangeSheet {
  /** @internal values, formats and links */
  readonly cells = new CellGrid();
  maxRows: number;
  maxColumns: number;
  frozenRows: number;
  formUrl: string | null;
  readonly hiddenColumns = new Set<number>();

  constructor(
    readonly workbook: SheetWorkbook,
    public name: string,
    readonly id: number,
    options: AddSheetOptions = {},
  ) {
    this.maxRows = options.maxRows ?? 1000;
    this.maxColumns = options.maxColumns ?? 26;
    this.frozenRows = options.frozenRows ?? 0;
    this.formUrl = options.formUrl ?? null;
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
    return this.cells.value(row, column);
  }

  /** @internal */
  format(row: number, column: number): string | null {
    return this.cells.format(row, column);
  }

  /** @internal the links of a text cell, or null */
  richText(row: number, column: number): RichText | null {
    return this.cells.richText(row, column);
  }

  /** @internal */
  setCell(row: number, column: number, value: Stored): void {
    this.cells.setValue(row, column, value);
  }

  /** @internal */
  setFormat(row: number, column: number, format: string | null): void {
    this.cells.setFormat(row, column, format);
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

  private grid<T>(cell: (r: number, c: number) => T): T[][] {
    const out: T[][] = [];
    const lastRow = this.lastRow();
    const lastCol = this.lastColumn();
    for (let r = 1; r <= lastRow; r++) {
      const row: T[] = [];
      for (let c = 1; c <= lastCol; c++) row.push(cell(r, c));
      out.push(row);
    }
    return out;
  }

  /** Snapshot of the used range's typed values (like getDataRange().getValues()). */
  rows(): Stored[][] {
    return this.grid((r, c) => this.typedValue(r, c));
  }

  /** Snapshot of the used range's display values. */
  displayRows(): string[][] {
    return this.grid((r, c) => this.displayValue(r, c));
  }

  /** Number formats of the used range (null = General). */
  formatRows(): (string | null)[][] {
    return this.grid((r, c) => this.format(r, c));
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
    this.cells.deleteRows(row, howMany);
    this.maxRows = Math.max(1, this.maxRows - howMany);
  }

  /**
   * Makes this the active sheet and selects the given A1 ranges (e.g.
   * ['A2:C3', 'A5']) for getActiveRangeList / getActiveRange. An empty array
   * clears the selection.
   */
  setSelection(a1Ranges: string[]): void {
    this.select(a1Ranges.length ? a1Ranges.map((a1) => this.rangeFromA1(a1)) : null);
  }

  /** @internal Makes this the active sheet with these ranges selected (null: none). */
  select(ranges: FakeRange[] | null): void {
    this.workbook.activeSheet = this;
    this.workbook.selection = ranges;
  }

  lastRow(): number {
    return this.cells.lastRow();
  }

  lastColumn(): number {
    return this.cells.lastColumn();
  }

  /** @internal */
  rangeFromA1(a1: string): SheetRange {
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
  ): SheetRange {
    if (row < 1) throw exception('The starting row of the range is too small.');
    if (column < 1) throw exception('The starting column of the range is too small.');
    if (numRows < 1) throw exception('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw exception('The number of columns in the range must be at least 1.');
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns) {
      throw exception('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, column, numRows, numColumns) as SheetRange;
  }

  private insertRowsAt(row: number, howMany: number): void {
    this.cells.insertRows(row, howMany);
    this.maxRows += howMany;
  }

  private insertColumnsAt(column: number, howMany: number): void {
    this.cells.insertColumns(column, howMany);
    const hidden = [...this.hiddenColumns];
    this.hiddenColumns.clear();
    for (const c of hidden) this.hiddenColumns.add(c >= column ? c + howMany : c);
    this.maxColumns += howMany;
  }

  private sortBody(column: number, ascending: boolean, headerRows: number): void {
    const keys = new Map<number, Stored>();
    const key = (r: number) => {
      if (!keys.has(r)) keys.set(r, this.typedValue(r, column));
      return keys.get(r) as Stored;
    };
    this.cells.sortRows(headerRows + 1, this.lastRow(), (a, b) =>
      compareSortKeys(key(a), key(b), ascending),
    );
  }

  /**
   * The eight insert methods share one implementation: integer arguments,
   * a position within the sheet (1..max rows/columns) and howMany >= 1, as
   * Apps Script checks them.
   */
  private insert(method: string, axis: Axis, after: boolean, args: unknown[]): FakeSheet {
    const qualified = `Sheet.${method}`;
    this.calls.count(qualified);
    const plural = /(Rows|Columns)(Before|After)$/.test(method);
    if (args.length !== (plural ? 2 : 1)) throw signatureError(qualified, args);
    const [position, howMany = 1] = args.map((a) => integerArg(a, qualified, args));
    const noun = axis === 'row' ? 'rows' : 'columns';
    const max = axis === 'row' ? this.maxRows : this.maxColumns;
    if (position < 1 || position > max) throw exception(`Those ${noun} are out of bounds.`);
    if (howMany < 1) throw exception(`The number of ${noun} to insert must be at least 1.`);
    const at = after ? position + 1 : position;
    if (axis === 'row') this.insertRowsAt(at, howMany);
    else this.insertColumnsAt(at, howMany);
    return this;
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

  getParent(): SheetWorkbook {
    this.calls.count('Sheet.getParent');
    return this.workbook;
  }

  /** The URL of the form that sends its responses to this sheet, or null. */
  getFormUrl(): string | null {
    this.calls.count('Sheet.getFormUrl');
    return this.formUrl;
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
    this.frozenRows = integerArg(rows, 'Sheet.setFrozenRows', [rows]);
    return this;
  }

  /** getRange(row, column[, numRows[, numColumns]]) or getRange(a1Notation). */
  getRange(...args: unknown[]): SheetRange {
    this.calls.count('Sheet.getRange');
    if (args.length === 1 && typeof args[0] === 'string') return this.rangeFromA1(args[0]);
    if (args.length < 2 || args.length > 4) throw signatureError('Sheet.getRange', args);
    const [row, column, numRows = 1, numColumns = 1] = args.map((a) =>
      integerArg(a, 'Sheet.getRange', args),
    );
    return this.checkedRange(row, column, numRows, numColumns);
  }

  getDataRange(): SheetRange {
    this.calls.count('Sheet.getDataRange');
    const rows = Math.max(1, this.lastRow());
    return new FakeRange(this, 1, 1, rows, Math.max(1, this.lastColumn())) as SheetRange;
  }

  insertColumnsAfter(...args: [afterPosition: number, howMany: number]): FakeSheet {
    return this.insert('insertColumnsAfter', 'column', true, args);
  }

  insertColumnsBefore(...args: [beforePosition: number, howMany: number]): FakeSheet {
    return this.insert('insertColumnsBefore', 'column', false, args);
  }

  insertColumnAfter(...args: [afterPosition: number]): FakeSheet {
    return this.insert('insertColumnAfter', 'column', true, args);
  }

  insertColumnBefore(...args: [beforePosition: number]): FakeSheet {
    return this.insert('insertColumnBefore', 'column', false, args);
  }

  insertRowsBefore(...args: [beforePosition: number, howMany: number]): FakeSheet {
    return this.insert('insertRowsBefore', 'row', false, args);
  }

  insertRowsAfter(...args: [afterPosition: number, howMany: number]): FakeSheet {
    return this.insert('insertRowsAfter', 'row', true, args);
  }

  insertRowBefore(...args: [beforePosition: number]): FakeSheet {
    return this.insert('insertRowBefore', 'row', false, args);
  }

  insertRowAfter(...args: [afterPosition: number]): FakeSheet {
    return this.insert('insertRowAfter', 'row', true, args);
  }

  deleteRow(rowPosition: number): FakeSheet {
    this.calls.count('Sheet.deleteRow');
    this.deleteRowsChecked('Sheet.deleteRow', [rowPosition]);
    return this;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    this.calls.count('Sheet.deleteRows');
    this.deleteRowsChecked('Sheet.deleteRows', [rowPosition, howMany]);
  }

  private deleteRowsChecked(method: string, args: unknown[]): void {
    const [row, howMany = 1] = args.map((a) => integerArg(a, method, args));
    if (row < 1 || howMany < 1 || row + howMany - 1 > this.maxRows) {
      throw exception('Those rows are out of bounds.');
    }
    if (howMany >= this.maxRows - this.frozenRows) {
      throw exception('Sorry, it is not possible to delete all non-frozen rows.');
    }
    this.cells.deleteRows(row, howMany);
    this.maxRows -= howMany;
  }

  appendRow(rowContents: unknown[]): FakeSheet {
    this.calls.count('Sheet.appendRow');
    if (!Array.isArray(rowContents)) throw signatureError('Sheet.appendRow', [rowContents]);
    const row = this.lastRow() + 1;
    if (row > this.maxRows) this.maxRows = row;
    if (rowContents.length > this.maxColumns) this.maxColumns = rowContents.length;
    rowContents.forEach((v, i) => this.writeCell(row, i + 1, v));
    this.calls.cellsWritten += rowContents.length;
    return this;
  }

  private checkColumns(columnIndex: number, numColumns: number): void {
    if (columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > this.maxColumns) {
      throw exception('Those columns are out of bounds.');
    }
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this.calls.count('Sheet.hideColumns');
    this.checkColumns(columnIndex, numColumns);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hiddenColumns.add(c);
  }

  showColumns(columnIndex: number, numColumns = 1): void {
    this.calls.count('Sheet.showColumns');
    this.checkColumns(columnIndex, numColumns);
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
    this.select([range]);
    return range;
  }

  setActiveRangeList(rangeList: FakeRangeList): FakeRangeList {
    this.calls.count('Sheet.setActiveRangeList');
    this.select(rangeList.ranges);
    return rangeList;
  }
}

/** Sheets' sort order: numbers and dates, then text (case-insensitive), then booleans; blanks last. */
function compareSortKeys(a: Stored, b: Stored, ascending: boolean): number {
  const rank = (v: Stored) =>
    isEmpty(v) ? 4 : typeof v === 'number' || isDate(v) ? 0 : typeof v === 'string' ? 1 : 2;
  const ra = rank(a);
  const rb = rank(b);
  if (ra === 4 || rb === 4) return ra - rb; // blanks always last
  let cmp = ra - rb;
  if (cmp === 0) {
    cmp =
      ra === 1
        ? String(a).localeCompare(String(b), 'en', { sensitivity: 'base' })
        : Number(a) - Number(b);
  }
  return ascending ? cmp : -cmp;
}
