/**
 * The sidebar's only way to the server: google.script.run, one typed wrapper
 * per server function (SettingsApi, in ../types.ts, which api.ts implements).
 * Each answers a promise of the function's typed result; a call that fails
 * on the way (an exception the server did not turn into a Failure, a lost
 * connection) answers a Failure too, so no promise rejects.
 */
import type { Failure, SettingsApi } from '../types';

type Name = keyof SettingsApi;
type Args<K extends Name> = Parameters<SettingsApi[K]>;
type Result<K extends Name> = ReturnType<SettingsApi[K]>;

/** google.script.run, as the sidebar uses it. */
type ScriptRun = {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
} & { [K in Name]: (...args: Args<K>) => void };

declare const google: { script: { run: ScriptRun } };

function failureOf(error: unknown): Failure {
  const message =
    error && (error as Error).message ? String((error as Error).message) : String(error);
  return { ok: false, errors: [{ path: '', message, text: `Chat Relay: ${message}` }] };
}

function run<K extends Name>(fn: K, ...args: Args<K>): Promise<Result<K> | Failure> {
  return new Promise((resolve) => {
    const runner = google.script.run
      .withSuccessHandler((value) => resolve(value as Result<K>))
      .withFailureHandler((error) => resolve(failureOf(error)));
    (runner[fn] as (...a: Args<K>) => void)(...args);
  });
}

export const server = {
  load: () => run('settingsLoad'),
  save: (configJson: string) => run('settingsSave', configJson),
  setWebhook: (name: string, url: string, replace: boolean) =>
    run('settingsSetWebhook', name, url, replace),
  removeWebhook: (name: string) => run('settingsRemoveWebhook', name),
  testWebhook: (name: string) => run('settingsTestWebhook', name),
  preview: (configJson: string, sheet: string | null, row: number | null) =>
    run('settingsPreview', configJson, sheet, row),
  previewDigest: (configJson: string, sheet: string, name: string) =>
    run('settingsPreviewDigest', configJson, sheet, name),
  previewReminders: (configJson: string, sheet: string | null, row: number | null) =>
    run('settingsPreviewReminders', configJson, sheet, row),
  installTriggers: () => run('settingsInstallTriggers'),
  removeTriggers: () => run('settingsRemoveTriggers'),
  countRowsToMark: () => run('settingsCountRowsToMark'),
  markAllRowsSent: () => run('settingsMarkAllRowsSent'),
  replaceActionSecret: () => run('settingsReplaceActionSecret'),
};
