/**
 * The smaller Apps Script services: Utilities, Logger, console, Session and
 * SpreadsheetApp's Ui, plus SpreadsheetApp and PropertiesService themselves.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { RuntimeClock } from './clock';
import { exception } from './errors';
import { formatJavaDate } from './java-date';
import { isDate } from './time';
import { HtmlOutputFake } from './html';
import type { PropertyStoreFake } from './properties';
import { RichTextValueBuilderFake } from './rich-text';
import type { Toast, Workbook } from './workbook';
import { enumOf, type EnumValue } from './triggers';

export interface LogEntry {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  message: string;
  at: number;
}

/** Renders console/Logger arguments roughly like the Apps Script execution log. */
export function renderLogArgs(args: unknown[]): string {
  const render = (a: unknown): string => {
    if (typeof a === 'string') return a;
    if (a === undefined) return 'undefined';
    if (isDate(a)) return (a as Date).toString();
    if (a instanceof Error || Object.prototype.toString.call(a) === '[object Error]') {
      const e = a as Error;
      return `${e.name}: ${e.message}`;
    }
    if (typeof a === 'object' && a !== null) {
      try {
        return JSON.stringify(a);
      } catch {
        return String(a);
      }
    }
    return String(a);
  };
  if (typeof args[0] === 'string' && /%[sdifoOj]/.test(args[0]) && args.length > 1) {
    let i = 1;
    const head = args[0].replace(/%[sdifoOj]/g, (m) => (i < args.length ? render(args[i++]) : m));
    return [head, ...args.slice(i).map(render)].join(' ');
  }
  return args.map(render).join(' ');
}

export class LogSink {
  readonly entries: LogEntry[] = [];
  readonly lines: string[] = [];

  constructor(
    private readonly clock: RuntimeClock,
    private readonly onLog?: (entry: LogEntry) => void,
  ) {}

  add(source: LogEntry['source'], level: LogEntry['level'], args: unknown[]): void {
    const entry: LogEntry = { source, level, message: renderLogArgs(args), at: this.clock.now() };
    this.entries.push(entry);
    this.lines.push(entry.message);
    this.onLog?.(entry);
  }
}

export class LoggerFake {
  private buffer: string[] = [];

  constructor(private readonly sink: LogSink) {}

  log(...args: unknown[]): LoggerFake {
    this.sink.add('Logger', 'log', args);
    this.buffer.push(renderLogArgs(args));
    return this;
  }

  getLog(): string {
    return this.buffer.join('\n');
  }

  clear(): void {
    this.buffer = [];
  }
}

export class ConsoleFake {
  constructor(private readonly sink: LogSink) {}

  log(...args: unknown[]): void {
    this.sink.add('console', 'log', args);
  }

  info(...args: unknown[]): void {
    this.sink.add('console', 'info', args);
  }

  warn(...args: unknown[]): void {
    this.sink.add('console', 'warn', args);
  }

  error(...args: unknown[]): void {
    this.sink.add('console', 'error', args);
  }

  debug(...args: unknown[]): void {
    this.sink.add('console', 'debug', args);
  }
}

export const DigestAlgorithm = enumOf('MD2', 'MD5', 'SHA_1', 'SHA_256', 'SHA_384', 'SHA_512');
export const MacAlgorithm = enumOf(
  'HMAC_MD5',
  'HMAC_SHA_1',
  'HMAC_SHA_256',
  'HMAC_SHA_384',
  'HMAC_SHA_512',
);
export const Charset = enumOf('US_ASCII', 'UTF_8');

function enumName(value: unknown): string {
  return value && typeof value === 'object' && 'name' in value
    ? String((value as EnumValue).name)
    : String(value);
}

function toSigned(buf: Buffer): number[] {
  return [...buf].map((b) => (b > 127 ? b - 256 : b));
}

function toBuffer(value: unknown, charset?: unknown): Buffer {
  if (Array.isArray(value)) return Buffer.from(value.map((b) => Number(b) & 0xff));
  const s = String(value);
  return Buffer.from(s, enumName(charset) === 'US_ASCII' ? 'latin1' : 'utf8');
}

const DIGESTS: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

export class UtilitiesFake {
  readonly DigestAlgorithm = DigestAlgorithm;
  readonly MacAlgorithm = MacAlgorithm;
  readonly Charset = Charset;

