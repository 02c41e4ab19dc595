/**
 * A planned row turned into work: the messages it sends (each with its
 * requestId), or how it settles without one, and its ledger cells, written
 * before the send (the write-ahead) and after it.
 */
import { truncateText } from '../chat/limits';
import { redactSecrets } from '../chat/webhook-url';
import { LedgerField, STATUS, asCellText, ledgerFieldIndex } from './columns';
import { inListedOrder } from './compose/common';
import { Change, Field, RowMessage } from './compose/types';
import { SheetIdentity, newRowId, requestIdFor, threadKeyFor } from './ids';
import {
  Ledger,
  OutboxEntry,
  ValuesSnapshot,
  newLedger,
  parseLedger,
  parseOutbox,
  serializeLedger,
  serializeOutbox,
} from './ledger-codec';
import { LedgerRow } from './ledger-store';
import { RowComposer } from './message-context';
import { PlannedRow } from './plan';
import { recoverCells, visibleCellsOf } from './recovery';
import { RowReader } from './rows';
import { SheetRules } from './rules';
import { diffSnapshot, takeSnapshot } from './snapshot';
import { Table } from './table';

/** Longest JSON kept for each of the delivered and the pending values (a cell holds 50,000 characters). */
const MAX_SNAPSHOT_CHARS = 20000;
const MAX_ERROR_CHARS = 500;
/** A cell holds at most 50,000 characters: the Chat Outbox keeps every message in flight in one. */
const MAX_CELL_CHARS = 50000;
/** The note left in a thread a row moves out of names at most this many changes, each cut short. */
const NOTICE_CHANGES = 5;
const NOTICE_LABEL_CHARS = 50;
const NOTICE_VALUE_CHARS = 100;

/** How a row settled without a message. */
export type Settled = 'failed' | 'marked' | 'quiet' | 'rebuilt' | 'repaired' | 'held';

export interface WorkItem extends LedgerRow {
  /** Which table of the run the row belongs to. */
  job: number;
  /** The row's position when the table was read (its data in table.rows). */
  origin: number;
  key: string;
  /** The row's version (fingerprint) now. */
  version: string;
  ledger: Ledger;
  /** The messages still to deliver, in order (the row's outbox). */
  sends: OutboxEntry[];
  settled: Settled | null;
  /** Recorded once every send succeeded: the values and version as delivered. */
  delivered: ValuesSnapshot;
  deliveredVersion: string;
  /** Where the row's thread is once its primary message is delivered. */
  threadKey: string;
  webhook: string;
}

/** What a webhook NAME stands for now: usable, or why not. */
export type WebhookState = { ok: true } | { ok: false; reason: string };

export interface WorkContext {
  job: number;
  table: Table;
  reader: RowReader;
  rules: SheetRules;
  identity: SheetIdentity;
  random: () => number;
  now: () => number;
  /** Adopting a sheet: record every row as delivered, without a message. */
  baseline: boolean;
  webhook(name: string): WebhookState;
  /** A row message as sent, thread included (the composer sizes the body with it). */
  compose: RowComposer;
  /** How a message names a webhook's space ("the INFRA space"). */
  describeWebhook(name: string): string;
}

export function setCell(item: { cells: unknown[] }, field: LedgerField, value: unknown): void {
  item.cells[ledgerFieldIndex(field)] = value;
}

export function cellOf(item: { cells: unknown[] }, field: LedgerField): unknown {
  return item.cells[ledgerFieldIndex(field)];
}

/** An error as a cell shows it: redacted, on one line, short, never a formula. */
export function errorText(text: string): string {
  const clean = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return asCellText(
    clean.length > MAX_ERROR_CHARS ? clean.slice(0, MAX_ERROR_CHARS - 1) + '…' : clean,
  );
}

/** The row's Chat Status as read (or as the run last wrote it), upper case. */
function statusOf(item: { cells: unknown[] }): string {
  return String(cellOf(item, 'status') || '')
    .trim()
    .toUpperCase();
}

