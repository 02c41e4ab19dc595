/**
 * The ports of the core (chat/, config/, relay/): the narrow views of the
 * Apps Script services it needs. Each is a structural subset of the real
 * service, so the application layer hands the real objects straight in and
 * tests hand in the local runtime's. This file imports nothing.
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

/** One request of UrlFetchApp.fetchAll. */
export type FetchRequest = FetchParams & { url: string };

/** UrlFetchApp, narrowed. fetchAll sends its requests concurrently, answers in order. */
export interface HttpFetcher {
  fetch(url: string, params: FetchParams): HttpResponse;
  fetchAll(requests: FetchRequest[]): HttpResponse[];
}

/** PropertiesService.getScriptProperties(), narrowed to reading. */
export interface PropertyStore {
  getProperties(): { [key: string]: string };
  getProperty(key: string): string | null;
}

/** Wall clock plus Utilities.sleep. */
export interface Clock {
  now(): number;
  sleep(milliseconds: number): void;
}

/**
 * The spreadsheet's time zone, as the core reads calendar days, wall-clock times and UTC
 * offsets in it: the application layer implements it once, with getSpreadsheetTimeZone()
 * (asked on first use, once per run at most) and Utilities.formatDate, since Apps Script
 * guarantees no Intl time zones.
 */
export interface SpreadsheetTimeZone {
  /** Its name (`Europe/Paris`), as Spreadsheet.getSpreadsheetTimeZone() gives it. */
  name(): string;
  /**
   * The instant `ms` as a clock shows it in a SimpleDateFormat pattern (`Z`: `+0100`):
   * in this time zone, or in `zone` (another time zone, by name) when given.
   */
  format(ms: number, pattern: string, zone?: string): string;
}

/** A logger that only ever receives redacted text. */
export interface Logger {
  log(message: string): void;
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
  /** Rich text values (RichTextValue objects): their text, and their links. */
  getRichTextValues(): unknown[][];
  setRichTextValues(values: unknown[][]): unknown;
}

/** SpreadsheetApp.newRichTextValue(), narrowed: cell text that is a link, or plain. */
export interface RichTextFactory {
  link(text: string, url: string): unknown;
  plain(text: string): unknown;
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

/** PropertiesService.getScriptProperties(), narrowed to writing one property. */
export interface PropertyWriter {
  setProperty(key: string, value: string): unknown;
}
