/**
 * Reminders in a run: for every followed sheet with `reminders`, in a run
 * that sends what is due (the schedule, Send pending rows, a form
 * submission), the clock of each rule for each row is kept in the row's
 * ledger (see reminder-schedule.ts) and each reminder due goes out as a
 * reply in the row's own thread, exactly once:
 *
 * - Only a row that has a thread (its Chat Thread cell) and is SENT gets
 *   reminders; its clocks start at the first run that sees a rule hold,
 *   the run that posts the row included.
 * - A reminder is written ahead like every message: the row becomes PENDING
 *   with the reminder in its Chat Outbox (role `reminder`, its requestId
 *   derived from the row ID, the rule and which reminder it is); the send
 *   loop sends it, paced and within the run's time, and once Chat has it the
 *   row is SENT again and the rule's clock counts it (outcome.ts). A run
 *   stopped in between leaves the row to the next, which sends the very same
 *   message; a write-ahead that did not land leaves the clock as it was, so
 *   the reminder is due again, with the same requestId.
 * - Rows the run works on anyway (new, changed, pending) have their clocks
 *   kept in the same write; a row that changed only in a column no message
 *   shows takes its due reminder in that write too. Other rows are read and
 *   written only when a rule starts or stops holding for them or a reminder
 *   is due: an idle run reads no ledger (see reminder-cache.ts).
 */
import { ConditionRow } from '../config/conditions';
import { STATUS } from './columns';
import { SheetIdentity, reminderRequestIdFor } from './ids';
import { Ledger, OutboxEntry, parseLedger } from './ledger-codec';
import { LedgerStore } from './ledger-store';
import { RowComposer } from './message-context';
import {
  CacheEntries,
  CacheEntry,
  ReminderCacheStore,
  nothingDue,
  parseCache,
  serializeCache,
  signature,
} from './reminder-cache';
import { BoundReminder, holdingReminders, reminderMentions } from './reminder-rules';
import {
  ReminderStates,
  clocksOf,
  dueAt,
  fired,
  sameStates,
  trackStates,
} from './reminder-schedule';

import { RowState, WrittenRowState, statusOf } from './row-state';
import { RowReader, RowValues } from './rows';
import { SheetRules } from './rules';
import { Table } from './table';
import { WebhookState, WorkItem } from './work';

/**
 * The hook for quiet hours: until when a row's reminders are held (epoch ms), or null when they
 * may go now. A held reminder stays due and goes out at the first run after that time.
 */
export type ReminderHold = (row: ConditionRow, now: number) => number | null;

/** What the reminders of one followed table need in a run. */
export interface ReminderTable {
  tableIndex: number;
  table: Table;
  reader: RowReader;
  rules: SheetRules;
  identity: SheetIdentity;
  composer: RowComposer;
  store: LedgerStore;
  webhook(name: string): WebhookState;
  held: ReminderHold;
  /** Counts a reminder due now that quiet hours hold (the summary says so). */
  noteHeld?(): void;
}

/** A row (not otherwise worked on in this run) whose clocks change, or whose reminder is due. */
interface RowWork {
  position: number;
  states: ReminderStates;
  /** The reminder that goes out now, if one does. */
  send: BoundReminder | null;
  /** The clocks change (a rule started or stopped holding). */
  changed: boolean;
  /** The row's webhook (its thread's), where the reminder goes. */
  webhook: string;
}

/** One table's part: the rows whose rules hold, and what the run does about them. */
interface TableScan {
  t: ReminderTable;
  /** Rows with a thread whose rules hold (positions as read), and which rules. */
  holding: Map<number, BoundReminder[]>;
  /** The rules' ids and timings, as the fingerprint takes them. */
  rulesKey: string;
  sig: string;
  cached: CacheEntry | undefined;
  /** The ledgers read (miss), by position; null when the entry said there was nothing to do. */
  ledgers: Map<number, Ledger> | null;
  work: RowWork[];
  /** Rows a stopped run left half-written by a reminder: the main plan repairs them. */
  repairs: number[];
}

const ids = (rules: BoundReminder[]) => rules.map((r) => r.id);

/** The line of a row in the fingerprint: its thread and the ids of its rules that hold. */
function rowLine(thread: string, rules: BoundReminder[]): string {
  return `${thread}\u0001${ids(rules).join(',')}`;
}

/** Rows with a thread (non-blank) whose rules hold, as read. */
function holdingRows(t: ReminderTable): Map<number, BoundReminder[]> {
  const out = new Map<number, BoundReminder[]>();
  const { table, reader, rules } = t;
  table.rows.forEach((cells, p) => {
    if (reader.shown(cells, 'thread') === '' || reader.isBlank(cells)) return;
    const holding = holdingReminders(rules.reminders, reader.conditionRow(p));
    if (holding.length) out.set(p, holding);
  });
  return out;
}

