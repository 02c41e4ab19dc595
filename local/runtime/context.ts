/**
 * AppsScriptRuntime: runs the bundle (dist/Code.js) in a node:vm context that
 * holds only ECMAScript built-ins plus locally implemented Apps Script
 * services.
 *
 * - Globals: SpreadsheetApp, UrlFetchApp, PropertiesService, LockService,
 *   ScriptApp, Utilities, HtmlService, Logger, Session, console, and a Date
 *   bound to the runtime clock. Node globals (process, require, Buffer, setTimeout, fetch,
 *   URL, TextEncoder, structuredClone, queueMicrotask, ...) are absent, and so
 *   is WebAssembly. Any other Apps Script service (DriveApp, GmailApp,
 *   CacheService, ...) is undefined, so using it throws
 *   "ReferenceError: DriveApp is not defined" as in Apps Script when the
 *   service is not available.
 * - Every service object the bundle sees is a Proxy: a method the local
 *   runtime does not implement throws
 *   "Local runtime: SpreadsheetApp.Range.getNotes is not implemented".
 * - Values cross the boundary as objects of the vm's realm (arrays, Dates,
 *   plain objects, Errors), so `instanceof Date` / `instanceof Error` behave
 *   as in Apps Script. Service errors have name "Exception".
 * - Each call() / trigger run is one execution: a new lock owner, locks
 *   released at the end, pending promise jobs drained, and Apps Script's
 *   6-minute limit checked on each service call (on the runtime clock).
 * - The script as a web app (webapp.ts): doGet({query, visitor}) runs the
 *   bundle's doGet(e) as a visitor's GET of its URL does, and returns the
 *   page (or Apps Script's refusal or error page); callFromWebApp() runs a
 *   server function the page calls with google.script.run. Both run as the
 *   deployment says (executeAs, access): Session.getActiveUser() is the
 *   visitor when Apps Script tells, ScriptApp.getService().getUrl() the web
 *   app's URL (null while runtime.webApp is null: not deployed).
 * - openSpreadsheet() runs onOpen(e) as Apps Script does, as a simple
 *   trigger: AuthMode.LIMITED (UrlFetchApp, ScriptApp's triggers and other
 *   services that need authorisation throw "You do not have permission to
 *   call ...", see authorization.ts) and a 30-second limit.
 * - Hooks for a host tool: onFlush (SpreadsheetApp.flush, where Apps Script
 *   commits the writes a script made so far: `npm start -- --workbook` keeps
 *   its write-ahead journal there), onToast (Spreadsheet.toast, to show
 *   progress), onLog.
 * - Date's local-time methods (getHours, toString, ...) use the host's time
 *   zone; Apps Script uses the script's (Session.getScriptTimeZone()). Run
 *   with TZ=UTC to match a manifest in Etc/UTC.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import type { RuntimeClock } from './clock';
import { limitedModeError, SIMPLE_TRIGGER_MAX_MS } from './authorization';
import { exception, NotImplementedError } from './errors';
import { HTML_API, HtmlOutputFake, HtmlOutputMetaTagFake, HtmlServiceFake } from './html';
import { LOCK_API, LockFake, LockServiceFake } from './lock';
import { formatCell } from './number-format';
import { isDate, zonedParts } from './time';
import { PROPERTIES_API, PropertyStoreFake } from './properties';
import { RICH_TEXT_API, RichTextValueBuilderFake, RichTextValueFake } from './rich-text';
import {
  ConsoleFake,
  LoggerFake,
  LogSink,
  MenuFake,
  PropertiesServiceFake,
  SessionFake,
  SpreadsheetAppFake,
  UiFake,
  UserFake,
  UtilitiesFake,
  type ExecutionKind,
  type LogEntry,
  type UiRecord,
} from './services';
import {
  FakeRange,
  FakeRangeList,
  FakeSheet,
  SPREADSHEET_API,
  Workbook,
  type Toast,
} from './spreadsheet';
import {
  AuthMode,
  ClockTriggerBuilderFake,
  ScriptAppFake,
  ServiceFake,
  SpreadsheetTriggerBuilderFake,
  TRIGGER_API,
  TriggerBuilderFake,
  TriggerFake,
} from './triggers';
import { HttpResponseFake, type Transport, URLFETCH_API, UrlFetchAppFake } from './urlfetch';
import {
  admitVisitor,
  doGetEvent,
  queryStringOf,
  type WebAppDeployment,
  type WebAppIdentity,
  type WebAppResponse,
} from './webapp';

export interface AppsScriptRuntimeOptions {
  workbook: Workbook;
  properties?: PropertyStoreFake;
  clock: RuntimeClock;
  transport: Transport;
  /** The user running executions (Session.getActiveUser; owner of the triggers they install). */
  userEmail?: string;
  /** The manifest's urlFetchWhitelist; omitted = no allow-list enforced. */
  allowedOrigins?: string[];
  /** Session.getScriptTimeZone() (the manifest's timeZone); default the workbook's. */
  scriptTimeZone?: string;
  /** Simulated latency of each fetch on a FakeClock (default 200 ms). */
  defaultLatencyMs?: number;
  /** Apps Script's execution time limit (default 6 minutes; 0 disables). */
  maxExecutionMs?: number;
  /**
   * Kills every execution after its N-th service call: that call completes,
   * every later one throws "Exceeded maximum execution time", as Apps Script
   * does when it stops a script (null or omitted: never). See killAfterCalls.
   */
  killAfterCalls?: number | null;
  /** Called for each Logger/console line (e.g. to echo them in `npm start`). */
  onLog?: (entry: LogEntry) => void;
  /** Utilities.getUuid (default crypto.randomUUID). */
  uuid?: () => string;
  /**
   * Called by SpreadsheetApp.flush(), synchronously, inside the execution.
   * An error it throws fails the flush (and so the run, before it sends).
   */
  onFlush?: () => void;
  /** Called for each Spreadsheet.toast as it is shown (e.g. "Sent 120 of 864…"). */
  onToast?: (toast: Toast) => void;
  /** The script's web app deployment (default null: not deployed); see runtime.webApp. */
  webApp?: WebAppDeployment | null;
}

