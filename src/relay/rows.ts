/**
 * What each row is and whether it needs a message: the row's fingerprint
 * (its version) against its ledger. Pure and allocation-light, since an idle
 * run evaluates every row of the sheet.
 */
import { Hash64, hash32 } from './hash';
import { STATUS, VERSION_PREFIX } from './columns';
import { Ledger, parseLedger } from './ledger-codec';
import { Table, TableColumn } from './table';

export interface RowState {
  /** 0-based position in the data block at read time (valid for this run only). */
  position: number;
  key: string;
  version: string;
  status: string;
  ledger: Ledger | null;
}

export type Reason = 'new' | 'changed' | 'pending' | 'retry-failed' | 'selected';

/** Columns ordered by label, so reordering columns is not a change. */
function byLabel(columns: TableColumn[]): TableColumn[] {
  return columns.slice().sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export interface RowReader {
  isBlank(cells: string[]): boolean;
  version(cells: string[]): string;
  state(position: number): RowState;
  /** The non-empty data fields of a row, key excluded, in sheet order. */
  fields(cells: string[]): Array<{ label: string; value: string }>;
}

export function rowReader(table: Table): RowReader {
  const ordered = byLabel(table.dataColumns);
  const isBlank = (cells: string[]) => {
    for (let i = 0; i < table.dataColumns.length; i++) {
      if (cells[table.dataColumns[i].index].trim() !== '') return false;
    }
    return true;
  };
  const labelDigests = ordered.map((c) => hash32(c.label));
  const version = (cells: string[]) => {
    const hash = new Hash64();
    for (let i = 0; i < ordered.length; i++) {
      const value = cells[ordered[i].index];
      if (value !== '') hash.number(labelDigests[i]).text(value);
    }
    return VERSION_PREFIX + hash.digest();
  };
  return {
    isBlank,
    version,
    state(position) {
      const cells = table.rows[position];
      return {
        position,
        key: String(cells[table.keyColumn.index]).trim(),
        version: version(cells),
        status: String(cells[table.ledger.status]).trim().toUpperCase(),
        ledger: parseLedger(table.ledgerCell(position)),
      };
    },
    fields(cells) {
      const out: Array<{ label: string; value: string }> = [];
      table.dataColumns.forEach((c) => {
        if (c !== table.keyColumn && cells[c.index] !== '') {
          out.push({ label: c.label, value: cells[c.index] });
        }
      });
      return out;
    },
  };
}

/**
 * Why the row is due for a message in a scheduled run, or null when it is
 * not: never sent, changed since its last successful send, waiting for a
 * retry, or failed on a version that has since changed.
 */
export function dueReason(table: Table, reader: RowReader, position: number): Reason | null {
  const cells = table.rows[position];
  if (reader.isBlank(cells)) return null;
  const status = cells[table.ledger.status].trim().toUpperCase();
  const stored = cells[table.ledger.version];
  if (status === STATUS.SENT) {
    return stored === reader.version(cells) ? null : 'changed';
  }
  if (status === STATUS.PENDING) return 'pending';
  if (status === STATUS.FAILED) {
    const ledger = parseLedger(table.ledgerCell(position));
    return ledger && ledger.sendingVersion === reader.version(cells) ? null : 'retry-failed';
  }
  return stored ? 'changed' : 'new';
}