function fingerprint(scan: Pick<TableScan, 'rulesKey'>, lines: string[]): string {
  return signature(scan.rulesKey, lines);
}

/**
 * The reminder of `holding` due now for a row, if it can go now: its thread and webhook known
 * and usable, not held by quiet hours. At most one per row and run (the first due, in order).
 */
function dueReminder(
  t: ReminderTable,
  ledger: Ledger,
  holding: BoundReminder[],
  states: ReminderStates,
  row: ConditionRow,
  now: number,
): BoundReminder | null {
  if (!ledger.threadKey || !ledger.webhook || !t.webhook(ledger.webhook).ok) return null;
  const due = holding.filter((r) => dueAt(r, states[r.id]) <= now)[0] || null;
  if (!due) return null;
  const heldUntil = t.held(row, now);
  if (heldUntil === null || heldUntil <= now) return due;
  if (t.noteHeld) t.noteHeld();
  return null;
}

/** The ledger cells of rows top..bottom (one range call), parsed where they can matter. */
function readLedgers(
  t: ReminderTable,
  top: number,
  bottom: number,
  holding: Map<number, BoundReminder[]>,
): Map<number, Ledger> {
  const out = new Map<number, Ledger>();
  const cells = t.store.readLedgerColumn(top, bottom);
  cells.forEach((cell, i) => {
    const p = top + i;
    // A row whose rules do not hold matters only if it still keeps a clock (to stop it).
    if (!holding.has(p) && (typeof cell !== 'string' || cell.indexOf('"rem":') < 0)) return;
    const ledger = parseLedger(cell);
    if (ledger) out.set(p, ledger);
  });
  return out;
}

/** What a row needs, from its ledger as read: repair, new clocks, a reminder, or nothing. */
function scanRow(scan: TableScan, p: number, ledger: Ledger, now: number): void {
  const { t } = scan;
  const cells = t.table.rows[p];
  const status = t.reader.status(cells);
  if (status !== STATUS.SENT || t.reader.isBlank(cells)) return;
  // A reminder written ahead by a run stopped before its Chat Status: resumed by the main plan.
  if (ledger.visible && ledger.visible.status !== status) {
    scan.repairs.push(p);
    return;
  }
  const holding = scan.holding.get(p) || [];
  const states = trackStates(clocksOf(ledger), ids(holding), now);
  const send = dueReminder(t, ledger, holding, states, t.reader.conditionRow(p), now);
  const changed = !sameStates(states, clocksOf(ledger));
  if (send || changed)
    scan.work.push({ position: p, states, send, changed, webhook: ledger.webhook });
}

/**
 * A table's scan: which rows' rules hold, and, unless the cache entry says nothing is to be
 * done, the ledgers of the rows that matter (one range call) and what each needs. Rows the main
 * plan works on (`planned`) are left to it.
 */
function scanTable(
  t: ReminderTable,
  cached: CacheEntry | undefined,
  planned: Set<number>,
  now: number,
): TableScan {
  const holding = holdingRows(t);
  const rulesKey = JSON.stringify(t.rules.reminders.map((r) => [r.id, r.afterMs, r.everyMs]));
  const lines: string[] = [];
  holding.forEach((rules, p) =>
    lines.push(rowLine(t.reader.shown(t.table.rows[p], 'thread'), rules)),
  );
  const sig = fingerprint({ rulesKey }, lines);
  const scan: TableScan = {
    t,
    holding,
    rulesKey,
    sig,
    cached,
    ledgers: null,
    work: [],
    repairs: [],
  };
  if (nothingDue(cached, sig, now) || t.table.missing.indexOf('ledger') >= 0) return scan;
  // The same rows hold as when the entry was written: only theirs can be due. Else any row may keep a clock to stop.
  const same = !!cached && cached.sig === sig;
  let top = same ? Infinity : 0;
  let bottom = same ? -1 : t.table.rows.length - 1;
  if (same) holding.forEach((_, p) => ((top = Math.min(top, p)), (bottom = Math.max(bottom, p))));
  scan.ledgers = bottom >= top ? readLedgers(t, top, bottom, holding) : new Map();
  scan.ledgers.forEach((ledger, p) => !planned.has(p) && scanRow(scan, p, ledger, now));
  return scan;
}

/**
 * The reminder entry of a row's outbox, due now: its requestId counts which reminder of the
 * rule it is, and it carries the rule's clock once it is in.
 */
