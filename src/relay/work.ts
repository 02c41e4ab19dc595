/**
 * A planned row turned into work: the messages it sends (each with its
 * requestId), or how it ends without one, and the state of its relay cells,
 * written before the send (the write-ahead) and after it.
 */
import { truncateText } from '../chat/limits';
import { ConditionRow } from '../config/conditions';
import { redactSecrets } from '../chat/webhook-url';
import { STATUS, asCellText } from './columns';
import { markupAllowed } from './compose/check';
import { inListedOrder } from './compose/common';
import { Change, RowMessage } from './compose/types';
import { SheetIdentity, newRowId, requestIdFor, threadKeyFor } from './ids';
import { actedFrom, settleAction } from './acted';
import {
  KeptValues,
  Ledger,
  OutboxEntry,
  ValuesSnapshot,
  newLedger,
  serializeOutbox,
  valueOfKept,
} from './ledger-codec';
import { LedgerRow } from './ledger-store';
import { RowComposer } from './message-context';
import { notFoundNote } from './people';
import { RoutedRow } from './plan';
import { Recovery, recoverCells } from './recovery';
import { reminderMentions } from './reminder-rules';
import { RowState, WrittenRowState, statusOf } from './row-state';
import { RowValues } from './rows';
import { RowMentions, SheetRules } from './rules';
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

/** How a row ends without a message in this run. */
export type NoMessage =
  | 'failed'
  | 'marked'
  | 'quiet'
  | 'rebuilt'
  | 'repaired'
  | 'held'
  /** Kept PENDING: its message pings someone from the people directory, which cannot be read. */
  | 'waitsForPeople';

export interface WorkItem extends LedgerRow {
  /** Which table of the run the row belongs to (its index in the run's tables). */
  tableIndex: number;
  /** The row's values as the table was read (`values.position`: its position then). */
  values: RowValues;
  /** The webhook NAME the row's route gives now. */
  route: string;
  /** Set when the row sends no message in this run: how it ends instead. */
  noMessage: NoMessage | null;
  /** What the row records as delivered once its messages are: its values and version. */
  sendingValues: ValuesSnapshot;
  sendingVersion: string;
  /** Where the row's thread is once its primary message is delivered: its key, its webhook NAME. */
  threadKey: string;
  webhook: string;
  /** The row was in flight, but its outbox not as the relay wrote it (damaged, edited): its message is built again. */
  outboxRebuilt: boolean;
}

/** What a webhook NAME stands for now: usable, or why not. */
export type WebhookState = { ok: true } | { ok: false; reason: string };

export interface WorkContext {
  tableIndex: number;
  table: Table;
  rules: SheetRules;
  identity: SheetIdentity;
  random: () => number;
  now: () => number;
  /** Adopting a sheet: record every row as delivered, without a message. */
  baseline: boolean;
  webhook(name: string): WebhookState;
  /** Row messages as sent, thread included (the composer sizes the body with it). */
  composer: RowComposer;
  /** How a message names a webhook's space ("the INFRA space"). */
  describeWebhook(name: string): string;
}

/** An error as a cell shows it: redacted, on one line, short, never a formula. */
export function errorText(text: string): string {
  const clean = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return asCellText(
    clean.length > MAX_ERROR_CHARS ? clean.slice(0, MAX_ERROR_CHARS - 1) + '…' : clean,
  );
}

/**
 * Values kept in a ledger as conditions read them: by label ('' for a label not kept); a
 * typed value only where the kept value is the row's current one (the same cell then).
 */
function keptRow(values: KeptValues, current: RowValues): ConditionRow {
  const valueOf = valueOfKept(values);
  return {
    valueOf,
    typedOf: (label) =>
      valueOf(label) === current.valueOf(label) ? current.typedOf(label) : undefined,
  };
}

/** Records the row as delivered as it is now, without a message. */
function recordWithoutMessage(item: WorkItem, how: NoMessage, now: number): WorkItem {
  const { state } = item;
  settleAction(state.ledger, item.sendingValues.values, now);
  item.noMessage = how;
  state.status = STATUS.SENT;
  state.version = item.values.version;
  state.error = '';
  state.ledger.delivered = item.sendingValues.values;
  state.ledger.deliveredPartial = item.sendingValues.partial;
  state.ledger.sendingVersion = item.values.version;
  return item;
}

/** A row whose message pings someone from the people directory, which cannot be read: kept PENDING. */
function waitForPeople(item: WorkItem, reason: string): WorkItem {
  item.noMessage = 'waitsForPeople';
  item.state.outbox = [];
  item.state.status = STATUS.PENDING;
  item.state.error = errorText(
    `Not sent: its message pings someone from the people directory, which cannot be read: ${reason}. It goes out once the directory is fixed.`,
  );
  return item;
}

