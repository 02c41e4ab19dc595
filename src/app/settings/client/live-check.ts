/**
 * Live validation: a moment after each change, the settings as they stand
 * are checked by the server with the runs' own validator (settingsPreview,
 * which also refreshes the preview shown). Only the answer to the latest
 * check is shown.
 */
import { refreshButtons } from './buttons';
import { plural } from './words';
import { renderErrors, renderFallbacks } from './errors';
import { showPreview } from './preview-panel';
import { server } from './server';
import { S, configJson, dirty } from './state';
import { setStatus } from './status';

/** How long after the last change the settings are checked. */
const CHECK_DELAY_MS = 800;

/** Checks the settings as they stand with the server (the runs' own validator). */
function validate(): Promise<void> {
  const json = configJson();
  const seq = ++S.validateSeq;
  const target = S.preview;
  return server
    .preview(json, target ? target.sheet : null, target ? target.row : null)
    .then((result) => {
      if (seq !== S.validateSeq || json !== configJson()) return;
      if (result.ok) {
        renderErrors([]);
        renderFallbacks(result.fallbacks);
        if (S.previewShown) showPreview(result);
        if (dirty()) setStatus('✓ These settings are valid. Save to apply them.', 'ok');
      } else {
        renderErrors(result.errors);
        renderFallbacks([]);
        setStatus(`${plural(result.errors.length, 'problem')} to fix before saving.`, 'error');
      }
    });
}

function scheduleValidate(): void {
  window.clearTimeout(S.validateTimer);
  S.validateTimer = window.setTimeout(() => void validate(), CHECK_DELAY_MS);
}

/** After any change: the buttons follow, and the settings are checked again shortly. */
export function touched(): void {
  refreshButtons();
  scheduleValidate();
}
