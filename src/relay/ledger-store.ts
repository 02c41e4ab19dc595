/**
 * Batched reads and writes of the ledger columns of one table. Rows are read
 * and written in spans: rows a few apart share one range (the rows between
 * them are written back as they were read), so scattered rows cost a few
 * calls per batch, not a few per row. Before each write after the first,
 * rows are found again by their permanent row ID and the columns by their
 * headers, so sorting, inserting or deleting rows (or columns) during a run
 * cannot misplace a status.
 *
 * A span is written in several calls, in an order that makes every prefix
 * safe: first the range holding the Chat Ledger (which keeps a copy of the
 * visible cells, see recovery.ts), then the other cells, then the Chat Thread
 * links, and the Chat Status last. A run stopped between two of them leaves
 * the ledger ahead of the cells and the status behind them: the next run
 * finds such a row by its status and puts it right from its ledger.
 */
import { threadUrl } from '../chat/thread-link';
import { RichTextFactory } from '../ports';
import {
  LEDGER_COLUMNS,
  LedgerColumns,
  asCellText,
  findLedgerColumns,
  ledgerFieldIndex,
} from './columns';
import { rowIdOf } from './ledger-codec';
import { RowState, WrittenRowState, readRowState, rowCells, rowIdInCells } from './row-state';
import { Table } from './table';

/** What the store needs to know of a row to write it: where it is now, and what to write. */
export interface LedgerRow {
  /** 0-based data position now; updated when the row is found elsewhere (by its row ID). */
  currentPosition: number;
  state: WrittenRowState;
}

/** Rows closer than this share one range; the rows between them are read and written back. */
export const SPAN_GAP = 100;

/** A run of adjacent sheet columns, with the ledger fields (LEDGER_COLUMNS indexes) they hold. */
interface ColumnRun {
  first: number;
  fields: number[];
}

interface Span {
  top: number;
  bottom: number;
}

const THREAD_FIELD = ledgerFieldIndex('thread');
const STATUS_FIELD = ledgerFieldIndex('status');
const LEDGER_FIELD = ledgerFieldIndex('ledger');

/** Contiguous runs of ledger columns (but those in `skip`): one range per run and span. */
function columnRuns(columns: LedgerColumns, skip: number[] = []): ColumnRun[] {
  const sorted = LEDGER_COLUMNS.map((c, field) => ({ field, column: columns[c.field] }))
    .filter((c) => skip.indexOf(c.field) < 0)
    .sort((a, b) => a.column - b.column);
  const runs: ColumnRun[] = [];
  sorted.forEach((c) => {
    const last = runs[runs.length - 1];
    if (last && last.first + last.fields.length === c.column) last.fields.push(c.field);
    else runs.push({ first: c.column, fields: [c.field] });
  });
  return runs;
}

/** A value as written back: text that would read as a formula stays text. */
function asWritten(value: unknown): unknown {
  return typeof value === 'string' ? asCellText(value) : value;
}

/** Sorted distinct positions cut into spans whose inner gaps are at most SPAN_GAP rows. */
export function spansOf(positions: number[]): Span[] {
  const sorted = positions.slice().sort((a, b) => a - b);
  const spans: Span[] = [];
  for (const p of sorted) {
    const last = spans[spans.length - 1];
    if (last && p <= last.bottom + SPAN_GAP) last.bottom = Math.max(last.bottom, p);
    else spans.push({ top: p, bottom: p });
  }
  return spans;
}

export class LedgerStore {
  private columns: LedgerColumns;
  private lostReason: string | null = null;
  /** Typed ledger cells as last read or written, by position (valid until the sheet moves). */
  private readonly known = new Map<number, unknown[]>();

  /**
   * With `richText`, the Chat Thread cells are written as links to their
   * threads, apart from the other columns (a plain write would drop the links
   * of the rows in between).
   */
  constructor(
    private readonly table: Table,
    private readonly richText: RichTextFactory | null = null,
  ) {
    this.columns = { ...table.ledger };
  }