function reminderEntry(
  t: ReminderTable,
  values: RowValues,
  ledger: Ledger,
  rule: BoundReminder,
  now: number,
): OutboxEntry {
  const state = clocksOf(ledger)[rule.id];
  const next = fired(rule, state, now);
  const text = { template: rule.text, words: rule.words, heldMs: now - state.since };
  const who = reminderMentions(rule, values);
  return {
    webhook: ledger.webhook,
    requestId: reminderRequestIdFor(t.identity, ledger.rowId, rule.id, next.since, next.count),
    role: 'reminder',
    reminder: { rule: rule.id, since: next.since, last: next.last, count: next.count },
    message: t.composer.reminder(values, text, who.mentions, ledger.threadKey, who.note),
  };
}

/**
 * The work item of a row the main plan does not work on: its clocks as they are now and, with a
 * reminder due, the row PENDING with the reminder in its outbox. What it records as delivered
 * once the reminder is in stays what was delivered: the row's values are not its message.
 */
function reminderItem(
  scan: TableScan,
  work: RowWork,
  read: RowState,
  now: number,
): WorkItem | null {
  const { t } = scan;
  const previous = read.ledger;
  if (!previous || statusOf(read) !== STATUS.SENT || read.outbox === null || read.outbox.length)
    return null;
  const ledger: Ledger = { ...previous, reminders: work.states };
  const state: WrittenRowState = { ...read, ledger, outbox: [] };
  const values = t.reader.values(work.position);
  const kept = { values: previous.delivered, partial: previous.deliveredPartial };
  const item: WorkItem = {
    tableIndex: t.tableIndex,
    currentPosition: work.position,
    values,
    route: work.webhook,
    state,
    noMessage: null,
    sendingValues: kept,
    sendingVersion: read.version,
    threadKey: previous.threadKey,
    webhook: work.webhook,
    outboxRebuilt: false,
  };
  if (work.send) {
    state.outbox = [reminderEntry(t, values, ledger, work.send, now)];
    state.status = STATUS.PENDING;
    ledger.sendingValues = kept;
    ledger.sendingVersion = read.version;
  }
  return item;
}

/** The earliest time a reminder of a row is due, as far as it can go out (Infinity: none). */
function rowDue(
  t: ReminderTable,
  holding: BoundReminder[],
  states: ReminderStates,
  ledger: Ledger,
  row: ConditionRow,
  now: number,
): number {
  if (!ledger.threadKey || !ledger.webhook) return Infinity;
  const times = holding.filter((r) => states[r.id]).map((r) => dueAt(r, states[r.id]));
  const due = Math.min(Infinity, ...times);
  const heldUntil = due <= now ? t.held(row, now) : null;
  return heldUntil !== null && heldUntil > due ? heldUntil : due;
}

/**
 * Every table's reminders in one run: scans them before the run's work is prepared, keeps the
 * clocks of the rows the run works on anyway, builds the work of the others, and writes the
 * cache entries once the run is over.
 */
export class RunReminders {
  private readonly scans: TableScan[] = [];
  private readonly entries: CacheEntries;
  /** Reminders due that this run had no room left for (see items). */
  leftOver = 0;

  constructor(
    tables: ReminderTable[],
    planned: Array<Set<number>>,
    private readonly cache: ReminderCacheStore | null,
    private readonly now: number,
  ) {
    this.entries = tables.length && cache ? parseCache(cache.read()) : {};
    tables.forEach((t) =>
      this.scans.push(scanTable(t, this.entries[t.table.name], planned[t.tableIndex], now)),
    );
  }

  /** Rows of a table that the main plan is to repair (left half-written by a reminder). */
  repairs(tableIndex: number): number[] {
    const scan = this.scanOf(tableIndex);
    return scan ? scan.repairs : [];
  }

  /**
   * The work items of the rows only reminders work on; a reminder `take` refuses (no room left
   * in this run) stays due, and its row's clocks are written without it.
   */
  items(take: (webhook: string) => boolean): WorkItem[] {
    const out: WorkItem[] = [];
    this.scans.forEach((scan) => {
      if (!scan.work.length) return;
      const reads = scan.t.store.readRows(scan.work.map((w) => w.position));
      scan.work.forEach((w) => {
        const refused = w.send !== null && !take(w.webhook);
        if (refused) this.leftOver++;
        const work = refused ? this.withoutSend(w) : w;
        const item = work
          ? reminderItem(scan, work, reads.get(w.position) as RowState, this.now)
          : null;
        if (item) out.push(item);
      });
    });
    return out;
  }

