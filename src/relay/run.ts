/**
 * One relay run over one table: plan the rows that need a message, then send
 * them in small chunks with a write-ahead ledger, so that a run killed at any
 * instant loses nothing and never double-posts:
 *
 *   1. write-ahead: the chunk's rows become PENDING with the requestId of the
 *      send they are about to make (a retry reuses it);
 *   2. send, paced and retried by the Chat client;
 *   3. write the outcomes.
 *
 * A kill after 1 leaves PENDING rows that the next run sends with the same
 * requestId; a kill after 2 makes Chat return the message it already created
 * for that requestId instead of posting it again.
 *
 * Rows are found again before every write by their permanent row ID, so a
 * sort or an inserted row during a run cannot misplace a status.
 */
import { Clock, Logger } from '../apps-script/services';
import { ChatClient } from '../chat/client';
import { ChatMessage } from '../chat/message';
import { WebhookUrl, redactSecrets } from '../chat/webhook-url';
import { SheetIdentity, newRowId, requestIdFor, threadKeyFor } from './ids';
import {
  LEDGER_COLUMNS,
  LedgerField,
  LedgerState,
  STATUS,
  ledgerFieldIndex,
  asCellText,
  serializeLedger,
} from './ledger';
import { Field, RowMessage, renderRowMessage } from './message';
import { Reason, RowReader, dueReason, rowReader } from './rows';
import { diffSnapshot, takeSnapshot } from './snapshot';
import { Table } from './table';

export type Selection =
  /** Every row that is new, changed, pending or failed-then-changed; `first` goes first. */
  | { kind: 'due'; first?: number[] }
  /** These rows (data positions), sent now whether changed or not. */
  | { kind: 'selected'; positions: number[] };

export interface RelayDeps {
  client: ChatClient;
  clock: Clock;
  random: () => number;
  identity: SheetIdentity;
  log?: Logger;
  onProgress?: (done: number, total: number) => void;
}

export interface RunLimits {
  /** Epoch ms at which the whole execution started. */
  startedAt: number;
  /** No new send starts after startedAt + budgetMs. */
  budgetMs: number;
  /** Rows per write-ahead/outcome cycle. */
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
  /** Planned but left for the next run (time budget, Chat unavailable, sheet changed). */
  notReached: number;
  /** Why the run stopped before the end of its plan, if it did. */
  stopped: string | null;
}

interface Item {
  position: number;
  reason: Reason;
  key: string;
  hadId: boolean;
  ledger: LedgerState;
  /** Cell values for the ledger columns, in LEDGER_COLUMNS order. */
  cells: unknown[];
  message: ChatMessage | null;
  /** Snapshot to store when the send succeeds. */
  delivered: LedgerState['snap'];
  deliveredLong: LedgerState['long'];
  version: string;
}

function setCell(item: Item, field: LedgerField, value: unknown) {
  item.cells[ledgerFieldIndex(field)] = value;
}

const MAX_ERROR_CHARS = 500;

function errorText(text: string): string {
  const clean = redactSecrets(text).replace(/\s+/g, ' ').trim();
  return asCellText(
    clean.length > MAX_ERROR_CHARS ? clean.slice(0, MAX_ERROR_CHARS - 1) + '…' : clean,
  );
}

/** Plans the run: which rows, in which order. Reads nothing beyond the table. */
export function planRun(
  table: Table,
  reader: RowReader,
  selection: Selection,
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
  (selection.first || []).forEach((p) => {
    hinted[p] = true;
  });
  for (let position = 0; position < table.rows.length; position++) {
    const reason = dueReason(table, reader, position);
    if (!reason) continue;
    const bucket = hinted[position] ? first : reason === 'pending' ? pending : rest;
    bucket.push({ position, reason });
  }
  return first.concat(pending, rest);
}

