/**
 * The Settings sidebar's client, bundled by rollup into the one inline
 * script of sidebar.html (rollup.config.mjs): it wires each section's
 * controls, loads the settings (settingsLoad), and shows them.
 *
 *   state.ts, form.ts      the state; the configuration as the form holds it
 *   server.ts              google.script.run, typed against SettingsApi (../types.ts)
 *   *-panel.ts             one section each: sheets, webhooks, schedule, preview, adopt, people,
 *                          action secret; a card's actions, quiet hours, digests, reminders;
 *                          the digest and reminders preview
 *   cond-form.ts, rule-html.ts, people-form.ts   conditions and rules in the form; the directory
 *   ops-schedule.ts        the Schedule section's next digest and quiet hours
 *   entry-html.ts, conditions-html.ts, html.ts   a sheet's card and the form's controls
 *   editing.ts, json-view.ts, live-check.ts, save-revert.ts, errors.ts, buttons.ts
 *   fit.ts                 nothing widens the sidebar; the focused control stays in sight
 *   message-view.ts        the preview's message, through src/chat/render/message.ts
 *   dom.ts, words.ts, json.ts   the page's elements; text for it; JSON values
 */
import type { LoadResult } from '../types';
import { refreshButtons, whileBusy } from './buttons';
import { wireActionSecret } from './action-secret-panel';
import { wireActions } from './actions-panel';
import { wireAdopt } from './adopt-panel';
import { byId } from './dom';
import { errorsText, isolated, plural } from './words';
import { wireEditing } from './editing';
import { renderErrors } from './errors';
import { wireFit } from './fit';
import { configObject } from './form';
import { syncJson, wireJsonView } from './json-view';
import { wireOpsPreview } from './ops-preview-panel';
import { wirePreview } from './preview-panel';
import { wireSaveRevert } from './save-revert';
import { renderTriggers, wireSchedule } from './schedule-panel';
import { server } from './server';
import { renderSheets } from './sheets-panel';
import { S, setForm } from './state';
import { setStatus } from './status';
import { DEFAULT_MISSING, renderWebhooks, wireWebhooks } from './webhooks-panel';

/** The state from what settingsLoad returned; the saved text, when it is not JSON, as typed. */
function stateFrom(load: LoadResult): void {
  S.load = load;
  S.webhooks = load.webhooks;
  S.triggers = load.triggers;
  S.budget = load.budget;
  S.owners = load.owners;
  S.fallbacks = load.fallbacks || [];
  setForm(load.source === 'invalid' ? {} : load.config);
  S.savedMinutes = Number(S.scheduleMinutes);
  if (load.source === 'invalid') {
    // The saved text is not JSON: keep it as it is until fixed (in the JSON view) or replaced.
    S.jsonOverride = load.raw;
    S.savedJson = load.raw || '';
    byId<HTMLDetailsElement>('advanced').open = true;
  } else {
    S.savedJson = JSON.stringify(configObject(S));
  }
}

function init(load: LoadResult): void {
  stateFrom(load);
  renderSheets();
  renderWebhooks();
  renderTriggers();
  syncJson();
  if (load.source === 'invalid') byId<HTMLTextAreaElement>('json').value = load.raw || '';
  renderErrors(load.problems);
  refreshButtons();
  const unset = load.problems.some((p) => p.path === DEFAULT_MISSING.property);
  if (unset && !S.webhooks.some((w) => w.name === DEFAULT_MISSING.name)) {
    // A first open: the default webhook's box, where its problem shows, takes the URL.
    setStatus(
      'The default webhook is not set yet: paste the webhook URL of your Chat space in its box under Webhooks.',
      'error',
    );
  } else if (load.problems.length) {
    setStatus(
      `The saved settings have ${plural(load.problems.length, 'problem')} a run would report: fix them below.`,
      'error',
    );
  } else setStatus(`Settings of "${isolated(load.spreadsheet)}". Changes apply once saved.`);
}

wireFit();
wireEditing();
wireJsonView();
wireWebhooks();
wireSchedule();
wirePreview();
wireOpsPreview();
wireAdopt();
wireActionSecret();
wireActions();
wireSaveRevert();

void whileBusy(null, server.load).then((result) => {
  if (!result.ok) {
    setStatus(errorsText(result.errors), 'error');
    return;
  }
  init(result);
});
