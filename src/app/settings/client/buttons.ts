/**
 * Which buttons can be pressed: none while a server call holds them; Save
 * and Revert only with unsaved changes; Start and Adopt (which use the saved
 * settings) only without.
 */
import { all, byId } from './dom';
import { S, dirty } from './state';

export function refreshButtons(): void {
  const busy = S.busy > 0;
  const isDirty = S.load ? dirty() : false;
  all<HTMLButtonElement>('button.act, .webhook button').forEach((b) => (b.disabled = busy));
  if (!busy) {
    byId<HTMLButtonElement>('save').disabled = !isDirty;
    byId<HTMLButtonElement>('revert').disabled = !isDirty;
    byId<HTMLButtonElement>('start').disabled = isDirty;
    byId<HTMLButtonElement>('adopt-count').disabled = isDirty;
    byId<HTMLButtonElement>('adopt-go').disabled = isDirty;
  }
  byId('dirty').textContent = isDirty ? 'Unsaved changes' : S.load ? 'All changes saved' : '';
  byId('schedule-note').textContent = isDirty
    ? 'Start and Adopt use the saved settings: save your changes first.'
    : '';
}

/**
 * Runs a server call with every action button disabled meanwhile, `button` marked as running;
 * without a button (the first load), only the others are held.
 */
export function whileBusy<T>(button: HTMLElement | null, start: () => Promise<T>): Promise<T> {
  S.busy++;
  if (button) button.classList.add('running');
  refreshButtons();
  return start().then((result) => {
    S.busy--;
    if (button) button.classList.remove('running');
    refreshButtons();
    return result;
  });
}
