/**
 * The narrow views of the Apps Script services that only the application
 * layer uses (the spreadsheet around the sheets, the UI, the lock, the
 * triggers). The core's own ports are in src/ports.ts.
 */
import { PropertyStore, RangeLike, SheetLike } from '../ports';

/** PropertiesService's Properties, narrowed to what the application reads and writes. */
export interface WritableProperties extends PropertyStore {
  setProperty(key: string, value: string): unknown;
  deleteProperty(key: string): unknown;
}

/** A sheet as the application sees it: also which form writes to it. */
export type AppSheet = SheetLike & { getFormUrl(): string | null };

/** A range of the active selection, which knows its sheet. */
export type SheetRange = RangeLike & { getSheet(): AppSheet };

/** A RangeList (the active selection), narrowed. */
export interface RangeListLike {
  getRanges(): SheetRange[];
}

/** The container Spreadsheet, narrowed. */
export interface SpreadsheetLike {
  getId(): string;
  getName(): string;
  getUrl(): string;
  getSheets(): AppSheet[];
  getSheetByName(name: string): AppSheet | null;
  getActiveSheet(): AppSheet;
  getActiveRangeList(): RangeListLike | null;
  getFormUrl(): string | null;
  /** The time zone digests keep time in (an IANA name). */
  getSpreadsheetTimeZone(): string;
  toast(msg: string, title?: string, timeoutSeconds?: number): void;
  /** The spreadsheet's time zone (an IANA name such as "Europe/Paris"). */
  getSpreadsheetTimeZone(): string;
}

/** LockService.getScriptLock(), narrowed. */
export interface Lock {
  tryLock(timeoutInMillis: number): boolean;
  releaseLock(): void;
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
  /** The Spreadsheet object, the form documented for a bound script (Apps Script also takes its ID). */
  forSpreadsheet(spreadsheet: SpreadsheetLike): {
    onFormSubmit(): { create(): TriggerLike };
  };
}

/** Utilities, narrowed to signing the actions' links and making their secret. */
export interface SigningUtilities {
  /** HMAC-SHA256 of `value` (UTF-8) with `key`, as signed bytes. */
  computeHmacSha256Signature(value: string, key: string): number[];
  getUuid(): string;
}