/** Records the row as delivered as it is now, without a message. */
function settle(item: WorkItem, how: Settled): WorkItem {
  item.settled = how;
  setCell(item, 'status', STATUS.SENT);
  setCell(item, 'version', item.version);
  setCell(item, 'error', '');
  item.ledger.delivered = item.delivered.values;
  item.ledger.deliveredPartial = item.delivered.partial;
  item.ledger.sendingVersion = item.version;
  return item;
}

function hold(item: WorkItem, name: string, reason: string): WorkItem {
  item.settled = 'held';
  item.sends = [];
  item.webhook = name;
  setCell(item, 'status', STATUS.PENDING);
  setCell(
    item,
    'error',
    errorText(
      `Not sent: the webhook ${name === 'default' ? '' : `"${name}" `}cannot be used: ${reason}. It goes out once the webhook is fixed.`,
    ),
  );
  return item;
}

function newItem(ctx: WorkContext, planned: PlannedRow, ledgerCells: unknown[]): WorkItem {
  const cells = ctx.table.rows[planned.position];
  const key = ctx.reader.key(cells);
  const fields = [{ label: ctx.table.keyColumn.label, value: key } as Field].concat(
    ctx.reader.fields(cells),
  );
  // A copy's ledger belongs to the row it was copied from.
  const previous = planned.copy ? null : parseLedger(ledgerCells[ledgerFieldIndex('ledger')]);
  const version = ctx.reader.version(cells);
  const item: WorkItem = {
    job: ctx.job,
    origin: planned.position,
    position: planned.position,
    key,
    ledger: previous ? { ...previous } : newLedger(newRowId(ctx.random, ctx.now())),
    cells: ledgerCells.slice(),
    version,
    sends: [],
    settled: null,
    delivered: takeSnapshot(fields, MAX_SNAPSHOT_CHARS),
    deliveredVersion: version,
    threadKey: '',
    webhook: '',
  };
  if (planned.copy) {
    // Start the copy's own history: none of the original's cells apply to it.
    (['thread', 'sentAt', 'version', 'error', 'outbox'] as LedgerField[]).forEach((f) =>
      setCell(item, f, ''),
    );
  }
  return item;
}

/** A row whose message is in flight: the very messages it had, with their requestIds. */
function resumeInFlight(ctx: WorkContext, item: WorkItem, outbox: OutboxEntry[]): WorkItem {
  const previous = item.ledger;
  item.sends = outbox;
  if (previous.pending) item.delivered = previous.pending;
  item.deliveredVersion = previous.sendingVersion;
  const primary = outbox.filter((e) => e.role === 'primary')[0];
  item.threadKey =
    primary && primary.message.thread
      ? String(primary.message.thread.threadKey)
      : previous.threadKey;
  item.webhook = primary ? primary.webhook : previous.webhook;
  const blocked = outbox
    .map((e) => ({ e, state: ctx.webhook(e.webhook) }))
    .filter((x) => !x.state.ok)[0];
  if (blocked && !blocked.state.ok) return hold(item, blocked.e.webhook, blocked.state.reason);
  return item;
}

interface Decision {
  message: RowMessage | null;
  /** Set when the row's route moved it: the webhook its thread leaves. */
  movedFrom: string | null;
  changes: Change[];
}

