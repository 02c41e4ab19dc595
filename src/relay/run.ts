/**
 * One relay run over every followed sheet: plan the rows that need a message,
 * mark the rows this run can send PENDING with the messages they are about to
 * send (the write-ahead), then send them, several spaces at once, and write
 * the outcomes in batches. A run killed at any instant loses nothing and
 * never double-posts:
 *
 * - killed before a row's send: the row is PENDING, the next run sends the
 *   very same message with the same requestId (from the row's outbox);
 * - killed after the send, before its outcome is written: the next run sends
 *   it again with the same requestId, and Chat returns the message it already
 *   created instead of posting it twice.
 *
 * Every planned row gets its permanent row ID in that first write, made right
 * after the sheets were read; afterwards rows are found by ID, so sorting,
 * inserting or deleting rows (or columns) during a run cannot misplace a
 * status.
 */
import { ChatClient, SendRequest, SendResult } from '../chat/client';
import { WebhookUrl } from '../chat/webhook-url';
import { Clock, RichTextFactory, SpreadsheetTimeZone } from '../ports';
import { STATUS } from './columns';
import { FailingWebhooks, WaitingFailure } from './failing-webhooks';
import { DigestPorts, sendDigests } from './digests';
import { SheetIdentity } from './ids';
import { LedgerStore } from './ledger-store';
import { RowComposer, SheetPlace } from './message-context';
import { Next, holdForWebhook, recordOutcome } from './outcome';
import { RoutedRow, Selection, planTable, routed } from './plan';
import { NOT_QUIET, QuietSpell, heldInQuietHours, quietSpell } from './quiet-hours';
import { ReminderCacheStore } from './reminder-cache';
import { ReminderHold, RunReminders } from './reminders';
import { RowState, statusOf, writtenCopy } from './row-state';
import { RowReader, rowReader } from './rows';
import { SheetRules } from './rules';
import { RunReport, SheetSummary, StopReason, emptySummary } from './summary';
import { Table } from './table';
import { WorkContext, WorkItem, prepareWork } from './work';

export type { Selection } from './plan';
export type { RunReport, SheetSummary } from './summary';

/** What a run does with one followed table: its rules, which rows, how its messages are made. */
export interface TableRun {
  table: Table;
  rules: SheetRules;
  identity: SheetIdentity;
  selection: Selection;
  /** The row messages of this table as sent, thread included. */
  composer: RowComposer;
  /** The spreadsheet around the table, for its digests' links; without it, it posts no digest. */
  place?: SheetPlace;
  /** Quiet hours' hook: until when a row's reminders are held (none: never held). */
  holdReminders?: ReminderHold;
}

/** A webhook NAME, as this run can use it. */
export type ResolvedWebhook = { ok: true; url: WebhookUrl } | { ok: false; reason: string };

export interface RelayDeps {
  client: ChatClient;
  clock: Clock;
  /** The spreadsheet's time zone's wall clock, for quiet hours (asked only when a sheet has them). */
  timeZone: SpreadsheetTimeZone;
  random: () => number;
  /** Commits pending sheet writes (SpreadsheetApp.flush). */
  flush: () => void;
  webhook(name: string): ResolvedWebhook;
  /** How a message names a webhook's space. */
  describeWebhook(name: string): string;
  /** Writes Chat Thread cells as links to their threads; without it, as plain text. */
  richText?: RichTextFactory;
  onProgress?: (done: number, total: number) => void;
  /** Digests (relay/digests.ts), sent before the rows with this client, pace and time budget. */
  digests?: DigestPorts;
  /** Where the reminders' shortcut for idle runs is kept (see reminder-cache.ts); none: every run reads. */
  reminderCache?: ReminderCacheStore;
}

export interface RunLimits {
  /** Epoch ms at which the whole execution started. */
  startedAt: number;
  /** No new send starts after startedAt + budgetMs. */
  budgetMs: number;
  /** Messages per space sent between two writes of their outcomes. */
  chunkSize: number;
  /** Stop sending to a space after this many transient failures in a row. */
  maxConsecutiveTransient: number;
  /** Chat's pace: one create per space per interval. */
  minIntervalMs: number;
  /** A webhook whose messages fail this many times with one error, none accepted, is at fault. */
  maxSameErrors: number;
}

