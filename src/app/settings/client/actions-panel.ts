/**
 * The Actions sections' own buttons (actions-html.ts): "+ Add an action" and
 * "+ Add a cell" add to the list their `data-list` names in the state; the
 * rest (Remove, the conditions, each control) is the form's usual editing.
 */
import { newAction, newSetPair } from './actions-form';
import { changed, walk } from './editing';

/** The list a button adds to, made when the entry has none yet (no `actions` key). */
function listAt(addr: string): unknown[] {
  const at = walk(addr);
  if (!Array.isArray(at.target[at.key])) at.target[at.key] = [];
  return at.target[at.key] as unknown[];
}

function onClick(event: Event): void {
  const target = event.target as Element;
  const el = target.closest ? target.closest('button[data-action][data-list]') : null;
  const action = el && el.getAttribute('data-action');
  if (!el || (action !== 'add-action' && action !== 'add-set')) return;
  listAt(el.getAttribute('data-list') || '').push(
    action === 'add-action' ? newAction() : newSetPair(),
  );
  changed(true);
}

export function wireActions(): void {
  document.addEventListener('click', onClick);
}
