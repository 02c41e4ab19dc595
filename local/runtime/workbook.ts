/**
 * SpreadsheetApp.Spreadsheet: an in-memory workbook of FakeSheets. Every Apps
 * Script method call is counted in `workbook.calls` (by "Class.method"), with
 * cellsRead / cellsWritten; host-side helpers (addSheet, sheet(), ...) are
 * not counted.
 */
import { parseA1 } from './a1';
import { CallCounter } from './call-counter';
import { exception } from './errors';
import { FakeRange, FakeRangeList } from './range';
import {
  type AddSheetOptions,
  FakeSheet,
  type SheetRange,
  type SheetRangeList,
  type SheetWorkbook,
} from './sheet';

export interface WorkbookOptions {
  id?: string;
  name?: string;
  timeZone?: string;
  /** Spreadsheet.getFormUrl(); default: the first sheet's form, if any. */
  formUrl?: string | null;
  /** Emulate Sheets' parsing of strings written by the script (default true). */
  parseStrings?: boolean;
}

export interface Toast {
  msg: string;
  title?: string;
  timeoutSeconds?: number;
}

/** The Apps Script method names exposed to the bundle, per class (used by the runtime's proxies). */
export const SPREADSHEET_API: Record<
  'Spreadsheet' | 'Sheet' | 'Range' | 'RangeList',
  readonly string[]
> = {
  Spreadsheet: [
    'getId',
    'getName',
    'getUrl',
    'getSheets',
    'getNumSheets',
    'getSheetByName',
    'getActiveSheet',
    'setActiveSheet',
    'getActiveRange',
    'getActiveRangeList',
    'getFormUrl',
    'toast',
    'getSpreadsheetTimeZone',
    'getRange',
    'insertSheet',
  ],
  Sheet: [
    'getName',
    'getSheetId',
    'getIndex',
    'getParent',
    'getFormUrl',
    'getLastRow',
    'getLastColumn',
    'getMaxRows',
    'getMaxColumns',
    'getRange',
    'getDataRange',
    'getFrozenRows',
    'setFrozenRows',
    'insertColumnsAfter',
    'insertColumnsBefore',
    'insertColumnAfter',
    'insertColumnBefore',
    'insertRowsBefore',
    'insertRowsAfter',
    'insertRowBefore',
    'insertRowAfter',
    'deleteRow',
    'deleteRows',
    'appendRow',
    'hideColumns',
    'showColumns',
    'isColumnHiddenByUser',
    'sort',
    'activate',
    'setActiveRange',
    'setActiveRangeList',
  ],
  Range: [
    'getRow',
    'getColumn',
    'getLastRow',
    'getLastColumn',
    'getNumRows',
    'getNumColumns',
    'getValue',
    'getValues',
    'getDisplayValue',
    'getDisplayValues',
    'setValue',
    'setValues',
    'getNumberFormat',
    'getNumberFormats',
    'setNumberFormat',
    'setNumberFormats',
    'getRichTextValue',
    'getRichTextValues',
    'setRichTextValue',
    'setRichTextValues',
    'clearContent',
    'getSheet',
    'getA1Notation',
    'activate',
  ],
  RangeList: ['getRanges'],
};

export class Workbook implements SheetWorkbook {
  readonly id: string;
  name: string;
  timeZone: string;
  formUrl: string | null;
  parseStrings: boolean;
  readonly sheets: FakeSheet[] = [];
  readonly calls = new CallCounter();
  /** Toasts shown with Spreadsheet.toast, in order. */
  readonly toasts: Toast[] = [];
  /** Called for each toast as it is shown (the runtime's onToast option). */
  readonly toastListeners = new Set<(toast: Toast) => void>();
  activeSheet: FakeSheet | null = null;
  /** The active selection: ranges of the active sheet (see FakeSheet.setSelection). */
  selection: FakeRange[] | null = null;
  private nextSheetId = 0;

  constructor(options: WorkbookOptions = {}) {
    this.id = options.id ?? '1LocalChatRelaySpreadsheet0000000000000000';
    this.name = options.name ?? 'Chat Relay (local)';
    this.timeZone = options.timeZone ?? 'Etc/UTC';
    this.formUrl = options.formUrl ?? null;
    this.parseStrings = options.parseStrings ?? true;
  }