  /** Why rows could not be found again, if they could not. */
  lost(): string | null {
    return this.lostReason;
  }

  /** The state of the given rows' relay cells, read in spans. */
  readRows(positions: number[]): Map<number, RowState> {
    const out = new Map<number, RowState>();
    this.readCells(positions).forEach((cells, p) => out.set(p, readRowState(cells)));
    return out;
  }

  /**
   * The Chat Ledger cells of the rows top..bottom (data positions), in one range call and
   * without the other relay cells: enough to know what the rows' ledgers hold.
   */
  readLedgerColumn(top: number, bottom: number): unknown[] {
    if (bottom < top || this.table.missing.indexOf('ledger') >= 0) return [];
    return this.table.sheet
      .getRange(this.table.firstDataRow + top, this.columns.ledger + 1, bottom - top + 1, 1)
      .getValues()
      .map((row) => row[0]);
  }

  /** Typed values of every ledger cell of the given rows (LEDGER_COLUMNS order), read in spans. */
  private readCells(positions: number[]): Map<number, unknown[]> {
    const wanted = positions.filter((p) => !this.known.has(p));
    spansOf(wanted).forEach((span) =>
      this.readSpan(span).forEach((cells, p) => this.known.set(p, cells)),
    );
    const out = new Map<number, unknown[]>();
    positions.forEach((p) => out.set(p, (this.known.get(p) as unknown[]).slice()));
    return out;
  }

  /**
   * Writes the rows' ledger cells in spans. `trusted` is for the write-ahead
   * made right after the table was read (rows never sent have no ID in the
   * sheet yet); later writes find rows again first. Returns the rows written.
   */
  write<T extends LedgerRow>(rows: T[], trusted: boolean): Set<T> {
    const written = new Set<T>();
    if (this.lostReason || !rows.length) return written;
    if (!trusted && !this.refreshColumns()) return written;
    const located = trusted ? rows : this.relocate(rows);
    if (!trusted && located.length < rows.length) {
      this.lostReason = `${rows.length - located.length} row(s) could not be found again (deleted during the run?)`;
    }
    const byPosition = new Map<number, T>();
    located.forEach((row) => byPosition.set(row.currentPosition, row));
    for (const span of spansOf(located.map((r) => r.currentPosition))) {
      const current = this.knownSpan(span);
      const block: unknown[][] = [];
      const changed = { thread: false, status: false };
      for (let p = span.top; p <= span.bottom; p++) {
        const row = byPosition.get(p);
        const before = current.get(p) as unknown[];
        const cells = row ? rowCells(row.state) : before;
        block.push(cells);
        if (!row) continue;
        written.add(row);
        if (String(cells[THREAD_FIELD]) !== String(before[THREAD_FIELD])) changed.thread = true;
        if (String(cells[STATUS_FIELD]) !== String(before[STATUS_FIELD])) changed.status = true;
      }
      this.writeSpan(span, block, changed);
    }
    return written;
  }

  /** The cells of a span from what is known, reading whatever is not. */
  private knownSpan(span: Span): Map<number, unknown[]> {
    const positions: number[] = [];
    for (let p = span.top; p <= span.bottom; p++) positions.push(p);
    return this.readCells(positions);
  }

  /** The ledger cells of a span; those of columns not there yet (see Table.missing) are empty. */
  private readSpan(span: Span): Map<number, unknown[]> {
    const rows = span.bottom - span.top + 1;
    const out = new Map<number, unknown[]>();
    for (let p = span.top; p <= span.bottom; p++)
      out.set(
        p,
        LEDGER_COLUMNS.map(() => ''),
      );
    const missing = this.table.missing.map((f) => ledgerFieldIndex(f));
    for (const run of columnRuns(this.columns, missing)) {
      const block = this.table.sheet
        .getRange(this.table.firstDataRow + span.top, run.first + 1, rows, run.fields.length)
        .getValues();
      block.forEach((values, r) => {
        const cells = out.get(span.top + r) as unknown[];
        run.fields.forEach((field, i) => {
          cells[field] = values[i];
        });
      });
    }
    return out;
  }

