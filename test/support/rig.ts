/**
 * The unit tests' rig. Every fake is the local Apps Script runtime's own
 * (local/runtime): Workbook / FakeSheet / FakeRange, PropertyStoreFake,
 * FakeClock, LockServiceFake, UrlFetchAppFake over a Transport, ScriptAppFake,
 * UiFake and the log sink; Chat is the emulator's ChatStore in process, or a
 * scripted Transport. This file only wires them together: it re-implements
 * no service.
 */
import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { ChatStore, htmlNotFound, rpcError } from '../../local/chat-emulator/store';
import {
  FakeClock,
  limitedWhen,
  LockServiceFake,
  PropertyStoreFake,
  ScriptAppFake,
  UrlFetchAppFake,
  Workbook,
  type HttpReply,
  type HttpRequest,
  type Transport,
} from '../../local/runtime';
import {
  ConsoleFake,
  LogSink,
  SessionFake,
  SpreadsheetAppFake,
  UiFake,
  UtilitiesFake,
  type UiRecord,
} from '../../local/runtime/services';
import { Services } from '../../src/app/services';
import { parseWebhookUrl, WebhookUrl } from '../../src/chat/webhook-url';
import { Clock } from '../../src/ports';

export { htmlNotFound, rpcError };

// ---------------------------------------------------------------------------------------------
// Chat over a scripted transport
// ---------------------------------------------------------------------------------------------

/** One scripted answer: a reply, a network error to throw, or a function of the request. */
export type Step = HttpReply | Error | ((request: HttpRequest, index: number) => HttpReply);

/** A Transport answering from `script` in order, then repeating its last step. */
export function scripted(script: Step[]): Transport {
  let index = 0;
  return (request) => {
    const i = index++;
    const step = script[Math.min(i, script.length - 1)];
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(request, i) : step;
  };
}

/** A successful create as Chat returns it to a webhook. */
export function created(space: string, n: number, thread = 't1'): HttpReply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: JSON.stringify({
      name: `spaces/${space}/messages/m${n}`,
      thread: { name: `spaces/${space}/threads/${thread}` },
    }),
  };
}

/** A google.rpc.Status error with Chat's wording. */
export function chatError(
  code: number,
  message?: string,
  headers?: Record<string, string>,
): HttpReply {
  return rpcError(code, message, headers ? { headers } : {});
}

/** Test secrets: long and distinctive, so any leak is easy to spot. */
export const KEY = 'AIzaFAKE-key-0123456789abcdefghijklmnopq';
export const TOKEN = 'tok3n-SECRET_ZyXwVuTsRqPoNmLkJiHg0987654321=';

export function webhookUrl(space = 'AAAASpace1', key = KEY, token = TOKEN): string {
  return `https://chat.googleapis.com/v1/spaces/${space}/messages?key=${encodeURIComponent(key)}&token=${encodeURIComponent(token)}`;
}