  /** The row's work without its reminder: its clocks only, if they change. */
  private withoutSend(w: RowWork): RowWork | null {
    return w.changed ? { ...w, send: null } : null;
  }

  /**
   * Keeps the clocks of a row the run works on anyway, in its own write: started, kept or
   * stopped as its rules hold now (a row posted in this run has a thread from now on). A row
   * that ends quietly (a change no message shows) takes its due reminder in that write.
   */
  track(item: WorkItem): void {
    const scan = this.scanOf(item.tableIndex);
    if (!scan) return;
    const { t } = scan;
    const ledger = item.state.ledger;
    const threaded =
      item.state.thread !== '' || item.state.outbox.some((e) => e.role === 'primary');
    const holding = threaded ? holdingReminders(t.rules.reminders, item.values) : [];
    ledger.reminders = trackStates(clocksOf(ledger), ids(holding), this.now);
    const quietly = item.noMessage === 'quiet' || item.noMessage === 'repaired';
    if (quietly && statusOf(item.state) === STATUS.SENT && item.state.thread)
      this.attach(scan, item, holding);
  }

  /**
   * A quiet row's due reminder, written ahead as any message: PENDING, its Chat Version left as
   * it was read (so a run stopped before the Chat Status is written leaves the row planned).
   */
  private attach(scan: TableScan, item: WorkItem, holding: BoundReminder[]): void {
    const { t } = scan;
    const ledger = item.state.ledger;
    const send = dueReminder(t, ledger, holding, clocksOf(ledger), item.values, this.now);
    if (!send) return;
    item.noMessage = null;
    item.state.version = t.reader.shown(t.table.rows[item.values.position], 'version');
    item.state.outbox = [reminderEntry(t, item.values, ledger, send, this.now)];
    item.state.status = STATUS.PENDING;
    ledger.sendingValues = item.sendingValues;
    item.threadKey = ledger.threadKey;
    item.webhook = ledger.webhook;
  }

  /**
   * Once the run is over: each table's cache entry as its rows now stand (threads given by this
   * run included), written in one go if any changed. A run that stopped early drops its tables'
   * entries, so that the next run reads what it needs.
   */
  finish(items: WorkItem[], stoppedEarly: boolean): void {
    if (!this.cache || !this.scans.length) return;
    const before = serializeCache(this.entries);
    this.scans.forEach((scan) => {
      const name = scan.t.table.name;
      if (stoppedEarly) delete this.entries[name];
      else this.entries[name] = this.entryAfter(scan, items);
    });
    const after = serializeCache(this.entries);
    if (after !== before) this.cache.write(after);
  }

  /** A table's entry after the run: the fingerprint of its rows now, and the earliest due time. */
  private entryAfter(scan: TableScan, items: WorkItem[]): CacheEntry {
    const { t } = scan;
    const mine = new Map<number, WorkItem>();
    items.forEach((i) => i.tableIndex === t.tableIndex && mine.set(i.values.position, i));
    if (!scan.ledgers && !mine.size && scan.cached) return scan.cached;
    const lines: string[] = [];
    // Only the ledgers read (or written) tell a due time; the others' are in the entry.
    const kept = scan.cached && scan.cached.due !== null ? scan.cached.due : Infinity;
    let due = scan.ledgers ? Infinity : kept;
    t.table.rows.forEach((cells, p) => {
      const item = mine.get(p);
      const holding = item ? this.holdingAfter(t, item) : scan.holding.get(p);
      if (!holding || !holding.length) return;
      lines.push(rowLine(item ? item.state.thread : t.reader.shown(cells, 'thread'), holding));
      const ledger = item ? item.state.ledger : scan.ledgers && scan.ledgers.get(p);
      const status = item ? statusOf(item.state) : t.reader.status(cells);
      // A row in flight is the main plan's next run; a row not SENT gets no reminder.
      if (!ledger || status !== STATUS.SENT) return;
      const row = t.reader.conditionRow(p);
      due = Math.min(due, rowDue(t, holding, clocksOf(ledger), ledger, row, this.now));
    });
    return { sig: fingerprint(scan, lines), due: due === Infinity ? null : due };
  }

  /** The rules that hold for a row the run worked on, once it has a thread. */
  private holdingAfter(t: ReminderTable, item: WorkItem): BoundReminder[] {
    if (!item.state.thread || t.reader.isBlank(t.table.rows[item.values.position])) return [];
    return holdingReminders(t.rules.reminders, item.values);
  }

  private scanOf(tableIndex: number): TableScan | null {
    return this.scans.filter((s) => s.t.tableIndex === tableIndex)[0] || null;
  }
}
