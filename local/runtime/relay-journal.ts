/**
 * The write-ahead journal of a workbook file: `my.xlsx.chat-journal.json`.
 *
 * The bundle runs synchronously inside node:vm, so SpreadsheetApp.flush()
 * cannot wait for an .xlsx to be written. Instead the local tool writes this
 * journal synchronously (write to a temp file, fsync, rename) at every flush:
 * the relay's columns of every sheet that has them, cell by cell. The next
 * load of the same file applies it, so a run interrupted after a flush (Ctrl-C,
 * a crash) is resumed with the requestIds it had written ahead, and Chat
 * returns the messages it already created instead of posting them again. A
 * successful save of the workbook removes it.
 *
 * The journal records the SHA-256 of the file it belongs to; it is applied
 * only to that same file.
 */
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename } from 'node:path';
import type { Stored } from './cells';
import { findRelayColumns, RELAY_COLUMN_HEADERS } from './relay-columns';
import type { RichText } from './rich-text';
import { isDate } from './time';
import type { Workbook } from './workbook';

export const JOURNAL_VERSION = 1;

/** A cell: its value (a date as {date: ISO}), number format and links. */
type JournalValue = string | number | boolean | { date: string };
type JournalCell = [value: JournalValue, format: string | null, rich: RichText | null];

interface JournalColumn {
  column: number;
  header: string;
  hidden: boolean;
  /** From the header row down. */
  cells: JournalCell[];
}

export interface RelayJournal {
  version: number;
  /** The workbook file's name and its SHA-256 when it was loaded. */
  file: string;
  sha256: string;
  writtenAt: string;
  sheets: Array<{ name: string; headerRow: number; columns: JournalColumn[] }>;
}

export function relayJournalPath(file: string): string {
  return `${file}.chat-journal.json`;
}

function encode(v: Stored): JournalValue {
  return isDate(v) ? { date: v.toISOString() } : v;
}

function decode(v: JournalValue): Stored {
  return typeof v === 'object' ? new Date(v.date) : v;
}

/** The relay columns of every sheet that has them, as a journal for `file` (of hash `sha256`). */
export function relayJournalOf(
  workbook: Workbook,
  file: string,
  sha256: string,
  headers: readonly string[] = RELAY_COLUMN_HEADERS,
): RelayJournal {
  const sheets: RelayJournal['sheets'] = [];
  for (const sheet of workbook.sheets) {
    const found = findRelayColumns(sheet, headers);
    if (!found) continue;
    const last = Math.max(sheet.lastRow(), found.headerRow);
    const columns = found.columns.map((column) => {
      const cells: JournalCell[] = [];
      for (let r = found.headerRow; r <= last; r++) {
        cells.push([
          encode(sheet.cell(r, column)),
          sheet.format(r, column),
          sheet.richText(r, column),
        ]);
      }
      const header = String(sheet.cell(found.headerRow, column)).trim();
      return { column, header, hidden: sheet.hiddenColumns.has(column), cells };
    });
    sheets.push({ name: sheet.name, headerRow: found.headerRow, columns });
  }
  return {
    version: JOURNAL_VERSION,
    file: basename(file),
    sha256,
    writtenAt: new Date().toISOString(),
    sheets,
  };
}

/** Writes the journal durably and atomically (temp file, fsync, rename), synchronously. */
export function writeRelayJournal(journal: RelayJournal, file: string): void {
  const target = relayJournalPath(file);
  const tmp = `${target}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(journal) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, target);
}

/** The journal beside `file`, or null when there is none. */
export function readRelayJournal(file: string): RelayJournal | null {
  let text: string;
  try {
    text = readFileSync(relayJournalPath(file), 'utf8');
  } catch {
    return null;
  }
  const journal = JSON.parse(text) as RelayJournal;
  if (journal.version !== JOURNAL_VERSION) {
    throw new Error(`${relayJournalPath(file)}: unknown journal version ${journal.version}`);
  }
  return journal;
}

export function removeRelayJournal(file: string): void {
  rmSync(relayJournalPath(file), { force: true });
}

/** Puts the journal's relay columns into the workbook (loaded from the journal's file). */
export function applyRelayJournal(workbook: Workbook, journal: RelayJournal): void {
  for (const entry of journal.sheets) {
    const sheet = workbook.sheets.find((s) => s.name === entry.name);
    if (!sheet) throw new Error(`the journal names a sheet "${entry.name}" the workbook lacks`);
    for (const col of entry.columns) {
      col.cells.forEach(([value, format, rich], i) => {
        const row = entry.headerRow + i;
        if (rich) sheet.cells.setRichText(row, col.column, rich, rich.text);
        else sheet.setCell(row, col.column, decode(value));
        sheet.setFormat(row, col.column, format);
      });
      if (col.hidden) sheet.hiddenColumns.add(col.column);
      else sheet.hiddenColumns.delete(col.column);
      sheet.maxColumns = Math.max(sheet.maxColumns, col.column);
      sheet.maxRows = Math.max(sheet.maxRows, entry.headerRow + col.cells.length - 1);
    }
  }
}