function hold(item: WorkItem, name: string, reason: string): WorkItem {
  item.noMessage = 'held';
  // A reminder waits as it is (its row's values are not its message); anything else is built again.
  if (!item.state.outbox.every((e) => e.role === 'reminder')) item.state.outbox = [];
  item.webhook = name;
  item.state.status = STATUS.PENDING;
  item.state.error = errorText(
    `Not sent: the webhook ${name === 'default' ? '' : `"${name}" `}cannot be used: ${reason}. It goes out once the webhook is fixed.`,
  );
  return item;
}

function newItem(ctx: WorkContext, row: RoutedRow, read: RowState): WorkItem {
  const { planned, values } = row;
  const kept = [{ label: ctx.table.keyColumn.label, value: values.key }].concat(values.fields);
  // A copy's ledger belongs to the row it was copied from.
  const previous = planned.copy ? null : read.ledger;
  const state: WrittenRowState = {
    ...read,
    ledger: previous ? { ...previous } : newLedger(newRowId(ctx.random, ctx.now())),
    outbox: [],
  };
  if (planned.copy) {
    // Start the copy's own history: none of the original's cells apply to it.
    state.thread = '';
    state.sentAt = '';
    state.version = '';
    state.error = '';
  }
  return {
    tableIndex: ctx.tableIndex,
    currentPosition: planned.position,
    values,
    route: row.route,
    state,
    noMessage: null,
    sendingValues: takeSnapshot(kept, MAX_SNAPSHOT_CHARS),
    sendingVersion: values.version,
    threadKey: '',
    webhook: '',
    outboxRebuilt: false,
  };
}