/** A GET of the web app: doGet's request. */
export interface WebAppRequest {
  /** The query string (without "?"), or its parameters; default none. */
  query?: string | Record<string, string | string[]>;
  /** A path after the web app's URL (e.pathInfo). */
  pathInfo?: string;
  /** The visitor's Google account (null: not signed in). */
  visitor: string | null;
}

interface ApiSpec {
  name: string;
  api: readonly string[];
  /** Top-level services record their calls in serviceCalls. */
  topLevel?: boolean;
}

const SPECS = new Map<unknown, ApiSpec>([
  [Workbook, { name: 'SpreadsheetApp.Spreadsheet', api: SPREADSHEET_API.Spreadsheet }],
  [FakeSheet, { name: 'SpreadsheetApp.Sheet', api: SPREADSHEET_API.Sheet }],
  [FakeRange, { name: 'SpreadsheetApp.Range', api: SPREADSHEET_API.Range }],
  [FakeRangeList, { name: 'SpreadsheetApp.RangeList', api: SPREADSHEET_API.RangeList }],
  [
    UiFake,
    {
      name: 'SpreadsheetApp.Ui',
      api: [
        'createMenu',
        'alert',
        'showSidebar',
        'showModalDialog',
        'showModelessDialog',
        'Button',
        'ButtonSet',
      ],
    },
  ],
  [RichTextValueFake, { name: 'SpreadsheetApp.RichTextValue', api: RICH_TEXT_API.RichTextValue }],
  [
    RichTextValueBuilderFake,
    { name: 'SpreadsheetApp.RichTextValueBuilder', api: RICH_TEXT_API.RichTextValueBuilder },
  ],
  [HtmlOutputFake, { name: 'HtmlService.HtmlOutput', api: HTML_API.HtmlOutput }],
  [
    HtmlOutputMetaTagFake,
    { name: 'HtmlService.HtmlOutputMetaTag', api: HTML_API.HtmlOutputMetaTag },
  ],
  [MenuFake, { name: 'SpreadsheetApp.Menu', api: ['addItem', 'addSeparator', 'addToUi'] }],
  [PropertyStoreFake, { name: 'PropertiesService.Properties', api: PROPERTIES_API }],
  [LockFake, { name: 'LockService.Lock', api: LOCK_API }],
  [TriggerFake, { name: 'ScriptApp.Trigger', api: TRIGGER_API.Trigger }],
  [ServiceFake, { name: 'ScriptApp.Service', api: TRIGGER_API.Service }],
  [TriggerBuilderFake, { name: 'ScriptApp.TriggerBuilder', api: TRIGGER_API.TriggerBuilder }],
  [
    ClockTriggerBuilderFake,
    { name: 'ScriptApp.ClockTriggerBuilder', api: TRIGGER_API.ClockTriggerBuilder },
  ],
  [
    SpreadsheetTriggerBuilderFake,
    { name: 'ScriptApp.SpreadsheetTriggerBuilder', api: TRIGGER_API.SpreadsheetTriggerBuilder },
  ],
  [HttpResponseFake, { name: 'UrlFetchApp.HTTPResponse', api: URLFETCH_API.HTTPResponse }],
  [UserFake, { name: 'Session.User', api: ['getEmail'] }],
]);

