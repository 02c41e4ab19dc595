/**
 * Who acted from Chat: a confirmed action records itself in the row's
 * ledger (ActionRecord) before it writes the row's cells, and the row's next
 * message that shows those values says who acted. The record is consumed
 * once values holding what it wrote are delivered.
 *
 * Every prefix of the action's writes is safe: a record whose cells were
 * never written (the execution stopped in between) matches no values, so it
 * names nobody; it is dropped once it is a day old. A record left by a
 * confirm repeated after such a stop is the new one.
 */
import { ActedFrom, Change } from './compose/types';
import { ActionRecord, KeptValues, Ledger, valueOfKept } from './ledger-codec';
import { ValueOf } from './rules';

/** A record older than this names nobody any more, and goes with the row's next delivery. */
export const ACTION_RECORD_MS = 24 * 60 * 60 * 1000;

/** Whether a row with these values holds what the action wrote. */
function holdsWritten(record: ActionRecord, valueOf: ValueOf): boolean {
  const texts = Object.keys(record.values).every(
    (label) => valueOf(label).trim() === record.values[label].trim(),
  );
  return texts && record.dated.every((label) => valueOf(label).trim() !== '');
}

function labelsOf(record: ActionRecord): string[] {
  return Object.keys(record.values).concat(record.dated);
}

/**
 * The action a message about these changes names: the row holds what it wrote and one of the
 * changes is in a column it wrote. Null when there is none.
 */
export function actedFrom(
  ledger: Ledger | null,
  changes: Change[],
  valueOf: ValueOf,
  now: number,
): ActedFrom | null {
  const record = ledger && ledger.action;
  if (!record || now - record.at > ACTION_RECORD_MS) return null;
  const labels = labelsOf(record);
  if (!changes.some((c) => labels.indexOf(c.label) >= 0)) return null;
  return holdsWritten(record, valueOf) ? { action: record.label, user: record.user } : null;
}

/**
 * Drops the ledger's action record once values holding what it wrote are recorded as
 * delivered, or once it is too old to name anybody.
 */
export function settleAction(ledger: Ledger, delivered: KeptValues, now: number): void {
  const record = ledger.action;
  if (!record) return;
  if (now - record.at > ACTION_RECORD_MS || holdsWritten(record, valueOfKept(delivered)))
    delete ledger.action;
}
