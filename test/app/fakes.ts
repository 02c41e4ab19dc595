/**
 * Small typed stub factories of the Apps Script services behind src/ports.ts and src/app/ports.ts.
 *
 * Each fake behaves like the real service where the adapter layer could notice the difference:
 * - getProperty returns null for a missing key (test/support/properties.ts);
 * - fetch throws on a status >= 400 unless muteHttpExceptions (test/chat/fakes.ts);
 * - ScriptApp.EventType values are enum objects: getEventType() hands out a fresh object each
 *   call, equal to ScriptApp.EventType.X only by name (String(), ==-style), never by identity;
 *   everyMinutes accepts only 1, 5, 10, 15 or 30; deleting a deleted trigger throws;
 * - LockService: tryLock returns false while another execution holds the script lock;
 * - SpreadsheetApp.getUi() throws outside a user context (trigger runs);
 * - Sheets: getRange outside the grid or with fewer than one row/column throws, setValues
 *   needs exactly the range's dimensions, getDisplayValues returns strings, getLastRow and
 *   getLastColumn ignore empty cells, a leading apostrophe marks text and is not stored.
 */
import { Services } from '../../src/app/services';
import { PropertyStore, RangeLike, SheetLike } from '../../src/ports';
import {
  Lock,
  MenuLike,
  RangeListLike,
  SpreadsheetLike,
  TriggerBuilderLike,
  TriggerLike,
  TriggerService,
  UiLike,
} from '../../src/app/ports';
import { FakeChat, FakeClock, FakeHttp, FakeLogger } from '../chat/fakes';
import { fakePropertyStore } from '../support/properties';

// ---------------------------------------------------------------------------------------------
// Spreadsheet
// ---------------------------------------------------------------------------------------------

export type Cell = string | number | boolean | Date;

/** Range calls made on one sheet, for "a constant number of range calls" style checks. */
export interface SheetCalls {
  getRange: number;
  getValues: number;
  getDisplayValues: number;
  setValues: number;
  insertColumnsAfter: number;
  hideColumns: Array<[number, number]>;
}

export type FakeRange = RangeLike & { getSheet(): FakeSheet };

function display(value: Cell): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return (
      `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ` +
      `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`
    );
  }
  return String(value);
}

function stored(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.charAt(0) === "'" ? value.slice(1) : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
    return value;
  }
  throw new Error(`Sheets cannot store ${Object.prototype.toString.call(value)}`);
}

/** A sheet over a 2D grid of cells ('' is empty). */
export class FakeSheet implements SheetLike {
  readonly calls: SheetCalls = {
    getRange: 0,
    getValues: 0,
    getDisplayValues: 0,
    setValues: 0,
    insertColumnsAfter: 0,
    hideColumns: [],
  };
  /** 1-based column numbers hidden by hideColumns. */
  readonly hidden = new Set<number>();
  private grid: Cell[][];
  private maxColumns: number;

  constructor(
    private readonly name: string,
    private readonly sheetId: number,
    rows: Cell[][],
    size: { maxRows?: number; maxColumns?: number } = {},
  ) {
    const width = Math.max(0, ...rows.map((r) => r.length));
    this.maxColumns = Math.max(size.maxColumns ?? width, width, 1);
    // A new sheet has 1000 rows.
    const height = Math.max(size.maxRows ?? 1000, rows.length, 1);
    this.grid = [];
    for (let r = 0; r < height; r++) {
      const row: Cell[] = [];
      for (let c = 0; c < this.maxColumns; c++) row.push(stored(rows[r]?.[c] ?? ''));
      this.grid.push(row);
    }
  }

