/**
 * The hidden, machine-readable part of a row's ledger (the "Chat Ledger"
 * cell) and its JSON form. The short storage keys exist only here, so that
 * ledgers written by earlier versions keep being read.
 */

/** Field values as last delivered (labels to values), for "old → new" replies. */
export type DeliveredValues = { [label: string]: string };

export interface Ledger {
  /** Permanent row ID, assigned before the row's first send. */
  rowId: string;
  /** Logical sends started (a retry of the same send does not count). */
  sendCount: number;
  /** requestId of the latest logical send (reused by its retries). */
  requestId: string;
  /** Version (fingerprint) that the latest logical send carries. */
  sendingVersion: string;
  /** Field values as last delivered (see snapshot.ts). */
  delivered: DeliveredValues;
  /** The delivered values could not be kept at all: the next update shows every field. */
  deliveredPartial: boolean;
}

/** The stored JSON: short keys, `id` first (rowIdOf relies on it for speed). */
interface StoredLedger {
  id: string;
  n: number;
  req: string;
  att: string;
  snap: DeliveredValues;
  partial?: boolean;
}

export function newLedger(rowId: string): Ledger {
  return {
    rowId,
    sendCount: 0,
    requestId: '',
    sendingVersion: '',
    delivered: {},
    deliveredPartial: false,
  };
}

/** The ledger in a cell, or null when the cell holds none (empty, damaged, not ours). */
export function parseLedger(cell: string): Ledger | null {
  if (!cell || cell.charAt(0) !== '{') return null;
  let value: StoredLedger;
  try {
    value = JSON.parse(cell) as StoredLedger;
  } catch {
    return null;
  }
  if (!value || typeof value.id !== 'string' || typeof value.n !== 'number') return null;
  return {
    rowId: value.id,
    sendCount: value.n,
    requestId: typeof value.req === 'string' ? value.req : '',
    sendingVersion: typeof value.att === 'string' ? value.att : '',
    delivered: typeof value.snap === 'object' && value.snap !== null ? value.snap : {},
    deliveredPartial: value.partial === true,
  };
}

export function serializeLedger(ledger: Ledger): string {
  const stored: StoredLedger = {
    id: ledger.rowId,
    n: ledger.sendCount,
    req: ledger.requestId,
    att: ledger.sendingVersion,
    snap: ledger.delivered,
  };
  if (ledger.deliveredPartial) stored.partial = true;
  return JSON.stringify(stored);
}

const LEADING_ID = /^\{"id":"((?:[^"\\]|\\.)*)"/;

/**
 * The row ID in a ledger cell, without parsing the whole JSON when it was
 * written by serializeLedger (which puts `id` first); other cells are parsed.
 */
export function rowIdOf(cell: string): string | null {
  if (!cell || cell.charAt(0) !== '{') return null;
  const match = LEADING_ID.exec(cell);
  if (match && match[1].indexOf('\\') < 0) return match[1];
  const ledger = parseLedger(cell);
  return ledger ? ledger.rowId : null;
}