const TOP_LEVEL: Record<string, readonly string[]> = {
  SpreadsheetApp: [
    'getActiveSpreadsheet',
    'getActive',
    'openById',
    'getUi',
    'flush',
    'newRichTextValue',
  ],
  HtmlService: HTML_API.HtmlService,
  UrlFetchApp: URLFETCH_API.UrlFetchApp,
  PropertiesService: ['getScriptProperties', 'getUserProperties', 'getDocumentProperties'],
  LockService: ['getScriptLock'],
  ScriptApp: [...TRIGGER_API.ScriptApp, 'EventType', 'AuthMode', 'TriggerSource'],
  Utilities: [
    'sleep',
    'getUuid',
    'formatDate',
    'computeDigest',
    'computeHmacSha256Signature',
    'computeHmacSignature',
    'base64Encode',
    'base64EncodeWebSafe',
    'base64Decode',
    'base64DecodeWebSafe',
    'DigestAlgorithm',
    'MacAlgorithm',
    'Charset',
  ],
  Logger: ['log', 'getLog', 'clear'],
  Session: [
    'getScriptTimeZone',
    'getActiveUser',
    'getEffectiveUser',
    'getActiveUserLocale',
    'getTemporaryActiveUserKey',
  ],
  console: ['log', 'info', 'warn', 'error', 'debug'],
};

/** Properties that generic code (printers, promise resolution, ...) probes; never "unimplemented". */
const PROBED = new Set([
  'then',
  'toJSON',
  'constructor',
  'inspect',
  'nodeType',
  'asymmetricMatch',
  '$$typeof',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  '_isMockFunction',
]);

/** The one list of Node and browser globals Apps Script lacks (also read by ESLint and the tests). */
export const ABSENT_GLOBALS: readonly string[] = (
  JSON.parse(readFileSync(join(__dirname, 'absent-globals.json'), 'utf8')) as { globals: string[] }
).globals;

/**
 * Removed from every vm context: the absent globals, and V8's own `console`,
 * which Apps Script replaces with its own (the runtime installs ConsoleFake).
 */
const REMOVED_GLOBALS = [...ABSENT_GLOBALS, 'console'];

const CLOCK_DATE_FACTORY = `(function (now) {
  'use strict';
  var NativeDate = Date;
  var ClockDate = function Date() {
    if (!new.target) return new NativeDate(now()).toString();
    var args = Array.prototype.slice.call(arguments);
    return args.length === 0
      ? Reflect.construct(NativeDate, [now()], new.target)
      : Reflect.construct(NativeDate, args, new.target);
  };
  var D = ClockDate;
  Object.defineProperty(D, 'prototype', { value: NativeDate.prototype, writable: false });
  Object.defineProperty(NativeDate.prototype, 'constructor', { value: D, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(D, 'now', { value: function now_() { return now(); }, writable: true, configurable: true });
  Object.defineProperty(D, 'parse', { value: NativeDate.parse, writable: true, configurable: true });
  Object.defineProperty(D, 'UTC', { value: NativeDate.UTC, writable: true, configurable: true });
  Object.defineProperty(D, 'name', { value: 'Date' });
  Object.defineProperty(D, 'length', { value: 7 });
  return D;
})`;

