/**
 * Builds what the composer needs for one row of a table: the shown columns,
 * the title's placeholders, the link back to the row, the links of its
 * actions (signed by the app, through ActionLinks).
 */
import { ChatMessage } from '../chat/message-types';
import { SINCE_PLACEHOLDER, durationWords } from '../config/reminders';
import { Template } from '../config/template';
import { composeMessage } from './compose';
import { safeLink } from './compose/common';
import { composeReminder } from './compose/reminder';
import { TemplateContext, plainLine, renderTemplate, titleOf } from './compose/template';
import { ActionButton, MessageContext, RowMessage } from './compose/types';
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

/**
 * The links of a table's actions, made and checked by the app (src/app/actions/link.ts): the
 * core never signs anything itself.
 */
export interface ActionLinks {
  /** The link of the sheet's action `label` for the row with this permanent row ID. */
  link(label: string, rowId: string): string | null;
  /** Whether `url` is exactly such a link, validly signed, of action `label` for row `rowId`. */
  isLink(url: string, label: string, rowId: string): boolean;
}

/** A table without actions (or whose actions cannot be linked): no buttons. */
export const NO_ACTION_LINKS: ActionLinks = { link: () => null, isLink: () => false };

/** How a table's row messages are made, and what a message of that table may link to. */
export interface RowComposer {
  /**
   * A row message of `row` with these mentions, to the thread `threadKey`: exactly as sent.
   * With the row's permanent ID, it carries the buttons of the row's actions whose `when` holds.
   * `note`: the plain-text line naming the people a mention could not ping ('' for none).
   */
  compose(
    message: RowMessage,
    row: RowValues,
    mentions: string[],
    threadKey: string,
    rowId?: string | null,
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
  /** Whether a URL is the link of action `label` of the row `rowId`, as compose makes it. */
  isActionLink(url: string, label: string, rowId: string): boolean;
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

/** The context of a row's message, without mentions, actions or thread. */
function rowContext(
  table: Table,
  rules: SheetRules,
  place: SheetPlace,
  row: RowValues,
): MessageContext {
  return {
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
    mentions: [],
    actions: [],
    threadKey: null,
  };
}

/** The row's title, as its messages show it (the title template, or the default): plain text. */
export function rowTitle(
  table: Table,
  rules: SheetRules,
  place: SheetPlace,
  row: RowValues,
): string {
  return titleOf(rowContext(table, rules, place, row));
}

/** The buttons of the row's actions whose `when` holds for its values now. */
function actionButtons(
  rules: SheetRules,
  links: ActionLinks,
  row: RowValues,
  rowId: string,
): ActionButton[] {
  const buttons: ActionButton[] = [];
  rules.actions.forEach((a) => {
    if (!a.holds(row)) return;
    const url = links.link(a.label, rowId);
    if (url !== null) buttons.push({ label: a.label, url });
  });
  return buttons;
}

/** The composer of a table's messages; `links` signs its actions' links. */
export function tableComposer(
  table: Table,
  rules: SheetRules,
  place: SheetPlace,
  links: ActionLinks = NO_ACTION_LINKS,
): RowComposer {
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
    compose(message, row, mentions, threadKey, rowId = null, note = '') {
      const ctx: MessageContext = {
        ...rowContext(table, rules, place, row),
        mentions,
        mentionNote: note,
        actions: rowId === null ? [] : actionButtons(rules, links, row, rowId),
        threadKey,
      };
      return composeMessage(message, ctx);
    },
    isActionLink: (url, label, rowId) =>
      rules.actions.some((a) => a.label === label) && links.isLink(url, label, rowId),
    isRowLink(url) {
      const start = safeLink(rowLinkStart(place));
      return start !== null && url.indexOf(start) === 0 && ROW_RANGE.test(url.slice(start.length));
    },
  };
}