  constructor(
    private readonly clock: RuntimeClock,
    private readonly uuid: () => string = randomUUID,
  ) {}

  sleep(milliseconds: number): void {
    const ms = Number(milliseconds);
    if (!Number.isFinite(ms) || ms < 0) throw exception('Invalid argument: milliseconds');
    if (ms > 300000) throw exception('Argument too large: milliseconds');
    this.clock.sleep(ms);
  }

  getUuid(): string {
    return this.uuid();
  }

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date)) {
      throw exception(
        'The parameters (' +
          typeof date +
          ",String,String) don't match the method signature for Utilities.formatDate.",
      );
    }
    return formatJavaDate(new Date((date as Date).getTime()), String(timeZone), String(format));
  }

  computeDigest(algorithm: unknown, value: unknown, charset?: unknown): number[] {
    const name = enumName(algorithm);
    const node = DIGESTS[name];
    if (!node)
      throw new Error(`Local runtime: Utilities.computeDigest(${name}) is not implemented`);
    return toSigned(createHash(node).update(toBuffer(value, charset)).digest());
  }

  computeHmacSha256Signature(value: unknown, key: unknown, charset?: unknown): number[] {
    return toSigned(
      createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
    );
  }

  computeHmacSignature(
    algorithm: unknown,
    value: unknown,
    key: unknown,
    charset?: unknown,
  ): number[] {
    const name = enumName(algorithm).replace(/^HMAC_/, '');
    const node = DIGESTS[name];
    if (!node)
      throw new Error(`Local runtime: Utilities.computeHmacSignature(${name}) is not implemented`);
    return toSigned(
      createHmac(node, toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
    );
  }

  base64Encode(data: unknown, charset?: unknown): string {
    return toBuffer(data, charset).toString('base64');
  }

  base64EncodeWebSafe(data: unknown, charset?: unknown): string {
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }

  base64Decode(encoded: string): number[] {
    return toSigned(Buffer.from(String(encoded), 'base64'));
  }

  base64DecodeWebSafe(encoded: string): number[] {
    return toSigned(Buffer.from(String(encoded).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
}

export class UserFake {
  constructor(private readonly email: string) {}

  getEmail(): string {
    return this.email;
  }
}

export class SessionFake {
  constructor(
    private readonly timeZone: string,
    /** The user running the current execution (see AppsScriptRuntime.activeUser). */
    private readonly userEmail: () => string,
    /**
     * The user whose authority the script runs under: the same but in a web
     * app deployed to execute as its deployer (see webapp.ts), where the
     * active user is the visitor, or '' when Apps Script does not say.
     */
    private readonly effectiveEmail: () => string = userEmail,
  ) {}

  getScriptTimeZone(): string {
    return this.timeZone;
  }

  getActiveUser(): UserFake {
    return new UserFake(this.userEmail());
  }

  getEffectiveUser(): UserFake {
    return new UserFake(this.effectiveEmail());
  }

  getActiveUserLocale(): string {
    return 'en';
  }

  getTemporaryActiveUserKey(): string {
    return Buffer.from(this.userEmail()).toString('base64').replace(/=+$/, '');
  }
}

export type MenuItem = { caption: string; functionName: string } | 'separator';

/** A sidebar or dialog shown with an HtmlOutput. */
export interface DialogRecord {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  html: string;
  width: number | null;
  height: number | null;
}

export interface UiRecord {
  alerts: string[];
  toasts: Toast[];
  menus: Array<{ caption: string; items: MenuItem[] }>;
  /** Sidebars and dialogs shown, in order. */
  dialogs: DialogRecord[];
}

export const Button = enumOf('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
export const ButtonSet = enumOf('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');

export class MenuFake {
  readonly items: MenuItem[] = [];

  constructor(
    private readonly record: UiRecord,
    readonly caption: string,
  ) {}

  addItem(caption: string, functionName: string): MenuFake {
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }

  addSeparator(): MenuFake {
    this.items.push('separator');
    return this;
  }

  addToUi(): void {
    const existing = this.record.menus.findIndex((m) => m.caption === this.caption);
    const menu = { caption: this.caption, items: [...this.items] };
    if (existing >= 0) this.record.menus[existing] = menu;
    else this.record.menus.push(menu);
  }
}

export class UiFake {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  /** Answers given to the next alerts with buttons (default: OK / YES). */
  readonly alertAnswers: EnumValue[] = [];

  constructor(private readonly record: UiRecord) {}

  createMenu(caption: string): MenuFake {
    return new MenuFake(this.record, String(caption));
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons) */
  alert(...args: unknown[]): EnumValue {
    const strings = args.filter((a) => typeof a === 'string') as string[];
    const buttons = args.find((a) => typeof a === 'object' && a !== null) as EnumValue | undefined;
    this.record.alerts.push(
      strings.length === 2 ? `${strings[0]}\n${strings[1]}` : String(strings[0] ?? ''),
    );
    const answer = this.alertAnswers.shift();
    if (answer) return answer;
    return buttons && buttons.name.startsWith('YES') ? Button.YES : Button.OK;
  }

  private show(kind: DialogRecord['kind'], method: string, output: unknown, title?: unknown): void {
    if (!(output instanceof HtmlOutputFake) || (kind !== 'sidebar' && typeof title !== 'string')) {
      throw exception(
        `The parameters (${[output, title]
          .filter((a) => a !== undefined)
          .map((a) => (a instanceof HtmlOutputFake ? 'HtmlOutput' : typeof a))
          .join(',')}) don't match the method signature for SpreadsheetApp.Ui.${method}.`,
      );
    }
    this.record.dialogs.push({
      kind,
      // A sidebar shows the output's title; a dialog the title given.
      title: kind === 'sidebar' ? output.getTitle() : String(title),
      html: output.getContent(),
      width: output.getWidth(),
      height: output.getHeight(),
    });
  }

  showSidebar(userInterface: HtmlOutputFake): void {
    this.show('sidebar', 'showSidebar', userInterface);
  }

  showModalDialog(userInterface: HtmlOutputFake, title: string): void {
    this.show('modal', 'showModalDialog', userInterface, title);
  }

  showModelessDialog(userInterface: HtmlOutputFake, title: string): void {
    this.show('modeless', 'showModelessDialog', userInterface, title);
  }
}

/**
 * How the current execution was started; decides whether a UI is available:
 * 'ui' (a menu item, the editor, the sidebar), 'trigger' (an installable
 * trigger: no UI), 'simple' (a simple trigger such as onOpen: UI, but
 * AuthMode.LIMITED), 'webapp' (doGet, or google.script.run from a web app
 * page: no spreadsheet UI).
 */
export type ExecutionKind = 'load' | 'ui' | 'trigger' | 'simple' | 'webapp';

export class SpreadsheetAppFake {
  constructor(
    private readonly workbook: Workbook,
    private readonly ui: UiFake,
    private readonly kind: () => ExecutionKind,
    private readonly onFlush?: () => void,
  ) {}

  getActiveSpreadsheet(): Workbook {
    this.workbook.calls.count('SpreadsheetApp.getActiveSpreadsheet');
    return this.workbook;
  }

  getActive(): Workbook {
    this.workbook.calls.count('SpreadsheetApp.getActive');
    return this.workbook;
  }

  openById(id: string): Workbook {
    this.workbook.calls.count('SpreadsheetApp.openById');
    if (id !== this.workbook.id) {
      throw exception(
        'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
      );
    }
    return this.workbook;
  }

  getUi(): UiFake {
    this.workbook.calls.count('SpreadsheetApp.getUi');
    if (this.kind() === 'trigger' || this.kind() === 'webapp')
      throw exception('Cannot call SpreadsheetApp.getUi() from this context.');
    return this.ui;
  }

  /** Commits pending writes: the runtime's onFlush hook (e.g. the relay journal of a file). */
  flush(): void {
    this.workbook.calls.count('SpreadsheetApp.flush');
    this.onFlush?.();
  }

  newRichTextValue(): RichTextValueBuilderFake {
    this.workbook.calls.count('SpreadsheetApp.newRichTextValue');
    return new RichTextValueBuilderFake();
  }
}

export class PropertiesServiceFake {
  private user: PropertyStoreFake | null = null;
  private document: PropertyStoreFake | null = null;

  constructor(
    private readonly script: PropertyStoreFake,
    private readonly create: () => PropertyStoreFake,
  ) {}

  getScriptProperties(): PropertyStoreFake {
    return this.script;
  }

  getUserProperties(): PropertyStoreFake {
    return (this.user ??= this.create());
  }

  getDocumentProperties(): PropertyStoreFake {
    return (this.document ??= this.create());
  }
}
