/**
 * The hidden, machine-readable part of a row's ledger and its JSON forms:
 * the "Chat Ledger" cell (the row's identity, its sends, its values as
 * delivered, and a copy of its visible relay cells) and the "Chat Outbox"
 * cell (the messages in flight, exactly as they were sent, so a retry
 * repeats them). The short storage keys exist only here, so that ledgers
 * written by earlier versions keep being read.
 */
import { ChatMessage } from '../chat/message-types';
import { composedShape } from './compose/check';
import { FiredReminder, ReminderState, ReminderStates } from './reminder-schedule';

/** Field values (labels to values) as a ledger keeps them: as delivered, or as being sent. */
export type KeptValues = { [label: string]: string };

/** Values kept in a ledger, by label ('' for a label not kept). */
export function valueOfKept(values: KeptValues): (label: string) => string {
  return (label) => (Object.prototype.hasOwnProperty.call(values, label) ? values[label] : '');
}

export interface ValuesSnapshot {
  values: KeptValues;
  /** The values could not be kept at all: an update shows every field. */
  partial: boolean;
}

/**
 * The row's visible relay cells as the write that stored the ledger left
 * them. The ledger is written before them (see LedgerStore), so a run
 * stopped half-way through a row's write leaves them behind the ledger, and
 * the next run restores them from here.
 */
export interface VisibleCells {
  status: string;
  thread: string;
  /** Chat Sent At: epoch milliseconds of a date, or the cell's text. */
  sentAt: number | string;
  error: string;
  version: string;
}

/**
 * A confirmed action (from a button in Chat), recorded in the row's ledger
 * before it wrote the row's cells: the next update of the row that shows
 * those values says who acted (see acted.ts), and once delivered the record
 * goes.
 */
export interface ActionRecord {
  /** The action's label ("Claim"). */
  label: string;
  /** The e-mail address of who confirmed it. */
  user: string;
  /** When, epoch milliseconds. */
  at: number;
  /** The text written in each cell, by label (the cells given a date are in `dated`). */
  values: KeptValues;
  /** The labels of the cells given the date of confirming ({{_now}}). */
  dated: string[];
}

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
  delivered: KeptValues;
  /** The delivered values could not be kept at all: the next update shows every field. */
  deliveredPartial: boolean;
  /** The thread key of the row's thread ('' before its first message, or from an old ledger). */
  threadKey: string;
  /** The webhook NAME of the space the row's thread is in ('' when unknown). */
  webhook: string;
  /** The values the send in flight carries: recorded as delivered once it succeeds. */
  sendingValues: ValuesSnapshot | null;
  /** The visible cells this ledger was written with (null in ledgers of earlier versions). */
  visible: VisibleCells | null;
  /** The clock of each reminder rule whose condition holds for the row, by rule id (none: no clock). */
  reminders?: ReminderStates;
  /** The action confirmed from Chat that the row's next update is to name (absent: none). */
  action?: ActionRecord;
}

/** The stored JSON: short keys, `id` first (rowIdOf relies on it for speed). */
interface StoredLedger {
  id: string;
  n: number;
  req: string;
  att: string;
  snap: KeptValues;
  partial?: boolean;
  tk?: string;
  hook?: string;
  pend?: KeptValues;
  pendPartial?: boolean;
  vis?: { st: string; th: string; at: number | string; er: string; v: string };
  /** Reminder clocks by rule id: since, when the last one was due, how many were started. */
  rem?: { [ruleId: string]: { s: number; l: number; n: number } };
  act?: { l: string; u: string; at: number; v: KeptValues; d?: string[] };
}

/** One message in flight: where it goes, its requestId, and its body exactly as first sent. */
export interface OutboxEntry {
  /** The webhook NAME it goes to. */
  webhook: string;
  requestId: string;
  message: ChatMessage;
  /**
   * `primary`: the row's message; `notice`: the line left in the thread a row moved out of;
   * `reminder`: a reminder in the row's thread.
   */
  role: 'primary' | 'notice' | 'reminder';
  /** A reminder's rule and its clock once the reminder is in (see reminder-schedule.ts). */
  reminder?: FiredReminder;
}

export function newLedger(rowId: string): Ledger {
  return {
    rowId,
    sendCount: 0,
    requestId: '',
    sendingVersion: '',
    delivered: {},
    deliveredPartial: false,
    threadKey: '',
    webhook: '',
    sendingValues: null,
    visible: null,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function visibleCells(value: StoredLedger['vis']): VisibleCells | null {
  if (typeof value !== 'object' || value === null) return null;
  const at = value.at;
  return {
    status: text(value.st),
    thread: text(value.th),
    sentAt: typeof at === 'number' && isFinite(at) ? at : text(at),
    error: text(value.er),
    version: text(value.v),
  };
}

function values(value: unknown): KeptValues | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as KeptValues)
    : null;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && isFinite(v) && v >= 0;

/** A reminder's rule and clock as an outbox entry keeps them, or null. */
function firedReminder(value: StoredEntry['rem']): FiredReminder | null {
  if (typeof value !== 'object' || value === null) return null;
  const { r, s, l, n } = value;
  if (typeof r !== 'string' || r === '' || !isTime(s) || !isTime(l) || !isTime(n)) return null;
  return { rule: r, since: s, last: l, count: n };
}

/** The reminder clocks kept, each of the shape written (any other is left out: its clock starts over). */
function reminderStates(value: StoredLedger['rem']): ReminderStates {
  const out: ReminderStates = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  Object.keys(value).forEach((id) => {
    const v = value[id];
    if (v && isTime(v.s) && isTime(v.l) && isTime(v.n)) {
      const state: ReminderState = { since: v.s, last: v.l, count: v.n };
      out[id] = state;
    }
  });
  return out;
}

function actionRecord(value: StoredLedger['act']): ActionRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const kept = values(value.v);
  if (typeof value.l !== 'string' || typeof value.u !== 'string' || !kept) return null;
  if (typeof value.at !== 'number' || !isFinite(value.at)) return null;
  const dated = Array.isArray(value.d) ? value.d.filter((d) => typeof d === 'string') : [];
  return { label: value.l, user: value.u, at: value.at, values: kept, dated };
}

