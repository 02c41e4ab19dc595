/**
 * The preview of one row: the message body a run would post for it, built by
 * the very code that sends (planTable, then prepareWork, which composes the
 * body with its thread), without writing a cell or sending anything.
 *
 * A row that a run would not post says why (blank, waiting for sendWhen, up
 * to date, settled without a message). For a row that is up to date, the
 * preview is what "Send selected rows" would post for it.
 */
import { ChatMessage } from '../chat/message-types';
import { LEDGER_COLUMNS, STATUS } from './columns';
import { SheetIdentity } from './ids';
import { LedgerStore } from './ledger-store';
import { RowComposer } from './message-context';
import { PlannedRow, planTable } from './plan';
import { Reason, rowReader } from './rows';
import { SheetRules } from './rules';
import { Table } from './table';
import { WebhookState, cellOf, prepareWork } from './work';

export interface PreviewContext {
  table: Table;
  rules: SheetRules;
  identity: SheetIdentity;
  /** A row message as sent, thread included, as the run composes it. */
  compose: RowComposer;
  webhook(name: string): WebhookState;
  describeWebhook(name: string): string;
  random: () => number;
  now: () => number;
}

export type RowPreview =
  | {
      kind: 'post';
      /** Why a run posts it; `selected`: the row is up to date, this is what a re-send posts. */
      reason: Reason;
      /** True when a run posts nothing for it now (only "Send selected rows" would post this). */
      upToDate: boolean;
      /** The body exactly as posted, thread included. */
      message: ChatMessage;
      /** The webhook NAME it goes to. */
      webhook: string;
      /** Further messages of the same row (a note left in the thread a row moves out of). */
      more: number;
      /** The row's status cell now (upper case, '' when never sent). */
      status: string;
    }
  | {
      kind: 'none';
      why:
        | 'header'
        | 'blank'
        | 'waiting'
        | 'failed'
        | 'quiet'
        | 'rebuilt'
        | 'repaired'
        | 'held'
        | 'marked';
      /** The Chat Error a run would write, when it would write one. */
      detail: string;
      status: string;
    };

/** The row's ledger cells (LEDGER_COLUMNS order), read only where the columns exist. */
function ledgerCellsOf(table: Table, store: LedgerStore, position: number): unknown[] {
  if (!table.missing.length) return store.readRows([position]).get(position) as unknown[];
  const row = table.firstDataRow + position;
  return LEDGER_COLUMNS.map((c) =>
    table.missing.indexOf(c.field) >= 0
      ? ''
      : table.sheet.getRange(row, table.ledger[c.field] + 1, 1, 1).getValues()[0][0],
  );
}

/** Never posted (and not in flight), as plan.ts decides whether sendWhen still applies. */
function neverPosted(table: Table, position: number): boolean {
  const cells = table.rows[position];
  return cells[table.ledger.version] === '' && cells[table.ledger.thread] === '';
}

/** What a run would post for the row at `position` (0-based data position); reads only. */
export function previewRow(ctx: PreviewContext, position: number): RowPreview {
  const { table, rules } = ctx;
  if (position < 0) return { kind: 'none', why: 'header', detail: '', status: '' };
  const reader = rowReader(table);
  const cells = table.rows[position];
  if (!cells || reader.isBlank(cells))
    return { kind: 'none', why: 'blank', detail: '', status: '' };
  const status = reader.status(cells);
  const store = new LedgerStore(table);
  const due = planTable(table, reader, rules, { kind: 'due' }, store);
  let planned: PlannedRow | undefined = due.rows.filter((r) => r.position === position)[0];
  if (!planned) {
    if (neverPosted(table, position) && !rules.mayStart(reader.valueOf(cells)))
      return { kind: 'none', why: 'waiting', detail: '', status };
    planned = planTable(table, reader, rules, { kind: 'selected', positions: [position] }, store)
      .rows[0];
  }
  const item = prepareWork(
    {
      job: 0,
      table,
      reader,
      rules,
      identity: ctx.identity,
      random: ctx.random,
      now: ctx.now,
      baseline: false,
      webhook: (name) => ctx.webhook(name),
      compose: ctx.compose,
      describeWebhook: (name) => ctx.describeWebhook(name),
    },
    planned,
    ledgerCellsOf(table, store, position),
  );
  if (item.settled || !item.sends.length) {
    const error = cellOf(item, 'error');
    return {
      kind: 'none',
      why: item.settled || 'quiet',
      detail: typeof error === 'string' ? error : '',
      status,
    };
  }
  return {
    kind: 'post',
    reason: planned.reason,
    upToDate: planned.reason === 'selected',
    message: item.sends[0].message,
    webhook: item.sends[0].webhook,
    more: item.sends.length - 1,
    status:
      status === STATUS.SENT || status === STATUS.PENDING || status === STATUS.FAILED ? status : '',
  };
}
