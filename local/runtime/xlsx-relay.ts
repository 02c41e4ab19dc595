/**
 * Writing the relay's columns back into a user's .xlsx without damaging it.
 *
 * saveRelayColumnsXlsx re-opens the original file and changes only the cells
 * of the relay's "Chat …" columns (header row and below) whose content the
 * run changed, and the hidden flag of those columns (and, when told, other
 * cells the session changed: a web app action's). Everything else of the
 * file (formulas, styles and fills, column widths, notes, merged cells, other
 * sheets, defined names) is what exceljs read from it. The result is written
 * to a temporary file in the same folder, then renamed over the original.
 *
 * exceljs drops parts of a package it does not model (charts, pivot tables,
 * macros, threaded comments, ...). When the rewritten package has fewer parts
 * of any kind than the original, the original is left untouched and the
 * result goes beside it, as `my.chat-relay.xlsx`.
 */
import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Stored } from './cells';
import { findRelayColumns, RELAY_COLUMN_HEADERS, type RelayColumns } from './relay-columns';
import { relayJournalOf, removeRelayJournal, writeRelayJournal } from './relay-journal';
import type { RichText } from './rich-text';
import type { FakeSheet } from './sheet';
import { isDate } from './time';
import type { Workbook } from './workbook';
import {
  readCell,
  readXlsx,
  sheetsNumberFormat,
  updateWorkbookSource,
  workbookSource,
  xlsxValue,
} from './xlsx';
import { sha256 as sha256Of, WorkbookFileError } from './xlsx-file';
import { lostParts } from './zip-parts';

export interface RelaySaveOptions {
  /** The relay's column headers (default RELAY_COLUMN_HEADERS). */
  headers?: readonly string[];
  /**
   * Other cells the session changed and the file must hold too (e.g. those a
   * web app action wrote), written the same way as the relay's.
   */
  cells?: readonly CellAddress[];
}

/** A cell of a sheet, by name, row and column (1-based). */
export interface CellAddress {
  sheet: string;
  row: number;
  column: number;
}

export interface RelaySaveResult {
  /** The file written: the workbook itself, or `my.chat-relay.xlsx` beside it. */
  file: string;
  inPlace: boolean;
  /** Kinds of part exceljs would have dropped ("xl/charts/chart#.xml"): why the result went beside. */
  lost: string[];
  /** Cells (and hidden flags) changed, per sheet. */
  sheets: Array<{ name: string; cells: number }>;
  /** False when the file already held the relay's columns: nothing was written. */
  changed: boolean;
}

const WRITE = 'write the Chat columns into';

/** `dir/my.xlsx` → `dir/my.chat-relay.xlsx`. */
export function besideRelayPath(file: string): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.chat-relay${ext || '.xlsx'}`);
}

function sameValue(a: Stored, b: Stored): boolean {
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  return a === b;
}

function sameRich(a: RichText | null, b: RichText | null): boolean {
  return JSON.stringify(a?.runs ?? null) === JSON.stringify(b?.runs ?? null);
}

/** Writes one relay cell into the worksheet when its content differs; true if it did. */
function writeCell(ws: ExcelJS.Worksheet, sheet: FakeSheet, row: number, column: number): boolean {
  const existing = ws.findCell(row, column);
  const memory = sheet.cell(row, column);
  const format = sheet.format(row, column);
  const rich = sheet.richText(row, column);
  if (!existing && memory === '' && format === null) return false;
  const cell = existing ?? ws.getCell(row, column);
  const file = readCell(cell, sheet.workbook.timeZone);
  const fileFormat = sheetsNumberFormat(cell.numFmt);
  const sameFormat = format === null || format === fileFormat;
  if (sameValue(file.value, memory) && sameRich(file.rich, rich) && sameFormat) return false;
  const { value, numFmt } = xlsxValue(sheet, row, column);
  cell.value = value;
  // exceljs shares style objects between cells: give this cell its own before changing it.
  if (numFmt !== null && numFmt !== fileFormat) cell.style = { ...cell.style, numFmt };
  return true;
}

/** Writes a sheet's relay columns into its worksheet; returns how many cells and flags changed. */
function writeRelayColumns(ws: ExcelJS.Worksheet, sheet: FakeSheet, found: RelayColumns): number {
  let changed = 0;
  const last = Math.max(sheet.lastRow(), ws.rowCount, found.headerRow);
  for (const column of found.columns) {
    for (let row = found.headerRow; row <= last; row++) {
      if (writeCell(ws, sheet, row, column)) changed++;
    }
    const hidden = sheet.hiddenColumns.has(column);
    const col = ws.getColumn(column);
    if (!!col.hidden !== hidden) {
      col.hidden = hidden;
      changed++;
    }
  }
  return changed;
}

/** Writes `data` to `target` through a temporary file in the same folder, keeping `like`'s mode. */
function replaceFile(target: string, data: Buffer, like: string): void {
  const tmp = join(dirname(target), `.${basename(target)}.chat-relay-${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, statSync(like).mode & 0o7777);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function checkUnchangedOnDisk(workbook: Workbook, file: string, sha256: string): void {
  const source = workbookSource(workbook);
  if (source && resolve(source.file) === resolve(file) && source.sha256 !== sha256) {
    throw new WorkbookFileError(
      file,
      'it changed on disk during the run (was it saved from another program?)',
      WRITE,
    );
  }
}