/** The message a row needs (null: it settles quietly), and whether it moves. */
function decide(ctx: WorkContext, item: WorkItem, planned: PlannedRow, route: string): Decision {
  const table = ctx.table;
  const cells = table.rows[planned.position];
  const stored = planned.copy ? '' : String(cellOf(item, 'version') || '');
  const everSent = !planned.copy && (statusOf(item) === STATUS.SENT || stored !== '');
  const fields = ctx.reader.fields(cells);
  const previous = planned.copy ? null : parseLedger(cellOf(item, 'ledger'));
  if (!everSent) return { message: { kind: 'new', fields }, movedFrom: null, changes: [] };
  // A row whose delivery a stopped run had not finished recording, and that did not change since.
  if (planned.reason === 'repair' && stored === item.version)
    return { message: null, movedFrom: null, changes: [] };
  const known =
    previous && !previous.deliveredPartial && Object.keys(previous.delivered).length > 0;
  const changes =
    known && previous
      ? diffSnapshot(
          previous.delivered,
          [{ label: table.keyColumn.label, value: item.key }].concat(fields),
        )
      : [];
  const from = previous && previous.webhook ? previous.webhook : route;
  const shownOf = (list: Change[]) => inListedOrder(list, ctx.rules.changesShown);
  if (from !== route) {
    const moving = changes.filter((c) => ctx.rules.routeColumns.indexOf(c.label) >= 0);
    return {
      message: { kind: 'moved-in', fields, changes: shownOf(moving.length ? moving : changes) },
      movedFrom: from,
      changes,
    };
  }
  if (planned.reason === 'rebuild' && !known) return { message: null, movedFrom: null, changes };
  if (stored !== '' && stored === item.version && planned.reason !== 'rebuild') {
    return { message: { kind: 'resend', fields }, movedFrom: null, changes: [] };
  }
  if (!known)
    return {
      message: { kind: planned.reason === 'selected' ? 'resend' : 'changed', fields },
      movedFrom: null,
      changes,
    };
  // An update shows the watched changes it can show; with none, the row settles quietly.
  const watched = ctx.rules.watched;
  const shown = shownOf(watched ? changes.filter((c) => watched.indexOf(c.label) >= 0) : changes);
  if (shown.length)
    return { message: { kind: 'update', changes: shown }, movedFrom: null, changes };
  return {
    message: planned.reason === 'selected' ? { kind: 'resend', fields } : null,
    movedFrom: null,
    changes,
  };
}

/** Starts a new logical send (new requestId), unless this retries one in flight with no outbox. */
function startSend(ctx: WorkContext, item: WorkItem, status: string, planned: PlannedRow): void {
  const previous = planned.copy ? null : parseLedger(cellOf(item, 'ledger'));
  const retry =
    previous !== null &&
    status === STATUS.PENDING &&
    previous.sendingVersion === item.version &&
    previous.requestId !== '';
  if (retry) return;
  item.ledger.sendCount += 1;
  item.ledger.sendingVersion = item.version;
  item.ledger.requestId = requestIdFor(
    ctx.identity,
    item.key,
    item.ledger.rowId,
    item.version,
    item.ledger.sendCount,
  );
}

/** The mentions a message carries: those that hold now and (for an update) did not before. */
function mentionsFor(ctx: WorkContext, item: WorkItem, message: RowMessage): string[] {
  const now = ctx.rules.mentions(ctx.reader.valueOf(ctx.table.rows[item.origin]));
  if (message.kind === 'new' || !now.length) return now;
  const delivered = item.ledger.delivered;
  const before = ctx.rules.mentions((label) =>
    Object.prototype.hasOwnProperty.call(delivered, label) ? delivered[label] : '',
  );
  return now.filter((m) => before.indexOf(m) < 0);
}

function outbound(
  ctx: WorkContext,
  item: WorkItem,
  decision: Decision,
  route: string,
): OutboxEntry[] {
  const message = decision.message as RowMessage;
  const mentions = mentionsFor(ctx, item, message);
  const primary: OutboxEntry = {
    webhook: route,
    requestId: item.ledger.requestId,
    role: 'primary',
    message: ctx.compose(message, item.origin, mentions, item.threadKey),
  };
  const from = decision.movedFrom;
  if (from === null || !ctx.webhook(from).ok || !item.ledger.threadKey) return [primary];
  const notice = (changes: Change[]): OutboxEntry => ({
    webhook: from,
    requestId: `${item.ledger.requestId}-moved`,
    role: 'notice',
    message: ctx.compose(
      { kind: 'moved-out', destination: ctx.describeWebhook(route), changes },
      item.origin,
      [],
      item.ledger.threadKey,
    ),
  });
  const named = [primary, notice(noticeChanges((message as { changes: Change[] }).changes))];
  // The primary message alone always fits the cell; should the two not, the note names no change.
  return serializeOutbox(named).length <= MAX_CELL_CHARS ? named : [primary, notice([])];
}

