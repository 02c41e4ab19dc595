/**
 * A row's relay cells as one typed record, and the one codec between that
 * record and the cells themselves (LEDGER_COLUMNS order), as the ledger
 * store reads and writes them. Nothing else indexes a row's cell array.
 */
import { LEDGER_COLUMNS, LedgerField, ledgerFieldIndex } from './columns';
import {
  Ledger,
  OutboxEntry,
  VisibleCells,
  parseLedger,
  parseOutbox,
  rowIdOf,
  serializeLedger,
  serializeOutbox,
} from './ledger-codec';

/** A row's relay cells, read. */
export interface RowState {
  /** Chat Status as the cell holds it (statusOf reads it). */
  status: string;
  /** Chat Thread: the name of the row's thread ('' before its first message). */
  thread: string;
  /** Chat Sent At: a date, or the cell's text ('' when empty). */
  sentAt: Date | string;
  /** Chat Error: why the row is not SENT, or what went wrong with a note ('' when nothing). */
  error: string;
  /** Chat Version: the version (fingerprint) of the row as last delivered ('' before). */
  version: string;
  /** Chat Ledger (the row ID is its rowId); null when the cell holds none (empty, damaged, not ours). */
  ledger: Ledger | null;
  /**
   * Chat Outbox: the messages in flight ([] when none); null when the cell holds anything but
   * an outbox of messages the composer could have made (damaged, edited by hand): it is lost.
   */
  outbox: OutboxEntry[] | null;
}

/** A row's relay cells as a run writes them: always with a ledger and an outbox (maybe empty). */
export interface WrittenRowState extends RowState {
  ledger: Ledger;
  outbox: OutboxEntry[];
}

const at = (cells: unknown[], field: LedgerField): unknown => cells[ledgerFieldIndex(field)];

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** The state of a row from its relay cells (LEDGER_COLUMNS order, typed values). */
export function readRowState(cells: unknown[]): RowState {
  const sentAt = at(cells, 'sentAt');
  return {
    status: text(at(cells, 'status')),
    thread: text(at(cells, 'thread')),
    sentAt: isDate(sentAt) ? sentAt : text(sentAt),
    error: text(at(cells, 'error')),
    version: text(at(cells, 'version')),
    ledger: parseLedger(at(cells, 'ledger')),
    outbox: parseOutbox(at(cells, 'outbox')),
  };
}

/** The visible relay cells of a row, as its ledger keeps a copy of them (a date as epoch ms). */
export function visibleOf(state: RowState): VisibleCells {
  return {
    status: state.status,
    thread: state.thread,
    sentAt: isDate(state.sentAt) ? state.sentAt.getTime() : state.sentAt,
    error: state.error,
    version: state.version,
  };
}

/**
 * The cells of a row (LEDGER_COLUMNS order) that hold its state. The ledger written keeps a
 * copy of the visible cells written with it (see recovery.ts), and the state's ledger records it.
 */
export function rowCells(state: WrittenRowState): unknown[] {
  state.ledger.visible = visibleOf(state);
  const values: { [F in LedgerField]: unknown } = {
    status: state.status,
    thread: state.thread,
    sentAt: state.sentAt,
    error: state.error,
    version: state.version,
    ledger: serializeLedger(state.ledger),
    outbox: serializeOutbox(state.outbox),
  };
  return LEDGER_COLUMNS.map((c) => values[c.field]);
}

/** The row ID in a row's cells (its Chat Ledger), read without parsing the ledger when it can be. */
export function rowIdInCells(cells: unknown[]): string | null {
  return rowIdOf(at(cells, 'ledger'));
}

/** A row's Chat Status as it counts: trimmed, upper case. */
export function statusOf(state: RowState): string {
  return state.status.trim().toUpperCase();
}

/** A copy of a state as it would be read back once written. */
export function writtenCopy(state: WrittenRowState): WrittenRowState {
  const copy = readRowState(rowCells(state));
  return { ...copy, ledger: copy.ledger || state.ledger, outbox: state.outbox.slice() };
}
