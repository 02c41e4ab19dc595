/**
 * The relay-owned "Chat …" columns: what they are, and creating the missing
 * ones. A row's own cells are its ledger, so a row carries its delivery
 * history with it when the sheet is sorted or rows are inserted or deleted.
 * Nothing here refers to a row number.
 */
import { SheetLike } from '../ports';

export const STATUS = {
  SENT: 'SENT',
  PENDING: 'PENDING',
  FAILED: 'FAILED',
} as const;
export type Status = (typeof STATUS)[keyof typeof STATUS];

/** The relay's columns, in the order they are appended. */
export const LEDGER_COLUMNS = [
  { header: 'Chat Status', field: 'status', hidden: false },
  { header: 'Chat Thread', field: 'thread', hidden: false },
  { header: 'Chat Sent At', field: 'sentAt', hidden: false },
  { header: 'Chat Error', field: 'error', hidden: false },
  { header: 'Chat Version', field: 'version', hidden: true },
  { header: 'Chat Ledger', field: 'ledger', hidden: true },
  { header: 'Chat Outbox', field: 'outbox', hidden: true },
] as const;
export type LedgerField = (typeof LEDGER_COLUMNS)[number]['field'];
export type LedgerHeader = (typeof LEDGER_COLUMNS)[number]['header'];

/** 0-based sheet column of each ledger field. */
export type LedgerColumns = { [F in LedgerField]: number };

/** The hidden columns that can hold large JSON: read only for the rows a run plans. */
export const HEAVY_FIELDS: readonly LedgerField[] = ['ledger', 'outbox'];

/** Prefix that keeps versions from being read as numbers by Sheets. */
export const VERSION_PREFIX = 'v1:';

/** True for a header the relay owns (other "Chat …" headers are user data). */
export function isLedgerHeader(header: string): boolean {
  const wanted = header.trim();
  return LEDGER_COLUMNS.some((c) => c.header === wanted);
}

/** Position of a field in LEDGER_COLUMNS order. */
export function ledgerFieldIndex(field: LedgerField): number {
  for (let i = 0; i < LEDGER_COLUMNS.length; i++) if (LEDGER_COLUMNS[i].field === field) return i;
  return -1;
}

/** The header of a ledger field. */
export function ledgerHeader(field: LedgerField): LedgerHeader {
  return LEDGER_COLUMNS[ledgerFieldIndex(field)].header;
}

/** The first column of each relay header found in a header row (0-based). */
export function findLedgerColumns(headers: string[]): { [header: string]: number } {
  const found: { [header: string]: number } = {};
  headers.forEach((h, i) => {
    const text = String(h).trim();
    if (isLedgerHeader(text) && !(text in found)) found[text] = i;
  });
  return found;
}

/** Text written into a cell is never taken as a formula. */
export function asCellText(text: string): string {
  return /^[=+\-@]/.test(text) ? "'" + text : text;
}

/**
 * Appends the missing relay columns at the right of the header (growing the
 * sheet if needed) and hides the machine-only ones, in three calls at most.
 * Returns the 0-based column of each appended header.
 */
export function appendLedgerColumns(
  sheet: SheetLike,
  headerRow: number,
  lastColumn: number,
  missing: ReadonlyArray<(typeof LEDGER_COLUMNS)[number]>,
): { [header: string]: number } {
  const needed = lastColumn + missing.length - sheet.getMaxColumns();
  if (needed > 0) sheet.insertColumnsAfter(sheet.getMaxColumns(), needed);
  // The appended hidden columns are consecutive: hide them in one call, before they get
  // their headers, so that a run stopped in between never leaves them shown.
  const hidden = missing.map((c, i) => (c.hidden ? lastColumn + i : -1)).filter((i) => i >= 0);
  if (hidden.length) sheet.hideColumns(hidden[0] + 1, hidden[hidden.length - 1] - hidden[0] + 1);
  sheet
    .getRange(headerRow, lastColumn + 1, 1, missing.length)
    .setValues([missing.map((c) => c.header)]);
  const at: { [header: string]: number } = {};
  missing.forEach((c, i) => {
    at[c.header] = lastColumn + i;
  });
  return at;
}
