import { RichTextValueBuilderFake } from '../../../local/runtime/rich-text';
/**
 * The sidebar's use cases run directly (not through the bundle), on the local
 * runtime's own implementations of the Apps Script services: its workbook,
 * properties, triggers, lock, UrlFetchApp and HtmlService, and the Chat
 * emulator's store in process.
 */
import { ChatStore } from '../../../local/chat-emulator/store';
import { inProcessTransport } from '../../../local/chat-emulator/in-process';
import { TICKETS, type SheetSpec } from '../../../local/harness';
import {
  FakeClock,
  HtmlOutputFake,
  HtmlServiceFake,
  LockServiceFake,
  PropertyStoreFake,
  ScriptAppFake,
  UrlFetchAppFake,
  Workbook,
  type DialogRecord,
} from '../../../local/runtime';
import {
  PropertiesServiceFake,
  SessionFake,
  SpreadsheetAppFake,
  UiFake,
  UtilitiesFake,
  type UiRecord,
} from '../../../local/runtime/services';
import type { SettingsServices } from '../../../src/app/settings/services';

export const SPACE = 'AAAA';

export function world(options: { sheets?: SheetSpec[]; properties?: Record<string, string> } = {}) {
  const clock = new FakeClock();
  const chat = new ChatStore({ now: () => clock.now() });
  const hook = chat.registerWebhook(SPACE, 'Chat Relay');
  const workbook = new Workbook({});
  for (const spec of options.sheets ?? [TICKETS])
    workbook.addSheet(spec.name, spec.rows, spec.formats);
  const script = new PropertyStoreFake({
    CHAT_WEBHOOK_URL: hook.url('https://chat.googleapis.com'),
    ...(options.properties ?? {}),
  });
  const user = new PropertyStoreFake();
  const triggers = new ScriptAppFake(clock);
  // The user the triggers belong to (ScriptAppFake's default user).
  const session = new SessionFake('Etc/UTC', () => 'user@example.com');
  const http = new UrlFetchAppFake(inProcessTransport(chat), clock, {
    allowedOrigins: ['https://chat.googleapis.com'],
  });
  const lock = new LockServiceFake(clock);
  const html = new HtmlServiceFake();
  const sidebars: DialogRecord[] = [];
  const logs: string[] = [];
  const services: SettingsServices = {
    http: () => http as never,
    properties: () => script,
    scriptProperties: () => script,
    userProperties: () => user,
    spreadsheet: () => workbook as never,
    flush: () => undefined,
    richText: {
      link: (text, url) => new RichTextValueBuilderFake().setText(text).setLinkUrl(url).build(),
      plain: (text) => new RichTextValueBuilderFake().setText(text).build(),
    },
    ui: () => {
      throw new Error('the sidebar use cases show no alert');
    },
    lock: () => lock.getScriptLock(),
    triggers: () => triggers as never,
    clock,
    formatDate: (date, timeZone, pattern) =>
      new UtilitiesFake(clock).formatDate(date, timeZone, pattern),
    random: () => 0.5,
    log: { log: (line) => logs.push(line) },
    effectiveUser: () => session.getEffectiveUser().getEmail(),
    webAppUrl: () => triggers.getService().getUrl(),
    utilities: new UtilitiesFake(clock),
    activeRange: () => workbook.getActiveRange() as never,
    createHtmlOutput: (text) => html.createHtmlOutput(text),
    showSidebar: (output) => {
      const o = output as HtmlOutputFake;
      sidebars.push({
        kind: 'sidebar',
        title: o.getTitle(),
        html: o.getContent(),
        width: o.getWidth(),
        height: null,
      });
    },
  };
  return {
    services,
    lock,
    clock,
    chat,
    workbook,
    script,
    user,
    triggers,
    http,
    sidebars,
    logs,
    token: hook.token,
  };
}

const GLOBALS = [
  'SpreadsheetApp',
  'PropertiesService',
  'HtmlService',
  'LockService',
  'UrlFetchApp',
  'ScriptApp',
  'Utilities',
] as const;

/**
 * The local runtime's services of a world installed as the Apps Script globals,
 * for the code that fetches the real services itself (settingsServices,
 * SETTINGS_API); `remove` takes them away again.
 */
export function appsScriptGlobals(w: ReturnType<typeof world> = world()) {
  const shown: UiRecord = { alerts: [], toasts: w.workbook.toasts, menus: [], dialogs: [] };
  const spreadsheetApp = new SpreadsheetAppFake(w.workbook, new UiFake(shown), () => 'ui');
  const propertiesService = new PropertiesServiceFake(w.script, () => w.user);
  const services: { [K in (typeof GLOBALS)[number]]: unknown } = {
    SpreadsheetApp: spreadsheetApp,
    PropertiesService: propertiesService,
    HtmlService: new HtmlServiceFake(),
    LockService: w.lock,
    UrlFetchApp: w.http,
    ScriptApp: w.triggers,
    Utilities: new UtilitiesFake(w.clock),
  };
  Object.assign(globalThis, services);
  const remove = () =>
    GLOBALS.forEach((name) => delete (globalThis as Record<string, unknown>)[name]);
  return { ...w, shown, spreadsheetApp, propertiesService, remove };
}
