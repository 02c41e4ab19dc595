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
 * The spreadsheet's time zone (Spreadsheet.getSpreadsheetTimeZone()), as the core reads
 * calendar days and wall-clock times in it: the application layer implements it with
 * Utilities.formatDate, since Apps Script guarantees no Intl time zones.
 */
export interface TimeZoneLike {
  /** The zone's offset from UTC at an instant (epoch ms), in minutes east of UTC (Paris in winter: 60). */
  offsetMinutes(instant: number): number;
}

/**
 * The wall clock of the spreadsheet's time zone: Utilities.formatDate with
 * getSpreadsheetTimeZone() (asked for on first use), narrowed.
 */
export interface WallClock {
  /** The instant `ms` as a clock in the spreadsheet's time zone shows it, in a SimpleDateFormat pattern. */
  format(ms: number, pattern: string): string;
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

/** Utilities.formatDate, narrowed: an instant as a time zone's wall clock shows it (a Java pattern). */
export interface DateFormatter {
  formatDate(date: Date, timeZone: string, pattern: string): string;
}

/** PropertiesService.getScriptProperties(), narrowed to writing one property. */
export interface PropertyWriter {
  setProperty(key: string, value: string): unknown;
}