export class AppsScriptRuntime {
  readonly ui: UiRecord;
  readonly urlFetch: UrlFetchAppFake;
  readonly properties: PropertyStoreFake;
  readonly lock: LockServiceFake;
  readonly scriptApp: ScriptAppFake;
  readonly workbook: Workbook;
  readonly clock: RuntimeClock;
  /** Every call on a top-level service, e.g. 'SpreadsheetApp.getActiveSpreadsheet'. */
  readonly serviceCalls: string[] = [];
  /** Handlers that failed in runDueTimeTriggers / formSubmit, in order. */
  readonly triggerFailures: Array<{ handler: string; triggerUid: string; error: Error }> = [];

  private readonly sink: LogSink;
  private readonly options: AppsScriptRuntimeOptions;
  private readonly services: Record<string, object>;
  private readonly uiFake: UiFake;
  private context: vm.Context | null = null;
  private realm: {
    Array: ArrayConstructor;
    Object: ObjectConstructor;
    Date: DateConstructor;
    Error: ErrorConstructor;
  } | null = null;
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  /** The user running the next executions; a trigger runs as its owner. */
  activeUser: string;
  /**
   * The web app deployment (ScriptApp.getService().getUrl() is its url), or
   * null: not deployed. May be set at any time, e.g. once a local server
   * listens.
   */
  webApp: WebAppDeployment | null;
  /** Who runs the current web app execution (null: not one). */
  private webIdentity: WebAppIdentity | null = null;
  /** Who deploys the web app unless webApp.deployedBy says: the runtime's first user. */
  private readonly owner: string;
  private kind: ExecutionKind = 'load';
  private executionCounter = 0;
  private executionStart = 0;
  private timedOut = false;
  /** Service calls made by the current (or last) execution. */
  private callsInExecution = 0;
  /** Kills each execution after this many service calls (null: never). */
  killAfterCalls: number | null;

  constructor(options: AppsScriptRuntimeOptions) {
    this.options = options;
    this.workbook = options.workbook;
    this.clock = options.clock;
    this.properties = options.properties ?? new PropertyStoreFake();
    this.activeUser = options.userEmail ?? 'user@example.com';
    this.owner = this.activeUser;
    this.webApp = options.webApp ?? null;
    this.killAfterCalls = options.killAfterCalls ?? null;
    this.lock = new LockServiceFake(options.clock);
    this.scriptApp = new ScriptAppFake(
      options.clock,
      undefined,
      () => this.effectiveUser(),
      () => this.webApp?.url ?? null,
    );
    this.urlFetch = new UrlFetchAppFake(options.transport, options.clock, {
      defaultLatencyMs: options.defaultLatencyMs,
      allowedOrigins: options.allowedOrigins,
    });
    this.sink = new LogSink(options.clock, options.onLog);
    this.ui = { alerts: [], toasts: this.workbook.toasts, menus: [], dialogs: [] };
    this.uiFake = new UiFake(this.ui);
    if (options.onToast) this.workbook.toastListeners.add(options.onToast);
    this.services = {
      SpreadsheetApp: new SpreadsheetAppFake(
        this.workbook,
        this.uiFake,
        () => this.kind,
        options.onFlush,
      ),
      UrlFetchApp: this.urlFetch,
      PropertiesService: new PropertiesServiceFake(this.properties, () => new PropertyStoreFake()),
      LockService: this.lock,
      ScriptApp: this.scriptApp,
      Utilities: new UtilitiesFake(options.clock, options.uuid),
      HtmlService: new HtmlServiceFake(),
      Logger: new LoggerFake(this.sink),
      Session: new SessionFake(
        options.scriptTimeZone ?? this.workbook.timeZone,
        () => (this.webIdentity ? this.webIdentity.activeUser : this.activeUser),
        () => this.effectiveUser(),
      ),
      console: new ConsoleFake(this.sink),
    };
  }

  /** How many service calls the current execution made, or the last one if none is running. */
  get executionCalls(): number {
    return this.callsInExecution;
  }

