/**
 * The Advanced section: CHAT_RELAY_CONFIG as JSON, which follows the form
 * and which the form follows. Text that is not a JSON object is kept as
 * typed (the server's parser names the problem) until fixed.
 */
import { byId } from './dom';
import { isObject } from './json';
import { configObject } from './form';
import { touched } from './live-check';
import { renderSheets } from './sheets-panel';
import { S, setForm } from './state';

/** Shows the configuration as JSON, unless it is being typed. */
export function syncJson(): void {
  const box = byId<HTMLTextAreaElement>('json');
  if (document.activeElement === box) return;
  box.value = S.jsonOverride !== null ? S.jsonOverride : JSON.stringify(configObject(S), null, 2);
}

function jsonEdited(text: string): void {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isObject(parsed)) {
    setForm(parsed);
    S.jsonOverride = null;
    renderSheets();
  } else {
    // Not a JSON object: the server's parser names the problem (smart quotes, position…).
    S.jsonOverride = text;
  }
  touched();
}

export function wireJsonView(): void {
  byId('json').addEventListener('input', () => jsonEdited(byId<HTMLTextAreaElement>('json').value));
}
