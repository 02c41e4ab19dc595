/**
 * The Preview section's digests and reminders: a digest as it would be
 * posted now (its "Preview this digest" button, in its sheet's card), and
 * which reminders the row chosen would get next and when ("Its reminders").
 * Shown where a row's message is; nothing is sent.
 */
import type { Failure } from '../types';
import { whileBusy } from './buttons';
import { byId } from './dom';
import { renderErrors } from './errors';
import { messageHtml } from './message-view';
import { digestNote, remindersHtml } from './ops-preview-html';
import { server } from './server';
import { S, configJson } from './state';
import { inert, isolated, plural } from './words';

function shown(note: string, html: string): void {
  // The row's preview, refreshed by each check, stays away until Show is pressed again.
  S.previewShown = false;
  byId('preview-note').textContent = note;
  byId('preview-fallback').hidden = true;
  byId('preview').innerHTML = html;
  byId('preview-section').scrollIntoView({ block: 'nearest' });
}

function refused(result: Failure): void {
  renderErrors(result.errors);
  shown(`Fix the settings first: ${plural(result.errors.length, 'problem')}.`, '');
}

function previewDigest(button: HTMLElement): void {
  const entry = Number(
    /^entries\.(\d+)\./.exec(button.getAttribute('data-preview-digest') || '')?.[1],
  );
  const digest = (S.entries[entry] || { digests: [] }).digests[
    Number(button.getAttribute('data-index'))
  ];
  if (!digest) return;
  const sheet = button.getAttribute('data-sheet') || '';
  void whileBusy(button, () => server.previewDigest(configJson(), sheet, digest.name)).then(
    (result) => {
      if (!result.ok) return refused(result);
      renderErrors([]);
      shown(digestNote(result), result.message ? messageHtml(result.message) : '');
    },
  );
}

function previewReminders(button: HTMLElement): void {
  const sheet = byId<HTMLSelectElement>('preview-sheet').value;
  const row = Number(byId<HTMLInputElement>('preview-row').value);
  void whileBusy(button, () => server.previewReminders(configJson(), sheet || null, row)).then(
    (result) => {
      if (!result.ok) return refused(result);
      renderErrors([]);
      const where = result.sheet ? `Row ${result.row} of ${isolated(result.sheet)}: ` : '';
      const count = result.reminders.length ? plural(result.reminders.length, 'reminder rule') : '';
      shown(where + (inert(result.note) || count), remindersHtml(result));
    },
  );
}

export function wireOpsPreview(): void {
  document.addEventListener('click', (event) => {
    const target = event.target as Element;
    const button = target.closest
      ? target.closest<HTMLElement>('button[data-preview-digest]')
      : null;
    if (button) previewDigest(button);
  });
  const reminders = byId('preview-reminders');
  reminders.addEventListener('click', () => previewReminders(reminders));
}