/** The time the Chat client keeps in reserve for an attempt before a deadline (its default). */
const ATTEMPT_RESERVE_MS = 1000;

export const DEFAULT_LIMITS: Omit<RunLimits, 'startedAt'> = {
  budgetMs: 270000,
  chunkSize: 20,
  maxConsecutiveTransient: 3,
  minIntervalMs: 1000,
  maxSameErrors: 3,
};

/** A table's part in the run as it goes: how its rows read, its ledger store, its counts. */
interface TableState {
  run: TableRun;
  reader: RowReader;
  store: LedgerStore;
  summary: SheetSummary;
}

/** A planned row of the run, with its table. */
interface RunRow {
  table: TableState;
  tableIndex: number;
  row: RoutedRow;
}

/** Each webhook NAME resolved once for the run. */
function resolvedOnce(resolve: (name: string) => ResolvedWebhook) {
  const known = new Map<string, ResolvedWebhook>();
  return (name: string): ResolvedWebhook => {
    let hook = known.get(name);
    if (!hook) known.set(name, (hook = resolve(name)));
    return hook;
  };
}

/** The space a webhook NAME posts to (or a stand-in naming it, when it cannot be used). */
function spaceOfWebhook(hook: ResolvedWebhook, name: string): string {
  return hook.ok ? hook.url.space : `(${name})`;
}

/** PENDING rows of every sheet first (a submitted response before them), then the rest in sheet order. */
function globalOrder(tables: TableState[], plans: RoutedRow[][]): RunRow[] {
  const all: RunRow[] = [];
  plans.forEach((rows, tableIndex) =>
    rows.forEach((row) => all.push({ table: tables[tableIndex], tableIndex, row })),
  );
  const rank = (o: RunRow) =>
    o.row.planned.first ? 0 : o.row.planned.reason === 'pending' ? 1 : 2;
  return all
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map((x) => x.o);
}

/**
 * Whether one more message to a webhook NAME fits in this run: at most what each space's pace
 * allows before the time limit (everything, when adopting a sheet).
 */
function capacityOf(
  webhook: (name: string) => ResolvedWebhook,
  deps: RelayDeps,
  limits: RunLimits,
  baseline: boolean,
): (name: string) => boolean {
  if (baseline) return () => true;
  // Each space takes one create per interval; the client keeps a second in reserve per attempt.
  const left = Math.max(
    0,
    limits.startedAt + limits.budgetMs - deps.clock.now() - ATTEMPT_RESERVE_MS,
  );
  const capacity = Math.floor(left / Math.max(1, limits.minIntervalMs)) + 1;
  const used: { [space: string]: number } = {};
  return (name) => {
    const space = spaceOfWebhook(webhook(name), name);
    used[space] = (used[space] || 0) + 1;
    return used[space] <= capacity;
  };
}

/** A table's quiet hours at the run's instant (see quietOfTables). */
type QuietOf = (t: TableState) => QuietSpell;

/**
 * Each table's quiet hours, asked once per table at one instant, and only when the run has
 * something to hold (a row, a reminder or a digest due): a run that has none never asks the
 * wall clock. Only runs over what is due are quiet (not Send selected rows).
 */
function quietOfTables(deps: RelayDeps): QuietOf {
  const now = deps.clock.now();
  const quiet = new Map<TableState, QuietSpell>();
  return (t) => {
    let state = quiet.get(t);
    if (state) return state;
    const due = t.run.selection.kind === 'due';
    state = due
      ? quietSpell(t.run.rules.quietHours, now, deps.timeZone)
      : { ...NOT_QUIET, endsAt: 0 };
    t.summary.quietUntil = state.until;
    quiet.set(t, state);
    return state;
  };
}

