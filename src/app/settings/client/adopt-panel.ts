/**
 * The Adopt section: count the rows "Mark all rows as sent" would mark
 * (reading only), then mark them once confirmed. Uses the saved settings.
 */
import { whileBusy } from './buttons';
import { byId } from './dom';
import { errorsText, inert, isolated, plural } from './words';
import { server } from './server';

function count(): void {
  byId('adopt-confirm').hidden = true;
  void whileBusy(byId('adopt-count'), server.countRowsToMark).then((result) => {
    const box = byId('adopt-result');
    if (!result.ok) {
      box.className = 'error';
      box.textContent = errorsText(result.errors);
      return;
    }
    box.className = '';
    if (!result.total) {
      box.textContent = 'Every row is already sent or up to date: nothing to mark.';
      return;
    }
    const parts = result.counts.map((c) => `${plural(c.rows, 'row')} of "${isolated(c.sheet)}"`);
    box.textContent = `${parts.join(', ')} would be marked as sent, without a message.`;
    byId('adopt-go').textContent = `Mark ${plural(result.total, 'row')} as sent`;
    byId('adopt-confirm').hidden = false;
  });
}

function mark(): void {
  void whileBusy(byId('adopt-go'), server.markAllRowsSent).then((result) => {
    byId('adopt-confirm').hidden = true;
    const box = byId('adopt-result');
    box.className = result.ok ? 'ok' : 'error';
    box.textContent = result.ok ? inert(result.message) : errorsText(result.errors);
  });
}

export function wireAdopt(): void {
  byId('adopt-count').addEventListener('click', count);
  byId('adopt-cancel').addEventListener('click', () => {
    byId('adopt-confirm').hidden = true;
    byId('adopt-result').textContent = 'Nothing was changed.';
  });
  byId('adopt-go').addEventListener('click', mark);
}
