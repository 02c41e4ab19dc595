/**
 * Planning a run over one table: which rows need a message, why, where they
 * go, in which order. Reads the heavy ledger cells only for the few rows that
 * need them (copies, failed rows).
 */
import { STATUS } from './columns';
import { LedgerStore } from './ledger-store';
import { RowState } from './row-state';
import { Reason, RowReader, RowValues } from './rows';
import { SheetRules } from './rules';
import { Table } from './table';

export type Selection =
  /** Every row that is new, changed, pending or failed-then-changed; `first` goes first. */
  | { kind: 'due'; first?: number[] }
  /** These rows (data positions), sent now whether changed or not. */
  | { kind: 'selected'; positions: number[] }
  /** Every row that is due, recorded as delivered without a message (adopting an existing sheet). */
  | { kind: 'baseline' };

export interface PlannedRow {
  /** 0-based data position at read time (its index in table.rows). */
  position: number;
  reason: Reason;
  /** A row copied (with its Chat cells) from another one: it starts its own history. */
  copy: boolean;
  /** Goes before every other row of the run (the submitted form response). */
  first: boolean;
}

/** A planned row with its values read and its route resolved, once for the run. */
export interface RoutedRow {
  planned: PlannedRow;
  values: RowValues;
  /** The webhook NAME the row's route gives now. */
  route: string;
}

/** Reads a planned row's values and resolves its route. */
export function routed(reader: RowReader, rules: SheetRules, planned: PlannedRow): RoutedRow {
  const values = reader.values(planned.position);
  return { planned, values, route: rules.route(values) };
}

export interface Plan {
  rows: PlannedRow[];
  /** Rows never posted that do not match sendWhen yet. */
  waiting: number;
}

/** Positions of rows copied (with their Chat cells) from another row. */
export type Copies = { [position: number]: true };

/** Rows whose stored version, thread and time of sending repeat: candidates for copies. */
function copyCandidates(table: Table, reader: RowReader): number[][] {
  const firstWith = new Map<string, number>();
  const groups: { [signature: string]: number[] } = {};
  const signature = (p: number) => {
    const cells = table.rows[p];
    const shown = (f: 'version' | 'thread' | 'sentAt') => reader.shown(cells, f);
    return `${shown('version')}\n${shown('thread')}\n${shown('sentAt')}`;
  };
  for (let p = 0; p < table.rows.length; p++) {
    const stored = reader.shown(table.rows[p], 'version');
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
  return Object.keys(groups)
    .map((k) => groups[k])
    .filter((g) => g.length > 1);
}

/**
 * Copies of a delivered row (copy-pasted with its Chat cells) carry the same
 * ledger, so the same row ID. Among rows sharing one, the first whose data is
 * unchanged keeps it (else the first); the others are new rows. Rows that are
 * merely identical (two rows marked as sent together) have their own IDs.
 */
export function copiedRows(table: Table, reader: RowReader, store: LedgerStore): Copies {
  const copies: Copies = {};
  const groups = copyCandidates(table, reader);
  if (!groups.length) return copies;
  const states = store.readRows(([] as number[]).concat(...groups));
  groups.forEach((group) => {
    const byId: { [id: string]: number[] } = {};
    group.forEach((p) => {
      const ledger = (states.get(p) as RowState).ledger;
      if (ledger) (byId[ledger.rowId] = byId[ledger.rowId] || []).push(p);
    });
    Object.keys(byId).forEach((id) => {
      const members = byId[id];
      if (members.length < 2) return;
      const unchanged = members.filter(
        (p) => reader.version(table.rows[p]) === reader.shown(table.rows[p], 'version'),
      );
      const owner = unchanged.length ? unchanged[0] : members[0];
      members.forEach((p) => p !== owner && (copies[p] = true));
    });
  });
  return copies;
}

/**
 * The version each FAILED row failed on, read from the ledger of those rows
 * only; '' (never a version) when its ledger says a stopped run was changing
 * it, so that the row is planned and recovered.
 */
function failedVersions(table: Table, reader: RowReader, store: LedgerStore): Map<number, string> {
  const failed: number[] = [];
  for (let p = 0; p < table.rows.length; p++) {
    if (reader.status(table.rows[p]) === STATUS.FAILED && !reader.isBlank(table.rows[p]))
      failed.push(p);
  }
  const out = new Map<number, string>();
  if (!failed.length) return out;
  store.readRows(failed).forEach((state, p) => {
    const ledger = state.ledger;
    const interrupted = ledger && ledger.visible && ledger.visible.status !== STATUS.FAILED;
    out.set(p, ledger && !interrupted ? ledger.sendingVersion : '');
  });
  return out;
}

/** Why a row is due in a scheduled run, or null when it is not. */
function dueReason(
  table: Table,
  reader: RowReader,
  p: number,
  failed: Map<number, string>,
): Reason | null {
  const cells = table.rows[p];
  const status = reader.status(cells);
  const stored = reader.shown(cells, 'version');
  if (status === STATUS.SENT) {
    // A SENT row whose version vanished (the hidden column deleted or cleared) is rebuilt, never re-posted.
    if (stored === '') return 'rebuild';
    return stored === reader.version(cells) ? null : 'changed';
  }
  if (status === STATUS.PENDING) return 'pending';
  if (status === STATUS.FAILED)
    return failed.get(p) === reader.version(cells) ? null : 'retry-failed';
  return stored ? 'changed' : 'new';
}

function planSelected(
  table: Table,
  reader: RowReader,
  positions: number[],
  copies: Copies,
): PlannedRow[] {
  const seen: { [p: number]: true } = {};
  return positions
    .filter((p) => p >= 0 && p < table.rows.length && !reader.isBlank(table.rows[p]))
    .filter((p) => (seen[p] ? false : (seen[p] = true)))
    .sort((a, b) => a - b)
    .map((position) => ({
      position,
      reason: 'selected' as Reason,
      copy: !!copies[position],
      first: false,
    }));
}

/** The rows to send: the selected ones, or every due row (hinted first, then pending, then the rest). */
export function planTable(
  table: Table,
  reader: RowReader,
  rules: SheetRules,
  selection: Selection,
  store: LedgerStore,
): Plan {
  const copies = copiedRows(table, reader, store);
  if (selection.kind === 'selected')
    return { rows: planSelected(table, reader, selection.positions, copies), waiting: 0 };
  const failed = failedVersions(table, reader, store);
  const hinted: { [p: number]: true } = {};
  (selection.kind === 'due' && selection.first ? selection.first : []).forEach(
    (p) => (hinted[p] = true),
  );
  const first: PlannedRow[] = [];
  const pending: PlannedRow[] = [];
  const rest: PlannedRow[] = [];
  let waiting = 0;
  for (let p = 0; p < table.rows.length; p++) {
    const cells = table.rows[p];
    if (reader.isBlank(cells)) continue;
    const copy = !!copies[p];
    const reason = copy ? 'new' : dueReason(table, reader, p, failed);
    if (!reason) continue;
    if (
      reason !== 'pending' &&
      (copy || reader.neverPosted(cells)) &&
      !rules.mayStart(reader.conditionRow(p))
    ) {
      waiting++;
      continue;
    }
    const row: PlannedRow = { position: p, reason, copy, first: !!hinted[p] };
    (row.first ? first : reason === 'pending' ? pending : rest).push(row);
  }
  return { rows: first.concat(pending, rest), waiting };
}
