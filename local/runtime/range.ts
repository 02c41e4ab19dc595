/** SpreadsheetApp.Range and RangeList over a FakeSheet. */
import { toA1 } from './a1';
import { signatureError } from './args';
import type { CallCounter } from './call-counter';
import { copyValue, type Stored } from './cells';
import { exception } from './errors';
import { isGeneralFormat } from './number-format';
import { richTextOf, type RichText, RichTextValueFake } from './rich-text';

/** Whatever counts the Apps Script calls: the workbook. */
export interface CallCounted {
  readonly calls: CallCounter;
}

/**
 * What a range needs of its sheet. FakeSheet (sheet.ts) implements it; it is
 * declared here so that range.ts does not import sheet.ts, which imports it.
 */
export interface RangeSheet {
  readonly name: string;
  readonly workbook: CallCounted;
  readonly cells: {
    setRichText(row: number, column: number, rich: RichText | null, text: string): void;
  };
  cell(row: number, column: number): Stored;
  typedValue(row: number, column: number): Stored;
  displayValue(row: number, column: number): string;
  format(row: number, column: number): string | null;
  setFormat(row: number, column: number, format: string | null): void;
  richText(row: number, column: number): RichText | null;
  setCell(row: number, column: number, value: Stored): void;
  writeCell(row: number, column: number, input: unknown): void;
  /** Makes the sheet active with these ranges selected (host-side, not counted). */
  select(ranges: FakeRange[] | null): void;
}

/** Sheets refuses the whole write when one cell would hold more than 50,000 characters. */
export const MAX_CELL_CHARS = 50000;

