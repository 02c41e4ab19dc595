/**
 * One relay run over one table: plan the rows that need a message, mark them
 * all PENDING with the requestId of the send they are about to make (the
 * write-ahead), then send them one by one and write the outcomes in small
 * batches. A run killed at any instant loses nothing and never double-posts:
 *
 * - killed before a row's send: the row is PENDING, the next run sends it
 *   with the same requestId;
 * - killed after the send, before its outcome is written: the next run sends
 *   it again with the same requestId, and Chat returns the message it already
 *   created instead of posting it twice.
 *
 * Every planned row gets its permanent row ID in that first write, made right
 * after the sheet was read; afterwards rows are found by ID, so sorting,
 * inserting or deleting rows (or columns) during a run cannot misplace a
 * status.
 */
import { ChatClient } from '../chat/client';
import { WebhookUrl } from '../chat/webhook-url';
import { Clock } from '../ports';
import { STATUS } from './columns';
import { SheetIdentity, threadKeyFor } from './ids';
import { LedgerStore } from './ledger-store';
import { RunSummary, emptySummary, recordOutcome } from './outcome';
import { Selection, copiedRows, planRun } from './plan';
import { renderRowMessage } from './row-message';
import { rowReader } from './rows';
import { Table } from './table';
import { WorkItem, cellOf, prepareWork } from './work';

export type { RunSummary } from './outcome';
export type { Selection } from './plan';

export interface RelayDeps {
  client: ChatClient;
  clock: Clock;
  random: () => number;
  identity: SheetIdentity;
  /** Commits pending sheet writes (SpreadsheetApp.flush). */
  flush: () => void;
  onProgress?: (done: number, total: number) => void;
}

export interface RunLimits {
  /** Epoch ms at which the whole execution started. */
  startedAt: number;
  /** No new send starts after startedAt + budgetMs. */
  budgetMs: number;
  /** Outcomes written per batch. */
  chunkSize: number;
  /** Stop the run after this many transient failures in a row. */
  maxConsecutiveTransient: number;
}

export const DEFAULT_LIMITS: Omit<RunLimits, 'startedAt'> = {
  budgetMs: 270000,
  chunkSize: 10,
  maxConsecutiveTransient: 3,
};

/** Counts the items settled by the write-ahead itself, without a send. */
function countSettled(
  items: WorkItem[],
  written: Set<WorkItem>,
  summary: RunSummary,
  baseline: boolean,
): void {
  for (const item of items) {
    if (!written.has(item) || item.message) continue;
    // Settled without a send: an empty key (FAILED), a baseline or a quiet change (SENT).
    if (cellOf(item, 'status') === STATUS.FAILED) summary.failed++;
    else if (baseline) summary.marked++;
    else summary.quiet++;
  }
}

/** Sends the items one by one, writing outcomes in batches; stops on the budget or Chat trouble. */
function sendItems(
  toSend: WorkItem[],
  store: LedgerStore,
  webhook: WebhookUrl,
  deps: RelayDeps,
  limits: RunLimits,
  summary: RunSummary,
): void {
  const deadline = limits.startedAt + limits.budgetMs;
  let consecutiveTransient = 0;
  let outcomes: WorkItem[] = [];
  let done = 0;
  for (const item of toSend) {
    if (deps.clock.now() >= deadline) {
      summary.stopped = 'time budget reached';
      break;
    }
    const message = {
      text: renderRowMessage(item.message!),
      thread: { threadKey: threadKeyFor(deps.identity, item.key) },
    };
    const result = deps.client.send(webhook, message, {
      requestId: item.ledger.requestId,
      deadline,
    });
    const next = recordOutcome(item, result, deps.clock.now(), summary);
    outcomes.push(item);
    if (next === 'refused') {
      summary.stopped = `Chat refused the webhook (${summary.refused})`;
      break;
    }
    consecutiveTransient = next === 'transient' ? consecutiveTransient + 1 : 0;
    if (consecutiveTransient >= limits.maxConsecutiveTransient && !result.ok) {
      summary.stopped = `Chat is not accepting messages (${result.message})`;
    }
    done++;
    if (deps.onProgress) deps.onProgress(done, toSend.length);
    if (summary.stopped) break;
    if (outcomes.length >= limits.chunkSize) {
      store.write(outcomes, false);
      outcomes = [];
      if (store.lost()) summary.stopped = store.lost();
    }
  }
  if (outcomes.length) store.write(outcomes, false);
  if (!summary.stopped && store.lost()) summary.stopped = store.lost();
}

export function runRelay(
  table: Table,
  webhook: WebhookUrl,
  selection: Selection,
  deps: RelayDeps,
  limits: RunLimits,
): RunSummary {
  const reader = rowReader(table);
  const copies = copiedRows(table, reader);
  const plan = planRun(table, reader, selection, copies);
  const summary = emptySummary(plan.length);
  if (!plan.length) return summary;

  const store = new LedgerStore(table);
  const cells = store.readCells(plan.map((p) => p.position));
  const baseline = selection.kind === 'baseline';
  const ctx = {
    table,
    reader,
    identity: deps.identity,
    random: deps.random,
    now: () => deps.clock.now(),
    baseline,
  };
  const items = plan.map((p) =>
    prepareWork(ctx, p.position, p.reason, !!copies[p.position], cells[p.position]),
  );

  // 1. Write-ahead, for the whole plan at once, then make sure it is committed.
  const written = store.write(items, true);
  deps.flush();
  countSettled(items, written, summary, baseline);

  // 2. Send, and record the outcomes.
  const toSend = items.filter((item) => item.message && written.has(item));
  sendItems(toSend, store, webhook, deps, limits, summary);
  summary.notReached =
    plan.length - summary.sent - summary.pending - summary.failed - summary.quiet - summary.marked;
  return summary;
}
