/**
 * The relay-owned "Chat …" columns. A row's own cells are its ledger, so a
 * row carries its delivery history with it when the sheet is sorted or rows
 * are inserted or deleted. Nothing here refers to a row number.
 */

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
] as const;
export type LedgerField = (typeof LEDGER_COLUMNS)[number]['field'];

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

/** The hidden, machine-readable part of a row's ledger (the "Chat Ledger" cell). */
export interface LedgerState {
  /** Permanent row ID, assigned before the row's first send. */
  id: string;
  /** Logical sends started (a retry of the same send does not count). */
  n: number;
  /** requestId of the latest logical send (reused by its retries). */
  req: string;
  /** Version (fingerprint) that the latest logical send carries. */
  att: string;
  /** Field values as last delivered, for "old → new" replies. */
  snap: { [header: string]: string };
  /** The snapshot could not be kept at all (see takeSnapshot). */
  partial?: boolean;
}

/** Prefix that keeps versions from being read as numbers by Sheets. */
export const VERSION_PREFIX = 'v1:';

export function parseLedger(cell: string): LedgerState | null {
  if (!cell || cell.charAt(0) !== '{') return null;
  try {
    const value = JSON.parse(cell) as LedgerState;
    if (typeof value.id !== 'string' || typeof value.n !== 'number') return null;
    if (typeof value.snap !== 'object' || value.snap === null) value.snap = {};
    return value;
  } catch {
    return null;
  }
}

export function serializeLedger(state: LedgerState): string {
  return JSON.stringify(state);
}

/** Text written into a cell is never taken as a formula. */
export function asCellText(text: string): string {
  return /^[=+\-@]/.test(text) ? "'" + text : text;
}
