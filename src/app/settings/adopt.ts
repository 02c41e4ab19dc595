/**
 * The Adopt section: "Mark all rows as sent" for a sheet that already has
 * history. The sidebar shows the count first (rowsToMark, reading only), then
 * marks the rows as the menu item does, under the script lock, with the saved
 * configuration. Nothing is posted.
 */
import { rowsToMark } from '../mark-all-rows-sent';
import { menuReport, relayUnderLock } from '../relay-under-lock';
import { SettingsServices } from './services';
import { MarkCountResult, MarkResult } from './types';
import { settingsError } from './validate';

export function countRowsToMark(services: SettingsServices): MarkCountResult {
  const due = rowsToMark(services);
  if (!due.ok) return { ok: false, errors: due.problems.map((p) => settingsError('', p)) };
  return { ok: true, counts: due.counts, total: due.counts.reduce((n, c) => n + c.rows, 0) };
}

export function markRowsSent(services: SettingsServices): MarkResult {
  const outcome = relayUnderLock(services, {
    origin: 'menu',
    startedAt: services.clock.now(),
    select: () => ({ kind: 'baseline' }),
  });
  const message = menuReport(outcome, 'mark the rows as sent');
  if (outcome.kind !== 'done') return { ok: false, errors: [settingsError('', message)] };
  const marked = outcome.report.sheets.reduce((n, s) => n + s.marked, 0);
  return { ok: true, message, marked };
}