function checkCellSize(row: unknown[]): void {
  for (const value of row) {
    const text = value instanceof RichTextValueFake ? value.getText() : value;
    if (typeof text === 'string' && text.length > MAX_CELL_CHARS) {
      throw exception(
        `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
      );
    }
  }
}

export class FakeRange {
  constructor(
    readonly sheet: RangeSheet,
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

  /** Counts a call, and the cells it reads: all of the range's, or only the top-left one. */
  private count(method: string, read: 'all' | 'first' | null): void {
    this.calls.count(`Range.${method}`);
    if (read) this.calls.cellsRead += read === 'all' ? this.numRows * this.numColumns : 1;
  }

  /** Counts the cells a successful write wrote. */
  private wrote(): void {
    this.calls.cellsWritten += this.numRows * this.numColumns;
  }

  getRow(): number {
    this.count('getRow', null);
    return this.row;
  }

  getColumn(): number {
    this.count('getColumn', null);
    return this.column;
  }

  getLastRow(): number {
    this.count('getLastRow', null);
    return this.row + this.numRows - 1;
  }

  getLastColumn(): number {
    this.count('getLastColumn', null);
    return this.column + this.numColumns - 1;
  }

  getNumRows(): number {
    this.count('getNumRows', null);
    return this.numRows;
  }

  getNumColumns(): number {
    this.count('getNumColumns', null);
    return this.numColumns;
  }

  getSheet(): RangeSheet {
    this.count('getSheet', null);
    return this.sheet;
  }

  getA1Notation(): string {
    this.count('getA1Notation', null);
    return toA1(this.row, this.column, this.numRows, this.numColumns);
  }

  getValues(): Stored[][] {
    this.count('getValues', 'all');
    return this.map((r, c) => copyValue(this.sheet.typedValue(r, c)));
  }

  getValue(): Stored {
    this.count('getValue', 'first');
    return copyValue(this.sheet.typedValue(this.row, this.column));
  }

  getDisplayValues(): string[][] {
    this.count('getDisplayValues', 'all');
    return this.map((r, c) => this.sheet.displayValue(r, c));
  }

  getDisplayValue(): string {
    this.count('getDisplayValue', 'first');
    return this.sheet.displayValue(this.row, this.column);
  }

  getNumberFormat(): string {
    this.count('getNumberFormat', null);
    return this.sheet.format(this.row, this.column) ?? 'General';
  }

  getNumberFormats(): string[][] {
    this.count('getNumberFormats', null);
    return this.map((r, c) => this.sheet.format(r, c) ?? 'General');
  }

  setNumberFormat(numberFormat: string): FakeRange {
    this.count('setNumberFormat', null);
    const f = isGeneralFormat(numberFormat) ? null : String(numberFormat);
    this.map((r, c) => this.sheet.setFormat(r, c, f));
    return this;
  }

  setNumberFormats(numberFormats: string[][]): FakeRange {
    this.count('setNumberFormats', null);
    this.checkDimensions(numberFormats, 'setNumberFormats');
    this.map((r, c) => {
      const f = numberFormats[r - this.row][c - this.column];
      this.sheet.setFormat(r, c, isGeneralFormat(f) ? null : String(f));
    });
    return this;
  }

  setValues(values: unknown[][]): FakeRange {
    this.count('setValues', null);
    this.checkDimensions(values, 'setValues');
    values.forEach(checkCellSize);
    this.map((r, c) => this.sheet.writeCell(r, c, values[r - this.row][c - this.column]));
    this.wrote();
    return this;
  }

  setValue(value: unknown): FakeRange {
    this.count('setValue', null);
    checkCellSize([value]);
    this.map((r, c) => this.sheet.writeCell(r, c, value));
    this.wrote();
    return this;
  }

  /** The cell's text with its links; null when the value is not text (a number, date, boolean). */
  private richValueAt(r: number, c: number): RichTextValueFake | null {
    const rich = this.sheet.richText(r, c);
    if (rich) return new RichTextValueFake(rich);
    const v = this.sheet.cell(r, c);
    return v === '' || typeof v === 'string' ? RichTextValueFake.plain(v) : null;
  }

  getRichTextValues(): Array<Array<RichTextValueFake | null>> {
    this.count('getRichTextValues', 'all');
    return this.map((r, c) => this.richValueAt(r, c));
  }

  getRichTextValue(): RichTextValueFake | null {
    this.count('getRichTextValue', 'first');
    return this.richValueAt(this.row, this.column);
  }

  /** Rich text is stored as text, as typed: "42" stays the string "42". */
  private writeRich(r: number, c: number, value: RichTextValueFake): void {
    const { text, rich } = richTextOf(value);
    this.sheet.cells.setRichText(r, c, rich, text);
  }

  setRichTextValues(values: RichTextValueFake[][]): FakeRange {
    this.count('setRichTextValues', null);
    this.checkDimensions(values, 'setRichTextValues');
    values.forEach(checkCellSize);
    for (const row of values) {
      for (const v of row) {
        if (!(v instanceof RichTextValueFake)) throw signatureError('Range.setRichTextValues', [v]);
      }
    }
    this.map((r, c) => this.writeRich(r, c, values[r - this.row][c - this.column]));
    this.wrote();
    return this;
  }

  setRichTextValue(value: RichTextValueFake): FakeRange {
    this.count('setRichTextValue', null);
    if (!(value instanceof RichTextValueFake))
      throw signatureError('Range.setRichTextValue', [value]);
    checkCellSize([value]);
    this.map((r, c) => this.writeRich(r, c, value));
    this.wrote();
    return this;
  }

  clearContent(): FakeRange {
    this.count('clearContent', null);
    this.map((r, c) => this.sheet.setCell(r, c, ''));
    return this;
  }

  activate(): FakeRange {
    this.count('activate', null);
    this.sheet.select([this]);
    return this;
  }

  private checkDimensions(values: unknown, method: string): void {
    if (!Array.isArray(values)) throw signatureError(`Range.${method}`, [values]);
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
    private readonly workbook: CallCounted,
    readonly ranges: FakeRange[],
  ) {}

  getRanges(): FakeRange[] {
    this.workbook.calls.count('RangeList.getRanges');
    return [...this.ranges];
  }
}
