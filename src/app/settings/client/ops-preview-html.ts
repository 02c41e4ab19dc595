/**
 * The text of the digest and reminders previews (ops-preview-panel.ts shows
 * them): what a digest's preview says, and a row's reminders as a list.
 */
import type { DigestPreviewResult, RemindersPreviewResult } from '../types';
import { messageHtml } from './message-view';
import { esc, inert, isolated } from './words';

type Digest = Extract<DigestPreviewResult, { ok: true }>;
type Reminders = Extract<RemindersPreviewResult, { ok: true }>;

/** What the preview shows of a digest: where it goes, how many rows match, when it is next posted. */
export function digestNote(d: Digest): string {
  const hook = d.webhook === 'default' ? 'the default webhook' : `webhook ${d.webhook}`;
  const what = d.message ? `posted now to ${hook}` : 'nothing posted now (no row matches)';
  return `Digest "${isolated(d.name)}" of ${isolated(d.sheet)}: ${d.matching}; ${what}. Next: ${d.next}.`;
}

/** The reminders of a row as the preview lists them: each rule's path and note, then its message. */
export function remindersHtml(r: Reminders): string {
  return r.reminders
    .map(
      (line) =>
        `<div class="reminder" data-path="${esc(line.path)}"><p class="hint"><b>${esc(line.path)}</b>: ${esc(inert(line.note))}</p>` +
        (line.message ? messageHtml(line.message) : '') +
        '</div>',
    )
    .join('');
}
