/**
 * The "as last delivered" copy of a row kept in its ledger, and the
 * field-by-field comparison that an update reply shows.
 */
import { hashHex } from './hash';
import { Change, Field } from './message';

/** A row's snapshot must stay far below Sheets' 50,000 characters per cell. */
const SNAPSHOT_BUDGET = 20000;
const MAX_KEPT_VALUE = 500;
const CUT_MARK = '…';

export interface Snapshot {
  snap: { [label: string]: string };
  long?: { [label: string]: string };
}

function keptLength(fieldCount: number): number {
  return Math.max(
    20,
    Math.min(MAX_KEPT_VALUE, Math.floor(SNAPSHOT_BUDGET / Math.max(1, fieldCount))),
  );
}

function cutForSnapshot(value: string, keep: number): string {
  let end = keep;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return value.slice(0, end) + CUT_MARK;
}

export function takeSnapshot(fields: Field[]): Snapshot {
  const keep = keptLength(fields.length);
  const out: Snapshot = { snap: {} };
  fields.forEach((f) => {
    if (f.value.length > keep) {
      out.snap[f.label] = cutForSnapshot(f.value, keep);
      (out.long = out.long || {})[f.label] = hashHex(f.value);
    } else {
      out.snap[f.label] = f.value;
    }
  });
  return out;
}

/** Fields that differ between the snapshot and the row now, in row order, then removed ones. */
export function diffSnapshot(before: Snapshot, now: Field[]): Change[] {
  const changes: Change[] = [];
  const present: { [label: string]: true } = {};
  now.forEach((f) => {
    present[f.label] = true;
    const had = Object.prototype.hasOwnProperty.call(before.snap, f.label);
    const old = had ? before.snap[f.label] : '';
    const longHash = before.long && before.long[f.label];
    const same = longHash ? longHash === hashHex(f.value) : old === f.value;
    if (!same) changes.push({ label: f.label, before: old, after: f.value });
  });
  Object.keys(before.snap).forEach((label) => {
    if (!present[label] && before.snap[label] !== '') {
      changes.push({ label, before: before.snap[label], after: '' });
    }
  });
  return changes;
}
