/**
 * The in-memory Google Sheets workbook behind SpreadsheetApp: values AND
 * number formats, with Apps Script's documented checks and error messages.
 *
 * - getValues returns typed values (number, boolean, Date, string, '' for
 *   empty); getDisplayValues renders them per the cell's number format in the
 *   workbook's time zone (number-format.ts).
 * - Writes (setValues, setValue, appendRow) parse strings as Sheets does,
 *   en_US (entered-strings.ts; option `parseStrings`, default true); cells
 *   formatted "@" keep text as is. Host-side seeding (addSheet rows) is stored
 *   as given.
 * - Rich text values (links) are stored beside the text (rich-text.ts).
 *
 * Workbook (workbook.ts), FakeSheet (sheet.ts), FakeRange / FakeRangeList
 * (range.ts) and CallCounter (call-counter.ts) are re-exported here.
 */
export { columnToLetters } from './a1';
export type { Stored } from './cells';
export { parseEnteredString, type Parsed } from './entered-strings';
export { FakeRange, FakeRangeList, MAX_CELL_CHARS, type RangeSheet } from './range';
export {
  RichTextValueBuilderFake,
  RichTextValueFake,
  type RichText,
  type RichRun,
} from './rich-text';
export { FakeSheet, type AddSheetOptions, type SheetWorkbook } from './sheet';
export type { CellValue } from './time';
export { CallCounter } from './call-counter';
export { SPREADSHEET_API, Workbook, type Toast, type WorkbookOptions } from './workbook';
