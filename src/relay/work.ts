/**
 * A planned row turned into work: the logical send it makes (its requestId),
 * the message it posts, and the ledger cells written before and after.
 */
import { redactSecrets } from '../chat/webhook-url';
import { LedgerField, STATUS, asCellText, ledgerFieldIndex } from './columns';
import { SheetIdentity, newRowId, requestIdFor } from './ids';
import { Ledger, newLedger, serializeLedger } from './ledger-codec';
import { Field, RowMessage } from './row-message';
import { Reason, RowReader, RowState } from './rows';
import { Snapshot, diffSnapshot, takeSnapshot } from './snapshot';
import { Table } from './table';

/** Longest value kept in a ledger's snapshot JSON; a cell holds at most 50,000 characters. */
const MAX_SNAPSHOT_CHARS = 40000;
const MAX_ERROR_CHARS = 500;

export interface WorkItem {
  /** Where the row is believed to be now (0-based data position). */
  position: number;
  key: string;
  ledger: Ledger;
  /** Cell values for the ledger columns, in LEDGER_COLUMNS order. */
  cells: unknown[];
  version: string;
  /** The message to send, or null when the row is settled without one. */
  message: RowMessage | null;
  /** The values to record as delivered when the send succeeds. */
  delivered: Snapshot;
}

export interface WorkContext {
  table: Table;
  reader: RowReader;
  identity: SheetIdentity;
  random: () => number;
  now: () => number;
  /** Adopting a sheet: record every row as delivered, without a message. */
  baseline: boolean;
}

export function setCell(item: WorkItem, field: LedgerField, value: unknown): void {
  item.cells[ledgerFieldIndex(field)] = value;
}

export function cellOf(item: WorkItem, field: LedgerField): unknown {
  return item.cells[ledgerFieldIndex(field)];
}

/** An error as a cell shows it: redacted, on one line, short, never a formula. */
export function errorText(text: string): string {
  const clean = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return asCellText(
    clean.length > MAX_ERROR_CHARS ? clean.slice(0, MAX_ERROR_CHARS - 1) + '…' : clean,
  );
}

/** Records the row as delivered as it is now (status SENT, its version and values). */
export function settleAsDelivered(item: WorkItem): void {
  setCell(item, 'status', STATUS.SENT);
  setCell(item, 'version', item.version);
  setCell(item, 'error', '');
  item.ledger.delivered = item.delivered.values;
  item.ledger.deliveredPartial = item.delivered.partial;
}

function newItem(
  ctx: WorkContext,
  state: RowState,
  copy: boolean,
  ledgerCells: unknown[],
): WorkItem {
  const fields = ctx.reader.fields(ctx.table.rows[state.position]);
  const keyField: Field = { label: ctx.table.keyColumn.label, value: state.key };
  // A copy's ledger belongs to the row it was copied from.
  const previous = copy ? null : state.ledger;
  const item: WorkItem = {
    position: state.position,
    key: state.key,
    ledger: previous ? { ...previous } : newLedger(newRowId(ctx.random, ctx.now())),
    cells: ledgerCells.slice(),
    version: state.version,
    message: null,
    delivered: takeSnapshot([keyField].concat(fields), MAX_SNAPSHOT_CHARS),
  };
  if (copy) {
    // Start the copy's own history: none of the original's cells apply to it.
    setCell(item, 'thread', '');
    setCell(item, 'sentAt', '');
    setCell(item, 'version', '');
    setCell(item, 'error', '');
  }
  return item;
}

/** The message a row needs, or null when nothing a reader could see changed. */
function messageFor(
  ctx: WorkContext,
  state: RowState,
  reason: Reason,
  storedVersion: string,
  previous: Ledger | null,
): RowMessage | null {
  const table = ctx.table;
  const keyField: Field = { label: table.keyColumn.label, value: state.key };
  const fields = ctx.reader.fields(table.rows[state.position]);
  const everSent = storedVersion !== '' && previous !== null;
  if (!everSent || !previous || storedVersion === state.version) {
    return { kind: everSent ? 'resend' : 'new', sheet: table.name, key: keyField, fields };
  }
  if (previous.deliveredPartial) {
    return { kind: 'changed', sheet: table.name, key: keyField, fields };
  }
  const changes = diffSnapshot(previous.delivered, [keyField].concat(fields));
  if (!changes.length && reason !== 'selected') return null;
  return changes.length
    ? { kind: 'update', sheet: table.name, key: keyField, changes }
    : { kind: 'resend', sheet: table.name, key: keyField, fields };
}

/** Starts a new logical send (new requestId), unless this is the retry of one in flight. */
function startSend(ctx: WorkContext, item: WorkItem, state: RowState, copy: boolean): void {
  const previous = state.ledger;
  const retry =
    !copy &&
    state.status === STATUS.PENDING &&
    previous !== null &&
    previous.sendingVersion === state.version &&
    previous.requestId !== '';
  if (retry) return;
  item.ledger.sendCount += 1;
  item.ledger.sendingVersion = state.version;
  item.ledger.requestId = requestIdFor(
    ctx.identity,
    state.key,
    item.ledger.rowId,
    state.version,
    item.ledger.sendCount,
  );
}

/**
 * Works out the logical send, the message and the write-ahead cells of one
 * planned row. `ledgerCells` are the row's ledger cells as read (LEDGER_COLUMNS order).
 */
export function prepareWork(
  ctx: WorkContext,
  position: number,
  reason: Reason,
  copy: boolean,
  ledgerCells: unknown[],
): WorkItem {
  const state = ctx.reader.state(position);
  const item = newItem(ctx, state, copy, ledgerCells);
  if (state.key === '') {
    item.ledger.sendingVersion = state.version;
    setCell(item, 'status', STATUS.FAILED);
    setCell(
      item,
      'error',
      errorText(
        `The key column "${ctx.table.keyColumn.label}" is empty: fill it in to send this row`,
      ),
    );
  } else if (ctx.baseline) {
    // Recorded as delivered, as it is now: only later changes will be posted.
    settleAsDelivered(item);
    item.ledger.sendingVersion = state.version;
  } else {
    const storedVersion = copy
      ? ''
      : String(ctx.table.rows[position][ctx.table.ledger.version] || '');
    item.message = messageFor(ctx, state, reason, storedVersion, copy ? null : state.ledger);
    if (item.message === null) {
      // Nothing a reader could see changed (a moved column): record the new version quietly.
      settleAsDelivered(item);
    } else {
      startSend(ctx, item, state, copy);
      setCell(item, 'status', STATUS.PENDING);
    }
  }
  setCell(item, 'ledger', serializeLedger(item.ledger));
  return item;
}
