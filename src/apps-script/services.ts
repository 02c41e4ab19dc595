/**
 * The narrow, typed views of the Apps Script services that the core uses.
 *
 * Each interface is a structural subset of the real service, so src/index.ts
 * passes the real objects straight in and tests pass small fakes. The core
 * never touches an Apps Script global: everything it needs arrives through
 * these types.
 */

/** The parameters of UrlFetchApp.fetch that the Chat client uses. */
export interface FetchParams {
  method: 'post';
  contentType: string;
  payload: string;
  muteHttpExceptions: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
}

/** GoogleAppsScript.URL_Fetch.HTTPResponse, narrowed. */
export interface HttpResponse {
  getResponseCode(): number;
  getContentText(): string;
  getHeaders(): object;
}

/** UrlFetchApp, narrowed. */
export interface HttpFetcher {
  fetch(url: string, params: FetchParams): HttpResponse;
}

/** PropertiesService.getScriptProperties(), narrowed. */
export interface PropertyStore {
  getProperties(): { [key: string]: string };
  getProperty(key: string): string | null;
}

/** Wall clock plus Utilities.sleep. */
export interface Clock {
  now(): number;
  sleep(milliseconds: number): void;
}

/** LockService.getScriptLock(), narrowed. */
export interface Lock {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
}

/** A Range, narrowed to the batched calls the relay makes. */
export interface RangeLike {
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
  getValues(): unknown[][];
  getDisplayValues(): string[][];
  setValues(values: unknown[][]): unknown;
}

/** A Sheet, narrowed. */
export interface SheetLike {
  getName(): string;
  getSheetId(): number;
  getLastRow(): number;
  getLastColumn(): number;
  getMaxColumns(): number;
  getRange(row: number, column: number, numRows: number, numColumns: number): RangeLike;
  insertColumnsAfter(afterPosition: number, howMany: number): unknown;
  hideColumns(columnIndex: number, numColumns: number): void;
}

/** A RangeList (the active selection), narrowed. */
export interface RangeListLike {
  getRanges(): Array<RangeLike & { getSheet(): SheetLike }>;
}

/** The container Spreadsheet, narrowed. */
export interface SpreadsheetLike {
  getId(): string;
  getSheets(): SheetLike[];
  getSheetByName(name: string): SheetLike | null;
  getActiveSheet(): SheetLike;
  getActiveRangeList(): RangeListLike | null;
  getFormUrl(): string | null;
  toast(msg: string, title?: string, timeoutSeconds?: number): void;
}

/** SpreadsheetApp.getUi(), narrowed. */
export interface MenuLike {
  addItem(caption: string, functionName: string): MenuLike;
  addSeparator(): MenuLike;
  addToUi(): void;
}
export interface UiLike {
  createMenu(caption: string): MenuLike;
  alert(prompt: string): unknown;
  /** A question with buttons; returns the Button pressed. */
  alert(prompt: string, buttons: unknown): unknown;
  ButtonSet: { YES_NO: unknown };
  Button: { YES: unknown };
}

/** A project trigger, narrowed. */
export interface TriggerLike {
  getHandlerFunction(): string;
  getEventType(): unknown;
  getUniqueId(): string;
}

/** ScriptApp, narrowed to trigger management. */
export interface TriggerService {
  getProjectTriggers(): TriggerLike[];
  deleteTrigger(trigger: TriggerLike): void;
  newTrigger(functionName: string): TriggerBuilderLike;
  EventType: { CLOCK: unknown; ON_FORM_SUBMIT: unknown };
}
export interface TriggerBuilderLike {
  timeBased(): {
    everyMinutes(minutes: number): { create(): TriggerLike };
  };
  forSpreadsheet(spreadsheetId: string): {
    onFormSubmit(): { create(): TriggerLike };
  };
}

/** A logger that only ever receives redacted text. */
export interface Logger {
  log(message: string): void;
}
