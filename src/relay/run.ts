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
import { ChatClient, SendRequest } from '../chat/client';
import { ChatMessage } from '../chat/message-types';
import { WebhookUrl } from '../chat/webhook-url';
import { Clock, RichTextFactory } from '../ports';
import { RowMessage } from './compose/types';
import { SheetIdentity } from './ids';
import { LedgerStore } from './ledger-store';
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
  /** The message body (no thread) for a row message of this sheet. */
  compose(message: RowMessage, position: number, mentions: string[]): ChatMessage;
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
  const left = Math.max(0, limits.startedAt + limits.budgetMs - deps.clock.now());
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
    compose: (m: RowMessage, position: number, mentions: string[]) =>
      job.compose(m, position, mentions),
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
    const summary = states[item.job].summary;
    if (item.settled === 'failed') summary.failed++;
    else if (item.settled) summary[item.settled]++;
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
  const items = prepareAll(withinCapacity(ordered, deps, limits, baseline), contexts);

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
  sendAll(toSend, states, contexts, deps, limits, report, reached);
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

/** Per-space queues, sent in chunks: each chunk is one client.sendAll, outcomes written after it. */
function sendAll(
  toSend: WorkItem[],
  states: JobState[],
  contexts: WorkContext[],
  deps: RelayDeps,
  limits: RunLimits,
  report: RunReport,
  reached: Set<WorkItem>,
): void {
  const deadline = limits.startedAt + limits.budgetMs;
  const queues = new Map<string, WorkItem[]>();
  const enqueue = (item: WorkItem, front: boolean) => {
    const space = spaceOf(item, deps);
    const queue = queues.get(space) || [];
    if (front) queue.unshift(item);
    else queue.push(item);
    queues.set(space, queue);
  };
  toSend.forEach((item) => enqueue(item, false));
  const stoppedSpaces = new Set<string>();
  const consecutive: { [space: string]: number } = {};
  let timeUp = false;
  let done = 0;
  const total = toSend.length;
  while (!timeUp) {
    if (deps.clock.now() >= deadline) {
      timeUp = true;
      break;
    }
    const chunk: Array<{ item: WorkItem; space: string }> = [];
    queues.forEach((queue, space) => {
      if (stoppedSpaces.has(space)) return;
      queue.splice(0, limits.chunkSize).forEach((item) => chunk.push({ item, space }));
    });
    if (!chunk.length) break;
    const requests: SendRequest[] = [];
    const urls = chunk.map((c) => deps.webhook(c.item.sends[0].webhook));
    chunk.forEach((c, i) => {
      const send = c.item.sends[0];
      const hook = urls[i];
      if (hook.ok)
        requests.push({
          webhook: hook.url,
          message: send.message,
          options: { requestId: send.requestId, deadline },
        });
    });
    const recorded: WorkItem[] = [];
    deps.client.sendAll(requests, (i, result) => {
      const { item, space } = chunk[i];
      const send = item.sends[0];
      const next: Next = recordOutcome(
        item,
        send,
        result,
        deps.clock.now(),
        states[item.job].summary,
      );
      if (next === 'not-started') {
        timeUp = true;
        return false;
      }
      reached.add(item);
      const next2 = followUp(item, contexts);
      recorded.push(next2 || item);
      if (next2 && next2.settled)
        states[next2.job].summary[next2.settled === 'failed' ? 'failed' : next2.settled]++;
      if (next2 && !next2.settled) enqueue(next2, true);
      done++;
      if (deps.onProgress) deps.onProgress(done, total);
      return afterOutcome(
        next,
        space,
        send.webhook,
        result.ok ? '' : result.message,
        consecutive,
        stoppedSpaces,
        limits,
        report,
      );
    });
    writeItems(states, recorded, false, report.stopped).forEach((item) => {
      // A row moved to another space leaves a note in the thread it left, after its message is in.
      if (item.sends.length && item.sends[0].role === 'notice' && item.settled === null)
        enqueue(item, true);
    });
    if (report.stopped.some((s) => s.kind === 'sheet-changed')) break;
  }
  if (timeUp) report.stopped.push({ kind: 'time-limit' });
}

/** Counts transient failures per space and stops a space that keeps failing or refuses the webhook. */
function afterOutcome(
  next: Next,
  space: string,
  webhook: string,
  message: string,
  consecutive: { [space: string]: number },
  stoppedSpaces: Set<string>,
  limits: RunLimits,
  report: RunReport,
): boolean {
  if (next === 'refused') {
    if (!report.refused.some((r) => r.webhook === webhook))
      report.refused.push({ webhook, message });
    stoppedSpaces.add(space);
    return false;
  }
  consecutive[space] = next === 'transient' ? (consecutive[space] || 0) + 1 : 0;
  if (consecutive[space] >= limits.maxConsecutiveTransient) {
    report.stopped.push({ kind: 'chat-unavailable', space, detail: message });
    stoppedSpaces.add(space);
    return false;
  }
  return true;
}
