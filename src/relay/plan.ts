/**
 * Planning a run: which rows need a message, in which order. Reads nothing
 * beyond the table.
 */
import { Reason, RowReader, dueReason } from './rows';
import { Table } from './table';

export type Selection =
  /** Every row that is new, changed, pending or failed-then-changed; `first` goes first. */
  | { kind: 'due'; first?: number[] }
  /** These rows (data positions), sent now whether changed or not. */
  | { kind: 'selected'; positions: number[] }
  /** Every row that is due, recorded as delivered without a message (adopting an existing sheet). */
  | { kind: 'baseline' };

export interface PlannedRow {
  /** 0-based data position at read time. */
  position: number;
  reason: Reason;
}

/** Positions of rows copied (with their Chat cells) from another row. */
export type Copies = { [position: number]: true };

/**
 * Copies of a delivered row (copy-pasted with its Chat cells) carry the same
 * ledger. Among rows that share one, the first whose data is unchanged keeps
 * it (else the first); the others are new rows. Found without reading the
 * ledger JSON: copies share their version, thread and time of sending.
 */
export function copiedRows(table: Table, reader: RowReader): Copies {
  const l = table.ledger;
  // Versions are nearly always unique: group only the rows whose stored version repeats.
  const firstWith = new Map<string, number>();
  const groups: { [signature: string]: number[] } = {};
  const signature = (p: number) =>
    `${table.rows[p][l.version]}\n${table.rows[p][l.thread]}\n${table.rows[p][l.sentAt]}`;
  for (let p = 0; p < table.rows.length; p++) {
    const stored = table.rows[p][l.version];
    if (!stored) continue;
    const first = firstWith.get(stored);
    if (first === undefined) {
      firstWith.set(stored, p);
      continue;
    }
    const key = signature(p);
    if (!groups[key]) groups[key] = signature(first) === key ? [first] : [];
    groups[key].push(p);
  }
  const copies: Copies = {};
  Object.keys(groups).forEach((key) => {
    const members = groups[key];
    if (members.length < 2) return;
    const unchanged = members.filter(
      (p) => reader.version(table.rows[p]) === table.rows[p][l.version],
    );
    const owner = unchanged.length ? unchanged[0] : members[0];
    members.forEach((p) => {
      if (p !== owner) copies[p] = true;
    });
  });
  return copies;
}

function planSelected(table: Table, reader: RowReader, positions: number[]): PlannedRow[] {
  const seen: { [p: number]: true } = {};
  return positions
    .filter((p) => p >= 0 && p < table.rows.length && !reader.isBlank(table.rows[p]))
    .filter((p) => (seen[p] ? false : (seen[p] = true)))
    .sort((a, b) => a - b)
    .map((position) => ({ position, reason: 'selected' as Reason }));
}

/** The rows to send: the selected ones, or every due row (hinted first, then pending, then the rest). */
export function planRun(
  table: Table,
  reader: RowReader,
  selection: Selection,
  copies: Copies = {},
): PlannedRow[] {
  if (selection.kind === 'selected') return planSelected(table, reader, selection.positions);
  const first: PlannedRow[] = [];
  const pending: PlannedRow[] = [];
  const rest: PlannedRow[] = [];
  const hinted: { [p: number]: true } = {};
  (selection.kind === 'due' && selection.first ? selection.first : []).forEach((p) => {
    hinted[p] = true;
  });
  for (let position = 0; position < table.rows.length; position++) {
    const reason = copies[position]
      ? reader.isBlank(table.rows[position])
        ? null
        : 'new'
      : dueReason(table, reader, position);
    if (!reason) continue;
    const bucket = hinted[position] ? first : reason === 'pending' ? pending : rest;
    bucket.push({ position, reason });
  }
  return first.concat(pending, rest);
}