/**
 * Quiet hours' hold on a table's reminders: until when a row's reminder waits (the end of
 * quiet hours), null when it may go now (not quiet, or the row matches `except`).
 */
function reminderHold(t: TableState, quietOf: QuietOf): ReminderHold {
  return (row) => {
    const quiet = quietOf(t);
    return heldInQuietHours(quiet, t.run.rules, row) ? quiet.endsAt : null;
  };
}

/**
 * The rows that go now, and those that wait if they would send a message: the rows of
 * sheets in quiet hours (scheduled runs, form submissions, Send pending rows) that do not
 * match `except`. Rows a person selected go now. Each quiet sheet's summary says until when.
 */
function splitQuiet(ordered: RunRow[], quietOf: QuietOf) {
  const going: RunRow[] = [];
  const waiting: RunRow[] = [];
  ordered.forEach((o) =>
    (heldInQuietHours(quietOf(o.table), o.table.run.rules, o.row.values) ? waiting : going).push(o),
  );
  return { going, waiting };
}

/**
 * The work of the rows this run goes on with: every row that may go now (`going`), and of
 * those waiting for the end of quiet hours, the ones that end without a message (they are
 * recorded now). The others are counted as held and left as they are: not written, not
 * marked PENDING, so the first run after quiet hours plans them again as it would have.
 */
function holdForQuietHours(going: RunRow[], waiting: RunRow[], contexts: WorkContext[]) {
  const items = prepareAll(going.concat(waiting), contexts);
  return items.filter((item, i) => {
    if (i < going.length || item.noMessage !== null) return true;
    const summary = waiting[i - going.length].table.summary;
    summary.heldForQuietHours++;
    if (waiting[i - going.length].row.planned.first) summary.heldSubmitted++;
    return false;
  });
}

/** What prepareWork needs to know of a table of the run. */
function workContext(
  table: TableState,
  tableIndex: number,
  webhook: (name: string) => ResolvedWebhook,
  deps: RelayDeps,
): WorkContext {
  const run = table.run;
  return {
    tableIndex,
    table: run.table,
    rules: run.rules,
    identity: run.identity,
    random: deps.random,
    now: () => deps.clock.now(),
    baseline: run.selection.kind === 'baseline',
    webhook: (name: string) => {
      const hook = webhook(name);
      return hook.ok ? { ok: true as const } : { ok: false as const, reason: hook.reason };
    },
    composer: run.composer,
    describeWebhook: (name: string) => deps.describeWebhook(name),
  };
}

function prepareAll(selected: RunRow[], contexts: WorkContext[]): WorkItem[] {
  const positions = new Map<TableState, number[]>();
  selected.forEach((o) =>
    positions.set(o.table, (positions.get(o.table) || []).concat(o.row.planned.position)),
  );
  const states = new Map<TableState, Map<number, RowState>>();
  positions.forEach((list, table) => states.set(table, table.store.readRows(list)));
  return selected.map((o) => {
    const read = states.get(o.table) as Map<number, RowState>;
    return prepareWork(contexts[o.tableIndex], o.row, read.get(o.row.planned.position) as RowState);
  });
}

/**
 * A row whose in-flight message (from an earlier run) was just delivered,
 * but that was edited since: its edit goes out next, as a reply in its
 * thread, in this run. Null when the row is up to date.
 */
function followUp(item: WorkItem, contexts: WorkContext[]): WorkItem | null {
  if (item.noMessage !== null || item.state.outbox.length) return null;
  if (item.values.version === item.sendingVersion) return null;
  if (statusOf(item.state) !== STATUS.SENT) return null;
  const planned = {
    position: item.values.position,
    reason: 'changed' as const,
    copy: false,
    first: false,
  };
  const row: RoutedRow = { planned, values: item.values, route: item.route };
  const next = prepareWork(contexts[item.tableIndex], row, writtenCopy(item.state));
  next.currentPosition = item.currentPosition;
  return next;
}

