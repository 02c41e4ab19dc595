/**
 * ChatRelay_: the one object the bundle adds to Apps Script's global scope
 * besides the entry points (the trailing _ keeps it out of the editor's Run
 * list and out of google.script.run). Each member builds the real services
 * and runs one use case; src/index.ts only delegates here.
 */
import { ConfirmResult, confirmAction } from './actions/confirm';
import { WebAppEvent, openAction } from './actions/open';
import { actionServices } from './actions/services';
import { handleFormSubmit } from './handle-form-submit';
import { markAllRowsSent } from './mark-all-rows-sent';
import { onOpen } from './on-open';
import { FormSubmitEvent } from './relay-under-lock';
import { removeTriggers } from './remove-triggers';
import { runScheduled } from './run-scheduled';
import { sendPendingRows } from './send-pending-rows';
import { sendSelectedRows } from './send-selected-rows';
import { appsScriptServices } from './services';
import { SETTINGS_API } from './settings/api';
import { settingsServices } from './settings/services';
import { installTriggersAndRecord } from './settings/triggers';
import { testWebhooks } from './test-webhooks';

export const ChatRelay_ = {
  onOpen: (): void => onOpen(appsScriptServices()),
  testWebhooks: (): void => testWebhooks(appsScriptServices()),
  sendPendingRows: (): void => sendPendingRows(appsScriptServices()),
  sendSelectedRows: (): void => sendSelectedRows(appsScriptServices()),
  markAllRowsSent: (): void => markAllRowsSent(appsScriptServices()),
  runScheduled: (): void => runScheduled(appsScriptServices()),
  handleFormSubmit: (e?: FormSubmitEvent): void => handleFormSubmit(appsScriptServices(), e),
  // Records the period for the Settings sidebar too (ScriptApp does not expose it).
  installTriggers: (): void => installTriggersAndRecord(settingsServices()),
  removeTriggers: (): void => removeTriggers(appsScriptServices()),
  ...SETTINGS_API,
  // The web app: HtmlService's output is the page Apps Script serves.
  doGet: (e?: WebAppEvent): GoogleAppsScript.HTML.HtmlOutput =>
    openAction(actionServices(), e) as GoogleAppsScript.HTML.HtmlOutput,
  actionConfirm: (params: unknown): ConfirmResult => confirmAction(actionServices(), params),
};
