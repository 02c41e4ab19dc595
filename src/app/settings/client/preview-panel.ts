/**
 * The Preview section: the message the relay would post for a row (the row
 * under the cursor, or a row of a sheet), with the settings as they stand,
 * saved or not. Nothing is sent.
 */
import type { PreviewResult } from '../types';
import { whileBusy } from './buttons';
import { byId } from './dom';
import { inert, isolated, plural } from './words';
import { fallbackOf, renderErrors, renderFallbacks } from './errors';
import { options } from './html';
import { messageHtml } from './message-view';
import { server } from './server';
import { autoSheets } from './sheets';
import { PreviewTarget, S, configJson } from './state';

type Shown = Extract<PreviewResult, { ok: true }>;

/** The sheets a row can be previewed from: the followed ones. */
export function renderPreviewSheets(): void {
  const sel = byId<HTMLSelectElement>('preview-sheet');
  const current = sel.value;
  const names = S.auto ? autoSheets().map((s) => s.name) : S.entries.map((e) => e.sheet || '');
  const unique = names.filter((n, i) => n && names.indexOf(n) === i);
  sel.innerHTML = options(unique, current || names[0]);
}

/** Shows what the server answered for the row, beside its sheet's fallback note if any. */
export function showPreview(result: Shown): void {
  const where = result.sheet ? `Row ${result.row} of ${isolated(result.sheet)}: ` : '';
  // The row under the cursor becomes the row shown in the fields, for the next Show.
  if (result.row) byId<HTMLInputElement>('preview-row').value = String(result.row);
  const sheets = byId<HTMLSelectElement>('preview-sheet');
  if (
    result.sheet &&
    Array.prototype.some.call(sheets.options, (o: HTMLOptionElement) => o.value === result.sheet)
  ) {
    sheets.value = result.sheet;
  }
  byId('preview-note').textContent = where + inert(result.note);
  // A sheet that does not take every setting says so beside its rows' preview.
  const fallback = result.sheet ? fallbackOf(result.sheet) : null;
  const note = byId('preview-fallback');
  note.hidden = !fallback;
  note.textContent = fallback ? `⚠ ${inert(fallback.note)}` : '';
  byId('preview').innerHTML = result.message ? messageHtml(result.message) : '';
}

/** Previews that row (null: the row under the cursor). */
function preview(target: PreviewTarget | null, button: HTMLElement): void {
  S.preview = target;
  S.previewShown = true;
  const json = configJson();
  void whileBusy(button, () =>
    server.preview(json, target ? target.sheet : null, target ? target.row : null),
  ).then((result) => {
    if (!result.ok) {
      renderErrors(result.errors);
      byId('preview-note').textContent =
        `Fix the settings first: ${plural(result.errors.length, 'problem')}.`;
      byId('preview').innerHTML = '';
      return;
    }
    renderErrors([]);
    renderFallbacks(result.fallbacks);
    showPreview(result);
  });
}

export function wirePreview(): void {
  byId('preview-cursor').addEventListener('click', () => preview(null, byId('preview-cursor')));
  byId('preview-go').addEventListener('click', () =>
    preview(
      {
        sheet: byId<HTMLSelectElement>('preview-sheet').value,
        row: Number(byId<HTMLInputElement>('preview-row').value),
      },
      byId('preview-go'),
    ),
  );
}
