/**
 * Menu → Mark all rows as sent: adopting an existing sheet. Records every new
 * or changed row of every followed sheet as delivered, without posting, so
 * that only later changes reach the space. Asks first, naming how many rows
 * of which sheets it will mark.
 */
import { LedgerStore } from '../relay/ledger-store';
import { planTable } from '../relay/plan';
import { rowReader } from '../relay/rows';
import { openConfigured } from './configured-sheets';
import { confirmed, menuReport, relayUnderLock } from './relay-under-lock';
import { Services } from './services';
import { WORDS, bullets, safe, TITLE } from './wording';
import { ruleContextOf } from './rule-context';

export type MarkCounts =
  { ok: true; counts: Array<{ sheet: string; rows: number }> } | { ok: false; problems: string[] };

/** How many rows of each followed sheet "Mark all rows as sent" would mark; reads only. */
export function rowsToMark(services: Services): MarkCounts {
  const configured = openConfigured(
    services.properties(),
    () => services.spreadsheet(),
    ruleContextOf(services, () => services.spreadsheet()),
    { append: false },
    () => services.webAppUrl(),
  );
  if (!configured.ok) return { ok: false, problems: configured.error.map((p) => p.text) };
  const counts = configured.value.opened.map((o) => {
    const plan = planTable(
      o.table,
      rowReader(o.table),
      o.rules,
      { kind: 'baseline' },
      new LedgerStore(o.table),
    );
    return { sheet: o.table.name, rows: plan.rows.length };
  });
  return { ok: true, counts };
}

export function markAllRowsSent(services: Services): void {
  // The time budget counts from here: the confirmation below takes time too.
  const startedAt = services.clock.now();
  const ui = () => services.ui();
  const due = rowsToMark(services);
  if (!due.ok) {
    ui().alert(
      safe(
        `${TITLE} cannot mark the rows as sent: nothing was changed.\n\n${bullets(due.problems)}`,
      ),
    );
    return;
  }
  const counts = due.counts.filter((c) => c.rows > 0);
  if (!counts.length) {
    ui().alert(WORDS.nothingToMark(due.counts.map((c) => c.sheet)));
    return;
  }
  if (!confirmed(services, WORDS.confirmMarkAll(counts), WORDS.nothingChanged)) return;
  const outcome = relayUnderLock(services, {
    origin: 'menu',
    startedAt,
    select: () => ({ kind: 'baseline' }),
  });
  ui().alert(menuReport(outcome, 'mark the rows as sent'));
}
