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
import { Clock, RichTextFactory } from '../ports';
import { SheetIdentity } from './ids';
import { LedgerStore } from './ledger-store';
import { RowComposer } from './message-context';
import { Next, recordOutcome } from './outcome';
import { PlannedRow, Selection, planTable } from './plan';
import { RowReader, rowReader } from './rows';
import { SheetRules } from './rules';
import { RunReport, SheetSummary, StopReason, emptySummary } from './summary';
import { Table } from './table';
import { WorkContext, WorkItem, cellOf, prepareWork } from './work';
import { STATUS } from './columns';

export type { Selection } from './plan';
export type { RunReport, SheetSummary } from './summary';

/** One followed sheet in a run. */
export interface TableJob {
  table: Table;
  rules: SheetRules;
  identity: SheetIdentity;
  selection: Selection;
  /** A row message of this sheet as sent, thread included. */
  compose: RowComposer;
}

/** A webhook NAME, as this run can use it. */
export type ResolvedWebhook = { ok: true; url: WebhookUrl } | { ok: false; reason: string };

export interface RelayDeps {
  client: ChatClient;
  clock: Clock;
  random: () => number;
  /** Commits pending sheet writes (SpreadsheetApp.flush). */
  flush: () => void;
  webhook(name: string): ResolvedWebhook;
  /** How a message names a webhook's space. */
  describeWebhook(name: string): string;
  /** Writes Chat Thread cells as links to their threads; without it, as plain text. */
  richText?: RichTextFactory;
  onProgress?: (done: number, total: number) => void;
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
}

/** The time the Chat client keeps in reserve for an attempt before a deadline (its default). */
const ATTEMPT_RESERVE_MS = 1000;

export const DEFAULT_LIMITS: Omit<RunLimits, 'startedAt'> = {
  budgetMs: 270000,
  chunkSize: 20,
  maxConsecutiveTransient: 3,
  minIntervalMs: 1000,
};

interface JobState {
  job: TableJob;
  reader: RowReader;
  store: LedgerStore;
  summary: SheetSummary;
}

interface Ordered {
  state: JobState;
  index: number;
  row: PlannedRow;
}

/** PENDING rows of every sheet first (a submitted response before them), then the rest in sheet order. */
function globalOrder(states: JobState[], plans: PlannedRow[][]): Ordered[] {
  const all: Ordered[] = [];
  plans.forEach((rows, index) =>
    rows.forEach((row) => all.push({ state: states[index], index, row })),
  );
  const rank = (o: Ordered) => (o.row.first ? 0 : o.row.reason === 'pending' ? 1 : 2);
  return all
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map((x) => x.o);
}

/** The rows this run can send: at most what each space's pace allows before the time limit. */
function withinCapacity(
  ordered: Ordered[],
  deps: RelayDeps,
  limits: RunLimits,
  baseline: boolean,
): Ordered[] {
  if (baseline) return ordered;
  // Each space takes one create per interval; the client keeps a second in reserve per attempt.
  const left = Math.max(
    0,
    limits.startedAt + limits.budgetMs - deps.clock.now() - ATTEMPT_RESERVE_MS,
  );
  const capacity = Math.floor(left / Math.max(1, limits.minIntervalMs)) + 1;
  const used: { [space: string]: number } = {};
  return ordered.filter((o) => {
    const { table } = o.state.job;
    const route = o.state.job.rules.route(o.state.reader.valueOf(table.rows[o.row.position]));
    const hook = deps.webhook(route);
    const space = hook.ok ? hook.url.space : `(${route})`;
    used[space] = (used[space] || 0) + 1;
    return used[space] <= capacity;
  });
}

/** What prepareWork needs to know of a table of the run. */
function workContext(state: JobState, index: number, deps: RelayDeps): WorkContext {
  const job = state.job;
  return {
    job: index,
    table: job.table,
    reader: state.reader,
    rules: job.rules,
    identity: job.identity,
    random: deps.random,
    now: () => deps.clock.now(),
    baseline: job.selection.kind === 'baseline',
    webhook: (name: string) => {
      const hook = deps.webhook(name);
      return hook.ok ? { ok: true as const } : { ok: false as const, reason: hook.reason };
    },
    compose: job.compose,
    describeWebhook: (name: string) => deps.describeWebhook(name),
  };
}

function prepareAll(selected: Ordered[], contexts: WorkContext[]): WorkItem[] {
  const positions = new Map<JobState, number[]>();
  selected.forEach((o) =>
    positions.set(o.state, (positions.get(o.state) || []).concat(o.row.position)),
  );
  const cells = new Map<JobState, Map<number, unknown[]>>();
  positions.forEach((list, state) => cells.set(state, state.store.readRows(list)));
  return selected.map((o) => {
    const read = cells.get(o.state) as Map<number, unknown[]>;
    return prepareWork(contexts[o.index], o.row, read.get(o.row.position) as unknown[]);
  });
}