/** The changes a moved row's note names: a few, cut short (the full message is in the new space). */
function noticeChanges(changes: Change[]): Change[] {
  return changes.slice(0, NOTICE_CHANGES).map((c) => ({
    label: truncateText(c.label, NOTICE_LABEL_CHARS),
    before: truncateText(c.before, NOTICE_VALUE_CHARS),
    after: truncateText(c.after, NOTICE_VALUE_CHARS),
  }));
}

/** A row whose key cell is empty cannot be sent: FAILED, saying why. */
function failEmptyKey(ctx: WorkContext, item: WorkItem): WorkItem {
  item.settled = 'failed';
  item.ledger.sendingVersion = item.version;
  setCell(item, 'status', STATUS.FAILED);
  setCell(
    item,
    'error',
    errorText(
      `The key column "${ctx.table.keyColumn.label}" is empty: fill it in to send this row`,
    ),
  );
  return item;
}

/**
 * Works out the messages, or the settling, and the write-ahead cells of one
 * planned row. `ledgerCells` are the row's ledger cells as read (LEDGER_COLUMNS order).
 * A row that a stopped run left half-written is first put back as its ledger says.
 */
export function prepareWork(
  ctx: WorkContext,
  planned: PlannedRow,
  ledgerCells: unknown[],
): WorkItem {
  const item = newItem(ctx, planned, ledgerCells);
  const outbox = planned.copy ? [] : parseOutbox(ledgerCells[ledgerFieldIndex('outbox')]);
  const recovered = recoverCells(item.cells, item.ledger, outbox);
  const selected = planned.reason === 'selected';
  if (statusOf(item) === STATUS.PENDING && outbox.length && !selected)
    return finish(resumeInFlight(ctx, item, outbox));
  if (item.key === '') return finish(failEmptyKey(ctx, item));
  if (ctx.baseline) return finish(settle(item, 'marked'));
  return finish(
    prepareSend(
      ctx,
      item,
      recovered === 'sent' && !selected ? { ...planned, reason: 'repair' } : planned,
    ),
  );
}

/** The message a row needs now, marked PENDING with it; or its settling without one. */
function prepareSend(ctx: WorkContext, item: WorkItem, planned: PlannedRow): WorkItem {
  const status = statusOf(item);
  const route = ctx.rules.route(ctx.reader.valueOf(ctx.table.rows[planned.position]));
  const decision = decide(ctx, item, planned, route);
  if (!decision.message) return settle(item, quietly(planned));
  const state = ctx.webhook(route);
  if (!state.ok) return hold(item, route, state.reason);
  item.threadKey = threadKeyOf(ctx, item, decision);
  item.webhook = route;
  startSend(ctx, item, status, planned);
  item.sends = outbound(ctx, item, decision, route);
  item.ledger.pending = item.delivered;
  setCell(item, 'status', STATUS.PENDING);
  return item;
}

/** How a row that needs no message settles. */
function quietly(planned: PlannedRow): Settled {
  if (planned.reason === 'rebuild') return 'rebuilt';
  return planned.reason === 'repair' ? 'repaired' : 'quiet';
}

/**
 * The thread the primary message goes to. A row keeps the thread it started
 * in, also when its key changes; a new row, or a row moved to another space,
 * starts or joins its key's thread there. Ledgers from before thread keys
 * were kept give the key as it was delivered.
 */
function threadKeyOf(ctx: WorkContext, item: WorkItem, decision: Decision): string {
  const kind = (decision.message as RowMessage).kind;
  if (kind === 'new' || decision.movedFrom !== null) return threadKeyFor(ctx.identity, item.key);
  if (item.ledger.threadKey) return item.ledger.threadKey;
  const kept = item.ledger.delivered[ctx.table.keyColumn.label];
  const deliveredKey = kept && kept.indexOf('\u001f') < 0 ? kept : item.key;
  return threadKeyFor(ctx.identity, deliveredKey);
}

/** Writes the ledger (with a copy of the visible cells) and outbox cells from the item's state. */
export function finish(item: WorkItem): WorkItem {
  item.ledger.visible = visibleCellsOf(item.cells);
  setCell(item, 'ledger', serializeLedger(item.ledger));
  setCell(item, 'outbox', serializeOutbox(item.sends));
  return item;
}
