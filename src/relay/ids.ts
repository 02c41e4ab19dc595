/**
 * Deterministic identifiers for Chat: thread keys and request IDs.
 *
 * Both are derived only from stable facts (the spreadsheet, the sheet's
 * permanent ID, the key value, the row's own ledger), never from row numbers,
 * so they survive sorting, inserting rows, new editors and redeploys.
 */
import { hashHex } from './hash';

/** The sheet a row lives in, as far as identity is concerned. */
export interface SheetIdentity {
  spreadsheetId: string;
  sheetId: number;
}

/**
 * The `thread.threadKey` for a key value: all rows with this key share it.
 * A fixed-length hash keeps it far below Chat's 4000-character limit
 * whatever the key's length.
 */
export function threadKeyFor(sheet: SheetIdentity, key: string): string {
  return 'chat-relay-' + hashHex(`${sheet.spreadsheetId}\n${sheet.sheetId}\n${key}`);
}

/**
 * The `requestId` of one logical message: the row (its key and permanent row
 * ID), the version being sent and how many logical sends the row has started.
 * Retries of the same send reuse it, so Chat returns the message it already
 * created; a deliberate re-send bumps the count and gets a new one.
 */
export function requestIdFor(
  sheet: SheetIdentity,
  key: string,
  rowId: string,
  version: string,
  sendCount: number,
): string {
  const digest = hashHex(
    `${sheet.spreadsheetId}\n${sheet.sheetId}\n${key}\n${rowId}\n${version}\n${sendCount}`,
  );
  return `chat-relay-${digest}-${sendCount}`;
}

/**
 * The `requestId` of one reminder: the row (its permanent row ID), the rule (its id), and which
 * reminder of the rule it is: when the rule's clock started (`since`, so a rule that starts over
 * gets new ones) and its count. Retries reuse it; every reminder has its own.
 */
export function reminderRequestIdFor(
  sheet: SheetIdentity,
  rowId: string,
  ruleId: string,
  since: number,
  count: number,
): string {
  const digest = hashHex(
    `${sheet.spreadsheetId}\n${sheet.sheetId}\n${rowId}\nreminder\n${ruleId}\n${since}\n${count}`,
  );
  return `chat-relay-${digest}-r${count}`;
}

/** A new permanent row ID, from a random source the caller injects. */
export function newRowId(random: () => number, now: number): string {
  let out = now.toString(36);
  for (let i = 0; i < 4; i++) {
    out += Math.floor(random() * 0x100000000)
      .toString(36)
      .padStart(7, '0');
  }
  return 'r' + out;
}
