/**
 * The relay's own "Chat …" columns of a sheet: the only cells the local tool
 * writes back into a user's workbook. Found the way the relay finds them, by
 * their headers in the header row.
 */
import { LEDGER_COLUMNS } from '../../src/relay/columns';
import type { FakeSheet } from './sheet';

/**
 * The headers of the relay's columns, in the order it appends them: the
 * relay's own list (src/relay/columns.ts), so the local tool writes back
 * exactly the columns the bundle owns.
 */
export const RELAY_COLUMN_HEADERS: readonly string[] = LEDGER_COLUMNS.map((c) => c.header);

export interface RelayColumns {
  headerRow: number;
  /** 1-based column positions, left to right. */
  columns: number[];
}

/**
 * The header row and positions of a sheet's relay columns: the first row
 * that holds any relay header, and every column whose header there is one.
 * null when the sheet has none.
 */
export function findRelayColumns(
  sheet: FakeSheet,
  headers: readonly string[] = RELAY_COLUMN_HEADERS,
): RelayColumns | null {
  const wanted = new Set(headers);
  const isHeader = (r: number, c: number) => {
    const v = sheet.cell(r, c);
    return typeof v === 'string' && wanted.has(v.trim());
  };
  const lastRow = sheet.lastRow();
  const lastColumn = sheet.lastColumn();
  for (let r = 1; r <= lastRow; r++) {
    const columns: number[] = [];
    for (let c = 1; c <= lastColumn; c++) if (isHeader(r, c)) columns.push(c);
    if (columns.length) return { headerRow: r, columns };
  }
  return null;
}