export function runRelay(
  table: Table,
  webhook: WebhookUrl,
  selection: Selection,
  deps: RelayDeps,
  limits: RunLimits,
): RunSummary {
  const reader = rowReader(table);
  const plan = planRun(table, reader, selection);
  const summary: RunSummary = {
    planned: plan.length,
    sent: 0,
    pending: 0,
    failed: 0,
    quiet: 0,
    notReached: 0,
    stopped: null,
  };
  if (!plan.length) return summary;

  const writer = ledgerWriter(table);
  const raw = writer.readRaw();
  const deadline = limits.startedAt + limits.budgetMs;
  let consecutiveTransient = 0;
  let done = 0;

  for (let start = 0; start < plan.length && !summary.stopped; start += limits.chunkSize) {
    if (deps.clock.now() >= deadline) {
      summary.stopped = 'time budget reached';
      break;
    }
    const chunk = plan
      .slice(start, start + limits.chunkSize)
      .map((p) => prepare(table, reader, p.position, p.reason, raw[p.position], deps));

    // 1. Write-ahead.
    const located = writer.write(chunk);
    const outcomes: Item[] = [];
    for (const item of chunk) {
      if (!located.has(item) || summary.stopped) continue;
      if (!item.message) {
        // Settled without a send: an empty key (FAILED) or a quiet change (SENT).
        if (item.cells[ledgerFieldIndex('status')] === STATUS.FAILED) summary.failed++;
        else summary.quiet++;
        done++;
        continue;
      }
      if (deps.clock.now() >= deadline) {
        summary.stopped = 'time budget reached';
        continue;
      }
      // 2. Send.
      const result = deps.client.send(webhook, item.message, {
        requestId: item.ledger.req,
        deadline,
      });
      // 3. Outcome.
      if (result.ok) {
        consecutiveTransient = 0;
        item.ledger.snap = item.delivered;
        if (item.deliveredLong) item.ledger.long = item.deliveredLong;
        else delete item.ledger.long;
        setCell(item, 'status', STATUS.SENT);
        setCell(item, 'thread', result.threadName || '');
        setCell(item, 'sentAt', new Date(deps.clock.now()));
        setCell(item, 'error', '');
        setCell(item, 'version', item.version);
        setCell(item, 'ledger', serializeLedger(item.ledger));
        summary.sent++;
      } else if (result.kind === 'transient') {
        consecutiveTransient++;
        setCell(item, 'status', STATUS.PENDING);
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
      if (deps.onProgress) deps.onProgress(done, plan.length);
    }
    if (outcomes.length) writer.write(outcomes);
  }
  summary.notReached =
    plan.length - summary.sent - summary.pending - summary.failed - summary.quiet;
  return summary;
}

/** Works out the message, the logical send and the write-ahead cells of one row. */
function prepare(
  table: Table,
  reader: RowReader,
  position: number,
  reason: Reason,
  rawLedger: unknown[],
  deps: RelayDeps,
): Item {
  const cells = table.rows[position];
  const state = reader.state(position);
  const previous = state.ledger;
  const keyField: Field = { label: table.keyColumn.label, value: state.key };
  const fields = reader.fields(cells);
  const snapshot = takeSnapshot([keyField].concat(fields));
  const item: Item = {
    position,
    reason,
    key: state.key,
    hadId: !!previous,
    ledger: previous
      ? { ...previous }
      : { id: newRowId(deps.random, deps.clock.now()), n: 0, req: '', att: '', snap: {} },
    cells: rawLedger.slice(),
    message: null,
    delivered: snapshot.snap,
    deliveredLong: snapshot.long,
    version: state.version,
  };

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

  const storedVersion = String(cells[table.ledger.version] || '');
  const everSent = storedVersion !== '' && previous !== null;
  let body: RowMessage;
  if (everSent && storedVersion !== state.version && previous) {
    const changes = diffSnapshot(previous, [keyField].concat(fields));
    if (!changes.length && reason !== 'selected') {
      // Nothing a reader could see changed (a moved column): record the new version quietly.
      setCell(item, 'status', STATUS.SENT);
      setCell(item, 'version', state.version);
      setCell(item, 'error', '');
      item.ledger.snap = snapshot.snap;
      setCell(item, 'ledger', serializeLedger(item.ledger));
      return item;
    }
    body = changes.length
      ? { kind: 'update', sheet: table.name, key: keyField, changes }
      : { kind: 'resend', sheet: table.name, key: keyField, fields };
  } else {
    body = { kind: everSent ? 'resend' : 'new', sheet: table.name, key: keyField, fields };
  }

  const retry =
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
  item.message = {
    text: renderRowMessage(body),
    thread: { threadKey: threadKeyFor(deps.identity, state.key) },
  };
  setCell(item, 'status', STATUS.PENDING);
  setCell(item, 'ledger', serializeLedger(item.ledger));
  return item;
}

/** Batched reads and writes of the ledger columns. */
function ledgerWriter(table: Table) {
  const sheet = table.sheet;
  const columns = LEDGER_COLUMNS.map((c, i) => ({ field: i, column: table.ledger[c.field] })).sort(
    (a, b) => a.column - b.column,
  );
  // Contiguous runs of ledger columns: one setValues per run and row segment.
  const runs: Array<{ first: number; fields: number[] }> = [];
  columns.forEach((c) => {
    const last = runs[runs.length - 1];
    if (last && last.first + last.fields.length === c.column) last.fields.push(c.field);
    else runs.push({ first: c.column, fields: [c.field] });
  });
  const minColumn = columns[0].column;
  const span = columns[columns.length - 1].column - minColumn + 1;

  return {
    /** Raw (typed) ledger values of every row, in LEDGER_COLUMNS order: one range call. */
    readRaw(): unknown[][] {
      const block = sheet
        .getRange(table.firstDataRow, minColumn + 1, table.rows.length, span)
        .getValues();
      return block.map((row) => LEDGER_COLUMNS.map((c) => row[table.ledger[c.field] - minColumn]));
    },

    /**
     * Finds each item's row as the sheet stands now (by row ID, or for a row
     * never sent before, by its read-time position if its key is still there),
     * then writes their ledger cells in contiguous blocks. Returns the items
     * written.
     */
    write(items: Item[]): Set<Item> {
      const lastRow = sheet.getLastRow();
      const count = Math.max(0, lastRow - table.firstDataRow + 1);
      const located = new Set<Item>();
      if (!count) return located;
      const ids = sheet
        .getRange(table.firstDataRow, table.ledger.ledger + 1, count, 1)
        .getDisplayValues();
      const where: { [id: string]: number } = {};
      ids.forEach((cell, p) => {
        const match = /"id":"([^"]+)"/.exec(cell[0]);
        if (match) where[match[1]] = p;
      });
      let keys: string[][] | null = null;
      const positioned: Array<{ item: Item; position: number }> = [];
      for (const item of items) {
        let position: number | undefined = where[item.ledger.id];
        if (position === undefined && !item.hadId) {
          keys =
            keys ||
            sheet
              .getRange(table.firstDataRow, table.keyColumn.index + 1, count, 1)
              .getDisplayValues();
          const p = item.position;
          if (p < count && String(keys[p][0]).trim() === item.key && ids[p][0] === '') position = p;
        }
        if (position === undefined) continue;
        positioned.push({ item, position });
        located.add(item);
      }
      positioned.sort((a, b) => a.position - b.position);
      let segment: typeof positioned = [];
      const flush = () => {
        if (!segment.length) return;
        const top = table.firstDataRow + segment[0].position;
        for (const run of runs) {
          sheet
            .getRange(top, run.first + 1, segment.length, run.fields.length)
            .setValues(segment.map((s) => run.fields.map((f) => s.item.cells[f])));
        }
        segment = [];
      };
      for (const entry of positioned) {
        const last = segment[segment.length - 1];
        if (last && entry.position === last.position) continue;
        if (last && entry.position !== last.position + 1) flush();
        segment.push(entry);
      }
      flush();
      return located;
    },
  };
}
