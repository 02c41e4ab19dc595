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
import { Clock, Logger } from '../apps-script/services';
import { ChatClient, SendResult } from '../chat/client';
import { WebhookUrl, redactSecrets } from '../chat/webhook-url';
import { SheetIdentity, newRowId, requestIdFor, threadKeyFor } from './ids';
import {
  LEDGER_COLUMNS,
  LedgerField,
  LedgerState,
  STATUS,
  asCellText,
  isLedgerHeader,
  ledgerFieldIndex,
  serializeLedger,
} from './ledger';
import { Field, RowMessage, renderRowMessage } from './message';
import { Reason, RowReader, dueReason, rowReader } from './rows';
import { Snapshot, diffSnapshot, takeSnapshot } from './snapshot';
import { Table } from './table';

export type Selection =
  /** Every row that is new, changed, pending or failed-then-changed; `first` goes first. */
  | { kind: 'due'; first?: number[] }
  /** These rows (data positions), sent now whether changed or not. */
  | { kind: 'selected'; positions: number[] }
  /** Every row that is due, recorded as delivered without a message (adopting an existing sheet). */
  | { kind: 'baseline' };

export interface RelayDeps {
  client: ChatClient;
  clock: Clock;
  random: () => number;
  identity: SheetIdentity;
  /** Commits pending sheet writes (SpreadsheetApp.flush). */
  flush: () => void;
  log?: Logger;
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

/** Longest value kept in a ledger's snapshot JSON; a cell holds at most 50,000 characters. */
const MAX_SNAPSHOT_CHARS = 40000;
const MAX_ERROR_CHARS = 500;

interface Item {
  /** Where the row is believed to be now (0-based data position). */
  position: number;
  key: string;
  ledger: LedgerState;
  /** Cell values for the ledger columns, in LEDGER_COLUMNS order. */
  cells: unknown[];
  version: string;
  /** The message to send, or null when the row is settled without one. */
  body: RowMessage | null;
  /** Snapshot to store when the send succeeds. */
  delivered: Snapshot;
}

function setCell(item: Item, field: LedgerField, value: unknown): void {
  item.cells[ledgerFieldIndex(field)] = value;
}

function errorText(text: string): string {
  const clean = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return asCellText(
    clean.length > MAX_ERROR_CHARS ? clean.slice(0, MAX_ERROR_CHARS - 1) + '…' : clean,
  );
}

/**
 * Copies of a delivered row (copy-pasted with its Chat cells) carry the same
 * ledger. Among rows that share one, the first whose data is unchanged keeps
 * it (else the first); the others are new rows. Found without reading the
 * ledger JSON: copies share their version, thread and time of sending.
 */
function copiedRows(table: Table, reader: RowReader): { [position: number]: true } {
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
  const copies: { [position: number]: true } = {};
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

/** Plans the run: which rows, in which order. Reads nothing beyond the table. */
export function planRun(
  table: Table,
  reader: RowReader,
  selection: Selection,
  copies: { [position: number]: true } = {},
): Array<{ position: number; reason: Reason }> {
  if (selection.kind === 'selected') {
    const seen: { [p: number]: true } = {};
    return selection.positions
      .filter((p) => p >= 0 && p < table.rows.length && !reader.isBlank(table.rows[p]))
      .filter((p) => (seen[p] ? false : (seen[p] = true)))
      .sort((a, b) => a - b)
      .map((position) => ({ position, reason: 'selected' as Reason }));
  }
  const first: Array<{ position: number; reason: Reason }> = [];
  const pending: Array<{ position: number; reason: Reason }> = [];
  const rest: Array<{ position: number; reason: Reason }> = [];
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

/** Chat's answers that are about the webhook itself, not about one message. */
function refusesWebhook(result: Extract<SendResult, { ok: false }>): boolean {
  if (result.kind !== 'permanent') return false;
  const status = result.httpStatus;
  return status === 401 || status === 403 || status === 404 || /API key/i.test(result.message);
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
  const summary: RunSummary = {
    planned: plan.length,
    sent: 0,
    pending: 0,
    failed: 0,
    quiet: 0,
    marked: 0,
    notReached: 0,
    stopped: null,
    refused: null,
  };
  if (!plan.length) return summary;

  const writer = ledgerWriter(table);
  const raw = writer.readRaw(plan.map((p) => p.position));
  const baseline = selection.kind === 'baseline';
  const items = plan.map((p) =>
    prepare(
      table,
      reader,
      p.position,
      p.reason,
      !!copies[p.position],
      baseline,
      raw[p.position],
      deps,
    ),
  );

  // 1. Write-ahead, for the whole plan at once, then make sure it is committed.
  const ahead = writer.write(items, true);
  deps.flush();
  for (const item of items) {
    if (!ahead.has(item) || item.body) continue;
    // Settled without a send: an empty key (FAILED), a baseline or a quiet change (SENT).
    if (item.cells[ledgerFieldIndex('status')] === STATUS.FAILED) summary.failed++;
    else if (selection.kind === 'baseline') summary.marked++;
    else summary.quiet++;
  }

  const deadline = limits.startedAt + limits.budgetMs;
  const toSend = items.filter((item) => item.body && ahead.has(item));
  let consecutiveTransient = 0;
  let outcomes: Item[] = [];
  let done = 0;
  for (const item of toSend) {
    if (deps.clock.now() >= deadline) {
      summary.stopped = 'time budget reached';
      break;
    }
    // 2. Send.
    const message = {
      text: renderRowMessage(item.body as RowMessage),
      thread: { threadKey: threadKeyFor(deps.identity, item.key) },
    };
    const result = deps.client.send(webhook, message, { requestId: item.ledger.req, deadline });
    // 3. Outcome.
    if (result.ok) {
      consecutiveTransient = 0;
      item.ledger.snap = item.delivered.snap;
      if (item.delivered.partial) item.ledger.partial = true;
      else delete item.ledger.partial;
      setCell(item, 'status', STATUS.SENT);
      setCell(item, 'thread', result.threadName || '');
      setCell(item, 'sentAt', new Date(deps.clock.now()));
      setCell(item, 'error', '');
      setCell(item, 'version', item.version);
      setCell(item, 'ledger', serializeLedger(item.ledger));
      summary.sent++;
    } else if (refusesWebhook(result)) {
      // Not this row's fault: leave it PENDING and stop, so nothing becomes FAILED en masse.
      setCell(item, 'error', errorText(`Chat refused the webhook: ${result.message}`));
      summary.refused = result.message;
      summary.stopped = `Chat refused the webhook (${result.message})`;
      outcomes.push(item);
      break;
    } else if (result.kind === 'transient') {
      consecutiveTransient++;
      setCell(item, 'error', errorText(`Will retry: ${result.message}`));
      summary.pending++;
      if (consecutiveTransient >= limits.maxConsecutiveTransient) {
        summary.stopped = `Chat is not accepting messages (${result.message})`;
      }
    } else {
      consecutiveTransient = 0;
      setCell(item, 'status', STATUS.FAILED);
      setCell(item, 'error', errorText(result.message));
      summary.failed++;
    }
    outcomes.push(item);
    done++;
    if (deps.onProgress) deps.onProgress(done, toSend.length);
    if (summary.stopped) break;
    if (outcomes.length >= limits.chunkSize) {
      writer.write(outcomes, false);
      outcomes = [];
      if (writer.lost()) summary.stopped = writer.lost();
    }
  }
  if (outcomes.length) writer.write(outcomes, false);
  if (!summary.stopped && writer.lost()) summary.stopped = writer.lost();
  summary.notReached =
    plan.length - summary.sent - summary.pending - summary.failed - summary.quiet - summary.marked;
  return summary;
}

/** Works out the logical send, the message and the write-ahead cells of one row. */
function prepare(
  table: Table,
  reader: RowReader,
  position: number,
  reason: Reason,
  copy: boolean,
  baseline: boolean,
  rawLedger: unknown[],
  deps: RelayDeps,
): Item {
  const cells = table.rows[position];
  const state = reader.state(position);
  // A copy's ledger belongs to the row it was copied from.
  const previous = copy ? null : state.ledger;
  const keyField: Field = { label: table.keyColumn.label, value: state.key };
  const fields = reader.fields(cells);
  const item: Item = {
    position,
    key: state.key,
    ledger: previous
      ? { ...previous }
      : { id: newRowId(deps.random, deps.clock.now()), n: 0, req: '', att: '', snap: {} },
    cells: rawLedger.slice(),
    version: state.version,
    body: null,
    delivered: takeSnapshot([keyField].concat(fields), MAX_SNAPSHOT_CHARS),
  };
  if (copy) {
    // Start the copy's own history: none of the original's cells apply to it.
    setCell(item, 'thread', '');
    setCell(item, 'sentAt', '');
    setCell(item, 'version', '');
    setCell(item, 'error', '');
  }

  if (state.key === '') {
    item.ledger.att = state.version;
    setCell(item, 'status', STATUS.FAILED);
    setCell(
      item,
      'error',
      errorText(`The key column "${table.keyColumn.label}" is empty: fill it in to send this row`),
    );
    setCell(item, 'ledger', serializeLedger(item.ledger));
    return item;
  }

  if (baseline) {
    // Recorded as delivered, as it is now: only later changes will be posted.
    setCell(item, 'status', STATUS.SENT);
    setCell(item, 'version', state.version);
    setCell(item, 'error', '');
    item.ledger.att = state.version;
    item.ledger.snap = item.delivered.snap;
    if (item.delivered.partial) item.ledger.partial = true;
    setCell(item, 'ledger', serializeLedger(item.ledger));
    return item;
  }

  const storedVersion = copy ? '' : String(cells[table.ledger.version] || '');
  const everSent = storedVersion !== '' && previous !== null;
  if (everSent && previous && storedVersion !== state.version) {
    if (previous.partial) {
      item.body = { kind: 'changed', sheet: table.name, key: keyField, fields };
    } else {
      const changes = diffSnapshot(previous, [keyField].concat(fields));
      if (!changes.length && reason !== 'selected') {
        // Nothing a reader could see changed (a moved column): record the new version quietly.
        setCell(item, 'status', STATUS.SENT);
        setCell(item, 'version', state.version);
        setCell(item, 'error', '');
        item.ledger.snap = item.delivered.snap;
        setCell(item, 'ledger', serializeLedger(item.ledger));
        return item;
      }
      item.body = changes.length
        ? { kind: 'update', sheet: table.name, key: keyField, changes }
        : { kind: 'resend', sheet: table.name, key: keyField, fields };
    }
  } else {
    item.body = { kind: everSent ? 'resend' : 'new', sheet: table.name, key: keyField, fields };
  }

  const retry =
    !copy &&
    state.status === STATUS.PENDING &&
    previous !== null &&
    previous.att === state.version &&
    previous.req !== '';
  if (!retry) {
    item.ledger.n += 1;
    item.ledger.att = state.version;
    item.ledger.req = requestIdFor(
      deps.identity,
      state.key,
      item.ledger.id,
      state.version,
      item.ledger.n,
    );
  }
  setCell(item, 'status', STATUS.PENDING);
  setCell(item, 'ledger', serializeLedger(item.ledger));
  return item;
}

function lowest(values: number[]): number {
  return values.reduce((a, b) => (b < a ? b : a), Infinity);
}

function highest(values: number[]): number {
  return values.reduce((a, b) => (b > a ? b : a), -Infinity);
}

/** Batched reads and writes of the ledger columns. */
function ledgerWriter(table: Table) {
  const sheet = table.sheet;
  let columns = { ...table.ledger };
  let lost: string | null = null;
  const ledgerIndex = ledgerFieldIndex('ledger');

  /** Contiguous runs of ledger columns: one setValues per run and row segment. */
  const runsOf = (skip: number | null) => {
    const sorted = LEDGER_COLUMNS.map((c, field) => ({ field, column: columns[c.field] }))
      .filter((c) => c.field !== skip)
      .sort((a, b) => a.column - b.column);
    const runs: Array<{ first: number; fields: number[] }> = [];
    sorted.forEach((c) => {
      const last = runs[runs.length - 1];
      if (last && last.first + last.fields.length === c.column) last.fields.push(c.field);
      else runs.push({ first: c.column, fields: [c.field] });
    });
    return runs;
  };

  /** The header row now: ledger columns may have moved since the table was read. */
  const refreshColumns = (): boolean => {
    const width = sheet.getLastColumn();
    const headers = sheet.getRange(table.headerRow, 1, 1, width).getDisplayValues()[0];
    const found: { [header: string]: number } = {};
    headers.forEach((h, i) => {
      const text = String(h).trim();
      if (isLedgerHeader(text) && !(text in found)) found[text] = i;
    });
    const next = { ...columns };
    for (const c of LEDGER_COLUMNS) {
      if (!(c.header in found)) {
        lost = `the column "${c.header}" disappeared during the run`;
        return false;
      }
      next[c.field] = found[c.header];
    }
    columns = next;
    return true;
  };

  /** Checks items are where expected (by row ID); scans the ledger column when not. */
  const relocate = (items: Item[]): Item[] => {
    const lastRow = sheet.getLastRow();
    const count = Math.max(0, lastRow - table.firstDataRow + 1);
    if (!count) return [];
    const positions = items.map((i) => i.position).filter((p) => p < count);
    const holds = (cell: string, item: Item) => cell.indexOf(`"id":"${item.ledger.id}"`) >= 0;
    if (positions.length === items.length) {
      const top = lowest(positions);
      const span = sheet
        .getRange(table.firstDataRow + top, columns.ledger + 1, highest(positions) - top + 1, 1)
        .getDisplayValues();
      if (items.every((item) => holds(span[item.position - top][0], item))) return items;
    }
    const cells = sheet
      .getRange(table.firstDataRow, columns.ledger + 1, count, 1)
      .getDisplayValues();
    const where: { [id: string]: number } = {};
    cells.forEach((cell, p) => {
      const match = /"id":"([^"]+)"/.exec(cell[0]);
      if (match) where[match[1]] = match[1] in where ? -1 : p;
    });
    return items.filter((item) => {
      const p = where[item.ledger.id];
      if (p === undefined || p < 0) return false;
      item.position = p;
      return true;
    });
  };

  return {
    /** Why rows could not be found again, if they could not. */
    lost: () => lost,

    /**
     * Typed values of the ledger cells (but the JSON) of the given rows, in
     * LEDGER_COLUMNS order: one range call per contiguous run of columns.
     */
    readRaw(positions: number[]): unknown[][] {
      const out: unknown[][] = [];
      const top = lowest(positions);
      const rows = highest(positions) - top + 1;
      for (const run of runsOf(ledgerIndex)) {
        const block = sheet
          .getRange(table.firstDataRow + top, run.first + 1, rows, run.fields.length)
          .getValues();
        block.forEach((values, r) => {
          const row = (out[top + r] = out[top + r] || []);
          run.fields.forEach((field, i) => {
            row[field] = values[i];
          });
        });
      }
      return out;
    },

    /**
     * Writes the items' ledger cells in contiguous blocks. `trustPositions`
     * is for the write-ahead made right after the table was read (rows never
     * sent have no ID in the sheet yet); later writes find rows again first.
     * Returns the items written.
     */
    write(items: Item[], trustPositions: boolean): Set<Item> {
      const written = new Set<Item>();
      if (lost || (!trustPositions && !refreshColumns())) return written;
      const located = trustPositions ? items : relocate(items);
      if (!trustPositions && located.length < items.length) {
        lost = `${items.length - located.length} row(s) could not be found again (deleted during the run?)`;
      }
      const ordered = located.slice().sort((a, b) => a.position - b.position);
      const runs = runsOf(null);
      let segment: Item[] = [];
      const flush = () => {
        if (!segment.length) return;
        const top = table.firstDataRow + segment[0].position;
        for (const run of runs) {
          sheet
            .getRange(top, run.first + 1, segment.length, run.fields.length)
            .setValues(segment.map((item) => run.fields.map((f) => item.cells[f])));
        }
        segment.forEach((item) => written.add(item));
        segment = [];
      };
      for (const item of ordered) {
        const last = segment[segment.length - 1];
        if (last && item.position === last.position) continue;
        if (last && item.position !== last.position + 1) flush();
        segment.push(item);
      }
      flush();
      return written;
    },
  };
}