  // ---- host-side helpers (not counted) -----------------------------------

  addSheet(
    name: string,
    rows: unknown[][] = [],
    formats?: (string | null)[][],
    options: AddSheetOptions = {},
  ): FakeSheet {
    if (this.sheets.some((s) => s.name === name)) {
      throw new Error(`A sheet with the name "${name}" already exists.`);
    }
    const id = this.nextSheetId === 0 ? 0 : 100000000 + this.nextSheetId * 7919;
    this.nextSheetId++;
    const sheet = new FakeSheet(this, name, id, options);
    sheet.seed(rows, formats);
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = sheet;
    return sheet;
  }

  /** The sheet with this name; throws when missing. */
  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`No sheet named "${name}"`);
    return s;
  }

  // ---- Apps Script Spreadsheet ---------------------------------------------

  getId(): string {
    this.calls.count('Spreadsheet.getId');
    return this.id;
  }

  getName(): string {
    this.calls.count('Spreadsheet.getName');
    return this.name;
  }

  getUrl(): string {
    this.calls.count('Spreadsheet.getUrl');
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }

  getSheets(): FakeSheet[] {
    this.calls.count('Spreadsheet.getSheets');
    return [...this.sheets];
  }

  getNumSheets(): number {
    this.calls.count('Spreadsheet.getNumSheets');
    return this.sheets.length;
  }

  getSheetByName(name: string): FakeSheet | null {
    this.calls.count('Spreadsheet.getSheetByName');
    return this.sheets.find((s) => s.name === name) ?? null;
  }

  getActiveSheet(): FakeSheet {
    this.calls.count('Spreadsheet.getActiveSheet');
    if (!this.activeSheet) throw exception('The spreadsheet has no sheets.');
    return this.activeSheet;
  }

  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.calls.count('Spreadsheet.setActiveSheet');
    this.activeSheet = sheet;
    this.selection = null;
    return sheet;
  }

  getActiveRange(): SheetRange | null {
    this.calls.count('Spreadsheet.getActiveRange');
    return this.selection ? (this.selection[this.selection.length - 1] as SheetRange) : null;
  }

  /** null when nothing is selected (e.g. in a trigger execution). */
  getActiveRangeList(): SheetRangeList | null {
    this.calls.count('Spreadsheet.getActiveRangeList');
    return this.selection ? (new FakeRangeList(this, [...this.selection]) as SheetRangeList) : null;
  }

  /** The form linked to the spreadsheet: the workbook's, else the first sheet's that has one. */
  getFormUrl(): string | null {
    this.calls.count('Spreadsheet.getFormUrl');
    return this.formUrl ?? this.sheets.find((s) => s.formUrl)?.formUrl ?? null;
  }

  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this.calls.count('Spreadsheet.toast');
    const entry: Toast = { msg: String(msg) };
    if (title !== undefined) entry.title = String(title);
    if (timeoutSeconds !== undefined) entry.timeoutSeconds = timeoutSeconds;
    this.toasts.push(entry);
    for (const listener of this.toastListeners) listener(entry);
  }

  getSpreadsheetTimeZone(): string {
    this.calls.count('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }

  /** Spreadsheet.getRange(a1Notation): "Sheet1!A1:B2" (or the active sheet when no sheet name). */
  getRange(a1Notation: string): SheetRange {
    this.calls.count('Spreadsheet.getRange');
    const parsed = parseA1(String(a1Notation));
    if (!parsed) throw exception('Range not found');
    const sheet = parsed.sheetName
      ? this.sheets.find((s) => s.name === parsed.sheetName)
      : this.activeSheet;
    if (!sheet) throw exception('Range not found');
    return sheet.rangeFromA1(String(a1Notation).replace(/^.*!/, ''));
  }

  insertSheet(sheetName?: string): FakeSheet {
    this.calls.count('Spreadsheet.insertSheet');
    const name = sheetName ?? `Sheet${this.sheets.length + 1}`;
    if (this.sheets.some((s) => s.name === name)) {
      throw exception(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = this.addSheet(name);
    this.activeSheet = sheet;
    return sheet;
  }
}
