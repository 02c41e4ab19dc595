/**
 * Reads a sheet as a table in a constant number of range calls, whatever its
 * size, and makes sure the relay's ledger columns exist.
 */
import { SheetLike } from '../apps-script/services';
import { Result, err, ok } from '../result';
import { LEDGER_COLUMNS, LedgerField, isLedgerHeader } from './ledger';

export interface TableColumn {
  /** 0-based column index in the sheet. */
  index: number;
  /** Unique, human-readable label: the header, or "Column C" when blank. */
  label: string;
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
  ledger: { [F in LedgerField]: number };
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

  const ledgerIndex: { [header: string]: number } = {};
  headers.forEach((h, i) => {
    if (isLedgerHeader(h) && !(h in ledgerIndex)) ledgerIndex[h] = i;
  });
  const dataColumns: TableColumn[] = [];
  const seen: { [label: string]: number } = {};
  headers.forEach((h, index) => {
    if (isLedgerHeader(h) && ledgerIndex[h] === index) return;
    let label = h || `Column ${columnLetter(index)}`;
    seen[label] = (seen[label] || 0) + 1;
    if (seen[label] > 1) label = `${label} (${seen[label]})`;
    dataColumns.push({ index, label });
  });
  if (!dataColumns.length) {
    return err(
      `Sheet "${name}" has no data columns in row ${spec.headerRow}, only Chat Relay's own`,
    );
  }

  let keyColumn = dataColumns[0];
  if (spec.keyColumn !== null) {
    const wanted = spec.keyColumn;
    const found =
      dataColumns.filter((c) => headers[c.index] === wanted)[0] ||
      dataColumns.filter((c) => headers[c.index].toLowerCase() === wanted.toLowerCase())[0];
    if (!found) {
      return err(
        `CHAT_RELAY_CONFIG keyColumn "${wanted}" is not a header in row ${spec.headerRow} of sheet "${name}" (headers: ${dataColumns
          .map((c) => c.label)
          .join(', ')})`,
      );
    }
    keyColumn = found;
  }

  const missing = LEDGER_COLUMNS.filter((c) => !(c.header in ledgerIndex));
  const ledgerHeader = LEDGER_COLUMNS.filter((c) => c.field === 'ledger')[0].header;
  // The ledger JSON is the largest thing in the sheet: leave it out of the main read when it
  // is the last column (as the relay appends it), and read it only if a run needs it.
  const ledgerLast = ledgerIndex[ledgerHeader] === lastColumn - 1;
  const readWidth = ledgerLast ? lastColumn - 1 : lastColumn;
  const dataRows = lastRow - spec.headerRow;
  const rows =
    dataRows > 0 && readWidth > 0
      ? sheet.getRange(spec.headerRow + 1, 1, dataRows, readWidth).getDisplayValues()
      : [];

  if (missing.length === LEDGER_COLUMNS.length) {
    // No relay column in the header row: if they sit in a row below, the header moved (a title
    // row was inserted above it, say) and appending new columns would re-send every row.
    const statusHeader = LEDGER_COLUMNS[0].header;
    for (let p = 0; p < Math.min(rows.length, 10); p++) {
      if (rows[p].some((cell) => cell.trim() === statusHeader)) {
        return err(
          `Sheet "${name}": Chat Relay's columns are in row ${spec.headerRow + 1 + p}, not in the header row ${spec.headerRow}. Set headerRow to ${spec.headerRow + 1 + p} in CHAT_RELAY_CONFIG (or remove the rows above the header)`,
        );
      }
    }
  }

  let width = lastColumn;
  if (missing.length) {
    const needed = lastColumn + missing.length - sheet.getMaxColumns();
    if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
    sheet
      .getRange(spec.headerRow, lastColumn + 1, 1, missing.length)
      .setValues([missing.map((c) => c.header)]);
    missing.forEach((c, i) => {
      ledgerIndex[c.header] = lastColumn + i;
    });
    // The appended hidden columns are consecutive: hide them in one call.
    const hidden = missing.map((c, i) => (c.hidden ? lastColumn + i : -1)).filter((i) => i >= 0);
    if (hidden.length) sheet.hideColumns(hidden[0] + 1, hidden[hidden.length - 1] - hidden[0] + 1);
    width = lastColumn + missing.length;
    // The new columns are empty in every row.
    rows.forEach((row) => {
      while (row.length < width) row.push('');
    });
  }

  const ledger = {} as { [F in LedgerField]: number };
  LEDGER_COLUMNS.forEach((c) => {
    ledger[c.field] = ledgerIndex[c.header];
  });

  let ledgerColumn: string[] | null = null;
  const ledgerCell = (position: number): string => {
    const inline = rows[position];
    if (inline && inline.length > ledger.ledger) return inline[ledger.ledger];
    if (ledgerColumn === null) {
      ledgerColumn = rows.length
        ? sheet
            .getRange(spec.headerRow + 1, ledger.ledger + 1, rows.length, 1)
            .getDisplayValues()
            .map((r) => r[0])
        : [];
    }
    return ledgerColumn[position] || '';
  };

  return ok({
    sheet,
    name,
    headerRow: spec.headerRow,
    firstDataRow: spec.headerRow + 1,
    dataColumns,
    keyColumn,
    ledger,
    rows,
    width,
    ledgerCell,
    appended: missing.length > 0,
  });
}
