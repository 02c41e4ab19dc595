/**
 * The Sheets section: "Follow the first sheet and every form's sheet", or a
 * card per listed sheet; and the schedule's period, whose choices come with
 * the settings (and what it costs a day, beside it). Re-rendered whenever the form's structure changes (a sheet,
 * a header row, an operator, a list item added or removed).
 */
import { all, byId } from './dom';
import { bdi, plural } from './words';
import { entryHtml } from './entry-html';
import { renderErrors, renderFallbacks } from './errors';
import { options } from './html';
import { peopleHtml } from './people-panel';
import { renderPreviewSheets } from './preview-panel';
import { renderBudget } from './schedule-panel';
import { autoSheets } from './sheets';
import { S, loaded } from './state';

/** The keys of the cards' "Message options" that are open, to keep them open. */
function openDetails(): { [key: string]: boolean } {
  const open: { [key: string]: boolean } = {};
  all<HTMLDetailsElement>('#sheets details[data-key]').forEach((d) => {
    if (d.open) open[d.getAttribute('data-key') || ''] = true;
  });
  return open;
}

export function renderSheets(): void {
  const open = openDetails();
  byId<HTMLInputElement>('auto').checked = S.auto;
  byId('auto-list').innerHTML = S.auto
    ? `(now: ${autoSheets()
        .map((s) => bdi(s.name))
        .join(', ')})`
    : '';
  byId('sheets').innerHTML = S.entries.map(entryHtml).join('');
  renderFallbacks();
  byId('add-sheet').hidden = S.auto;
  all<HTMLDetailsElement>('#sheets details[data-key]').forEach((d) => {
    if (open[d.getAttribute('data-key') || '']) d.open = true;
  });
  byId('schedule-minutes').innerHTML = options(
    loaded().scheduleOptions.map((m): [string, string] => [String(m), plural(m, 'minute')]),
    String(S.scheduleMinutes),
  );
  renderBudget();
  byId('people').innerHTML = peopleHtml(S.people);
  renderPreviewSheets();
  renderErrors(S.errors);
}