/** Writes items table by table; the rows that could not be written are left out of the result. */
function writeItems(
  tables: TableState[],
  items: WorkItem[],
  trusted: boolean,
  stopped: StopReason[],
): Set<WorkItem> {
  const written = new Set<WorkItem>();
  tables.forEach((table, index) => {
    const mine = items.filter((item) => item.tableIndex === index);
    if (!mine.length) return;
    table.store.write(mine, trusted).forEach((item) => written.add(item));
    const lost = table.store.lost();
    if (
      lost &&
      !stopped.some((s) => s.kind === 'sheet-changed' && s.sheet === table.summary.sheet)
    ) {
      stopped.push({ kind: 'sheet-changed', sheet: table.summary.sheet, detail: lost });
    }
  });
  return written;
}

/** Counts the rows written ahead that end without a message, or whose outbox was rebuilt. */
function countWrittenAhead(items: WorkItem[], tables: TableState[]): void {
  items.forEach((item) => {
    const summary = tables[item.tableIndex].summary;
    if (item.noMessage) summary[item.noMessage]++;
    if (item.outboxRebuilt) summary.outboxRebuilt++;
  });
}

/** Each table's part in the run, its rows planned (values read, routes resolved). */
function planAll(runs: TableRun[], deps: RelayDeps) {
  const tables: TableState[] = runs.map((run) => ({
    run,
    reader: rowReader(run.table),
    store: new LedgerStore(run.table, deps.richText || null),
    summary: emptySummary(run.table.name),
  }));
  const plans = tables.map((t) => {
    const plan = planTable(t.run.table, t.reader, t.run.rules, t.run.selection, t.store);
    t.summary.planned = plan.rows.length;
    t.summary.waiting = plan.waiting;
    return plan.rows.map((planned) => routed(t.reader, t.run.rules, planned));
  });
  return { tables, plans };
}

/**
 * The reminders of the tables a run sends what is due in: scanned now (before the run's work is
 * prepared), the rows they find half-written added to the plans to be repaired.
 */
function remindersOf(
  tables: TableState[],
  plans: RoutedRow[][],
  webhook: (name: string) => ResolvedWebhook,
  deps: RelayDeps,
  quietOf: QuietOf,
): RunReminders {
  const withReminders = tables
    .map((t, tableIndex) => ({ t, tableIndex }))
    .filter(({ t }) => t.run.selection.kind === 'due' && t.run.rules.reminders.length);
  const reminders = new RunReminders(
    withReminders.map(({ t, tableIndex }) => ({
      tableIndex,
      table: t.run.table,
      reader: t.reader,
      rules: t.run.rules,
      identity: t.run.identity,
      composer: t.run.composer,
      store: t.store,
      webhook: (name: string) => {
        const hook = webhook(name);
        return hook.ok ? { ok: true as const } : { ok: false as const, reason: hook.reason };
      },
      held: t.run.holdReminders || reminderHold(t, quietOf),
      noteHeld: () => t.summary.remindersHeld++,
    })),
    plans.map((rows) => new Set(rows.map((r) => r.planned.position))),
    deps.reminderCache || null,
    deps.clock.now(),
  );
  withReminders.forEach(({ t, tableIndex }) =>
    reminders.repairs(tableIndex).forEach((position) => {
      const planned = { position, reason: 'repair' as const, copy: false, first: false };
      plans[tableIndex].push(routed(t.reader, t.run.rules, planned));
      t.summary.planned++;
    }),
  );
  return reminders;
}

/**
 * What digests get of the run: its client and clock, and quiet hours' hold (a sheet's digest
 * waits while its sheet is quiet; see relay/digests.ts), unless the ports bring their own.
 */
function digestDeps(deps: RelayDeps, tables: TableState[], quietOf: QuietOf): RelayDeps {
  const ports = deps.digests;
  if (!ports || ports.held) return deps;
  const held = (sheet: string) => {
    const t = tables.filter((x) => x.run.table.name === sheet)[0];
    return !!t && quietOf(t).quiet;
  };
  return { ...deps, digests: { ...ports, held } };
}