/**
 * A row whose in-flight message (from an earlier run) was just delivered,
 * but that was edited since: its edit goes out next, as a reply in its
 * thread, in this run. Null when the row is up to date.
 */
function followUp(item: WorkItem, contexts: WorkContext[]): WorkItem | null {
  if (item.settled !== null || item.sends.length || item.version === item.deliveredVersion) {
    return null;
  }
  if (String(cellOf(item, 'status')) !== STATUS.SENT) return null;
  const planned = { position: item.origin, reason: 'changed' as const, copy: false, first: false };
  const next = prepareWork(contexts[item.job], planned, item.cells.slice());
  next.position = item.position;
  return next;
}

/** Writes items table by table; the rows that could not be written are left out of the result. */
function writeItems(
  states: JobState[],
  items: WorkItem[],
  trusted: boolean,
  stopped: StopReason[],
): Set<WorkItem> {
  const written = new Set<WorkItem>();
  states.forEach((state, index) => {
    const mine = items.filter((item) => item.job === index);
    if (!mine.length) return;
    state.store.write(mine, trusted).forEach((item) => written.add(item));
    const lost = state.store.lost();
    if (
      lost &&
      !stopped.some((s) => s.kind === 'sheet-changed' && s.sheet === state.summary.sheet)
    ) {
      stopped.push({ kind: 'sheet-changed', sheet: state.summary.sheet, detail: lost });
    }
  });
  return written;
}

function countSettled(items: WorkItem[], states: JobState[]): void {
  items.forEach((item) => {
    if (item.settled) states[item.job].summary[item.settled]++;
  });
}

export function runRelay(jobs: TableJob[], deps: RelayDeps, limits: RunLimits): RunReport {
  const report: RunReport = { sheets: [], stopped: [], refused: [], broken: [] };
  const states: JobState[] = jobs.map((job) => ({
    job,
    reader: rowReader(job.table),
    store: new LedgerStore(job.table, deps.richText || null),
    summary: emptySummary(job.table.name),
  }));
  report.sheets = states.map((s) => s.summary);
  const plans = states.map((s) => {
    const plan = planTable(s.job.table, s.reader, s.job.rules, s.job.selection, s.store);
    s.summary.planned = plan.rows.length;
    s.summary.waiting = plan.waiting;
    return plan.rows;
  });
  const ordered = globalOrder(states, plans);
  if (!ordered.length) return report;
  const baseline = jobs.every((j) => j.selection.kind === 'baseline');
  const contexts = states.map((s, index) => workContext(s, index, deps));
  const reachable = withinCapacity(ordered, deps, limits, baseline);
  // Rows past what the time limit lets this run send are left, untouched, for the next run.
  if (reachable.length < ordered.length) report.stopped.push({ kind: 'time-limit' });
  const items = prepareAll(reachable, contexts);

  // 1. Write-ahead of every row this run can reach, then make sure it is committed.
  const written = writeItems(states, items, true, report.stopped);
  deps.flush();
  countSettled(
    items.filter((i) => written.has(i)),
    states,
  );
  items.filter((i) => i.settled === 'held').forEach((i) => noteBroken(report, i.webhook, deps));

  // 2. Send, several spaces at once, and record the outcomes.
  const toSend = items.filter((item) => item.sends.length && !item.settled && written.has(item));
  const reached = new Set<WorkItem>();
  new SendLoop(states, contexts, deps, limits, report, reached).run(toSend);
  states.forEach((s, index) => {
    const settled = items.filter((i) => i.job === index && i.settled && written.has(i)).length;
    const done = items.filter((i) => i.job === index && reached.has(i)).length;
    s.summary.notReached = s.summary.planned - settled - done;
  });
  return report;
}

function noteBroken(report: RunReport, name: string, deps: RelayDeps): void {
  const hook = deps.webhook(name);
  if (hook.ok || report.broken.some((b) => b.webhook === name)) return;
  report.broken.push({ webhook: name, message: hook.reason });
}

/** Where an item's next message goes: its webhook's space. */
function spaceOf(item: WorkItem, deps: RelayDeps): string {
  const hook = deps.webhook(item.sends[0].webhook);
  return hook.ok ? hook.url.space : `(${item.sends[0].webhook})`;
}

/**
 * The send phase: per-space queues, sent in chunks (each chunk one
 * client.sendAll, so spaces go out together), the outcomes written after
 * each chunk. A space stops on a refused webhook or on failures in a row;
 * the whole loop stops at the time limit or when a sheet changed too much.
 */
