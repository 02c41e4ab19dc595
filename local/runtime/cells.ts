/**
 * A sheet's cell storage: values, number formats and rich text (links) in
 * three row-major grids that move together when rows or columns are
 * inserted, deleted or sorted. Rows may be ragged; a missing cell is empty.
 */
import type { RichText } from './rich-text';
import { type CellValue, isDate } from './time';

export type Stored = CellValue | '';

export function isEmpty(v: Stored | undefined): boolean {
  return v === undefined || v === '';
}

function setIn<T>(grid: T[][], row: number, column: number, value: T, blank: T): void {
  const r = (grid[row - 1] ??= []);
  while (r.length < column - 1) r.push(blank);
  r[column - 1] = value;
}

export class CellGrid {
  private values: Stored[][] = [];
  private formats: (string | null)[][] = [];
  private rich: (RichText | null)[][] = [];
  /** Set once existing cells have moved (rows/columns inserted before them, deleted, sorted). */
  moved = false;

  value(row: number, column: number): Stored {
    return this.values[row - 1]?.[column - 1] ?? '';
  }

  format(row: number, column: number): string | null {
    return this.formats[row - 1]?.[column - 1] ?? null;
  }

  richText(row: number, column: number): RichText | null {
    return this.rich[row - 1]?.[column - 1] ?? null;
  }

  /** Stores a value; any rich text (link) the cell had is dropped. */
  setValue(row: number, column: number, value: Stored): void {
    setIn(this.values, row, column, value, '');
    if (this.richText(row, column)) setIn(this.rich, row, column, null, null);
  }

  setFormat(row: number, column: number, format: string | null): void {
    setIn(this.formats, row, column, format === '' ? null : format, null);
  }

  /** Stores a text with its links (the value becomes the text). */
  setRichText(row: number, column: number, rich: RichText | null, text: string): void {
    setIn(this.values, row, column, text, '');
    setIn(this.rich, row, column, rich, null);
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

  insertRows(row: number, howMany: number): void {
    if (row <= this.values.length) this.moved = true;
    for (const grid of this.grids()) {
      while (grid.length < row - 1) grid.push([]);
      grid.splice(row - 1, 0, ...Array.from({ length: howMany }, () => []));
    }
  }

  insertColumns(column: number, howMany: number): void {
    const blanks: unknown[] = ['', null, null];
    this.grids().forEach((grid, g) => {
      for (const row of grid) {
        if (row && row.length >= column) {
          this.moved = true;
          row.splice(column - 1, 0, ...Array.from({ length: howMany }, () => blanks[g]));
        }
      }
    });
  }

  deleteRows(row: number, howMany: number): void {
    if (row <= this.values.length) this.moved = true;
    for (const grid of this.grids()) grid.splice(row - 1, howMany);
  }

  /** Sorts rows `first`..`last` (1-based) by a key per row; rows keep their formats and links. */
  sortRows(first: number, last: number, compare: (a: number, b: number) => number): void {
    if (last <= first) return;
    const grids = this.grids();
    for (const grid of grids) while (grid.length < last) grid.push([]);
    const order = Array.from({ length: last - first + 1 }, (_, i) => first + i).sort(compare);
    if (order.some((r, i) => r !== first + i)) this.moved = true;
    for (const grid of grids) {
      const rows = order.map((r) => grid[r - 1] ?? []);
      rows.forEach((row, i) => (grid[first - 1 + i] = row));
    }
  }

  private grids(): unknown[][][] {
    return [this.values, this.formats, this.rich];
  }
}

export function copyValue(v: Stored): Stored {
  return isDate(v) ? new Date(v.getTime()) : v;
}
