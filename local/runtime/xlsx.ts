/**
 * Workbook <-> .xlsx via exceljs.
 *
 * loadWorkbookXlsx reads any application's .xlsx (Google Sheets and Forms
 * exports, Excel, LibreOffice, WPS, Numbers): values (a formula's cached
 * result, falsy ones included), number formats, hyperlinks (as rich text
 * links), hidden columns and frozen rows. Dates are read as wall-clock time in
 * the workbook's time zone (xlsx has none). A file it cannot read fails with
 * a WorkbookFileError that names the file and says why. A relay journal
 * beside the file (relay-journal.ts) is applied.
 *
 * saveWorkbookXlsx writes a whole Workbook to a new file (the sample
 * workbook); workbook id, time zone, form URLs and sheet sizes/ids travel in
 * the file's description property. To write the relay's columns back into a
 * user's file, use saveRelayColumnsXlsx (xlsx-relay.ts), which keeps
 * everything else of the file.
 */
import ExcelJS from 'exceljs';
import { type Stored } from './cells';
import { DEFAULT_DATE_TIME_FORMAT } from './number-format';
import { applyRelayJournal, readRelayJournal, relayJournalPath } from './relay-journal';
import type { RichText } from './rich-text';
import type { FakeSheet } from './sheet';
import { instantToWall, isDate, wallToInstant } from './time';
import { Workbook } from './workbook';
import { damaged, readWorkbookBytes, WorkbookFileError, type WorkbookBytes } from './xlsx-file';

const META_PREFIX = 'chat-relay-local:';

interface Meta {
  id: string;
  timeZone: string;
  formUrl: string | null;
  sheets: Record<
    string,
    { maxRows: number; maxColumns: number; sheetId: number; formUrl?: string | null }
  >;
}

/** Where a Workbook was loaded from, and the file's hash then. */
export interface WorkbookSource {
  file: string;
  sha256: string;
  /** A relay journal was applied on load (an interrupted run is resumed). */
  journalApplied: boolean;
}

const sources = new WeakMap<Workbook, WorkbookSource>();

export function workbookSource(workbook: Workbook): WorkbookSource | undefined {
  return sources.get(workbook);
}

/** The file the workbook came from now holds these bytes (the session saved them into it). */
export function updateWorkbookSource(workbook: Workbook, sha256: string): void {
  const source = sources.get(workbook);
  if (source) sources.set(workbook, { ...source, sha256 });
}

/**
 * exceljs names the locale-dependent built-in formats 14 and 22 by their
 * ECMA codes; en-US Sheets and Excel show them as the locale's short date
 * (3/20/2020) and date-time.
 */
const LOCALE_BUILTINS: Record<string, string> = {
  'mm-dd-yy': 'M/d/yyyy',
  'm/d/yy "h":mm': 'M/d/yyyy H:mm',
};

/** A cell's number format as Sheets would hold it (null = General). */
export function sheetsNumberFormat(numFmt: unknown): string | null {
  if (typeof numFmt !== 'string' || numFmt === '' || /^general$/i.test(numFmt)) return null;
  return LOCALE_BUILTINS[numFmt] ?? numFmt;
}

export interface CellContent {
  value: Stored;
  rich: RichText | null;
}

function textOf(text: unknown): string {
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object' && 'richText' in text) {
    return (text as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
  }
  return text === undefined || text === null ? '' : String(text);
}

/** A value as exceljs reads it; a Date is the wall-clock time. */
function plainValue(value: unknown): Stored | { wallDate: Date } {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return { wallDate: value };
  if (typeof value === 'object') {
    if ('richText' in value) return textOf(value);
    if ('error' in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

/** What the local Workbook stores for an exceljs cell. */
export function readCell(cell: ExcelJS.Cell, timeZone: string): CellContent {
  let v: Stored | { wallDate: Date };
  let rich: RichText | null = null;
  // The other cells of a merged range show the first one's value; in Sheets they are empty.
  if (cell.type === ExcelJS.ValueType.Merge) return { value: '', rich: null };
  if (cell.type === ExcelJS.ValueType.Formula) {
    // cell.value drops a falsy result (0, FALSE, ''); cell.result keeps it.
    v = plainValue(cell.result);
  } else if (cell.type === ExcelJS.ValueType.Hyperlink) {
    const link = cell.value as ExcelJS.CellHyperlinkValue;
    v = textOf(link.text);
    if (link.hyperlink)
      rich = { text: v, runs: [{ start: 0, end: v.length, link: link.hyperlink }] };
  } else v = plainValue(cell.value);
  if (typeof v === 'object' && 'wallDate' in v) {
    return { value: new Date(wallToInstant(v.wallDate.getTime(), timeZone)), rich: null };
  }
  return { value: v, rich: rich && rich.text !== '' ? rich : null };
}

/** Reads the file into exceljs; a file it cannot read fails in plain words. */
export async function readXlsx(file: string): Promise<{ x: ExcelJS.Workbook } & WorkbookBytes> {
  const read = readWorkbookBytes(file);
  const x = new ExcelJS.Workbook();
  try {
    await x.xlsx.load(read.bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw damaged(file, e);
  }
  return { x, ...read };
}

function readMeta(x: ExcelJS.Workbook): Meta | null {
  if (!x.description?.startsWith(META_PREFIX)) return null;
  try {
    return JSON.parse(x.description.slice(META_PREFIX.length)) as Meta;
  } catch {
    return null;
  }
}

function addWorksheet(wb: Workbook, ws: ExcelJS.Worksheet, meta: Meta | null): void {
  const info = meta?.sheets[ws.name];
  const frozen = ws.views?.find((v) => v.state === 'frozen') as { ySplit?: number } | undefined;
  const sheet = wb.addSheet(ws.name, [], undefined, {
    maxRows: info?.maxRows,
    maxColumns: info?.maxColumns,
    frozenRows: frozen?.ySplit ?? 0,
    formUrl: info?.formUrl ?? null,
  });
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const { value, rich } = readCell(cell, wb.timeZone);
      if (rich) sheet.cells.setRichText(r, c, rich, rich.text);
      else if (value !== '') sheet.setCell(r, c, value);
      const f = sheetsNumberFormat(cell.numFmt);
      if (f !== null) sheet.setFormat(r, c, f);
    });
  });
  const columnCount = Math.max(ws.columnCount, ws.actualColumnCount, info?.maxColumns ?? 0);
  for (let c = 1; c <= columnCount; c++) {
    if (ws.getColumn(c).hidden) sheet.hiddenColumns.add(c);
  }
  // The grid covers every cell the file has, formatted empty ones too, so that columns the
  // relay appends after it move nothing.
  sheet.maxRows = Math.max(sheet.maxRows, sheet.lastRow(), ws.rowCount);
  sheet.maxColumns = Math.max(
    sheet.maxColumns,
    columnCount,
    sheet.lastColumn(),
    ...sheet.hiddenColumns,
  );
}

