/** Save (after the server's validation) and Revert (back to the saved settings). */
import { refreshButtons, whileBusy } from './buttons';
import { byId } from './dom';
import { plural } from './words';
import { renderErrors } from './errors';
import { configObject } from './form';
import { touched } from './live-check';
import { renderTriggers } from './schedule-panel';
import { server } from './server';
import { renderSheets } from './sheets-panel';
import { S, configJson, setForm } from './state';
import { setStatus } from './status';

/** The Schedule section's next digest and quiet hours, for the settings just saved. */
function refreshOps(): void {
  void server.load().then((result) => {
    if (!result.ok || !S.load) return;
    S.load.ops = result.ops;
    renderTriggers();
  });
}

function save(): void {
  const json = configJson();
  void whileBusy(byId('save'), () => server.save(json)).then((result) => {
    if (result.ok) {
      S.savedJson = json;
      S.savedMinutes = Number(S.scheduleMinutes);
      renderErrors([]);
      setStatus('Saved. The next run uses these settings.', 'ok');
      renderTriggers();
      refreshOps();
    } else {
      renderErrors(result.errors);
      setStatus(`Not saved: ${plural(result.errors.length, 'problem')} (marked in red).`, 'error');
    }
    refreshButtons();
  });
}

function revert(): void {
  S.jsonOverride = null;
  const saved = S.savedJson;
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(saved);
  } catch {
    S.jsonOverride = saved;
  }
  if (parsed) setForm(parsed);
  renderSheets();
  byId<HTMLTextAreaElement>('json').value =
    S.jsonOverride !== null ? saved : JSON.stringify(configObject(S), null, 2);
  renderErrors([]);
  setStatus('Back to the saved settings.');
  touched();
}

export function wireSaveRevert(): void {
  byId('save').addEventListener('click', save);
  byId('revert').addEventListener('click', revert);
}
