/**
 * The preview of one row: the message body a run would post for it, built by
 * the very code that sends (planTable, then prepareWork, which composes the
 * body with its thread), without writing a cell or sending anything.
 *
 * A row that a run would not post says why (blank, waiting for sendWhen, up
 * to date, or how it ends without a message). For a row that is up to date, the
 * preview is what "Send selected rows" would post for it.
 */
import { ChatMessage } from '../chat/message-types';
import { STATUS } from './columns';
import { SheetIdentity } from './ids';
import { LedgerStore } from './ledger-store';
import { RowComposer } from './message-context';
import { PlannedRow, Selection, planTable, routed } from './plan';
import { RowState } from './row-state';
import { Reason, RowReader, rowReader } from './rows';
import { SheetRules } from './rules';
import { Table } from './table';
import { WebhookState, WorkContext, WorkItem, prepareWork } from './work';

export interface PreviewContext {
  table: Table;
  rules: SheetRules;
  identity: SheetIdentity;
  /** Row messages as sent, thread included, as the run composes them. */
  composer: RowComposer;
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
        | 'waitsForPeople'
        | 'marked';
      /** The Chat Error a run would write, when it would write one. */
      detail: string;
      status: string;
    };

type NoPost = Extract<RowPreview, { kind: 'none' }>;

/** The status a preview shows: the row's Chat Status if it is one of the relay's, else ''. */
function shownStatus(status: string): string {
  return status === STATUS.SENT || status === STATUS.PENDING || status === STATUS.FAILED
    ? status
    : '';
}

/**
 * The row as a run would plan it: as due, or (up to date) as "Send selected rows" would; a row
 * never posted that does not match sendWhen yet is waiting.
 */
function plannedRow(
  ctx: PreviewContext,
  reader: RowReader,
  store: LedgerStore,
  position: number,
): PlannedRow | null {
  const { table, rules } = ctx;
  const due = planTable(table, reader, rules, { kind: 'due' }, store);
  const planned = due.rows.filter((r) => r.position === position)[0];
  if (planned) return planned;
  const cells = table.rows[position];
  if (reader.neverPosted(cells) && !rules.mayStart(reader.conditionRow(position))) return null;
  const selected: Selection = { kind: 'selected', positions: [position] };
  return planTable(table, reader, rules, selected, store).rows[0];
}

/** The work a run would do for a planned row, read only: nothing is written or sent. */
function workOf(
  ctx: PreviewContext,
  reader: RowReader,
  store: LedgerStore,
  planned: PlannedRow,
): WorkItem {
  const { table, rules } = ctx;
  const work: WorkContext = {
    tableIndex: 0,
    table,
    rules,
    identity: ctx.identity,
    random: ctx.random,
    now: ctx.now,
    baseline: false,
    webhook: (name) => ctx.webhook(name),
    composer: ctx.composer,
    describeWebhook: (name) => ctx.describeWebhook(name),
  };
  const read = store.readRows([planned.position]).get(planned.position) as RowState;
  return prepareWork(work, routed(reader, rules, planned), read);
}

/** What a run would post for the row at `position` (0-based data position); reads only. */
export function previewRow(ctx: PreviewContext, position: number): RowPreview {
  const none = (why: NoPost['why'], status = '', detail = ''): NoPost => ({
    kind: 'none',
    why,
    detail,
    status,
  });
  if (position < 0) return none('header');
  const cells = ctx.table.rows[position];
  const reader = rowReader(ctx.table);
  if (!cells || reader.isBlank(cells)) return none('blank');
  const status = reader.status(cells);
  const store = new LedgerStore(ctx.table);
  const planned = plannedRow(ctx, reader, store, position);
  if (!planned) return none('waiting', status);
  const item = workOf(ctx, reader, store, planned);
  const next = item.state.outbox[0];
  if (item.noMessage || !next) return none(item.noMessage || 'quiet', status, item.state.error);
  return {
    kind: 'post',
    reason: planned.reason,
    upToDate: planned.reason === 'selected',
    message: next.message,
    webhook: next.webhook,
    more: item.state.outbox.length - 1,
    status: shownStatus(status),
  };
}
