/**
 * Reads a sheet as a table in a constant number of range calls, whatever its
 * size, and makes sure the relay's ledger columns exist. A header row that
 * cannot be right (a data row, a row below the relay's own columns) is
 * refused before anything is written.
 */
import { ConfigProblem, configProblem } from '../config/problems';
import { SheetLike } from '../ports';
import { Result, err, ok } from '../result';
import {
  HEAVY_FIELDS,
  LEDGER_COLUMNS,
  LedgerColumns,
  LedgerField,
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
   * Display values of every data row, as the sheet shows them. The heavy
   * hidden columns (Chat Ledger, Chat Outbox) are left out when they are the
   * last ones, as the relay appends them: read them through a LedgerStore.
   */
  rows: string[][];
  /**
   * Typed values (Range.getValues) of the same cells as `rows`, when the sheet's rules compare
   * dates or numbers (TableSpec.typedValues), else null. Read in one range call on the first
   * call only: an idle run, which evaluates no rule, does not read them.
   */
  typed(): unknown[][] | null;
  /** Columns of the sheet, the relay's included (also those still missing). */
  width: number;
  /** True when the relay's columns were appended (a write). */
  appended: boolean;
  /** The relay's columns not there yet (appendMissingColumns adds them). */
  missing: LedgerField[];
}