  getName(): string {
    return this.name;
  }
  getSheetId(): number {
    return this.sheetId;
  }
  getMaxRows(): number {
    return this.grid.length;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  getLastRow(): number {
    for (let r = this.grid.length - 1; r >= 0; r--) {
      if (this.grid[r].some((v) => v !== '')) return r + 1;
    }
    return 0;
  }
  getLastColumn(): number {
    let last = 0;
    this.grid.forEach((row) =>
      row.forEach((v, c) => {
        if (v !== '' && c + 1 > last) last = c + 1;
      }),
    );
    return last;
  }

  getRange(row: number, column: number, numRows = 1, numColumns = 1): FakeRange {
    this.calls.getRange++;
    if (numRows < 1) throw new Error('The number of rows in the range must be at least 1.');
    if (numColumns < 1) throw new Error('The number of columns in the range must be at least 1.');
    if (
      row < 1 ||
      column < 1 ||
      row + numRows - 1 > this.grid.length ||
      column + numColumns - 1 > this.maxColumns
    ) {
      throw new Error(
        'Exception: The coordinates of the range are outside the dimensions of the sheet.',
      );
    }
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const sheet = this;
    const block = () =>
      sheet.grid
        .slice(row - 1, row - 1 + numRows)
        .map((r) => r.slice(column - 1, column - 1 + numColumns));
    return {
      getSheet: () => sheet,
      getRow: () => row,
      getColumn: () => column,
      getNumRows: () => numRows,
      getNumColumns: () => numColumns,
      getValues() {
        sheet.calls.getValues++;
        return block();
      },
      getDisplayValues() {
        sheet.calls.getDisplayValues++;
        return block().map((r) => r.map(display));
      },
      setValues(values: unknown[][]) {
        sheet.calls.setValues++;
        if (values.length !== numRows) {
          throw new Error(
            `The number of rows in the data does not match the number of rows in the range. The data has ${values.length} but the range has ${numRows}.`,
          );
        }
        values.forEach((r) => {
          if (r.length !== numColumns) {
            throw new Error(
              `The number of columns in the data does not match the number of columns in the range. The data has ${r.length} but the range has ${numColumns}.`,
            );
          }
        });
        values.forEach((r, i) =>
          r.forEach((v, j) => {
            sheet.grid[row - 1 + i][column - 1 + j] = stored(v);
          }),
        );
        return this;
      },
    };
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    this.calls.insertColumnsAfter++;
    if (afterPosition < 1 || afterPosition > this.maxColumns || howMany < 1) {
      throw new Error('Exception: Those columns are out of bounds.');
    }
    this.grid.forEach((r) => r.splice(afterPosition, 0, ...new Array<Cell>(howMany).fill('')));
    this.maxColumns += howMany;
    return this;
  }

  hideColumns(columnIndex: number, numColumns = 1): void {
    this.calls.hideColumns.push([columnIndex, numColumns]);
    if (columnIndex < 1 || columnIndex + numColumns - 1 > this.maxColumns) {
      throw new Error('Exception: Those columns are out of bounds.');
    }
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hidden.add(c);
  }

  // --- test helpers (not part of SheetLike) ---

  /** Display values of the whole used area. */
  display(): string[][] {
    return this.grid
      .slice(0, this.getLastRow())
      .map((r) => r.slice(0, this.getLastColumn()).map(display));
  }
  /** Header row texts (row 1 unless told). */
  headers(headerRow = 1): string[] {
    return this.grid[headerRow - 1].slice(0, this.getLastColumn()).map(display);
  }
  /** Display value of the column with header `header`, for each data row after `headerRow`. */
  column(header: string, headerRow = 1): string[] {
    const c = this.headers(headerRow).indexOf(header);
    if (c < 0)
      throw new Error(`no column "${header}" in ${JSON.stringify(this.headers(headerRow))}`);
    return this.grid.slice(headerRow, this.getLastRow()).map((r) => display(r[c]));
  }
  /** Sets one cell (1-based), as a user edit. */
  edit(row: number, column: number, value: Cell): void {
    this.grid[row - 1][column - 1] = stored(value);
  }
  /** Total range calls (reads and writes). */
  rangeCalls(): number {
    return this.calls.getRange;
  }
}

export interface FakeSpreadsheet extends SpreadsheetLike {
  toasts: Array<{ msg: string; title?: string; timeoutSeconds?: number }>;
  /** The active selection: null (nothing selected) or these ranges. */
  selection: FakeRange[] | null;
  formUrl: string | null;
  getSheets(): FakeSheet[];
  getSheetByName(name: string): FakeSheet | null;
  getActiveSheet(): FakeSheet;
}

export function fakeSpreadsheet(
  sheets: FakeSheet[],
  options: { id?: string; formUrl?: string | null } = {},
): FakeSpreadsheet {
  const spreadsheet: FakeSpreadsheet = {
    toasts: [],
    selection: null,
    formUrl: options.formUrl ?? null,
    getId: () => options.id ?? 'spreadsheet-1',
    getSheets: () => sheets.slice(),
    getSheetByName: (name) => sheets.filter((s) => s.getName() === name)[0] ?? null,
    getActiveSheet: () => sheets[0],
    getActiveRangeList(): RangeListLike | null {
      const ranges = spreadsheet.selection;
      return ranges === null ? null : { getRanges: () => ranges.slice() };
    },
    getFormUrl: () => spreadsheet.formUrl,
    toast(msg, title, timeoutSeconds) {
      spreadsheet.toasts.push({ msg, title, timeoutSeconds });
    },
  };
  return spreadsheet;
}

// ---------------------------------------------------------------------------------------------
// UI
// ---------------------------------------------------------------------------------------------

export interface FakeMenu {
  caption: string;
  /** Items in order; null is a separator. */
  items: Array<{ caption: string; functionName: string } | null>;
  added: boolean;
}

export interface FakeUi extends UiLike {
  alerts: string[];
  menus: FakeMenu[];
  /** Buttons pressed for the next questions, in order (default: YES). */
  answers: string[];
}

export function fakeUi(): FakeUi {
  const ui: FakeUi = {
    alerts: [],
    menus: [],
    createMenu(caption) {
      const record: FakeMenu = { caption, items: [], added: false };
      const menu: MenuLike = {
        addItem(itemCaption, functionName) {
          record.items.push({ caption: itemCaption, functionName });
          return menu;
        },
        addSeparator() {
          record.items.push(null);
          return menu;
        },
        addToUi() {
          record.added = true;
          ui.menus.push(record);
        },
      };
      return menu;
    },
    alert(prompt: string, buttons?: unknown) {
      ui.alerts.push(prompt);
      // Like Apps Script: a plain alert answers OK; a question answers the button pressed.
      return buttons === undefined ? 'OK' : (ui.answers.shift() ?? 'YES');
    },
    answers: [],
    ButtonSet: { YES_NO: 'YES_NO' },
    Button: { YES: 'YES' },
  };
  return ui;
}

// ---------------------------------------------------------------------------------------------
// LockService
// ---------------------------------------------------------------------------------------------

/** The script lock shared by every execution; `heldByOther` simulates a concurrent run. */
export interface FakeLockService {
  heldByOther: boolean;
  /** Held by the execution under test right now. */
  heldByUs: boolean;
  /** Timeouts passed to tryLock, in order. */
  waits: number[];
  releases: number;
  getScriptLock(): Lock;
}

export function fakeLockService(): FakeLockService {
  const service: FakeLockService = {
    heldByOther: false,
    heldByUs: false,
    waits: [],
    releases: 0,
    getScriptLock() {
      return {
        tryLock(timeoutInMillis) {
          service.waits.push(timeoutInMillis);
          if (service.heldByOther) return false;
          service.heldByUs = true;
          return true;
        },
        releaseLock() {
          service.releases++;
          service.heldByUs = false;
        },
      };
    },
  };
  return service;
}

// ---------------------------------------------------------------------------------------------
// ScriptApp (triggers)
// ---------------------------------------------------------------------------------------------

export type EventTypeName = 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_FORM_SUBMIT' | 'ON_CHANGE';

/** An Apps Script enum value: compares by name, not by identity. */
export interface EnumValue {
  name(): string;
  toString(): string;
  toJSON(): string;
}

function enumValue(name: string): EnumValue {
  return { name: () => name, toString: () => name, toJSON: () => name };
}

const EVENT_TYPE_NAMES: EventTypeName[] = [
  'CLOCK',
  'ON_OPEN',
  'ON_EDIT',
  'ON_FORM_SUBMIT',
  'ON_CHANGE',
];

/** What a trigger is, for comparing sets of triggers. */
export interface TriggerRecord {
  id: string;
  handler: string;
  eventType: EventTypeName;
  everyMinutes?: number;
  sourceId?: string;
}

export interface FakeScriptApp extends TriggerService {
  EventType: { [K in EventTypeName]: EnumValue };
  /** The project's triggers as they stand. */
  records: TriggerRecord[];
  /** Every create and delete, in order. */
  operations: string[];
  /** Adds a trigger as if installed earlier (by us or another script feature). */
  seed(handler: string, eventType: EventTypeName, extra?: Partial<TriggerRecord>): TriggerRecord;
  /** The triggers without their ids, sorted: equal for the same final set. */
  shape(): Array<Omit<TriggerRecord, 'id'>>;
}

const EVERY_MINUTES = [1, 5, 10, 15, 30];

export function fakeScriptApp(): FakeScriptApp {
  let next = 1;
  const app: FakeScriptApp = {
    EventType: {} as FakeScriptApp['EventType'],
    records: [],
    operations: [],
    seed(handler, eventType, extra = {}) {
      const record: TriggerRecord = { id: `trigger-${next++}`, handler, eventType, ...extra };
      app.records.push(record);
      return record;
    },
    shape() {
      return app.records
        .map((r) => {
          const rest: Partial<TriggerRecord> = { ...r };
          delete rest.id;
          return rest as Omit<TriggerRecord, 'id'>;
        })
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    },
    getProjectTriggers(): TriggerLike[] {
      return app.records.map((r) => ({
        getHandlerFunction: () => r.handler,
        // A fresh enum object per call, as identity is not what Apps Script promises.
        getEventType: () => enumValue(r.eventType),
        getUniqueId: () => r.id,
      }));
    },
    deleteTrigger(trigger) {
      const id = trigger.getUniqueId();
      const index = app.records.findIndex((r) => r.id === id);
      if (index < 0) throw new Error(`Exception: No trigger with ID ${id} exists.`);
      const [gone] = app.records.splice(index, 1);
      app.operations.push(`delete ${gone.handler} ${gone.eventType}`);
    },
    newTrigger(functionName): TriggerBuilderLike {
      const create = (eventType: EventTypeName, extra: Partial<TriggerRecord>) => {
        const record = app.seed(functionName, eventType, extra);
        app.operations.push(`create ${functionName} ${eventType}`);
        return app.getProjectTriggers().filter((t) => t.getUniqueId() === record.id)[0];
      };
      return {
        timeBased: () => ({
          everyMinutes(minutes: number) {
            if (EVERY_MINUTES.indexOf(minutes) < 0) {
              throw new Error(
                `Exception: The value passed to everyMinutes() must be 1, 5, 10, 15 or 30.`,
              );
            }
            return { create: () => create('CLOCK', { everyMinutes: minutes }) };
          },
        }),
        forSpreadsheet: (spreadsheetId: string) => ({
          onFormSubmit: () => ({
            create: () => create('ON_FORM_SUBMIT', { sourceId: spreadsheetId }),
          }),
        }),
      };
    },
  };
  EVENT_TYPE_NAMES.forEach((name) => {
    app.EventType[name] = enumValue(name);
  });
  return app;
}

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------

/** A deterministic source of numbers in [0, 1). */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

export interface FakeWorld {
  services: Services;
  properties: PropertyStore & { calls: { getProperties: number; getProperty: number } };
  spreadsheet: FakeSpreadsheet;
  ui: FakeUi;
  locks: FakeLockService;
  scriptApp: FakeScriptApp;
  clock: FakeClock;
  logger: FakeLogger;
  chat: FakeChat;
  http: FakeHttp;
  /** How many times each service getter was called. */
  touched: { [K in 'http' | 'properties' | 'spreadsheet' | 'ui' | 'lock' | 'triggers']: number };
}

export interface WorldOptions {
  properties?: Record<string, string>;
  sheets?: FakeSheet[];
  formUrl?: string | null;
  /** 'trigger': getUi() throws, as in a time-driven or form-submit run. */
  context?: 'user' | 'trigger';
  /** Replaces the default fake Chat server (which creates every message). */
  http?: (clock: FakeClock) => FakeHttp;
}

/** Every service of a run, faked, with a fake Chat server behind UrlFetchApp. */
export function fakeWorld(options: WorldOptions = {}): FakeWorld {
  const clock = new FakeClock();
  const logger = new FakeLogger();
  const chat = new FakeChat(clock);
  const http = options.http ? options.http(clock) : chat.http;
  const properties = fakePropertyStore(options.properties ?? {});
  const spreadsheet = fakeSpreadsheet(options.sheets ?? [], { formUrl: options.formUrl ?? null });
  const ui = fakeUi();
  const locks = fakeLockService();
  const scriptApp = fakeScriptApp();
  const random = seededRandom();
  const touched: FakeWorld['touched'] = {
    http: 0,
    properties: 0,
    spreadsheet: 0,
    ui: 0,
    lock: 0,
    triggers: 0,
  };
  const services: Services = {
    http: () => (touched.http++, http),
    properties: () => (touched.properties++, properties),
    spreadsheet: () => (touched.spreadsheet++, spreadsheet),
    // The fake applies writes at once, so SpreadsheetApp.flush() has nothing to commit.
    flush: () => undefined,
    ui: () => {
      touched.ui++;
      if (options.context === 'trigger') {
        throw new Error('Exception: Cannot call SpreadsheetApp.getUi() from this context.');
      }
      return ui;
    },
    lock: () => (touched.lock++, locks.getScriptLock()),
    triggers: () => (touched.triggers++, scriptApp),
    clock,
    random,
    log: logger,
  };
  return {
    services,
    properties,
    spreadsheet,
    ui,
    locks,
    scriptApp,
    clock,
    logger,
    chat,
    http,
    touched,
  };
}

/** The JSON bodies a fake HTTP server received, parsed. */
export function bodies(http: FakeHttp): Array<{ text: string; thread?: { threadKey?: string } }> {
  return http.calls.map((c) => JSON.parse(c.params.payload));
}

/** The requestId query parameter of each call. */
export function requestIds(http: FakeHttp): string[] {
  return http.calls.map((_c, i) => new Map(http.query(i)).get('requestId') ?? '');
}
