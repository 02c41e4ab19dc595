/**
 * Recording what Chat answered for one message of a work item: its ledger
 * cells, and the run's counts.
 */
import { SendResult } from '../chat/client';
import { STATUS } from './columns';
import { OutboxEntry } from './ledger-codec';
import { SheetSummary } from './summary';
import { WorkItem, errorText, finish, setCell } from './work';

/** Chat's answers that are about the webhook itself, not about one message. */
export function refusesWebhook(result: SendResult): boolean {
  if (result.ok || result.kind !== 'permanent') return false;
  const status = result.httpStatus;
  return status === 401 || status === 403 || status === 404 || /API key/i.test(result.message);
}

/** What the run does after an outcome, for the space of the message. */
export type Next = 'continue' | 'transient' | 'refused' | 'not-started';

/**
 * Every message of the row delivered: the row is SENT, as it was when its
 * message was built, and no error of an earlier attempt stays.
 */
function complete(item: WorkItem, now: number): void {
  item.ledger.delivered = item.delivered.values;
  item.ledger.deliveredPartial = item.delivered.partial;
  item.ledger.pending = null;
  item.ledger.sendingVersion = item.deliveredVersion;
  item.ledger.threadKey = item.threadKey;
  item.ledger.webhook = item.webhook;
  setCell(item, 'status', STATUS.SENT);
  setCell(item, 'sentAt', new Date(now));
  setCell(item, 'version', item.deliveredVersion);
  setCell(item, 'error', '');
}

function delivered(
  item: WorkItem,
  send: OutboxEntry,
  result: Extract<SendResult, { ok: true }>,
  now: number,
  summary: SheetSummary,
): void {
  item.sends = item.sends.filter((s) => s !== send);
  if (send.role === 'primary') {
    setCell(item, 'thread', result.threadName || '');
    setCell(item, 'error', '');
    // The row's thread is now in the new space, even while a note to the old one is still due.
    item.ledger.threadKey = item.threadKey;
    item.ledger.webhook = item.webhook;
    summary.sent++;
  } else {
    summary.moved++;
  }
  if (!item.sends.length) complete(item, now);
}

/**
 * Writes the outcome of one message into the item's cells and counts it. A
 * refused webhook is not the row's fault: the row stays PENDING, so nothing
 * becomes FAILED en masse. A notice left in an old thread never fails its row.
 */
export function recordOutcome(
  item: WorkItem,
  send: OutboxEntry,
  result: SendResult,
  now: number,
  summary: SheetSummary,
): Next {
  if (result.ok) {
    delivered(item, send, result, now, summary);
  } else if (result.attempts === 0 && result.kind === 'transient') {
    // The time budget ran out before this message could start: the row stays PENDING as written.
    return 'not-started';
  } else if (refusesWebhook(result)) {
    setCell(item, 'error', errorText(`Chat refused the webhook: ${result.message}`));
    summary.pending++;
    finish(item);
    return 'refused';
  } else if (result.kind === 'transient') {
    setCell(item, 'error', errorText(`Will retry: ${result.message}`));
    summary.pending++;
    finish(item);
    return 'transient';
  } else if (send.role === 'notice') {
    // The row itself is delivered; only the line in the thread it left could not be posted.
    item.sends = item.sends.filter((s) => s !== send);
    if (!item.sends.length) complete(item, now);
    setCell(
      item,
      'error',
      errorText(`Moved, but the note in the old thread was refused: ${result.message}`),
    );
  } else {
    item.sends = [];
    item.ledger.pending = null;
    setCell(item, 'status', STATUS.FAILED);
    setCell(item, 'error', errorText(result.message));
    summary.failed++;
  }
  finish(item);
  return 'continue';
}
