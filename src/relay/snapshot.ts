/**
 * The "as last delivered" copy of a row kept in its ledger, and the
 * field-by-field comparison that an update reply shows.
 */
import { hashHex } from './hash';
import { Change, Field } from './compose/types';

/** Values longer than this are kept cut, with a hash to detect changes past the cut. */
const MAX_KEPT_VALUE = 500;
const CUT_MARK = '…';

/**
 * Labels to values as last delivered. A value too long to keep whole is kept
 * cut, followed by HASH_SEPARATOR and a hash of the whole value, so a change
 * past the cut is still detected.
 */
export interface Snapshot {
  values: { [label: string]: string };
  /** True when not even cut values fitted: the next update shows every field. */
  partial: boolean;
}

const HASH_SEPARATOR = '\u001f';

/** The shown part and the hash (if the value was cut) of a kept value. */
function kept(value: string): { shown: string; hash: string | null } {
  const at = value.lastIndexOf(HASH_SEPARATOR);
  const hash = at < 0 ? '' : value.slice(at + 1);
  return /^[0-9a-f]{32}$/.test(hash)
    ? { shown: value.slice(0, at), hash }
    : { shown: value, hash: null };
}

function cutForSnapshot(value: string, keep: number): string {
  if (keep === 0) return CUT_MARK;
  let end = keep;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return value.slice(0, end) + CUT_MARK;
}

function snapshotWith(fields: Field[], keep: number): Snapshot {
  const out: Snapshot = { values: {}, partial: false };
  fields.forEach((f) => {
    if (f.value.length > keep) {
      out.values[f.label] = cutForSnapshot(f.value, keep) + HASH_SEPARATOR + hashHex(f.value);
    } else {
      out.values[f.label] = f.value;
    }
  });
  return out;
}

/**
 * The snapshot of a row, measured as the JSON it is stored as: values are cut
 * shorter and shorter until it fits in `maxChars` (a cell holds at most
 * 50,000 characters); if even the labels do not fit, it keeps nothing and says so.
 */
export function takeSnapshot(fields: Field[], maxChars = 30000): Snapshot {
  const even = Math.floor(maxChars / Math.max(1, fields.length));
  const keeps = [Math.min(MAX_KEPT_VALUE, even), 200, 80, 20, 0].filter(
    (k, i, all) => k <= all[0] && all.indexOf(k) === i,
  );
  for (const keep of keeps) {
    const snapshot = snapshotWith(fields, keep);
    if (JSON.stringify(snapshot.values).length <= maxChars) return snapshot;
  }
  return { values: {}, partial: true };
}

/** Fields that differ between the snapshot and the row now, in row order, then removed ones. */
export function diffSnapshot(before: { [label: string]: string }, now: Field[]): Change[] {
  const changes: Change[] = [];
  const present: { [label: string]: true } = {};
  now.forEach((f) => {
    present[f.label] = true;
    const had = Object.prototype.hasOwnProperty.call(before, f.label);
    const old = kept(had ? before[f.label] : '');
    const same = old.hash !== null ? old.hash === hashHex(f.value) : old.shown === f.value;
    if (!same) changes.push({ label: f.label, before: old.shown, after: f.value });
  });
  Object.keys(before).forEach((label) => {
    const old = kept(before[label]);
    if (!present[label] && old.shown !== '') {
      changes.push({ label, before: old.shown, after: '' });
    }
  });
  return changes;
}