export function runRelay(runs: TableRun[], deps: RelayDeps, limits: RunLimits): RunReport {
  const report: RunReport = { sheets: [], stopped: [], refused: [], broken: [] };
  const { tables, plans } = planAll(runs, deps);
  report.sheets = tables.map((t) => t.summary);
  const quietOf = quietOfTables(deps);
  sendDigests(runs, digestDeps(deps, tables, quietOf), limits.startedAt + limits.budgetMs, report);
  const webhook = resolvedOnce((name) => deps.webhook(name));
  const reminders = remindersOf(tables, plans, webhook, deps, quietOf);
  const ordered = globalOrder(tables, plans);
  const baseline = runs.every((r) => r.selection.kind === 'baseline');
  const contexts = tables.map((t, index) => workContext(t, index, webhook, deps));
  const { going, waiting } = splitQuiet(ordered, quietOf);
  const fits = capacityOf(webhook, deps, limits, baseline);
  const reachable = going.filter((o) => fits(o.row.route));
  // Rows past what the time limit lets this run send are left, untouched, for the next run.
  if (reachable.length < going.length) report.stopped.push({ kind: 'time-limit' });
  const items = holdForQuietHours(reachable, waiting, contexts);
  items.forEach((item) => reminders.track(item));
  const reminded = reminders.items(fits);
  // Reminders past what the time limit lets this run send stay due, for the next run.
  if (reminders.leftOver && !report.stopped.length) report.stopped.push({ kind: 'time-limit' });
  if (items.length || reminded.length)
    sendItems(items, reminded, { tables, contexts, webhook, deps, limits, report });
  reminders.finish(items.concat(reminded), report.stopped.length > 0);
  return report;
}

/** The parts of a run its write-ahead and sending work with. */
type RunParts = Omit<LoopContext, 'reached'>;

/**
 * The write-ahead of every row this run can reach (the rows it plans, then those only
 * reminders work on), committed; then the sends, several spaces at once, and their outcomes.
 */
function sendItems(items: WorkItem[], reminded: WorkItem[], parts: RunParts): void {
  const { tables, webhook, deps, report } = parts;
  // 1. Write-ahead of every row this run can reach, then make sure it is committed.
  const written = writeItems(tables, items.concat(reminded), true, report.stopped);
  deps.flush();
  countWrittenAhead(
    items.filter((i) => written.has(i)),
    tables,
  );
  items
    .filter((i) => i.noMessage === 'held')
    .forEach((i) => noteBroken(report, i.webhook, webhook));

  // 2. Send, several spaces at once, and record the outcomes.
  const reminders = reminded.filter((i) => i.state.outbox.length);
  reminders.forEach((i) => tables[i.tableIndex].summary.planned++);
  const counted = items.concat(reminders);
  const toSend = counted.filter((i) => i.state.outbox.length && !i.noMessage && written.has(i));
  const reached = new Set<WorkItem>();
  new SendLoop({ ...parts, reached }).run(toSend);
  tables.forEach((t, index) => {
    const mine = counted.filter((i) => i.tableIndex === index);
    const ended = mine.filter((i) => i.noMessage && written.has(i)).length;
    const done = mine.filter((i) => reached.has(i)).length;
    t.summary.notReached = t.summary.planned - ended - done - t.summary.heldForQuietHours;
  });
}

function noteBroken(
  report: RunReport,
  name: string,
  webhook: (name: string) => ResolvedWebhook,
): void {
  const hook = webhook(name);
  if (hook.ok || report.broken.some((b) => b.webhook === name)) return;
  report.broken.push({ webhook: name, message: hook.reason });
}

/** What the send loop works with: the run's tables, how webhooks resolve, what it reports. */
interface LoopContext {
  tables: TableState[];
  contexts: WorkContext[];
  webhook: (name: string) => ResolvedWebhook;
  deps: RelayDeps;
  limits: RunLimits;
  report: RunReport;
  /** The items Chat answered for. */
  reached: Set<WorkItem>;
}

/** An item in a chunk, with the space of its next message. */
interface Queued {
  item: WorkItem;
  space: string;
}