/** The ledger in a cell, or null when the cell holds none (empty, damaged, not ours). */
export function parseLedger(cell: unknown): Ledger | null {
  if (typeof cell !== 'string' || cell.charAt(0) !== '{') return null;
  let value: StoredLedger;
  try {
    value = JSON.parse(cell) as StoredLedger;
  } catch {
    return null;
  }
  if (!value || typeof value.id !== 'string' || typeof value.n !== 'number') return null;
  const pending = values(value.pend);
  const action = actionRecord(value.act);
  const ledger: Ledger = {
    rowId: value.id,
    sendCount: value.n,
    requestId: text(value.req),
    sendingVersion: text(value.att),
    delivered: values(value.snap) || {},
    deliveredPartial: value.partial === true,
    threadKey: text(value.tk),
    webhook: text(value.hook),
    sendingValues: pending ? { values: pending, partial: value.pendPartial === true } : null,
    visible: visibleCells(value.vis),
    ...(value.rem ? { reminders: reminderStates(value.rem) } : {}),
  };
  if (action) ledger.action = action;
  return ledger;
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
  if (ledger.threadKey) stored.tk = ledger.threadKey;
  if (ledger.webhook) stored.hook = ledger.webhook;
  if (ledger.sendingValues) {
    stored.pend = ledger.sendingValues.values;
    if (ledger.sendingValues.partial) stored.pendPartial = true;
  }
  const v = ledger.visible;
  if (v) stored.vis = { st: v.status, th: v.thread, at: v.sentAt, er: v.error, v: v.version };
  const clocks = ledger.reminders || {};
  const ids = Object.keys(clocks);
  if (ids.length) {
    stored.rem = {};
    ids.forEach((id) => {
      const r = clocks[id];
      (stored.rem as NonNullable<StoredLedger['rem']>)[id] = { s: r.since, l: r.last, n: r.count };
    });
  }
  const a = ledger.action;
  if (a) stored.act = { l: a.label, u: a.user, at: a.at, v: a.values, d: a.dated };
  return JSON.stringify(stored);
}

const LEADING_ID = /^\{"id":"((?:[^"\\]|\\.)*)"/;

/**
 * The row ID in a ledger cell, without parsing the whole JSON when it was
 * written by serializeLedger (which puts `id` first); other cells are parsed.
 */
export function rowIdOf(cell: unknown): string | null {
  if (typeof cell !== 'string' || cell.charAt(0) !== '{') return null;
  const match = LEADING_ID.exec(cell);
  if (match && match[1].indexOf('\\') < 0) return match[1];
  const ledger = parseLedger(cell);
  return ledger ? ledger.rowId : null;
}

/** An outbox entry as stored. */
interface StoredEntry {
  hook: string;
  req: string;
  msg: unknown;
  role?: string;
  rem?: { r: string; s: number; l: number; n: number };
}

const ENTRY_KEYS = ['hook', 'req', 'msg', 'role', 'rem'];
const ROLES = ['primary', 'notice', 'reminder'];

function outboxEntry(value: unknown): OutboxEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const e = value as StoredEntry;
  if (Object.keys(e).some((k) => ENTRY_KEYS.indexOf(k) < 0)) return null;
  if (typeof e.hook !== 'string' || typeof e.req !== 'string') return null;
  // Entries written before roles were kept are primary messages.
  const role = (e.role === undefined ? 'primary' : e.role) as OutboxEntry['role'];
  if (ROLES.indexOf(role) < 0) return null;
  // A reminder says which rule it is of, and its clock once it is in; no other message does.
  const reminder = firedReminder(e.rem);
  if ((role === 'reminder') !== (reminder !== null) || (e.rem !== undefined && !reminder))
    return null;
  const message = composedShape(e.msg);
  if (!message) return null;
  const entry: OutboxEntry = { webhook: e.hook, requestId: e.req, message, role };
  if (reminder) entry.reminder = reminder;
  return entry;
}

/**
 * The messages in flight in an outbox cell: none when the cell is empty, null when it holds
 * anything but an outbox the relay could have written (damaged, or edited by hand), every entry
 * a message of the composer's shape (see compose/check.ts). A cell that is not an outbox is lost.
 */
export function parseOutbox(cell: unknown): OutboxEntry[] | null {
  if (cell === '' || cell === null || cell === undefined) return [];
  if (typeof cell !== 'string' || cell.charAt(0) !== '[') return null;
  let stored: unknown;
  try {
    stored = JSON.parse(cell);
  } catch {
    return null;
  }
  if (!Array.isArray(stored)) return null;
  const entries = stored.map(outboxEntry);
  return entries.every((e) => e !== null) ? (entries as OutboxEntry[]) : null;
}

export function serializeOutbox(entries: OutboxEntry[]): string {
  if (!entries.length) return '';
  return JSON.stringify(
    entries.map((e) => {
      const stored: StoredEntry = {
        hook: e.webhook,
        req: e.requestId,
        role: e.role,
        msg: e.message,
      };
      const r = e.reminder;
      if (r) stored.rem = { r: r.rule, s: r.since, l: r.last, n: r.count };
      return stored;
    }),
  );
}