/** A row whose message is in flight: the very messages it had, with their requestIds. */
function resumeInFlight(ctx: WorkContext, item: WorkItem, outbox: OutboxEntry[]): WorkItem {
  const previous = item.state.ledger;
  item.state.outbox = outbox;
  if (previous.sendingValues) item.sendingValues = previous.sendingValues;
  item.sendingVersion = previous.sendingVersion;
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

/**
 * The messages in flight in the row's outbox, if their markup is no more than the composer
 * adds for this row (the mentions its rules give it, now or for the values in flight, and the
 * link back to the row); null when the outbox is lost: unreadable, or not the relay's.
 */
function checkedOutbox(ctx: WorkContext, row: RoutedRow, read: RowState): OutboxEntry[] | null {
  const outbox = read.outbox;
  if (outbox === null || !outbox.length) return outbox;
  const inFlight = read.ledger && read.ledger.sendingValues;
  const mentions = ctx.rules
    .mentionsAllowed(row.values)
    .concat(inFlight ? ctx.rules.mentionsAllowed(keptRow(inFlight.values, row.values)) : []);
  const rowId = read.ledger ? read.ledger.rowId : null;
  const isRowLink = (url: string) => ctx.composer.isRowLink(url);
  const isActionLink = (url: string, label: string) =>
    rowId !== null && ctx.composer.isActionLink(url, label, rowId);
  const allowed = (e: OutboxEntry) =>
    e.role === 'reminder'
      ? { mentions: reminderMentionsOf(ctx, row, e), isRowLink, isActionLink }
      : { mentions, isRowLink, isActionLink };
  return outbox.every((e) => markupAllowed(e.message, allowed(e))) ? outbox : null;
}

/** The mentions a reminder of the row may carry: those its rule gives it (none if the rule is gone). */
function reminderMentionsOf(ctx: WorkContext, row: RoutedRow, e: OutboxEntry): string[] {
  const id = e.reminder ? e.reminder.rule : '';
  const rule = ctx.rules.reminders.filter((r) => r.id === id)[0];
  return rule ? reminderMentions(rule, row.values).mentions : [];
}

interface Decision {
  message: RowMessage | null;
  /** Set when the row's route moved it: the webhook its thread leaves. */
  movedFrom: string | null;
  changes: Change[];
}

/** The changes since the row was delivered; null when the values delivered are not known. */
function changesSince(ctx: WorkContext, values: RowValues, previous: Ledger | null) {
  if (!previous || previous.deliveredPartial || !Object.keys(previous.delivered).length)
    return null;
  const key = { label: ctx.table.keyColumn.label, value: values.key };
  return diffSnapshot(previous.delivered, [key].concat(values.fields));
}

/** An update shows the watched changes it can show; with none, the row ends quietly. */
function update(ctx: WorkContext, row: RoutedRow, changes: Change[]): Decision {
  const watched = ctx.rules.watched;
  const shown = inListedOrder(
    watched ? changes.filter((c) => watched.indexOf(c.label) >= 0) : changes,
    ctx.rules.changesShown,
  );
  if (shown.length)
    return { message: { kind: 'update', changes: shown }, movedFrom: null, changes };
  const selected = row.planned.reason === 'selected';
  return {
    message: selected ? { kind: 'resend', fields: row.values.fields } : null,
    movedFrom: null,
    changes,
  };
}

/**
 * The message a row needs (null: it ends quietly), and whether it moves. `previous` is its
 * ledger as read (null for a copy, or when lost).
 */
function decide(
  ctx: WorkContext,
  item: WorkItem,
  row: RoutedRow,
  previous: Ledger | null,
): Decision {
  const { planned, values, route } = row;
  const stored = planned.copy ? '' : item.state.version;
  const everSent = !planned.copy && (statusOf(item.state) === STATUS.SENT || stored !== '');
  const fields = values.fields;
  if (!everSent) return { message: { kind: 'new', fields }, movedFrom: null, changes: [] };
  // A row whose delivery a stopped run had not finished recording, and that did not change since.
  if (planned.reason === 'repair' && stored === values.version)
    return { message: null, movedFrom: null, changes: [] };
  const since = changesSince(ctx, values, previous);
  const changes = since || [];
  const from = previous && previous.webhook ? previous.webhook : route;
  if (from !== route) {
    const moving = changes.filter((c) => ctx.rules.routeColumns.indexOf(c.label) >= 0);
    const shown = inListedOrder(moving.length ? moving : changes, ctx.rules.changesShown);
    return { message: { kind: 'moved-in', fields, changes: shown }, movedFrom: from, changes };
  }
  if (planned.reason === 'rebuild' && !since) return { message: null, movedFrom: null, changes };
  if (stored !== '' && stored === values.version && planned.reason !== 'rebuild') {
    return { message: { kind: 'resend', fields }, movedFrom: null, changes: [] };
  }
  if (!since) {
    const kind = planned.reason === 'selected' ? 'resend' : 'changed';
    return { message: { kind, fields }, movedFrom: null, changes };
  }
  return update(ctx, row, changes);
}

/** Starts a new logical send (new requestId), unless this retries one in flight with no outbox. */
function startSend(ctx: WorkContext, item: WorkItem, status: string, previous: Ledger | null) {
  const ledger = item.state.ledger;
  const version = item.values.version;
  const retry =
    previous !== null &&
    status === STATUS.PENDING &&
    previous.sendingVersion === version &&
    previous.requestId !== '';
  if (retry) return;
  ledger.sendCount += 1;
  ledger.sendingVersion = version;
  ledger.requestId = requestIdFor(
    ctx.identity,
    item.values.key,
    ledger.rowId,
    version,
    ledger.sendCount,
  );
}

/**
 * Whom a message pings: the mentions that hold now and (for an update) did not before, and
 * likewise the addresses of `{{Column}}` mentions the directory does not list.
 */
function mentionsFor(ctx: WorkContext, item: WorkItem, message: RowMessage): RowMentions {
  const now = ctx.rules.mentions(item.values);
  if (message.kind === 'new' || now.unreadable) return now;
  if (!now.mentions.length && !now.notFound.length) return now;
  const before = ctx.rules.mentions(keptRow(item.state.ledger.delivered, item.values));
  return {
    mentions: now.mentions.filter((m) => before.mentions.indexOf(m) < 0),
    notFound: now.notFound.filter(
      (n) => !before.notFound.some((b) => b.label === n.label && b.address === n.address),
    ),
    unreadable: null,
  };
}

function outbound(
  ctx: WorkContext,
  item: WorkItem,
  decision: Decision,
  route: string,
  who: RowMentions,
): OutboxEntry[] {
  const message = decision.message as RowMessage;
  const ledger = item.state.ledger;
  const primary: OutboxEntry = {
    webhook: route,
    requestId: ledger.requestId,
    role: 'primary',
    message: ctx.composer.compose(
      message,
      item.values,
      who.mentions,
      item.threadKey,
      ledger.rowId,
      notFoundNote(who.notFound),
    ),
  };
  const from = decision.movedFrom;
  if (from === null || !ctx.webhook(from).ok || !ledger.threadKey) return [primary];
  const notice = (changes: Change[]): OutboxEntry => ({
    webhook: from,
    requestId: `${ledger.requestId}-moved`,
    role: 'notice',
    message: ctx.composer.compose(
      { kind: 'moved-out', destination: ctx.describeWebhook(route), changes },
      item.values,
      [],
      ledger.threadKey,
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
  item.noMessage = 'failed';
  item.state.ledger.sendingVersion = item.values.version;
  item.state.status = STATUS.FAILED;
  item.state.error = errorText(
    `The key column "${ctx.table.keyColumn.label}" is empty: fill it in to send this row`,
  );
  return item;
}

/** Whether a row was in flight as read: PENDING, or being made PENDING by a stopped run. */
function wasInFlight(read: RowState): boolean {
  const visible = read.ledger && read.ledger.visible;
  return statusOf(read) === STATUS.PENDING || (!!visible && visible.status === STATUS.PENDING);
}

/**
 * Works out the messages, or how the row ends without one, and the state of the relay cells
 * of one planned row (its write-ahead), from the state they were read in. A row that a stopped
 * run left half-written is first put back as its ledger says; a row whose outbox is lost is
 * rebuilt from its values, as a row whose ledger is lost.
 */
export function prepareWork(ctx: WorkContext, row: RoutedRow, read: RowState): WorkItem {
  const selected = row.planned.reason === 'selected';
  const checked = row.planned.copy ? [] : checkedOutbox(ctx, row, read);
  const item = prepareChecked(ctx, row, read, checked || []);
  item.outboxRebuilt =
    checked === null && !selected && wasInFlight(read) && item.noMessage === null;
  return item;
}

/** prepareWork, once the outbox is checked: `outbox` holds the messages in flight it keeps. */
function prepareChecked(
  ctx: WorkContext,
  row: RoutedRow,
  read: RowState,
  outbox: OutboxEntry[],
): WorkItem {
  const { planned } = row;
  const item = newItem(ctx, row, read);
  const selected = planned.reason === 'selected';
  const recovered = recoverCells(item.state, item.state.ledger, outbox);
  if (statusOf(item.state) === STATUS.PENDING && outbox.length && !selected)
    return resumeInFlight(ctx, item, outbox);
  if (item.values.key === '') return failEmptyKey(ctx, item);
  if (ctx.baseline) return recordWithoutMessage(item, 'marked', ctx.now());
  const previous = planned.copy ? null : read.ledger;
  return prepareSend(ctx, item, repairing(row, recovered, selected), previous);
}

/** A row whose delivery (or mark) a stopped run had not finished recording is repaired. */
function repairing(row: RoutedRow, recovered: Recovery, selected: boolean): RoutedRow {
  if (recovered !== 'sent' || selected) return row;
  return { ...row, planned: { ...row.planned, reason: 'repair' } };
}

/** The message a row needs now, marked PENDING with it; or how it ends without one. */
function prepareSend(
  ctx: WorkContext,
  item: WorkItem,
  row: RoutedRow,
  previous: Ledger | null,
): WorkItem {
  const status = statusOf(item.state);
  const route = row.route;
  const decision = decide(ctx, item, row, previous);
  if (!decision.message) return recordWithoutMessage(item, quietly(row.planned.reason), ctx.now());
  const message = decision.message;
  if (message.kind === 'update' || message.kind === 'moved-in') {
    // Named only beside a change it made that the message shows.
    const acted = actedFrom(previous, message.changes, item.values.valueOf, ctx.now());
    if (acted) message.actedFrom = acted;
  }
  const state = ctx.webhook(route);
  if (!state.ok) return hold(item, route, state.reason);
  const who = mentionsFor(ctx, item, decision.message);
  if (who.unreadable !== null) return waitForPeople(item, who.unreadable);
  item.threadKey = threadKeyOf(ctx, item, decision);
  item.webhook = route;
  startSend(ctx, item, status, previous);
  item.state.outbox = outbound(ctx, item, decision, route, who);
  item.state.ledger.sendingValues = item.sendingValues;
  item.state.status = STATUS.PENDING;
  return item;
}

/** How a row that needs no message ends. */
function quietly(reason: RoutedRow['planned']['reason']): NoMessage {
  if (reason === 'rebuild') return 'rebuilt';
  return reason === 'repair' ? 'repaired' : 'quiet';
}

/**
 * The thread the primary message goes to. A row keeps the thread it started
 * in, also when its key changes; a new row, or a row moved to another space,
 * starts or joins its key's thread there. Ledgers from before thread keys
 * were kept give the key as it was delivered.
 */
function threadKeyOf(ctx: WorkContext, item: WorkItem, decision: Decision): string {
  const kind = (decision.message as RowMessage).kind;
  const ledger = item.state.ledger;
  if (kind === 'new' || decision.movedFrom !== null)
    return threadKeyFor(ctx.identity, item.values.key);
  if (ledger.threadKey) return ledger.threadKey;
  const kept = ledger.delivered[ctx.table.keyColumn.label];
  const deliveredKey = kept && kept.indexOf('\u001f') < 0 ? kept : item.values.key;
  return threadKeyFor(ctx.identity, deliveredKey);
}