/**
 * The send phase: per-space queues, sent in chunks (each chunk one
 * client.sendAll, so spaces go out together), the outcomes written after
 * each chunk. A space stops on a refused webhook, on a webhook that fails
 * every message the same way (see failing-webhooks.ts) or on failures in a
 * row; the whole loop stops at the time limit or when a sheet changed too much.
 */
class SendLoop {
  private readonly queues = new Map<string, WorkItem[]>();
  private readonly stoppedSpaces = new Set<string>();
  private readonly consecutive: { [space: string]: number } = {};
  private readonly failing: FailingWebhooks<WorkItem>;
  private readonly deadline: number;
  private timeUp = false;
  private done = 0;
  private total = 0;

  constructor(private readonly c: LoopContext) {
    this.deadline = c.limits.startedAt + c.limits.budgetMs;
    this.failing = new FailingWebhooks<WorkItem>(c.limits.maxSameErrors);
  }

  run(toSend: WorkItem[]): void {
    toSend.forEach((item) => this.enqueue(item, false));
    this.total = toSend.length;
    const { report } = this.c;
    while (!this.timeUp) {
      if (this.c.deps.clock.now() >= this.deadline) this.timeUp = true;
      const chunk = this.timeUp ? [] : this.nextChunk();
      if (!chunk.length) break;
      const recorded = this.send(chunk);
      // The failures that wait for a webhook nothing more goes to are their messages' own.
      this.fail(
        this.failing.release(this.failing.webhooks().filter((w) => !this.queued(w))),
        recorded,
      );
      this.write(recorded).forEach((item) => {
        // A row moved to another space leaves a note in the thread it left, once its message is in.
        const next = item.state.outbox[0];
        if (item.noMessage === null && next && next.role === 'notice') this.enqueue(item, true);
      });
      if (report.stopped.some((s) => s.kind === 'sheet-changed')) break;
    }
    const late: WorkItem[] = [];
    this.fail(this.failing.release(this.failing.webhooks()), late);
    this.write(late);
    if (this.timeUp && !report.stopped.some((s) => s.kind === 'time-limit')) {
      report.stopped.push({ kind: 'time-limit' });
    }
  }

  private write(items: WorkItem[]): Set<WorkItem> {
    return writeItems(this.c.tables, items, false, this.c.report.stopped);
  }

  /** Where an item's next message goes: its webhook's space. */
  private spaceOf(item: WorkItem): string {
    const name = item.state.outbox[0].webhook;
    return spaceOfWebhook(this.c.webhook(name), name);
  }

  private enqueue(item: WorkItem, front: boolean): void {
    const space = this.spaceOf(item);
    const queue = this.queues.get(space) || [];
    if (front) queue.unshift(item);
    else queue.push(item);
    this.queues.set(space, queue);
  }

  /** Whether a message to this webhook NAME is still to be sent in this run. */
  private queued(webhook: string): boolean {
    const space = spaceOfWebhook(this.c.webhook(webhook), webhook);
    if (this.stoppedSpaces.has(space)) return false;
    return (this.queues.get(space) || []).some((i) => i.state.outbox[0].webhook === webhook);
  }

  /** Up to chunkSize items of every space still sending. */
  private nextChunk(): Queued[] {
    const chunk: Queued[] = [];
    this.queues.forEach((queue, space) => {
      if (this.stoppedSpaces.has(space)) return;
      queue.splice(0, this.c.limits.chunkSize).forEach((item) => chunk.push({ item, space }));
    });
    return chunk;
  }

  /** Sends one chunk; returns the items whose outcome is to be written. */
  private send(chunk: Queued[]): WorkItem[] {
    const requests: SendRequest[] = [];
    const sendable: Queued[] = [];
    chunk.forEach((c) => {
      const send = c.item.state.outbox[0];
      const hook = this.c.webhook(send.webhook);
      if (!hook.ok) return;
      sendable.push(c);
      requests.push({
        webhook: hook.url,
        message: send.message,
        options: { requestId: send.requestId, deadline: this.deadline },
      });
    });
    const recorded: WorkItem[] = [];
    this.c.deps.client.sendAll(requests, (i, result) => this.record(sendable[i], result, recorded));
    return recorded;
  }

