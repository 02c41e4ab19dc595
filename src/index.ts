/**
 * The Apps Script surface of Chat Relay. Each entry point is a top-level
 * function declaration (Apps Script has no modules) that builds the services
 * and hands over to src/apps-script/actions.ts. Nothing runs at load time.
 */
import {
  formSubmitAction,
  installTriggersAction,
  markAllSentAction,
  onOpenAction,
  removeTriggersAction,
  scheduledAction,
  sendPendingAction,
  sendSelectedAction,
  testWebhooksAction,
} from './apps-script/actions';
import { Services, lazy } from './apps-script/context';
import { FormSubmitEvent } from './apps-script/runs';

/** Simple trigger: adds the "Chat Relay" menu. */
function onOpen(_e?: unknown): void {
  onOpenAction(services_());
}

/** Menu: sends a short test message to every configured webhook. */
function testWebhooks(): void {
  testWebhooksAction(services_());
}

/** Menu: sends every new, changed or pending row now. */
function sendPendingRows(): void {
  sendPendingAction(services_());
}

/** Menu: sends the selected rows now, changed or not. */
function sendSelectedRows(): void {
  sendSelectedAction(services_());
}

/** Menu: records every new or changed row as sent without posting (adopting an existing sheet). */
function markAllRowsSent(): void {
  markAllSentAction(services_());
}

/** Time-driven trigger. */
function runScheduled(_e?: unknown): void {
  scheduledAction(services_());
}

/** Installable form-submit trigger. */
function handleFormSubmit(e?: FormSubmitEvent): void {
  formSubmitAction(services_(), e);
}

/** Menu: installs the time-driven (and form-submit) triggers. */
function installTriggers(): void {
  installTriggersAction(services_());
}

/** Menu: removes Chat Relay's triggers, and only those. */
function removeTriggers(): void {
  removeTriggersAction(services_());
}

/** The real services, each fetched only when first used. Private (trailing _). */
function services_(): Services {
  return {
    http: () => UrlFetchApp,
    properties: lazy(() => PropertiesService.getScriptProperties()),
    spreadsheet: lazy(() => SpreadsheetApp.getActiveSpreadsheet()),
    flush: () => SpreadsheetApp.flush(),
    ui: lazy(() => SpreadsheetApp.getUi()),
    lock: lazy(() => LockService.getScriptLock()),
    triggers: () => ScriptApp,
    clock: { now: () => Date.now(), sleep: (ms) => Utilities.sleep(ms) },
    random: () => Math.random(),
    log: { log: (message) => console.log(message) },
  };
}
