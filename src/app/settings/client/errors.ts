/**
 * Problems next to their fields: each error's configuration path finds its
 * control (or the closest field above it); the rest are listed at the
 * bottom. Also the notes of the sheets that do not take every setting.
 */
import type { SettingsError, SheetFallback } from '../types';
import { all, byId } from './dom';
import { esc, inert } from './words';
import { S, loaded } from './state';

/** The path one level up (`sheets[0].title` → `sheets[0]` → `sheets`), or null. */
function parentPath(path: string): string | null {
  const m = /^(.*?)(?:\.[^.[\]]+|\[\d+\])$/.exec(path);
  return m ? m[1] : null;
}

/** The control a path names (else the field that holds it). */
function byPath(path: string): HTMLElement | null {
  const attr = `[data-path="${CSS.escape(path)}"]`;
  return (
    document.querySelector<HTMLElement>(`select${attr}, input${attr}, textarea${attr}`) ||
    document.querySelector<HTMLElement>(attr)
  );
}

/** The control of the error's path, or of the closest path above it that has one. */
function targetOf(error: SettingsError): HTMLElement | null {
  let path: string | null = error.path;
  let target: HTMLElement | null = null;
  while (path !== null && path !== '' && !(target = byPath(path))) path = parentPath(path);
  if (!target && error.path === '' && S.jsonOverride !== null) target = byPath('');
  return target;
}

/** Shows the error next to its field; false when it has none. */
function placeError(error: SettingsError): boolean {
  const target = targetOf(error);
  const box = target ? target.closest('.field') : null;
  const slot = box ? box.querySelector(':scope > .field-error') : null;
  if (!target || !box || !slot) return false;
  if (target.matches('input, select, textarea')) target.classList.add('invalid');
  // Next to its field a message stands alone; the whole configuration's needs its subject.
  const alone = box.getAttribute('data-path') !== '';
  const text = alone ? error.message : error.text || error.message;
  slot.insertAdjacentHTML('beforeend', `<div>${esc(inert(text))}</div>`);
  for (let d = box.closest('details'); d; d = d.parentElement && d.parentElement.closest('details'))
    d.open = true;
  return true;
}

export function renderErrors(errors: SettingsError[]): void {
  S.errors = errors || [];
  all('.field-error').forEach((el) => (el.innerHTML = ''));
  all('.invalid').forEach((el) => el.classList.remove('invalid'));
  const general: string[] = [];
  S.errors.forEach((error) => {
    if (placeError(error)) return;
    // A look-alike property is already named in the Webhooks section.
    const hinted = (loaded().hints || []).some((h) => h.path === error.path);
    if (!hinted) general.push(error.text || error.message);
  });
  byId('general-errors').innerHTML = general.map((t) => `<div>${esc(inert(t))}</div>`).join('');
}

/** The fallback of one sheet, or null. */
export function fallbackOf(sheet: string): SheetFallback | null {
  return S.fallbacks.filter((f) => f.sheet === sheet)[0] || null;
}

/** Each card says which of its sheets fall back, and what (the "Every followed sheet" card: all). */
export function renderFallbacks(fallbacks?: SheetFallback[]): void {
  if (fallbacks) S.fallbacks = fallbacks;
  all('#sheets .fallbacks').forEach((el) => {
    const sheet = el.getAttribute('data-sheet');
    el.innerHTML = S.fallbacks
      .filter((f) => sheet === '' || f.sheet === sheet)
      .map((f) => `<div>⚠ ${esc(inert(f.note))}</div>`)
      .join('');
  });
}
