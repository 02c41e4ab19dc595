/**
 * Builds what the composer needs for one row of a table: the shown columns,
 * the title's placeholders, the link back to the row.
 */
import { ChatMessage } from '../chat/message-types';
import { composeMessage } from './compose';
import { safeLink } from './compose/common';
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
  /** Whether a URL is a link back to a row of the table, as compose makes it (read on first use). */
  isRowLink(url: string): boolean;
}

/** A link to a row of the table, after its common start: the row's range (`A7:F7`). */
const ROW_RANGE = /^A[0-9]+:[A-Z]+[0-9]+$/;

/** The composer of a table's messages. */
export function tableComposer(table: Table, rules: SheetRules, place: SheetPlace): RowComposer {
  return {
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
