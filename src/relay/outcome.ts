/**
 * Recording what Chat answered for one message of a work item: the state of
 * its relay cells, and the run's counts.
 */
import { SendResult } from '../chat/client';
import { settleAction } from './acted';
import { STATUS } from './columns';
import { OutboxEntry } from './ledger-codec';
import { afterReminder, clocksOf } from './reminder-schedule';
import { SheetSummary } from './summary';
import { WorkItem, errorText } from './work';

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
  const { state } = item;
  settleAction(state.ledger, item.sendingValues.values, now);
  state.ledger.delivered = item.sendingValues.values;
  state.ledger.deliveredPartial = item.sendingValues.partial;
  state.ledger.sendingValues = null;
  state.ledger.sendingVersion = item.sendingVersion;
  state.ledger.threadKey = item.threadKey;
  state.ledger.webhook = item.webhook;
  state.status = STATUS.SENT;
  state.sentAt = new Date(now);
  state.version = item.sendingVersion;
  state.error = '';
}

function delivered(
  item: WorkItem,
  send: OutboxEntry,
  result: Extract<SendResult, { ok: true }>,
  now: number,
  summary: SheetSummary,
): void {
  const { state } = item;
  state.outbox = state.outbox.filter((s) => s !== send);
  if (send.role === 'primary') {
    state.thread = result.threadName || '';
    state.error = '';
    // The row's thread is now in the new space, even while a note to the old one is still due.
    state.ledger.threadKey = item.threadKey;
    state.ledger.webhook = item.webhook;
    summary.sent++;
  } else if (send.role === 'reminder') {
    countReminder(item, send);
    summary.reminded++;
  } else {
    summary.moved++;
  }
  if (!state.outbox.length) complete(item, now);
}

/** A reminder is in (or refused for good): its rule's clock counts it. */
function countReminder(item: WorkItem, send: OutboxEntry): void {
  const ledger = item.state.ledger;
  if (send.reminder) ledger.reminders = afterReminder(clocksOf(ledger), send.reminder);
}

/**
 * The row's webhook, not its message, is at fault: the row stays PENDING
 * with its messages in flight, as written ahead, and its Chat Error says why.
 */
export function holdForWebhook(item: WorkItem, why: string, summary: SheetSummary): void {
  item.state.error = errorText(why);
  summary.pending++;
}

/**
 * Writes the outcome of one message into the item's state and counts it. A
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
  const { state } = item;
  if (result.ok) {
    delivered(item, send, result, now, summary);
  } else if (result.attempts === 0 && result.kind === 'transient') {
    // The time budget ran out before this message could start: the row stays PENDING as written.
    return 'not-started';
  } else if (refusesWebhook(result)) {
    holdForWebhook(item, `Chat refused the webhook: ${result.message}`, summary);
    return 'refused';
  } else if (result.kind === 'transient') {
    state.error = errorText(`Will retry: ${result.message}`);
    summary.pending++;
    return 'transient';
  } else if (send.role === 'notice') {
    // The row itself is delivered; only the line in the thread it left could not be posted.
    state.outbox = state.outbox.filter((s) => s !== send);
    if (!state.outbox.length) complete(item, now);
    state.error = errorText(`Moved, but the note in the old thread was refused: ${result.message}`);
  } else if (send.role === 'reminder') {
    // The row is as it was; the reminder is not tried again (its clock counts it).
    const sentAt = state.sentAt;
    state.outbox = state.outbox.filter((s) => s !== send);
    countReminder(item, send);
    if (!state.outbox.length) complete(item, now);
    state.sentAt = sentAt;
    state.error = errorText(`Chat refused a reminder: ${result.message}`);
  } else {
    state.outbox = [];
    state.ledger.sendingValues = null;
    state.status = STATUS.FAILED;
    state.error = errorText(result.message);
    summary.failed++;
  }
  return 'continue';
}