  /** Logger / console output, one message per entry. */
  get logs(): string[] {
    return this.sink.lines;
  }

  get logEntries(): LogEntry[] {
    return this.sink.entries;
  }

  /** Answers for the next ui.alert calls that show buttons (default OK / YES). */
  get alertAnswers(): unknown[] {
    return this.uiFake.alertAnswers;
  }

  /** Runs the bundle in a fresh vm context (top-level code is one "load" execution). */
  load(code: string): void {
    const context = vm.createContext(
      {},
      {
        name: 'Apps Script (local)',
        codeGeneration: { strings: true, wasm: false },
        microtaskMode: 'afterEvaluate',
      },
    );
    const run = (src: string) => vm.runInContext(src, context);
    // V8 gives every context `console` and `WebAssembly`; Apps Script has its own console and no WebAssembly.
    run(`${JSON.stringify(REMOVED_GLOBALS)}.forEach(function (n) { delete globalThis[n]; })`);
    const leftover = run(
      `${JSON.stringify(REMOVED_GLOBALS)}.filter(function (n) { return n in globalThis; })`,
    ) as string[];
    if (leftover.length)
      throw new Error(`AppsScriptRuntime: cannot remove globals ${leftover.join(', ')}`);
    const factory = run(CLOCK_DATE_FACTORY) as (now: () => number) => DateConstructor;
    const ClockDate = factory(() => this.clock.now());
    Object.defineProperty(context, 'Date', {
      value: ClockDate,
      writable: true,
      configurable: true,
      enumerable: false,
    });
    this.realm = {
      Array: run('Array'),
      Object: run('Object'),
      Date: ClockDate,
      Error: run('Error'),
    };
    this.context = context;
    for (const [name, service] of Object.entries(this.services)) {
      Object.defineProperty(context, name, {
        value: this.wrap(service, { name, api: TOP_LEVEL[name], topLevel: true }),
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
    this.kind = 'load';
    this.execute('load', () => new vm.Script(code, { filename: 'Code.js' }).runInContext(context));
  }

  hasFunction(name: string): boolean {
    return !!this.context && typeof this.context[name] === 'function';
  }

  /** Calls a top-level function of the bundle as one execution (menu item / editor run). */
  call(functionName: string, ...args: unknown[]): unknown {
    return this.invoke('ui', functionName, args);
  }

  /** Calls a function as a trigger execution would (no UI available). */
  callAsTrigger(functionName: string, ...args: unknown[]): unknown {
    return this.invoke('trigger', functionName, args);
  }

  /**
   * Opens the spreadsheet as a user with edit access does: runs the bundle's
   * onOpen(e), if it has one, as a simple trigger (AuthMode.LIMITED: a call
   * to a service that needs authorisation throws; 30 s at most) with the
   * event Apps Script documents for it: authMode, source (the spreadsheet)
   * and user. An error of onOpen is thrown. Returns whether onOpen ran.
   */
  openSpreadsheet(): boolean {
    if (!this.hasFunction('onOpen')) return false;
    const event = {
      authMode: AuthMode.LIMITED,
      source: this.workbook,
      user: new UserFake(this.activeUser),
    };
    this.invoke('simple', 'onOpen', [event]);
    return true;
  }

  /**
   * Appends a response row like a linked Google Form (Timestamp first, then
   * the answers) and fires the installed ON_FORM_SUBMIT triggers.
   */
  formSubmit(sheetName: string, values: string[]): void {
    const sheet = this.workbook.sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(`formSubmit: no sheet named "${sheetName}"`);
    const row = sheet.lastRow() + 1;
    if (row > sheet.maxRows) sheet.maxRows = row;
    if (values.length + 1 > sheet.maxColumns) sheet.maxColumns = values.length + 1;
    const timestamp = new Date(this.clock.now());
    sheet.setCell(row, 1, timestamp);
    sheet.setFormat(row, 1, 'M/d/yyyy H:mm:ss');
    values.forEach((v, i) => {
      if (typeof v === 'string' && v.startsWith('=')) sheet.setCell(row, i + 2, v);
      else sheet.writeCell(row, i + 2, v);
    });
    const stamp = formatCell(timestamp, 'M/d/yyyy H:mm:ss', this.workbook.timeZone);
    const allValues = [stamp, ...values.map(String)];
    const headers = Array.from({ length: allValues.length }, (_, i) =>
      sheet.displayValue(1, i + 1),
    );
    const namedValues: Record<string, string[]> = {};
    headers.forEach((h, i) => {
      (namedValues[h] ??= []).push(allValues[i]);
    });
    const range = new FakeRange(sheet, row, 1, 1, allValues.length);
    const triggers = this.scriptApp.triggersFor(
      this.scriptApp.EventType.ON_FORM_SUBMIT,
      this.workbook.id,
    );
    // Exactly the fields Apps Script documents for a spreadsheet's form-submit event (no `source`).
    this.runTriggers(triggers, (t) => ({
      authMode: AuthMode.FULL,
      namedValues,
      range,
      triggerUid: t.uniqueId,
      values: allValues,
    }));
  }

  /** Fires the time-driven triggers whose period has elapsed on the clock; returns how many ran. */
  runDueTimeTriggers(): number {
    const now = this.clock.now();
    const due = this.scriptApp.dueTimeTriggers(now);
    for (const t of due) this.scriptApp.markFired(t, now);
    this.runTriggers(due, (t) => {
      const tz = this.workbook.timeZone;
      const p = zonedParts(this.clock.now(), tz);
      const jan1 = Date.UTC(p.year, 0, 1);
      const dayOfYear = Math.floor((Date.UTC(p.year, p.month - 1, p.day) - jan1) / 86400000);
      return {
        authMode: AuthMode.FULL,
        'day-of-month': p.day,
        'day-of-week': p.weekday === 0 ? 7 : p.weekday,
        hour: p.hour,
        minute: p.minute,
        month: p.month,
        second: p.second,
        timezone: tz === 'Etc/UTC' ? 'UTC' : tz,
        triggerUid: t.uniqueId,
        'week-of-year': Math.floor((dayOfYear + new Date(jan1).getUTCDay()) / 7) + 1,
        year: p.year,
      };
    });
    return due.length;
  }

  // ---- the web app ------------------------------------------------------------

  /**
   * A visitor's GET of the web app's URL: runs the bundle's doGet(e) as one
   * execution, as the deployment says (see webapp.ts), and returns the page
   * it made, or the page Apps Script would show instead: a refusal (not
   * deployed, not signed in, not of the domain) or an error (doGet threw,
   * is missing, or returned something else than an HtmlOutput).
   */
  doGet(request: WebAppRequest): WebAppResponse {
    const admission = this.admit(request.visitor);
    if ('refused' in admission) return admission.refused;
    const query = request.query;
    const queryString =
      query === undefined ? null : typeof query === 'string' ? query : queryStringOf(query);
    if (!this.hasFunction('doGet')) {
      return { kind: 'error', status: 500, message: 'Script function not found: doGet' };
    }
    let output: unknown;
    try {
      output = this.fromVm(
        this.asVisitor(admission.identity, () =>
          this.invoke('webapp', 'doGet', [doGetEvent(queryString, request.pathInfo)]),
        ),
      );
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      return { kind: 'error', status: 500, message: `${error.name}: ${error.message}` };
    }
    if (!(output instanceof HtmlOutputFake)) {
      return {
        kind: 'error',
        status: 500,
        message: 'The script completed but the returned value is not a supported return type.',
      };
    }
    return {
      kind: 'page',
      status: 200,
      title: output.getTitle(),
      html: output.getContent(),
      metaTags: output.getMetaTags().map((t) => ({ name: t.getName(), content: t.getContent() })),
      faviconUrl: output.getFaviconUrl(),
      xFrameOptions: output.xFrameOptionsMode.name === 'ALLOWALL' ? 'ALLOWALL' : 'DEFAULT',
      identity: admission.identity,
    };
  }

  /**
   * A server function called with google.script.run from a web app page
   * (one execution, run as the deployment says for `visitor`); throws what
   * the function throws, or Apps Script's refusal when the visitor is not let in.
   */
  callFromWebApp(functionName: string, args: unknown[], visitor: string | null): unknown {
    const admission = this.admit(visitor);
    if ('refused' in admission) throw new Error(admission.refused.message);
    return this.asVisitor(admission.identity, () => this.invoke('webapp', functionName, args));
  }

  /** Whose authority the current execution runs under (Session.getEffectiveUser, trigger owner). */
  private effectiveUser(): string {
    return this.webIdentity ? this.webIdentity.effectiveUser : this.activeUser;
  }

  private admit(
    visitor: string | null,
  ): { identity: WebAppIdentity } | { refused: Extract<WebAppResponse, { kind: 'refused' }> } {
    if (!this.webApp) {
      return {
        refused: {
          kind: 'refused',
          status: 404,
          message: 'Sorry, unable to open the file at this time: the web app is not deployed.',
        },
      };
    }
    const admission = admitVisitor(this.webApp, this.webApp.deployedBy ?? this.owner, visitor);
    if (!admission.admitted) {
      return { refused: { kind: 'refused', status: admission.status, message: admission.reason } };
    }
    return { identity: admission.identity };
  }

  private asVisitor<T>(identity: WebAppIdentity, body: () => T): T {
    const previous = this.webIdentity;
    this.webIdentity = identity;
    try {
      return body();
    } finally {
      this.webIdentity = previous;
    }
  }

  // ---- executions -------------------------------------------------------------

  private runTriggers(
    triggers: TriggerFake[],
    event: (t: TriggerFake) => Record<string, unknown>,
  ): void {
    const errors: Error[] = [];
    const user = this.activeUser;
    for (const t of triggers) {
      this.activeUser = t.owner; // an installable trigger runs as the user who installed it
      try {
        this.invoke('trigger', t.handlerFunction, [event(t)]);
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        this.triggerFailures.push({ handler: t.handlerFunction, triggerUid: t.uniqueId, error });
        errors.push(error);
      } finally {
        this.activeUser = user;
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) {
      throw new Error(
        `${errors.length} trigger executions failed:\n${errors.map((e) => `${e.name}: ${e.message}`).join('\n')}`,
      );
    }
  }

  private invoke(kind: ExecutionKind, functionName: string, args: unknown[]): unknown {
    if (!this.context) throw new Error('AppsScriptRuntime: call load(code) first');
    const fn = this.context[functionName];
    if (typeof fn !== 'function') throw new Error(`Script function not found: ${functionName}`);
    const vmArgs = args.map((a) => this.toVm(a));
    this.kind = kind;
    return this.execute(`execution-${++this.executionCounter}`, () => {
      const result = (fn as (...a: unknown[]) => unknown)(...vmArgs);
      vm.runInContext('void 0', this.context as vm.Context); // drain pending promise jobs
      return result;
    });
  }

  private execute<T>(id: string, body: () => T): T {
    const previous = this.lock.currentExecution;
    this.lock.currentExecution = id;
    this.executionStart = this.clock.now();
    this.timedOut = false;
    this.callsInExecution = 0;
    try {
      let result: T;
      try {
        result = body();
      } catch (e) {
        throw this.toHostError(e);
      }
      // An execution that outlived its limit was stopped by Apps Script, even after its last service call.
      if (this.timedOut || this.pastLimit()) throw exception('Exceeded maximum execution time');
      return result;
    } finally {
      this.lock.endExecution(id);
      this.lock.currentExecution = previous;
      this.kind = 'load';
    }
  }

  /** The current execution's time limit in ms (0: none): 30 s for a simple trigger. */
  private executionLimit(): number {
    const limit = this.options.maxExecutionMs ?? 360000;
    return this.kind === 'simple' && limit !== 0 ? Math.min(limit, SIMPLE_TRIGGER_MAX_MS) : limit;
  }

  private pastLimit(): boolean {
    const limit = this.executionLimit();
    return limit !== 0 && this.clock.now() - this.executionStart > limit;
  }

  /**
   * Before each service call: Apps Script's time limit, and a kill ordered
   * by killAfterCalls. Once killed, every later call of the execution throws.
   */
  private checkExecutionTime(): void {
    if (this.kind === 'load') return;
    this.callsInExecution++;
    if (this.killAfterCalls !== null && this.callsInExecution > this.killAfterCalls) {
      this.timedOut = true;
    }
    if (this.timedOut || this.pastLimit()) {
      this.timedOut = true;
      throw exception('Exceeded maximum execution time');
    }
  }

  // ---- realm bridging ---------------------------------------------------------

  private toHostError(e: unknown): Error {
    if (e instanceof Error) return e;
    if (e && typeof e === 'object' && 'message' in e) {
      const src = e as Error;
      const err = new Error(String(src.message));
      err.name = String(src.name ?? 'Error');
      if (src.stack) err.stack = String(src.stack);
      (err as Error & { cause?: unknown }).cause = e;
      return err;
    }
    return new Error(String(e));
  }

  private toVmError(e: unknown): unknown {
    if (!this.realm) return e;
    if (e && typeof e === 'object' && 'message' in e) {
      const src = e as Error;
      const err = new this.realm.Error(String(src.message));
      err.name = String(src.name ?? 'Error');
      return err;
    }
    return e;
  }

  /** Host value -> value of the vm realm (service objects become proxies). */
  private toVm(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    if (this.targets.has(value)) return value; // already a proxy
    const spec = SPECS.get(Object.getPrototypeOf(value)?.constructor);
    if (spec) return this.wrap(value, spec);
    const realm = this.realm;
    if (!realm) return value;
    if (isDate(value)) return new realm.Date((value as Date).getTime());
    if (Array.isArray(value)) {
      const out = new realm.Array();
      for (const item of value) out.push(this.toVm(item));
      return out;
    }
    if (Object.isFrozen(value)) return value; // enums keep their identity
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null || proto === realm.Object.prototype) {
      const out = new realm.Object() as Record<string, unknown>;
      for (const [k, v] of Object.entries(value)) out[k] = this.toVm(v);
      return out;
    }
    return value;
  }

  /** vm value -> host value (proxies unwrapped, recursively in arrays). */
  private fromVm(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const target = this.targets.get(value);
    if (target) return target;
    if (Array.isArray(value)) return value.map((v) => this.fromVm(v));
    return value;
  }

  private wrap(target: object, spec: ApiSpec): object {
    const cached = this.proxies.get(target);
    if (cached) return cached;
    const allowed = new Set(spec.api);
    const methods = new Map<string, unknown>();
    const shortName = spec.name.split('.').pop() as string;
    const proxy: object = new Proxy(target, {
      get: (t, prop) => {
        if (typeof prop === 'symbol') return undefined;
        if (prop === 'toString') return () => shortName;
        if (!allowed.has(prop)) {
          if (PROBED.has(prop)) return undefined;
          throw this.toVmError(new NotImplementedError(`${spec.name}.${prop}`));
        }
        const member = (t as Record<string, unknown>)[prop];
        if (typeof member !== 'function') return this.toVm(member);
        let fn = methods.get(prop);
        if (!fn) {
          const qualified = `${spec.name}.${prop}`;
          fn = (...args: unknown[]) => {
            if (spec.topLevel) this.serviceCalls.push(qualified);
            try {
              const denied = this.kind === 'simple' ? limitedModeError(spec.name, prop) : null;
              if (denied) throw denied;
              this.checkExecutionTime();
              const result = (member as (...a: unknown[]) => unknown).apply(
                t,
                args.map((a) => this.fromVm(a)),
              );
              return this.toVm(result);
            } catch (e) {
              throw this.toVmError(e);
            }
          };
          methods.set(prop, fn);
        }
        return fn;
      },
      has: (_t, prop) => typeof prop === 'string' && allowed.has(prop),
      set: () => true, // Apps Script objects ignore property writes
      ownKeys: () => [...allowed],
      getOwnPropertyDescriptor: (_t, prop): PropertyDescriptor | undefined =>
        typeof prop === 'string' && allowed.has(prop)
          ? {
              configurable: true,
              enumerable: true,
              writable: false,
              value: (proxy as Record<string, unknown>)[prop],
            }
          : undefined,
    });
    this.proxies.set(target, proxy);
    this.targets.set(proxy, target);
    return proxy;
  }
}
