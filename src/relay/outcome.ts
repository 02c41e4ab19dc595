/**
 * Recording what Chat answered for one work item: its ledger cells, and the
 * run's counts.
 */
import { SendResult } from '../chat/client';
import { STATUS } from './columns';
import { serializeLedger } from './ledger-codec';
import { WorkItem, errorText, setCell } from './work';

export interface RunSummary {
  /** Rows that needed (or were asked for) a message. */
  planned: number;
  sent: number;
  /** Left PENDING after a transient failure. */
  pending: number;
  failed: number;
  /** Changed only in ways no message would show (e.g. a column moved). */
  quiet: number;
  /** Recorded as sent without a message (baseline). */
  marked: number;
  /** Planned but left PENDING for the next run (time budget, Chat unavailable, sheet changed). */
  notReached: number;
  /** Why the run stopped before the end of its plan, if it did. */
  stopped: string | null;
  /** Chat refused the webhook itself (deleted, wrong key or token): a configuration problem. */
  refused: string | null;
}

export function emptySummary(planned: number): RunSummary {
  return {
    planned,
    sent: 0,
    pending: 0,
    failed: 0,
    quiet: 0,
    marked: 0,
    notReached: 0,
    stopped: null,
    refused: null,
  };
}

/** Chat's answers that are about the webhook itself, not about one message. */
export function refusesWebhook(result: SendResult): boolean {
  if (result.ok || result.kind !== 'permanent') return false;
  const status = result.httpStatus;
  return status === 401 || status === 403 || status === 404 || /API key/i.test(result.message);
}

/** What the run does after an outcome. */
export type Next = 'continue' | 'transient' | 'refused';

/**
 * Writes the outcome into the item's cells and counts it. A refused webhook
 * is not the row's fault: the row stays PENDING, so nothing becomes FAILED en
 * masse.
 */
export function recordOutcome(
  item: WorkItem,
  result: SendResult,
  now: number,
  summary: RunSummary,
): Next {
  if (result.ok) {
    item.ledger.delivered = item.delivered.values;
    item.ledger.deliveredPartial = item.delivered.partial;
    setCell(item, 'status', STATUS.SENT);
    setCell(item, 'thread', result.threadName || '');
    setCell(item, 'sentAt', new Date(now));
    setCell(item, 'error', '');
    setCell(item, 'version', item.version);
    setCell(item, 'ledger', serializeLedger(item.ledger));
    summary.sent++;
    return 'continue';
  }
  if (refusesWebhook(result)) {
    setCell(item, 'error', errorText(`Chat refused the webhook: ${result.message}`));
    summary.refused = result.message;
    return 'refused';
  }
  if (result.kind === 'transient') {
    setCell(item, 'error', errorText(`Will retry: ${result.message}`));
    summary.pending++;
    return 'transient';
  }
  setCell(item, 'status', STATUS.FAILED);
  setCell(item, 'error', errorText(result.message));
  summary.failed++;
  return 'continue';
}
