/**
 * The sidebar's server functions, as ChatRelay_ members (src/index.ts gives
 * each a public top-level entry point: google.script.run cannot call names
 * ending in _). Each builds the real services and returns a typed result; an
 * unexpected exception becomes a failure too, redacted, so no call rejects
 * with a text that could hold a secret.
 */
import { replaceActionSecret } from './action-secret';
import { countRowsToMark, markRowsSent } from './adopt';
import { loadSettings } from './load';
import { openSettings } from './open';
import { previewDigestSettings } from './digest-preview';
import { previewSettings } from './preview';
import { previewRemindersSettings } from './reminder-preview';
import { saveSettings } from './save';
import { settingsServices } from './services';
import { startSchedule, stopSchedule } from './triggers';
import { Failure, SettingsApi } from './types';
import { settingsError } from './validate';
import { removeWebhook, setWebhook, testWebhook } from './webhooks';

function guarded<T>(call: () => T): T | Failure {
  try {
    return call();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [settingsError('', `Chat Relay could not do that: ${message}`)] };
  }
}

/** The server functions (SettingsApi, as the sidebar's client calls them) and the sidebar's opener. */
export const SETTINGS_API: SettingsApi & { openSettings(): void } = {
  openSettings: (): void => openSettings(settingsServices()),
  settingsLoad: () => guarded(() => loadSettings(settingsServices())),
  settingsSave: (configJson: unknown) =>
    guarded(() => saveSettings(settingsServices(), configJson)),
  settingsSetWebhook: (name: unknown, url: unknown, replace: unknown) =>
    guarded(() => setWebhook(settingsServices(), name, url, replace)),
  settingsRemoveWebhook: (name: unknown) => guarded(() => removeWebhook(settingsServices(), name)),
  settingsTestWebhook: (name: unknown) => guarded(() => testWebhook(settingsServices(), name)),
  settingsPreview: (configJson: unknown, sheetName: unknown, rowNumber: unknown) =>
    guarded(() => previewSettings(settingsServices(), configJson, sheetName, rowNumber)),
  settingsPreviewDigest: (configJson: unknown, sheetName: unknown, digestName: unknown) =>
    guarded(() => previewDigestSettings(settingsServices(), configJson, sheetName, digestName)),
  settingsPreviewReminders: (configJson: unknown, sheetName: unknown, rowNumber: unknown) =>
    guarded(() => previewRemindersSettings(settingsServices(), configJson, sheetName, rowNumber)),
  settingsInstallTriggers: () => guarded(() => startSchedule(settingsServices())),
  settingsRemoveTriggers: () => guarded(() => stopSchedule(settingsServices())),
  settingsCountRowsToMark: () => guarded(() => countRowsToMark(settingsServices())),
  settingsMarkAllRowsSent: () => guarded(() => markRowsSent(settingsServices())),
  settingsReplaceActionSecret: () => guarded(() => replaceActionSecret(settingsServices())),
};
