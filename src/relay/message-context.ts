/**
 * Builds what the composer needs for one row of a table: the shown columns,
 * the title's placeholders, the link back to the row.
 */
import { ChatMessage } from '../chat/message-types';
import { composeMessage } from './compose';
import { Field, MessageContext, RowMessage } from './compose/types';
import { RowReader } from './rows';
import { SheetRules } from './rules';
import { Table, columnLetter } from './table';

/** The spreadsheet around a table, as messages name and link it. */
export interface SheetPlace {
  spreadsheetName: string;
  /** Spreadsheet.getUrl(). */
  spreadsheetUrl: string;
  sheetId: number;
}

/** `<spreadsheet URL>#gid=<sheetId>&range=A7:F7`: opens the sheet on the row (undocumented by Google). */
export function rowLink(place: SheetPlace, table: Table, position: number): string | null {
  if (!place.spreadsheetUrl) return null;
  const row = table.firstDataRow + position;
  const last = table.dataColumns.reduce((max, c) => (c.index > max ? c.index : max), 0);
  const base = place.spreadsheetUrl.split('#')[0];
  return `${base}#gid=${place.sheetId}&range=A${row}:${columnLetter(last)}${row}`;
}

/**
 * Composes a row message of a table: the row at `position` (0-based data position), with these
 * mentions, to the thread `threadKey`. It returns the message exactly as sent, thread included.
 */
export type RowComposer = (
  message: RowMessage,
  position: number,
  mentions: string[],
  threadKey: string,
) => ChatMessage;

/** The composer of a table's messages. */
export function tableComposer(
  table: Table,
  reader: RowReader,
  rules: SheetRules,
  place: SheetPlace,
): RowComposer {
  return (message, position, mentions, threadKey) => {
    const cells = table.rows[position];
    const valueOf = reader.valueOf(cells);
    const key: Field = { label: table.keyColumn.label, value: reader.key(cells) };
    const ctx: MessageContext = {
      format: rules.format,
      sheet: table.name,
      spreadsheet: place.spreadsheetName,
      key,
      allFields: reader.fields(cells),
      shown: rules.shown,
      rowNumber: table.firstDataRow + position,
      rowLink: rowLink(place, table, position),
      title: rules.title,
      subtitle: rules.subtitle,
      placeholder: (name) => valueOf(rules.placeholderLabel(name)),
      mentions,
      threadKey,
    };
    return composeMessage(message, ctx);
  };
}
