/**
 * Runs the built bundle (dist/Code.js) in the local Apps Script runtime with
 * a fake clock, against the Chat emulator's semantics in process: sheets,
 * triggers, locks, a clock that advances on Utilities.sleep and each fetch,
 * and a Chat that implements threads, requestId and the per-space quota.
 * Shared by the tests (test/e2e, test/local) and the benchmark (bench/).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LEDGER_COLUMNS } from '../src/relay/columns';
import { inProcessTransport } from './chat-emulator/in-process';
import { ChatStore } from './chat-emulator/store';
import {
  AppsScriptRuntime,
  FakeClock,
  PropertyStoreFake,
  Workbook,
  type Transport,
} from './runtime';

export const BUNDLE_PATH = path.resolve(__dirname, '../dist/Code.js');
let bundleText: string | null = null;
export function bundle(): string {
  if (bundleText === null) bundleText = fs.readFileSync(BUNDLE_PATH, 'utf8');
  return bundleText;
}

/** Whether the built bundle defines issue 17's entry points doGet and actionConfirm (its actions). */
export function bundleHasActions(file: string = BUNDLE_PATH): boolean {
  const code = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return /^function doGet\(/m.test(code) && /^function actionConfirm\(/m.test(code);
}

export const SPACE = 'AAAA';

/** The relay's own columns, in the order it appends them. */
export const RELAY_HEADERS = LEDGER_COLUMNS.map((c) => c.header);

export interface SheetSpec {
  name: string;
  rows: unknown[][];
  formats?: (string | null)[][];
  /** The URL of the form that writes to this sheet. */
  formUrl?: string;
}

export interface HarnessOptions {
  sheets?: SheetSpec[];
  config?: Record<string, unknown>;
  /**
   * The message format. The delivery tests read messages as text, so the
   * harness sets `"format": "text"` unless this is "card" (the product's
   * default, which then stays unset) or the config sets a format itself.
   */
  format?: 'card' | 'text';
  properties?: Record<string, string>;
  /** A form linked to the spreadsheet: it writes to the sheets named "Form Responses…". */
  formUrl?: string | null;
  latencyMs?: number;
  /** Wraps the in-process Chat transport (to inject kills, count calls...). */
  wrapTransport?: (transport: Transport) => Transport;
  maxExecutionMs?: number;
  /** The spreadsheet's time zone (getSpreadsheetTimeZone()); default Etc/UTC. */
  timeZone?: string;
  /** Where the clock starts (epoch ms); default the FakeClock's. */
  startAt?: number;
}

export const TICKETS: SheetSpec = {
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Amount', 'Due'],
    ['T-1', 'Printer on fire', 1234.5, new Date(Date.UTC(2026, 0, 2))],
    ['T-2', 'Coffee machine', 3, ''],
    ['T-3', 'Badge reader', 0.25, ''],
  ],
  formats: [
    [null, null, null, null],
    [null, null, '$#,##0.00', 'yyyy-mm-dd'],
    [null, null, '$#,##0.00', null],
    [null, null, '0%', null],
  ],
};

function configProperty(options: HarnessOptions): Record<string, string> {
  const format = options.format ?? 'text';
  const config = { ...(format === 'text' ? { format } : {}), ...(options.config ?? {}) };
  return Object.keys(config).length ? { CHAT_RELAY_CONFIG: JSON.stringify(config) } : {};
}

export function harness(options: HarnessOptions = {}) {
  const clock = new FakeClock(options.startAt);
  const chat = new ChatStore({ now: () => clock.now() });
  const hook = chat.registerWebhook(SPACE, 'Chat Relay');
  const webhookUrl = hook.url('https://chat.googleapis.com');
  const workbook = new Workbook({
    formUrl: options.formUrl ?? null,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  for (const spec of options.sheets ?? [TICKETS]) {
    const formUrl =
      spec.formUrl ??
      (options.formUrl && /^Form Responses/.test(spec.name) ? options.formUrl : null);
    workbook.addSheet(spec.name, spec.rows, spec.formats, formUrl ? { formUrl } : {});
  }
  const properties = new PropertyStoreFake({
    CHAT_WEBHOOK_URL: webhookUrl,
    ...configProperty(options),
    ...(options.properties ?? {}),
  });
  const inner = inProcessTransport(chat);
  const transport = options.wrapTransport ? options.wrapTransport(inner) : inner;
  const newRuntime = (maxExecutionMs = options.maxExecutionMs) => {
    const rt = new AppsScriptRuntime({
      workbook,
      properties,
      clock,
      transport,
      allowedOrigins: ['https://chat.googleapis.com'],
      defaultLatencyMs: options.latencyMs ?? 200,
      maxExecutionMs,
    });
    rt.load(bundle());
    return rt;
  };
  let runtime = newRuntime();

  const h = {
    clock,
    chat,
    workbook,
    get runtime() {
      return runtime;
    },
    /**
     * Starts a fresh script instance over the same sheets, properties and
     * Chat (installed triggers are not carried over), e.g. with another
     * execution time limit.
     */
    restart(maxExecutionMs?: number) {
      runtime = newRuntime(maxExecutionMs);
    },
    properties,
    webhookUrl,
    token: hook.token,
    sheet: (name = 'Tickets') => workbook.sheet(name),
    /** Calls an entry point, then lets real time pass as between two Apps Script executions. */
    run(functionName: string, ...args: unknown[]) {
      try {
        return runtime.call(functionName, ...args);
      } finally {
        clock.advance(5000);
      }
    },
    /** Opens the spreadsheet: onOpen runs as a simple trigger (AuthMode.LIMITED, 30 s). */
    open() {
      try {
        return runtime.openSpreadsheet();
      } finally {
        clock.advance(5000);
      }
    },
    messages: (space = SPACE) => chat.messages(space),
    texts: (space = SPACE) => chat.messages(space).map((m) => String(m.text)),
    threads: (space = SPACE) => chat.threads(space),
    /** A webhook of another space, as CHAT_WEBHOOK_URL_<NAME>; returns its URL. */
    addWebhook(name: string, space: string) {
      const added = chat.registerWebhook(space, 'Chat Relay');
      const url = added.url('https://chat.googleapis.com');
      properties.setProperty(`CHAT_WEBHOOK_URL_${name}`, url);
      return url;
    },
    /** The sheet as display values, one object per data row keyed by header. */
    table(name = 'Tickets') {
      const [header, ...rows] = workbook.sheet(name).displayRows();
      return rows.map((r) => Object.fromEntries(header.map((k, i) => [String(k), r[i] ?? ''])));
    },
    column(header: string, name = 'Tickets') {
      return h.table(name).map((r) => r[header]);
    },
    lastAlert: () => runtime.ui.alerts[runtime.ui.alerts.length - 1],
    /** The "Open in Sheets" line a text message ends with, for a row spanning columns A to `last`. */
    linkLine(row: number, last: string, name = 'Tickets') {
      const sheet = workbook.sheet(name);
      return `<${workbook.getUrl()}#gid=${sheet.getSheetId()}&range=A${row}:${last}${row}|Open in Sheets>`;
    },
  };
  return h;
}

export type Harness = ReturnType<typeof harness>;
