/**
 * One local session of the relay for `npm start`: the built bundle in the
 * local Apps Script runtime (real clock, real synchronous HTTP), with steps
 * that call its real entry points and report what happened: messages sent
 * (one line each: a card's header, a text's first line), alerts shown, log
 * lines written. Every line printed goes through
 * redactUrls, so no webhook key or token is ever shown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AppsScriptRuntime,
  journalRelayColumns,
  PropertyStoreFake,
  RealClock,
  type LogEntry,
  type RuntimeClock,
  type Toast,
  type Transport,
  type WebAppDeployment,
  type Workbook,
  webAppOfManifest,
} from './runtime';

export const ROOT = path.resolve(__dirname, '..');
export const BUNDLE = path.join(ROOT, 'dist', 'Code.js');
export const MANIFEST = path.join(ROOT, 'dist', 'appsscript.json');

/** Hides the `key` and `token` of every URL in `text`. */
export function redactUrls(text: string): string {
  return text.replace(/([?&](?:key|token)=)[^&\s"'<>)]+/gi, '$1…');
}

export type Print = (line: string) => void;

export interface SessionOptions {
  workbook: Workbook;
  properties: Record<string, string>;
  transport: Transport;
  print: Print;
  /** Default: the real clock. */
  clock?: RuntimeClock;
  /** The runtime's SpreadsheetApp.flush() hook (see workbookFileHooks). */
  onFlush?: () => void;
  /** The runtime's toast hook (see workbookFileHooks). */
  onToast?: (toast: Toast) => void;
  /** The script to run (default: the built dist/Code.js and dist/appsscript.json). */
  bundle?: { code: string; manifest: Manifest };
}

/** What the session reads of the manifest. */
export interface Manifest {
  timeZone?: string;
  urlFetchWhitelist?: string[];
  /** The web app the script deploys as (executeAs, access), if it declares one. */
  webapp?: { executeAs?: unknown; access?: unknown };
}

export interface StepResult {
  /** Successful message creates (2xx POSTs) during the step. */
  sent: number;
  /** HTTP requests during the step, failed ones included. */
  requests: number;
  /** One line per message created, in order (see describePosted). */
  posted: string[];
  alerts: string[];
  logs: string[];
  ms: number;
}

/** dist/Code.js and dist/appsscript.json, as `npm run build` writes them. */
function builtBundle(): { code: string; manifest: Manifest } {
  if (!fs.existsSync(BUNDLE)) {
    throw new Error(`${path.relative(process.cwd(), BUNDLE)} is missing: run "npm run build".`);
  }
  return {
    code: fs.readFileSync(BUNDLE, 'utf8'),
    manifest: JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest,
  };
}

export class RelaySession {
  readonly runtime: AppsScriptRuntime;
  readonly workbook: Workbook;
  /** How the manifest deploys the web app (null: it declares none). */
  readonly webApp: Omit<WebAppDeployment, 'url'> | null;
  private readonly print: Print;
  private readonly pendingLogs: string[] = [];
  private lastStepEndedAt = 0;

  constructor(options: SessionOptions) {
    const { code, manifest } = options.bundle ?? builtBundle();
    const webApp = webAppOfManifest(manifest, '');
    this.webApp = webApp && { executeAs: webApp.executeAs, access: webApp.access };
    this.workbook = options.workbook;
    this.print = options.print;
    this.runtime = new AppsScriptRuntime({
      workbook: options.workbook,
      properties: new PropertyStoreFake(options.properties),
      clock: options.clock ?? new RealClock(),
      transport: options.transport,
      allowedOrigins: manifest.urlFetchWhitelist,
      scriptTimeZone: manifest.timeZone,
      onLog: (entry: LogEntry) => this.pendingLogs.push(entry.message),
      onFlush: options.onFlush,
      onToast: options.onToast,
    });
    this.runtime.load(code);
  }

  /** Lets at least `ms` pass since the previous step ended (Chat's 1 message/s/space holds across runs). */
  async pause(ms = 1100): Promise<void> {
    const wait = this.lastStepEndedAt + ms - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  /**
   * Runs `body` (one or more executions of the bundle) and prints
   * "✔ title: summary", then the alerts and log lines it produced. A thrown
   * error prints "✘ title: message" and is rethrown.
   */
  async step(
    title: string,
    body: (rt: AppsScriptRuntime) => void,
    summarize: (r: StepResult) => string = describeStep,
  ): Promise<StepResult> {
    await this.pause();
    const rt = this.runtime;
    const firstRequest = rt.urlFetch.requests.length;
    const firstAlert = rt.ui.alerts.length;
    this.pendingLogs.length = 0;
    const started = Date.now();
    let error: unknown = null;
    try {
      body(rt);
    } catch (e) {
      error = e;
    }
    const requests = rt.urlFetch.requests.slice(firstRequest);
    const created = requests.filter((r) => r.status !== null && r.status >= 200 && r.status < 300);
    const result: StepResult = {
      sent: created.length,
      requests: requests.length,
      posted: created
        .filter((r) => r.method.toUpperCase() === 'POST')
        .map((r) => describePosted(r.payload)),
      alerts: rt.ui.alerts.slice(firstAlert),
      logs: [...this.pendingLogs],
      ms: Date.now() - started,
    };
    this.lastStepEndedAt = Date.now();
    if (error) {
      this.print(`✘ ${title}: ${error instanceof Error ? error.message : String(error)}`);
    } else {
      this.print(`✔ ${title}: ${summarize(result)}`);
    }
    for (const line of result.posted) this.detail('posted', line);
    for (const alert of result.alerts) this.detail('alert', alert);
    for (const line of result.logs) this.detail('log', line);
    if (error) throw error;
    return result;
  }

  /** Prints an indented, redacted block (alert / log / note). */
  detail(label: string, text: string): void {
    const lines = redactUrls(text)
      .split('\n')
      .filter((l) => l.trim() !== '');
    lines.forEach((line, i) =>
      this.print(`    ${i === 0 ? `${label}:`.padEnd(8) : ' '.repeat(8)}${line}`),
    );
  }

  /** The relay's status column of a sheet, counted by value (e.g. {SENT: 6}). */
  statuses(sheetName: string): Record<string, number> {
    const rows = this.workbook.sheet(sheetName).displayRows();
    const header = rows[0] ?? [];
    const column = header.indexOf('Chat Status');
    const counts: Record<string, number> = {};
    if (column < 0) return counts;
    for (const row of rows.slice(1)) {
      if (row.every((v) => v === '')) continue;
      const status = row[column] || '(empty)';
      counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  }
}

/**
 * The hooks of a `--workbook` run on a workbook loaded from an .xlsx file:
 * every SpreadsheetApp.flush() (the relay's write-ahead point) and progress
 * toasts (at most every 5 s) write the relay journal beside the file,
 * synchronously, so a run killed at any moment (Ctrl-C, a crash) is resumed
 * by the next one with the same requestIds; each toast ("Sent 120 of 864…")
 * is printed.
 */
export function workbookFileHooks(
  workbook: Workbook,
  print: Print,
): Pick<SessionOptions, 'onFlush' | 'onToast'> {
  let journaledAt = 0;
  const journal = () => {
    journalRelayColumns(workbook);
    journaledAt = Date.now();
  };
  return {
    onFlush: journal,
    onToast: (toast) => {
      print(`    … ${toast.msg}`);
      // Journaling progress spares re-sends after an interruption; every few seconds is enough.
      if (Date.now() - journaledAt >= 5000) journal();
    },
  };
}

/** The longest a "posted" line shows of a text message's first line. */
const POSTED_TEXT_CHARS = 100;

/**
 * What a message body shows, in one line: a card as `card: title — subtitle`
 * (its header, or its fallbackText when it has none), with the message's text
 * (the mentions above the card) after it; a text message as `text: ` and its
 * first line.
 */
export function describePosted(payload: string): string {
  let message: { text?: unknown; cardsV2?: unknown; fallbackText?: unknown };
  try {
    message = JSON.parse(payload) as typeof message;
  } catch {
    return '(a body that is not JSON)';
  }
  const text = typeof message.text === 'string' ? message.text.trim() : '';
  const firstLine = text.split('\n')[0];
  const shortText =
    firstLine.length > POSTED_TEXT_CHARS || firstLine !== text
      ? `${firstLine.slice(0, POSTED_TEXT_CHARS)}…`
      : firstLine;
  const cards = Array.isArray(message.cardsV2) ? (message.cardsV2 as unknown[]) : [];
  if (!cards.length) return `text: ${shortText}`;
  const header = (cards[0] as { card?: { header?: { title?: unknown; subtitle?: unknown } } }).card
    ?.header;
  const line = [header?.title, header?.subtitle]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' — ');
  const fallback = typeof message.fallbackText === 'string' ? message.fallbackText : '';
  const more = cards.length > 1 ? ` (+${plural(cards.length - 1, 'card')})` : '';
  const above = text ? ` (above it: ${shortText})` : '';
  return `card: ${line || fallback || '(no header)'}${more}${above}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function describeStep(r: StepResult): string {
  if (!r.requests) return 'nothing sent, no HTTP call';
  const retried = r.requests - r.sent;
  return `${plural(r.sent, 'message')} sent in ${seconds(r.ms)}${
    retried ? ` (and ${plural(retried, 'failed attempt')})` : ''
  }`;
}
