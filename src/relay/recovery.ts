/**
 * Rows that a stopped run left half-written. The ledger store writes a row's
 * Chat Ledger (which keeps a copy of the row's visible relay cells) before its
 * other cells, and its Chat Status last, so a run stopped between two of those
 * calls leaves the ledger ahead of the cells, never behind. When a later run
 * plans the row, its cells are put back as the ledger says, and its status
 * is what the interrupted write was committing.
 */
import { STATUS } from './columns';
import { Ledger, OutboxEntry, VisibleCells } from './ledger-codec';
import { RowState, statusOf } from './row-state';

export type Recovery =
  /** The cells agree with the ledger, or the ledger is from an earlier version. */
  | 'none'
  /** A write-ahead whose status did not land: nothing was sent yet; its messages go out. */
  | 'resume'
  /** A delivery (or a mark) whose status did not land: the row is SENT. */
  | 'sent';

/**
 * The status a half-written row really has: the ledger's, when the only
 * writer that could have left the Chat Status behind it is a stopped run.
 * A status cleared by hand on a row that was posted is a request to post it
 * again, and stays cleared.
 */
function recoveredStatus(visible: string, ledger: Ledger, outbox: OutboxEntry[]): Recovery {
  const committed = (ledger.visible as VisibleCells).status;
  if (committed === STATUS.PENDING && outbox.length) {
    return visible === STATUS.PENDING ? 'none' : 'resume';
  }
  if (committed !== STATUS.SENT || visible === STATUS.SENT) return 'none';
  const stopped =
    (visible === STATUS.PENDING && !outbox.length) ||
    visible === STATUS.FAILED ||
    (visible === '' && ledger.sendCount === 0);
  return stopped ? 'sent' : 'none';
}

/**
 * Puts a planned row's visible relay cells back as its ledger says (they can
 * only be behind it) and its status as the interrupted write meant it.
 * `state` (whose ledger is `ledger`, as read) is changed in place; `outbox`
 * is the row's messages in flight ([] when its outbox was lost).
 */
export function recoverCells(state: RowState, ledger: Ledger, outbox: OutboxEntry[]): Recovery {
  const kept = ledger.visible;
  if (!kept) return 'none';
  state.thread = kept.thread;
  state.sentAt = typeof kept.sentAt === 'number' ? new Date(kept.sentAt) : kept.sentAt;
  state.error = kept.error;
  state.version = kept.version;
  const recovery = recoveredStatus(statusOf(state), ledger, outbox);
  if (recovery === 'resume') state.status = STATUS.PENDING;
  if (recovery === 'sent') state.status = STATUS.SENT;
  return recovery;
}