  /** Records one result; false stops the space's remaining requests in the chunk. */
  private record(entry: Queued, result: SendResult, recorded: WorkItem[]): boolean {
    const { item, space } = entry;
    const send = item.state.outbox[0];
    if (this.failing.waits(send.webhook, result)) {
      this.answered(item);
      return this.wait(
        entry,
        { item, send, result: result as Extract<SendResult, { ok: false }> },
        recorded,
      );
    }
    if (result.ok) this.fail(this.failing.accept(send.webhook), recorded);
    const summary = this.c.tables[item.tableIndex].summary;
    const next = recordOutcome(item, send, result, this.c.deps.clock.now(), summary);
    if (next === 'not-started') {
      this.timeUp = true;
      return false;
    }
    const follow = followUp(item, this.c.contexts);
    recorded.push(follow || item);
    if (follow && follow.noMessage) this.c.tables[follow.tableIndex].summary[follow.noMessage]++;
    if (follow && !follow.noMessage) this.enqueue(follow, true);
    this.answered(item);
    return this.afterOutcome(next, space, send.webhook, result.ok ? '' : result.message);
  }

  /** Chat answered for an item: it was reached, and the progress shows it. */
  private answered(item: WorkItem): void {
    this.c.reached.add(item);
    this.done++;
    if (this.c.deps.onProgress) this.c.deps.onProgress(this.done, this.total);
  }

  /**
   * A message refused while its webhook has none accepted: its row waits, PENDING as written
   * ahead. When enough wait with the same error, the webhook is at fault: the rows stay PENDING,
   * saying why, and its space stops (false), as for a refused webhook.
   */
  private wait(entry: Queued, failure: WaitingFailure<WorkItem>, recorded: WorkItem[]): boolean {
    this.consecutive[entry.space] = 0;
    const atFault = this.failing.add(failure.send.webhook, failure);
    if (!atFault) return true;
    const { message } = failure.result;
    const same = atFault.filter((w) => w.result.message === message).length;
    atFault.forEach((w) => {
      const summary = this.c.tables[w.item.tableIndex].summary;
      holdForWebhook(
        w.item,
        `Chat refused ${same} messages to this webhook with the same error and accepted none: the webhook itself looks broken (${message}). The row goes out once it works.`,
        summary,
      );
      recorded.push(w.item);
    });
    this.refuse(
      entry.space,
      failure.send.webhook,
      `${message} (the same error for ${same} messages, none accepted)`,
    );
    return false;
  }

  /** Failures that waited, recorded now as their messages' own. */
  private fail(failures: Array<WaitingFailure<WorkItem>>, recorded: WorkItem[]): void {
    failures.forEach((w) => {
      const summary = this.c.tables[w.item.tableIndex].summary;
      recordOutcome(w.item, w.send, w.result, this.c.deps.clock.now(), summary);
      recorded.push(w.item);
    });
  }

  /** Stops a space whose webhook Chat refuses, reporting the webhook by NAME once. */
  private refuse(space: string, webhook: string, message: string): void {
    if (!this.c.report.refused.some((r) => r.webhook === webhook)) {
      this.c.report.refused.push({ webhook, message });
    }
    this.stoppedSpaces.add(space);
  }

  /** Counts failures in a row per space; stops a space that keeps failing or refuses the webhook. */
  private afterOutcome(next: Next, space: string, webhook: string, message: string): boolean {
    if (next === 'refused') {
      this.refuse(space, webhook, message);
      return false;
    }
    this.consecutive[space] = next === 'transient' ? (this.consecutive[space] || 0) + 1 : 0;
    if (this.consecutive[space] >= this.c.limits.maxConsecutiveTransient) {
      this.c.report.stopped.push({ kind: 'chat-unavailable', space, detail: message });
      this.stoppedSpaces.add(space);
      return false;
    }
    return true;
  }
}