  /** Writes a span, the Chat Ledger first and the Chat Status last (see the top of this file). */
  private writeSpan(
    span: Span,
    block: unknown[][],
    changed: { thread: boolean; status: boolean },
  ): void {
    const links = this.richText !== null;
    const runs = columnRuns(this.columns, links ? [STATUS_FIELD, THREAD_FIELD] : [STATUS_FIELD]);
    const holdsLedger = (run: ColumnRun) => (run.fields.indexOf(LEDGER_FIELD) >= 0 ? 0 : 1);
    runs.sort((a, b) => holdsLedger(a) - holdsLedger(b));
    runs.forEach((run) => this.writeRun(span, block, run));
    if (links && changed.thread) this.writeThreadLinks(span, block);
    if (changed.status) {
      this.writeRun(span, block, { first: this.columns.status, fields: [STATUS_FIELD] });
    }
    block.forEach((cells, i) => this.known.set(span.top + i, cells.slice()));
  }

  private writeRun(span: Span, block: unknown[][], run: ColumnRun): void {
    this.table.sheet
      .getRange(this.table.firstDataRow + span.top, run.first + 1, block.length, run.fields.length)
      .setValues(block.map((cells) => run.fields.map((f) => asWritten(cells[f]))));
  }

  /** The Chat Thread cells of a span as links; the rows whose thread did not change keep theirs. */
  private writeThreadLinks(span: Span, block: unknown[][]): void {
    const factory = this.richText as RichTextFactory;
    const range = this.table.sheet.getRange(
      this.table.firstDataRow + span.top,
      this.columns.thread + 1,
      block.length,
      1,
    );
    const texts = block.map((cells) =>
      String(cells[THREAD_FIELD] === undefined ? '' : cells[THREAD_FIELD]),
    );
    const unchanged = texts.map((text, i) => {
      const before = this.known.get(span.top + i);
      return before !== undefined && String(before[THREAD_FIELD]) === text;
    });
    // The links of the rows whose thread stays are read, to be written back as they are.
    const kept = unchanged.some((u) => u) ? range.getRichTextValues() : [];
    const values = texts.map((text, i) => {
      if (unchanged[i] && kept[i][0]) return [kept[i][0]];
      const url = threadUrl(text);
      return [url ? factory.link(text, url) : factory.plain(text)];
    });
    range.setRichTextValues(values);
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
    const moved = LEDGER_COLUMNS.some((c) => next[c.field] !== this.columns[c.field]);
    this.columns = next;
    if (moved) this.known.clear();
    return true;
  }

  /** Checks rows are where expected (by row ID); scans the ledger column when not. */
  private relocate<T extends LedgerRow>(rows: T[]): T[] {
    const count = Math.max(0, this.table.sheet.getLastRow() - this.table.firstDataRow + 1);
    if (!count) return [];
    if (rows.every((r) => r.currentPosition < count)) {
      const cells = new Map<number, unknown[]>();
      spansOf(rows.map((r) => r.currentPosition)).forEach((span) =>
        this.readSpan(span).forEach((c, p) => cells.set(p, c)),
      );
      const idAt = (p: number) => rowIdInCells(cells.get(p) as unknown[]);
      if (rows.every((r) => idAt(r.currentPosition) === r.state.ledger.rowId)) {
        cells.forEach((c, p) => this.known.set(p, c));
        return rows;
      }
    }
    // The sheet moved: what was known of positions no longer holds.
    this.known.clear();
    const column = this.table.sheet
      .getRange(this.table.firstDataRow, this.columns.ledger + 1, count, 1)
      .getValues();
    const where: { [id: string]: number } = {};
    column.forEach((cell, p) => {
      const id = rowIdOf(cell[0]);
      if (id !== null) where[id] = id in where ? -1 : p;
    });
    return rows.filter((row) => {
      const p = where[row.state.ledger.rowId];
      if (p === undefined || p < 0) return false;
      row.currentPosition = p;
      return true;
    });
  }
}
