/**
 * Builds what the composer needs for one row of a table: the shown columns,
 * the title's placeholders, the link back to the row.
 */
import { ChatMessage } from '../chat/message-types';
import { SINCE_PLACEHOLDER, durationWords } from '../config/reminders';
import { Template } from '../config/template';
import { composeMessage } from './compose';
import { safeLink } from './compose/common';
import { composeReminder } from './compose/reminder';
import { TemplateContext, plainLine, renderTemplate } from './compose/template';
import { MessageContext, RowMessage } from './compose/types';
import { RowValues } from './rows';
import { SheetRules } from './rules';
import { Table, columnLetter } from './table';

/** The spreadsheet around a table, as messages name and link it. */
export interface SheetPlace {
  spreadsheetName: string;
  /** Spreadsheet.getUrl(). */
  spreadsheetUrl: string;
  sheetId: number;
}

/** What every row link of the sheet starts with: `<spreadsheet URL>#gid=<sheetId>&range=`. */
function rowLinkStart(place: SheetPlace): string | null {
  if (!place.spreadsheetUrl) return null;
  return `${place.spreadsheetUrl.split('#')[0]}#gid=${place.sheetId}&range=`;
}

/** `<spreadsheet URL>#gid=<sheetId>&range=A7:F7`: opens the sheet on the row (undocumented by Google). */
export function rowLink(place: SheetPlace, table: Table, position: number): string | null {
  const start = rowLinkStart(place);
  if (start === null) return null;
  const row = table.firstDataRow + position;
  const last = table.dataColumns.reduce((max, c) => (c.index > max ? c.index : max), 0);
  return `${start}A${row}:${columnLetter(last)}${row}`;
}

/** What a reminder says: its rule's text (null: the default), its rule in words, how long it held. */
export interface ReminderText {
  template: Template | null;
  /** The rule's condition in words (`Status is New`), for the default text. */
  words: string;
  /** How long the rule has held for the row, in ms ({{_since}}). */
  heldMs: number;
}

/** How a table's row messages are made, and what a message of that table may link to. */
export interface RowComposer {
  /**
   * A row message of `row` with these mentions, to the thread `threadKey`: exactly as sent.
   * `note`: the plain-text line naming the people a mention could not ping ('' for none).
   */
  compose(
    message: RowMessage,
    row: RowValues,
    mentions: string[],
    threadKey: string,
    note?: string,
  ): ChatMessage;
  /**
   * A reminder for `row` with these mentions, to the thread `threadKey`: exactly as sent.
   * `note`: the plain-text line naming the people a mention could not ping ('' for none).
   */
  reminder(
    row: RowValues,
    text: ReminderText,
    mentions: string[],
    threadKey: string,
    note?: string,
  ): ChatMessage;
  /** Whether a URL is a link back to a row of the table, as compose makes it (read on first use). */
  isRowLink(url: string): boolean;
}

/** A link to a row of the table, after its common start: the row's range (`A7:F7`). */
const ROW_RANGE = /^A[0-9]+:[A-Z]+[0-9]+$/;

/**
 * A reminder's line: its template filled as a title is (`{{_since}}` is how long the rule has
 * held, in words), or `Reminder: <the rule in words>, for <how long>`; plain and neutralised.
 */
function reminderLine(
  table: Table,
  rules: SheetRules,
  place: SheetPlace,
  row: RowValues,
  text: ReminderText,
) {
  const since = durationWords(text.heldMs);
  const ctx: TemplateContext = {
    key: { label: table.keyColumn.label, value: row.key },
    sheet: table.name,
    spreadsheet: place.spreadsheetName,
    rowNumber: table.firstDataRow + row.position,
    placeholder: (name) =>
      name === SINCE_PLACEHOLDER ? since : row.valueOf(rules.placeholderLabel(name)),
  };
  const filled = text.template ? renderTemplate(text.template, ctx) : '';
  return filled !== '' ? filled : plainLine(`Reminder: ${text.words}, for ${since}`);
}

/** The composer of a table's messages. */
export function tableComposer(table: Table, rules: SheetRules, place: SheetPlace): RowComposer {
  return {
    reminder(row, text, mentions, threadKey, note = '') {
      return composeReminder({
        line: reminderLine(table, rules, place, row, text),
        mentions,
        mentionNote: note,
        rowLink: rowLink(place, table, row.position),
        threadKey,
      });
    },
    compose(message, row, mentions, threadKey, note = '') {
      const ctx: MessageContext = {
        format: rules.format,
        sheet: table.name,
        spreadsheet: place.spreadsheetName,
        key: { label: table.keyColumn.label, value: row.key },
        allFields: row.fields,
        shown: rules.shown,
        rowNumber: table.firstDataRow + row.position,
        rowLink: rowLink(place, table, row.position),
        title: rules.title,
        subtitle: rules.subtitle,
        placeholder: (name) => row.valueOf(rules.placeholderLabel(name)),
        mentions,
        mentionNote: note,
        threadKey,
      };
      return composeMessage(message, ctx);
    },
    isRowLink(url) {
      const start = safeLink(rowLinkStart(place));
      return start !== null && url.indexOf(start) === 0 && ROW_RANGE.test(url.slice(start.length));
    },
  };
}
