/**
 * Batched reads and writes of the ledger columns of one table. Before each
 * write after the first, rows are found again by their permanent row ID and
 * the columns by their headers, so sorting, inserting or deleting rows (or
 * columns) during a run cannot misplace a status.
 */
import { LEDGER_COLUMNS, LedgerColumns, findLedgerColumns, ledgerFieldIndex } from './columns';
import { rowIdOf } from './ledger-codec';
import { Table } from './table';

/** What the store needs to know of a row to write it: where, which row, what. */
export interface LedgerRow {
  /** 0-based data position; updated when the row is found elsewhere. */
  position: number;
  ledger: { rowId: string };
  /** Cell values in LEDGER_COLUMNS order. */
  cells: unknown[];
}

/** A run of adjacent sheet columns, with the ledger fields (LEDGER_COLUMNS indexes) they hold. */
interface ColumnRun {
  first: number;
  fields: number[];
}

function lowest(values: number[]): number {
  return values.reduce((a, b) => (b < a ? b : a), Infinity);
}

function highest(values: number[]): number {
  return values.reduce((a, b) => (b > a ? b : a), -Infinity);
}

/** Contiguous runs of ledger columns: one range per run and row segment. */
function columnRuns(columns: LedgerColumns, skip: number | null): ColumnRun[] {
  const sorted = LEDGER_COLUMNS.map((c, field) => ({ field, column: columns[c.field] }))
    .filter((c) => c.field !== skip)
    .sort((a, b) => a.column - b.column);
  const runs: ColumnRun[] = [];
  sorted.forEach((c) => {
    const last = runs[runs.length - 1];
    if (last && last.first + last.fields.length === c.column) last.fields.push(c.field);
    else runs.push({ first: c.column, fields: [c.field] });
  });
  return runs;
}

/** Rows sorted by position and cut into runs of adjacent rows (duplicates dropped). */
function rowSegments<T extends LedgerRow>(rows: T[]): T[][] {
  const ordered = rows.slice().sort((a, b) => a.position - b.position);
  const segments: T[][] = [];
  for (const row of ordered) {
    const segment = segments[segments.length - 1];
    const last = segment ? segment[segment.length - 1] : null;
    if (last && row.position === last.position) continue;
    if (last && row.position === last.position + 1) segment.push(row);
    else segments.push([row]);
  }
  return segments;
}

export class LedgerStore {
  private columns: LedgerColumns;
  private lostReason: string | null = null;

  constructor(private readonly table: Table) {
    this.columns = { ...table.ledger };
  }

  /** Why rows could not be found again, if they could not. */
  lost(): string | null {
    return this.lostReason;
  }

  /**
   * Typed values of the ledger cells (but the JSON) of the given rows, in
   * LEDGER_COLUMNS order: one range call per contiguous run of columns.
   */
  readCells(positions: number[]): unknown[][] {
    const out: unknown[][] = [];
    if (!positions.length) return out;
    const top = lowest(positions);
    const rows = highest(positions) - top + 1;
    for (const run of columnRuns(this.columns, ledgerFieldIndex('ledger'))) {
      const block = this.table.sheet
        .getRange(this.table.firstDataRow + top, run.first + 1, rows, run.fields.length)
        .getValues();
      block.forEach((values, r) => {
        const row = (out[top + r] = out[top + r] || []);
        run.fields.forEach((field, i) => {
          row[field] = values[i];
        });
      });
    }
    return out;
  }

  /**
   * Writes the rows' ledger cells in contiguous blocks. `trustPositions` is
   * for the write-ahead made right after the table was read (rows never sent
   * have no ID in the sheet yet); later writes find rows again first.
   * Returns the rows written.
   */
  write<T extends LedgerRow>(rows: T[], trustPositions: boolean): Set<T> {
    const written = new Set<T>();
    if (this.lostReason || (!trustPositions && !this.refreshColumns())) return written;
    const located = trustPositions ? rows : this.relocate(rows);
    if (!trustPositions && located.length < rows.length) {
      this.lostReason = `${rows.length - located.length} row(s) could not be found again (deleted during the run?)`;
    }
    const runs = columnRuns(this.columns, null);
    for (const segment of rowSegments(located)) {
      const top = this.table.firstDataRow + segment[0].position;
      for (const run of runs) {
        this.table.sheet
          .getRange(top, run.first + 1, segment.length, run.fields.length)
          .setValues(segment.map((row) => run.fields.map((f) => row.cells[f])));
      }
      segment.forEach((row) => written.add(row));
    }
    return written;
  }

  /** The header row now: ledger columns may have moved since the table was read. */
  private refreshColumns(): boolean {
    const sheet = this.table.sheet;
    const headers = sheet
      .getRange(this.table.headerRow, 1, 1, sheet.getLastColumn())
      .getDisplayValues()[0];
    const found = findLedgerColumns(headers);
    const next = { ...this.columns };
    for (const c of LEDGER_COLUMNS) {
      if (!(c.header in found)) {
        this.lostReason = `the column "${c.header}" disappeared during the run`;
        return false;
      }
      next[c.field] = found[c.header];
    }
    this.columns = next;
    return true;
  }

  /** Checks rows are where expected (by row ID); scans the ledger column when not. */
  private relocate<T extends LedgerRow>(rows: T[]): T[] {
    const sheet = this.table.sheet;
    const first = this.table.firstDataRow;
    const count = Math.max(0, sheet.getLastRow() - first + 1);
    if (!count) return [];
    const positions = rows.map((r) => r.position).filter((p) => p < count);
    if (positions.length === rows.length) {
      const top = lowest(positions);
      const span = sheet
        .getRange(first + top, this.columns.ledger + 1, highest(positions) - top + 1, 1)
        .getDisplayValues();
      if (rows.every((r) => rowIdOf(span[r.position - top][0]) === r.ledger.rowId)) return rows;
    }
    const cells = sheet.getRange(first, this.columns.ledger + 1, count, 1).getDisplayValues();
    const where: { [id: string]: number } = {};
    cells.forEach((cell, p) => {
      const id = rowIdOf(cell[0]);
      if (id !== null) where[id] = id in where ? -1 : p;
    });
    return rows.filter((row) => {
      const p = where[row.ledger.rowId];
      if (p === undefined || p < 0) return false;
      row.position = p;
      return true;
    });
  }
}