export interface TableSpec {
  headerRow: number;
  keyColumn: string | null;
  /** Where headerRow and keyColumn were set in CHAT_RELAY_CONFIG (for errors). */
  paths?: { [key: string]: string };
  /** Read the typed values too (one more range call): the rules compare dates or numbers. */
  typedValues?: boolean;
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

function pathOf(spec: TableSpec, key: string): string {
  return (spec.paths && spec.paths[key]) || key;
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

/** The column whose header is `wanted` (exactly, else ignoring case), or null. */
export function findColumn(columns: TableColumn[], wanted: string): TableColumn | null {
  return (
    columns.filter((c) => c.header === wanted || c.label === wanted)[0] ||
    columns.filter((c) => c.header.toLowerCase() === wanted.toLowerCase())[0] ||
    null
  );
}

function findKeyColumn(
  name: string,
  spec: TableSpec,
  columns: TableColumn[],
): Result<TableColumn, ConfigProblem> {
  if (spec.keyColumn === null) return ok(columns[0]);
  const found = findColumn(columns, spec.keyColumn);
  if (found) return ok(found);
  const headers = columns.map((c) => c.label).join(', ');
  return err(
    configProblem(
      pathOf(spec, 'keyColumn'),
      `is "${spec.keyColumn}", which is not a header in row ${spec.headerRow} of sheet "${name}" (headers: ${headers})`,
    ),
  );
}

/** The 1-based row among `rows` (starting at sheet row `first`) that holds the relay's headers. */
function rowWithLedgerHeaders(rows: unknown[][], first: number): number | null {
  const statusHeader = LEDGER_COLUMNS[0].header;
  for (let p = 0; p < rows.length; p++) {
    if (rows[p].some((cell) => String(cell).trim() === statusHeader)) return first + p;
  }
  return null;
}

/**
 * No relay column in the header row: refuse a header row that is probably
 * wrong, before anything is written. The relay's columns in another row mean
 * the header moved (a title row inserted above it) or headerRow points at the
 * wrong row; numbers or dates in the header row mean it is a data row.
 */
function suspectHeaderRow(
  sheet: SheetLike,
  name: string,
  spec: TableSpec,
  rowsBelow: string[][],
  lastColumn: number,
): ConfigProblem | null {
  const path = pathOf(spec, 'headerRow');
  const above =
    spec.headerRow > 1
      ? sheet.getRange(1, 1, spec.headerRow - 1, lastColumn).getDisplayValues()
      : [];
  const upper = rowWithLedgerHeaders(above, 1);
  if (upper !== null) {
    return configProblem(
      path,
      `is ${spec.headerRow}, but Chat Relay's columns are in row ${upper} of sheet "${name}", above it: set headerRow to ${upper} (the row of the column headers)`,
    );
  }
  const lower = rowWithLedgerHeaders(rowsBelow.slice(0, 10), spec.headerRow + 1);
  if (lower !== null) {
    return configProblem(
      path,
      `is ${spec.headerRow}, but Chat Relay's columns are in row ${lower} of sheet "${name}": set headerRow to ${lower} in CHAT_RELAY_CONFIG (or remove the rows above the header)`,
    );
  }
  const typed = sheet.getRange(spec.headerRow, 1, 1, lastColumn).getValues()[0];
  for (let c = 0; c < typed.length; c++) {
    const value = typed[c];
    if (typeof value === 'number' || value instanceof Date) {
      return configProblem(
        path,
        `is ${spec.headerRow}, but row ${spec.headerRow} of sheet "${name}" holds a ${typeof value === 'number' ? 'number' : 'date'} in cell ${columnLetter(c)}${spec.headerRow}: it looks like a data row. Set headerRow to the row of the column headers`,
      );
    }
  }
  return null;
}

/** How many columns to read: all but the heavy relay columns standing last. */
function readWidthOf(ledgerAt: { [header: string]: number }, lastColumn: number): number {
  const heavy = HEAVY_FIELDS.map((f) => ledgerAt[ledgerHeader(f)]).filter((i) => i !== undefined);
  let width = lastColumn;
  while (width > 0 && heavy.indexOf(width - 1) >= 0) width--;
  return width;
}

/**
 * The header row and the data rows, in two range calls (the heavy relay columns left out),
 * and a third for their typed values when the spec asks for them and they are first needed.
 */
function readSheet(sheet: SheetLike, spec: TableSpec, lastRow: number, lastColumn: number) {
  const headers = sheet
    .getRange(spec.headerRow, 1, 1, lastColumn)
    .getDisplayValues()[0]
    .map((h) => String(h).trim());
  const ledgerAt = findLedgerColumns(headers);
  const readWidth = readWidthOf(ledgerAt, lastColumn);
  const dataRows = lastRow - spec.headerRow;
  const range =
    dataRows > 0 && readWidth > 0
      ? sheet.getRange(spec.headerRow + 1, 1, dataRows, readWidth)
      : null;
  const rows = range ? range.getDisplayValues() : [];
  let values: unknown[][] | null = null;
  const typed = () => {
    if (!spec.typedValues) return null;
    if (values === null) values = range ? range.getValues() : [];
    return values;
  };
  return { headers, ledgerAt, rows, typed };
}

/** The problem of a sheet with no header row where headerRow says. */
function noHeaders(spec: TableSpec, name: string): ConfigProblem {
  return configProblem(
    pathOf(spec, 'headerRow'),
    `is ${spec.headerRow}, but sheet "${name}" has no headers in row ${spec.headerRow}: put one header per column there (headerRow in CHAT_RELAY_CONFIG says which row)`,
  );
}

/** The data columns of the header row and the key among them, or why there are none. */
function dataAndKey(
  name: string,
  spec: TableSpec,
  headers: string[],
  ledgerAt: { [header: string]: number },
): Result<{ dataColumns: TableColumn[]; keyColumn: TableColumn }, ConfigProblem> {
  const dataColumns = dataColumnsOf(headers, ledgerAt);
  if (!dataColumns.length) {
    return err(
      configProblem(
        pathOf(spec, 'headerRow'),
        `is ${spec.headerRow}, but row ${spec.headerRow} of sheet "${name}" has no data columns, only Chat Relay's own`,
      ),
    );
  }
  const keyColumn = findKeyColumn(name, spec, dataColumns);
  return keyColumn.ok ? ok({ dataColumns, keyColumn: keyColumn.value }) : keyColumn;
}

/** The column of each relay field: where found, else where it will be once appended. */
function ledgerColumnsOf(
  ledgerAt: { [header: string]: number },
  missing: ReadonlyArray<(typeof LEDGER_COLUMNS)[number]>,
  lastColumn: number,
): LedgerColumns {
  const ledger = {} as LedgerColumns;
  LEDGER_COLUMNS.forEach((c) => {
    ledger[c.field] = c.header in ledgerAt ? ledgerAt[c.header] : lastColumn + missing.indexOf(c);
  });
  return ledger;
}

/**
 * Reads headers and rows and, unless `append` is false, appends any missing
 * ledger columns at the right of the header (hiding the machine-only ones).
 * Errors name the sheet, the row and the column, and are found before
 * anything is written.
 */
export function openTable(
  sheet: SheetLike,
  spec: TableSpec,
  options: { append?: boolean } = {},
): Result<Table, ConfigProblem> {
  const name = sheet.getName();
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0 || lastRow < spec.headerRow) return err(noHeaders(spec, name));
  const { headers, ledgerAt, rows, typed } = readSheet(sheet, spec, lastRow, lastColumn);
  const missing = LEDGER_COLUMNS.filter((c) => !(c.header in ledgerAt));
  if (missing.length === LEDGER_COLUMNS.length) {
    const suspect = suspectHeaderRow(sheet, name, spec, rows, lastColumn);
    if (suspect) return err(suspect);
  }
  const columns = dataAndKey(name, spec, headers, ledgerAt);
  if (!columns.ok) return columns;
  const table: Table = {
    sheet,
    name,
    headerRow: spec.headerRow,
    firstDataRow: spec.headerRow + 1,
    dataColumns: columns.value.dataColumns,
    keyColumn: columns.value.keyColumn,
    // Missing columns get the places they will have once appended, at the right of the sheet.
    ledger: ledgerColumnsOf(ledgerAt, missing, lastColumn),
    rows,
    typed,
    width: lastColumn + missing.length,
    appended: false,
    missing: missing.map((c) => c.field),
  };
  padRows(table);
  if (options.append !== false) appendMissingColumns(table);
  return ok(table);
}

/** Every row as wide as the sheet: appended or unread (heavy) cells are empty here. */
function padRows(table: Table): void {
  table.rows.forEach((row) => {
    while (row.length < table.width) row.push('');
  });
}

/**
 * Appends the relay's missing columns at the right of the header (a write;
 * at most three calls). Does nothing when none is missing.
 */
export function appendMissingColumns(table: Table): void {
  if (!table.missing.length) return;
  const missing = LEDGER_COLUMNS.filter((c) => table.missing.indexOf(c.field) >= 0);
  appendLedgerColumns(table.sheet, table.headerRow, table.width - missing.length, missing);
  table.missing = [];
  table.appended = true;
}