export function webhook(raw: string = webhookUrl()): WebhookUrl {
  const parsed = parseWebhookUrl(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Fails, quoting the text, when any form of a secret appears in `values`. */
export function expectNoSecrets(secrets: string[], ...values: unknown[]): void {
  const forms = secrets.flatMap((s) => [s, encodeURIComponent(s)]).filter((s) => s.length > 4);
  for (const value of values) {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    for (const secret of forms) {
      if (text.includes(secret)) throw new Error(`secret leaked in: ${text}`);
    }
  }
}

/** The key and token of every webhook URL among Script Properties: what must never leak. */
export function secretsOf(properties: { [key: string]: string }): string[] {
  return Object.values(properties).flatMap((value) =>
    queryOf(value.trim())
      .filter(([name]) => name === 'key' || name === 'token')
      .map(([, secret]) => secret),
  );
}

/** The query parameters of a URL, decoded, in order. */
export function queryOf(url: string): Array<[string, string]> {
  const q = url.split('?')[1] ?? '';
  return q
    .split('&')
    .filter((s) => s !== '')
    .map((s) => {
      const eq = s.indexOf('=');
      return [decodeURIComponent(s.slice(0, eq)), decodeURIComponent(s.slice(eq + 1))];
    });
}

export function requestIdOf(url: string): string {
  return new Map(queryOf(url)).get('requestId') ?? '';
}

/** The space a request URL posts to. */
export function spaceOfUrl(url: string): string {
  return /\/spaces\/([^/]+)\//.exec(url)?.[1] ?? '';
}

/**
 * The runtime's FakeClock as the Chat client's Clock, with every sleep
 * recorded (UrlFetchAppFake advances the FakeClock itself, for latency,
 * which is not a sleep).
 */
export interface SleepLog extends Clock {
  sleeps: number[];
  slept(): number;
}

export function sleepLog(clock: FakeClock): SleepLog {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => clock.now(),
    sleep: (ms) => {
      sleeps.push(ms);
      clock.sleep(ms);
    },
    slept: () => sleeps.reduce((a, b) => a + b, 0),
  };
}

export interface HttpRig {
  clock: FakeClock;
  /** The client's clock: the FakeClock, sleeps recorded. */
  time: SleepLog;
  http: UrlFetchAppFake;
}

/** UrlFetchAppFake over `transport` on a FakeClock; each fetch takes `latencyMs` (default 200). */
export function httpRig(transport: Transport, latencyMs = 200): HttpRig {
  const clock = new FakeClock();
  return {
    clock,
    time: sleepLog(clock),
    http: new UrlFetchAppFake(transport, clock, { defaultLatencyMs: latencyMs }),
  };
}

// ---------------------------------------------------------------------------------------------
// The services of a use case
// ---------------------------------------------------------------------------------------------

/** A deterministic source of numbers in [0, 1). */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

export const CHAT_ORIGIN = 'https://chat.googleapis.com';

export interface AppRig {
  services: Services;
  workbook: Workbook;
  properties: PropertyStoreFake;
  clock: FakeClock;
  chat: ChatStore;
  http: UrlFetchAppFake;
  locks: LockServiceFake;
  scriptApp: ScriptAppFake;
  ui: UiFake;
  /** Alerts, menus and toasts shown. */
  shown: UiRecord;
  logs: LogSink;
  /** How many times each service getter was called. */
  touched: { [K in 'http' | 'properties' | 'spreadsheet' | 'ui' | 'lock' | 'triggers']: number };
  /** A webhook URL of the emulator for `space` (registered on first use). */
  hookUrl(space: string): string;
}

export interface AppRigOptions {
  /** Script Properties; `hookUrl` may be used to build webhook URLs of the emulator. */
  properties?: (hookUrl: (space: string) => string) => Record<string, string>;
  /**
   * 'trigger': getUi() throws, as in a time-driven or form-submit run.
   * 'simple': a simple trigger (onOpen), in AuthMode.LIMITED: the methods of
   * UrlFetchApp, ScriptApp, SpreadsheetApp and its Ui that need
   * authorisation throw Apps Script's "You do not have permission to call …".
   */
  context?: 'ui' | 'trigger' | 'simple';
  /** Replaces the emulator behind UrlFetchApp. */
  transport?: (chat: ChatStore) => Transport;
  latencyMs?: number;
  /** The spreadsheet's time zone (default Etc/UTC). */
  timeZone?: string;
}

/** Every service of a run, from the local runtime, with the Chat emulator behind UrlFetchApp. */
export function appRig(options: AppRigOptions = {}): AppRig {
  const clock = new FakeClock();
  const chat = new ChatStore({ now: () => clock.now() });
  const hooks = new Map<string, string>();
  const hookUrl = (space: string) => {
    if (!hooks.has(space)) hooks.set(space, chat.registerWebhook(space).url(CHAT_ORIGIN));
    return hooks.get(space) as string;
  };
  const properties = new PropertyStoreFake(
    options.properties ? options.properties(hookUrl) : { CHAT_WEBHOOK_URL: hookUrl('AAAA') },
  );
  const workbook = new Workbook({
    id: 'spreadsheet-1',
    name: 'Helpdesk',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const utilities = new UtilitiesFake(clock);
  const transport = options.transport ? options.transport(chat) : inProcessTransport(chat);
  const http = new UrlFetchAppFake(transport, clock, {
    defaultLatencyMs: options.latencyMs ?? 200,
  });
  const locks = new LockServiceFake(clock);
  const scriptApp = new ScriptAppFake(clock);
  // The user running the use case, who owns the triggers it installs (ScriptAppFake's default).
  const session = new SessionFake('Etc/UTC', () => 'user@example.com');
  const shown: UiRecord = { alerts: [], toasts: workbook.toasts, menus: [], dialogs: [] };
  const ui = new UiFake(shown);
  const context = options.context ?? 'ui';
  const limited = () => context === 'simple';
  const spreadsheetApp = limitedWhen(
    new SpreadsheetAppFake(workbook, limitedWhen(ui, 'SpreadsheetApp.Ui', limited), () => context),
    'SpreadsheetApp',
    limited,
  );
  const fetcher = limitedWhen(http, 'UrlFetchApp', limited);
  const triggers = limitedWhen(scriptApp, 'ScriptApp', limited);
  const logs = new LogSink(clock);
  const log = new ConsoleFake(logs);
  const random = seededRandom();
  const touched: AppRig['touched'] = {
    http: 0,
    properties: 0,
    spreadsheet: 0,
    ui: 0,
    lock: 0,
    triggers: 0,
  };
  const services: Services = {
    http: () => (touched.http++, fetcher),
    properties: () => (touched.properties++, properties),
    spreadsheet: () => (touched.spreadsheet++, spreadsheetApp.getActiveSpreadsheet()),
    flush: () => spreadsheetApp.flush(),
    richText: {
      link: (text, url) => spreadsheetApp.newRichTextValue().setText(text).setLinkUrl(url).build(),
      plain: (text) => spreadsheetApp.newRichTextValue().setText(text).build(),
    },
    ui: () => (touched.ui++, spreadsheetApp.getUi()),
    lock: () => (touched.lock++, locks.getScriptLock()),
    triggers: () => (touched.triggers++, triggers),
    clock,
    formatDate: (date, timeZone, pattern) => utilities.formatDate(date, timeZone, pattern),
    random,
    log: { log: (message) => log.log(message) },
    effectiveUser: () => session.getEffectiveUser().getEmail(),
    webAppUrl: () => scriptApp.getService().getUrl(),
    utilities: new UtilitiesFake(clock),
  };
  return {
    services,
    workbook,
    properties,
    clock,
    chat,
    http,
    locks,
    scriptApp,
    ui,
    shown,
    logs,
    touched,
    hookUrl,
  };
}
