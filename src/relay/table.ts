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
  /** Display values of every data row, as the sheet shows them. */
  rows: string[][];
  /** Total columns read per row. */
  width: number;
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
  }

  const dataRows = lastRow - spec.headerRow;
  const rows =
    dataRows > 0 ? sheet.getRange(spec.headerRow + 1, 1, dataRows, width).getDisplayValues() : [];

  const ledger = {} as { [F in LedgerField]: number };
  LEDGER_COLUMNS.forEach((c) => {
    ledger[c.field] = ledgerIndex[c.header];
  });

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
  });
}