/**
 * Writes the relay's columns of `workbook` into the .xlsx `file` it was
 * loaded from, keeping everything else of the file; see the module comment.
 * Removes the relay journal once the file holds them.
 */
export async function saveRelayColumnsXlsx(
  workbook: Workbook,
  file: string,
  options: RelaySaveOptions = {},
): Promise<RelaySaveResult> {
  const { x, bytes, sha256 } = await readXlsx(file);
  checkUnchangedOnDisk(workbook, file, sha256);
  const sheets: RelaySaveResult['sheets'] = [];
  for (const sheet of workbook.sheets) {
    const found = findRelayColumns(sheet, options.headers ?? RELAY_COLUMN_HEADERS);
    const others = (options.cells ?? []).filter((c) => c.sheet === sheet.name);
    if (!found && !others.length) continue;
    if (sheet.cells.moved) {
      throw new WorkbookFileError(
        file,
        `the run moved cells of sheet "${sheet.name}" (rows or columns were inserted, deleted or sorted), so they no longer match the file's`,
        WRITE,
      );
    }
    const ws = x.getWorksheet(sheet.name);
    if (!ws) throw new WorkbookFileError(file, `it has no sheet "${sheet.name}" any more`, WRITE);
    let cells = found ? writeRelayColumns(ws, sheet, found) : 0;
    for (const cell of others) {
      if (!found?.columns.includes(cell.column) && writeCell(ws, sheet, cell.row, cell.column))
        cells++;
    }
    if (cells) sheets.push({ name: sheet.name, cells });
  }
  if (!sheets.length) {
    removeRelayJournal(file);
    return { file, inPlace: true, lost: [], sheets, changed: false };
  }
  const out = Buffer.from(await x.xlsx.writeBuffer());
  const lost = lostParts(bytes, out) ?? ['(the package directory could not be compared)'];
  const target = lost.length ? besideRelayPath(file) : file;
  replaceFile(target, out, file);
  if (!lost.length) {
    // The next save (or journal) of this session compares with what the file holds now.
    const source = workbookSource(workbook);
    if (source && resolve(source.file) === resolve(file))
      updateWorkbookSource(workbook, sha256Of(out));
    removeRelayJournal(file);
  }
  return { file: target, inPlace: !lost.length, lost, sheets, changed: true };
}

/**
 * Writes the relay journal of a workbook loaded from an .xlsx file,
 * synchronously (see relay-journal.ts): for the runtime's onFlush.
 */
export function journalRelayColumns(workbook: Workbook, options: RelaySaveOptions = {}): void {
  const source = workbookSource(workbook);
  if (!source) throw new Error('journalRelayColumns: the workbook was not loaded from a file');
  const journal = relayJournalOf(workbook, source.file, source.sha256, options.headers);
  writeRelayJournal(journal, source.file);
}