export interface LoadOptions {
  /** Apply the relay journal beside the file, if any (default true). */
  journal?: boolean;
}

/**
 * Loads an .xlsx file. Throws a WorkbookFileError naming the file when it
 * cannot be read ("it is encrypted", "it has no sheet", ...).
 */
export async function loadWorkbookXlsx(file: string, options: LoadOptions = {}): Promise<Workbook> {
  const { x, sha256 } = await readXlsx(file);
  const meta = readMeta(x);
  const wb = new Workbook({
    id: meta?.id,
    name: x.title || undefined,
    timeZone: meta?.timeZone,
    formUrl: meta?.formUrl ?? null,
  });
  x.eachSheet((ws) => addWorksheet(wb, ws, meta));
  if (wb.sheets.length === 0) throw new WorkbookFileError(file, 'it has no sheet');
  const journal = options.journal === false ? null : readRelayJournal(file);
  if (journal && journal.sha256 !== sha256) {
    throw new WorkbookFileError(
      file,
      `it changed after an interrupted run, whose Chat columns are kept in ${relayJournalPath(file)}. ` +
        'Put the file back as it was, or delete the journal to start over (rows that run posted may then be posted again)',
    );
  }
  if (journal) applyRelayJournal(wb, journal);
  sources.set(wb, { file, sha256, journalApplied: !!journal });
  return wb;
}

/** The cell value exceljs writes for a stored value (a Date as wall-clock time). */
export function xlsxValue(
  sheet: FakeSheet,
  row: number,
  column: number,
): { value: ExcelJS.CellValue; numFmt: string | null } {
  const v = sheet.cell(row, column);
  const f = sheet.format(row, column);
  const rich = sheet.richText(row, column);
  const link = rich?.runs.find((r) => r.link)?.link;
  if (link) return { value: { text: String(v), hyperlink: link }, numFmt: f };
  if (isDate(v)) {
    const wall = new Date(instantToWall(v.getTime(), sheet.workbook.timeZone));
    return { value: wall, numFmt: f ?? DEFAULT_DATE_TIME_FORMAT };
  }
  return { value: v === '' ? null : v, numFmt: f };
}

function writeWorksheet(x: ExcelJS.Workbook, sheet: FakeSheet): void {
  const ws = x.addWorksheet(sheet.name, {
    views: sheet.frozenRows > 0 ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [],
  });
  const lastRow = sheet.lastRow();
  const lastCol = Math.max(sheet.lastColumn(), ...sheet.hiddenColumns);
  for (let r = 1; r <= lastRow; r++) {
    for (let c = 1; c <= lastCol; c++) {
      if (sheet.cell(r, c) === '' && sheet.format(r, c) === null) continue;
      const cell = ws.getCell(r, c);
      const { value, numFmt } = xlsxValue(sheet, r, c);
      cell.value = value;
      if (numFmt !== null) cell.numFmt = numFmt;
    }
  }
  for (const c of sheet.hiddenColumns) ws.getColumn(c).hidden = true;
}

/** Writes the whole workbook to a new .xlsx file (for a user's own file, see saveRelayColumnsXlsx). */
export async function saveWorkbookXlsx(wb: Workbook, file: string): Promise<void> {
  const x = new ExcelJS.Workbook();
  x.title = wb.name;
  const meta: Meta = { id: wb.id, timeZone: wb.timeZone, formUrl: wb.formUrl, sheets: {} };
  for (const sheet of wb.sheets) {
    meta.sheets[sheet.name] = {
      maxRows: sheet.maxRows,
      maxColumns: sheet.maxColumns,
      sheetId: sheet.id,
      formUrl: sheet.formUrl,
    };
    writeWorksheet(x, sheet);
  }
  x.description = META_PREFIX + JSON.stringify(meta);
  await x.xlsx.writeFile(file);
}