class SendLoop {
  private readonly queues = new Map<string, WorkItem[]>();
  private readonly stoppedSpaces = new Set<string>();
  private readonly consecutive: { [space: string]: number } = {};
  private readonly deadline: number;
  private timeUp = false;
  private done = 0;
  private total = 0;

  constructor(
    private readonly states: JobState[],
    private readonly contexts: WorkContext[],
    private readonly deps: RelayDeps,
    private readonly limits: RunLimits,
    private readonly report: RunReport,
    private readonly reached: Set<WorkItem>,
  ) {
    this.deadline = limits.startedAt + limits.budgetMs;
  }

  run(toSend: WorkItem[]): void {
    toSend.forEach((item) => this.enqueue(item, false));
    this.total = toSend.length;
    while (!this.timeUp) {
      if (this.deps.clock.now() >= this.deadline) this.timeUp = true;
      const chunk = this.timeUp ? [] : this.nextChunk();
      if (!chunk.length) break;
      const recorded = this.send(chunk);
      writeItems(this.states, recorded, false, this.report.stopped).forEach((item) => {
        // A row moved to another space leaves a note in the thread it left, once its message is in.
        if (item.settled === null && item.sends.length && item.sends[0].role === 'notice') {
          this.enqueue(item, true);
        }
      });
      if (this.report.stopped.some((s) => s.kind === 'sheet-changed')) break;
    }
    if (this.timeUp && !this.report.stopped.some((s) => s.kind === 'time-limit')) {
      this.report.stopped.push({ kind: 'time-limit' });
    }
  }

  private enqueue(item: WorkItem, front: boolean): void {
    const space = spaceOf(item, this.deps);
    const queue = this.queues.get(space) || [];
    if (front) queue.unshift(item);
    else queue.push(item);
    this.queues.set(space, queue);
  }

  /** Up to chunkSize items of every space still sending. */
  private nextChunk(): Array<{ item: WorkItem; space: string }> {
    const chunk: Array<{ item: WorkItem; space: string }> = [];
    this.queues.forEach((queue, space) => {
      if (this.stoppedSpaces.has(space)) return;
      queue.splice(0, this.limits.chunkSize).forEach((item) => chunk.push({ item, space }));
    });
    return chunk;
  }

  /** Sends one chunk; returns the items whose outcome is to be written. */
  private send(chunk: Array<{ item: WorkItem; space: string }>): WorkItem[] {
    const sendable = chunk.filter((c) => this.deps.webhook(c.item.sends[0].webhook).ok);
    const requests: SendRequest[] = sendable.map((c) => {
      const send = c.item.sends[0];
      const hook = this.deps.webhook(send.webhook) as Extract<ResolvedWebhook, { ok: true }>;
      return {
        webhook: hook.url,
        message: send.message,
        options: { requestId: send.requestId, deadline: this.deadline },
      };
    });
    const recorded: WorkItem[] = [];
    this.deps.client.sendAll(requests, (i, result) => this.record(sendable[i], result, recorded));
    return recorded;
  }

  /** Records one result; false stops the space's remaining requests in the chunk. */
  private record(
    entry: { item: WorkItem; space: string },
    result: SendResult,
    recorded: WorkItem[],
  ): boolean {
    const { item, space } = entry;
    const send = item.sends[0];
    const summary = this.states[item.job].summary;
    const next = recordOutcome(item, send, result, this.deps.clock.now(), summary);
    if (next === 'not-started') {
      this.timeUp = true;
      return false;
    }
    this.reached.add(item);
    const follow = followUp(item, this.contexts);
    recorded.push(follow || item);
    if (follow && follow.settled) this.states[follow.job].summary[follow.settled]++;
    if (follow && !follow.settled) this.enqueue(follow, true);
    this.done++;
    if (this.deps.onProgress) this.deps.onProgress(this.done, this.total);
    return this.afterOutcome(next, space, send.webhook, result.ok ? '' : result.message);
  }

  /** Counts failures in a row per space; stops a space that keeps failing or refuses the webhook. */
  private afterOutcome(next: Next, space: string, webhook: string, message: string): boolean {
    if (next === 'refused') {
      if (!this.report.refused.some((r) => r.webhook === webhook)) {
        this.report.refused.push({ webhook, message });
      }
      this.stoppedSpaces.add(space);
      return false;
    }
    this.consecutive[space] = next === 'transient' ? (this.consecutive[space] || 0) + 1 : 0;
    if (this.consecutive[space] >= this.limits.maxConsecutiveTransient) {
      this.report.stopped.push({ kind: 'chat-unavailable', space, detail: message });
      this.stoppedSpaces.add(space);
      return false;
    }
    return true;
  }
}
