/**
 * Reads a sheet as a table in a constant number of range calls, whatever its
 * size, and makes sure the relay's ledger columns exist.
 */
import { SheetLike } from '../ports';
import { Result, err, ok } from '../result';
import {
  LEDGER_COLUMNS,
  LedgerColumns,
  appendLedgerColumns,
  findLedgerColumns,
  isLedgerHeader,
  ledgerHeader,
} from './columns';

export interface TableColumn {
  /** 0-based column index in the sheet. */
  index: number;
  /** Unique, human-readable label: the header, or "Column C" when blank. */
  label: string;
  /** The header cell as it is (trimmed). */
  header: string;
}

export interface Table {
  sheet: SheetLike;
  name: string;
  headerRow: number;
  /** 1-based sheet row of the first data row. */
  firstDataRow: number;
  /** Columns that hold user data (every column but the relay's), sheet order. */
  dataColumns: TableColumn[];
  keyColumn: TableColumn;
  /** 0-based sheet column of each ledger field. */
  ledger: LedgerColumns;
  /**
   * Display values of every data row, as the sheet shows them. When the
   * "Chat Ledger" column is the last one it is not part of these (an idle
   * run has no use for it): read it through ledgerCell.
   */
  rows: string[][];
  /** Columns of the sheet, the relay's included. */
  width: number;
  /** The "Chat Ledger" cell of a data row; the column is read once, on first use. */
  ledgerCell(position: number): string;
  /** True when opening the table appended the relay's columns (a write). */
  appended: boolean;
}

export interface TableSpec {
  headerRow: number;
  keyColumn: string | null;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Data columns with unique labels: every column but the first of each relay header. */
function dataColumnsOf(headers: string[], ledgerAt: { [header: string]: number }): TableColumn[] {
  const columns: TableColumn[] = [];
  const seen: { [label: string]: number } = {};
  headers.forEach((header, index) => {
    if (isLedgerHeader(header) && ledgerAt[header] === index) return;
    let label = header || `Column ${columnLetter(index)}`;
    seen[label] = (seen[label] || 0) + 1;
    if (seen[label] > 1) label = `${label} (${seen[label]})`;
    columns.push({ index, label, header });
  });
  return columns;
}

function findKeyColumn(
  name: string,
  spec: TableSpec,
  columns: TableColumn[],
): Result<TableColumn, string> {
  if (spec.keyColumn === null) return ok(columns[0]);
  const wanted = spec.keyColumn;
  const found =
    columns.filter((c) => c.header === wanted)[0] ||
    columns.filter((c) => c.header.toLowerCase() === wanted.toLowerCase())[0];
  if (found) return ok(found);
  return err(
    `CHAT_RELAY_CONFIG keyColumn "${wanted}" is not a header in row ${spec.headerRow} of sheet "${name}" (headers: ${columns
      .map((c) => c.label)
      .join(', ')})`,
  );
}

/**
 * No relay column in the header row: if they sit in a row below, the header
 * moved (a title row was inserted above it, say), and appending new columns
 * would re-send every row.
 */
function movedHeaderError(name: string, spec: TableSpec, rows: string[][]): string | null {
  const statusHeader = LEDGER_COLUMNS[0].header;
  for (let p = 0; p < Math.min(rows.length, 10); p++) {
    if (rows[p].some((cell) => cell.trim() === statusHeader)) {
      const row = spec.headerRow + 1 + p;
      return `Sheet "${name}": Chat Relay's columns are in row ${row}, not in the header row ${spec.headerRow}. Set headerRow to ${row} in CHAT_RELAY_CONFIG (or remove the rows above the header)`;
    }
  }
  return null;
}

/** Reads the "Chat Ledger" column once, on first use, unless the main read holds it. */
function lazyLedgerColumn(
  sheet: SheetLike,
  spec: TableSpec,
  rows: string[][],
  column: number,
): (position: number) => string {
  let cells: string[] | null = null;
  return (position) => {
    const inline = rows[position];
    if (inline && inline.length > column) return inline[column];
    if (cells === null) {
      cells = rows.length
        ? sheet
            .getRange(spec.headerRow + 1, column + 1, rows.length, 1)
            .getDisplayValues()
            .map((r) => r[0])
        : [];
    }
    return cells[position] || '';
  };
}

/**
 * Reads headers and rows, appending any missing ledger columns at the right
 * of the header (hiding the machine-only ones). Errors name the sheet, the
 * row and the column, and are found before anything is written.
 */
export function openTable(sheet: SheetLike, spec: TableSpec): Result<Table, string> {
  const name = sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0 || lastRow < spec.headerRow) {
    return err(
      `Sheet "${name}" has no headers in row ${spec.headerRow}: put one header per column there (headerRow in CHAT_RELAY_CONFIG says which row)`,
    );
  }
  const headers = sheet
    .getRange(spec.headerRow, 1, 1, lastColumn)
    .getDisplayValues()[0]
    .map((h) => String(h).trim());
  const ledgerAt = findLedgerColumns(headers);
  const dataColumns = dataColumnsOf(headers, ledgerAt);
  if (!dataColumns.length) {
    return err(
      `Sheet "${name}" has no data columns in row ${spec.headerRow}, only Chat Relay's own`,
    );
  }
  const keyColumn = findKeyColumn(name, spec, dataColumns);
  if (!keyColumn.ok) return keyColumn;

  const missing = LEDGER_COLUMNS.filter((c) => !(c.header in ledgerAt));
  // The ledger JSON is the largest thing in the sheet: leave it out of the main read when it
  // is the last column (as the relay appends it), and read it only if a run needs it.
  const ledgerLast = ledgerAt[ledgerHeader('ledger')] === lastColumn - 1;
  const readWidth = ledgerLast ? lastColumn - 1 : lastColumn;
  const dataRows = lastRow - spec.headerRow;
  const rows =
    dataRows > 0 && readWidth > 0
      ? sheet.getRange(spec.headerRow + 1, 1, dataRows, readWidth).getDisplayValues()
      : [];
  if (missing.length === LEDGER_COLUMNS.length) {
    const moved = movedHeaderError(name, spec, rows);
    if (moved) return err(moved);
  }

  let width = lastColumn;
  if (missing.length) {
    Object.assign(ledgerAt, appendLedgerColumns(sheet, spec.headerRow, lastColumn, missing));
    width = lastColumn + missing.length;
    // The new columns are empty in every row.
    rows.forEach((row) => {
      while (row.length < width) row.push('');
    });
  }
  const ledger = {} as LedgerColumns;
  LEDGER_COLUMNS.forEach((c) => {
    ledger[c.field] = ledgerAt[c.header];
  });
  return ok({
    sheet,
    name,
    headerRow: spec.headerRow,
    firstDataRow: spec.headerRow + 1,
    dataColumns,
    keyColumn: keyColumn.value,
    ledger,
    rows,
    width,
    ledgerCell: lazyLedgerColumn(sheet, spec, rows, ledger.ledger),
    appended: missing.length > 0,
  });
}
