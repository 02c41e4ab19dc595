/**
 * What each row is: its key, its fingerprint (version) and its fields. Pure
 * and allocation-light, since an idle run evaluates every row of the sheet.
 */
import { ConditionRow } from '../config/conditions';
import { LedgerField, VERSION_PREFIX } from './columns';
import { Field } from './compose/types';
import { Hash64, hash32 } from './hash';
import { ValueOf } from './rules';
import { Table, TableColumn } from './table';

export type Reason =
  | 'new'
  | 'changed'
  | 'pending'
  | 'retry-failed'
  | 'selected'
  | 'rebuild'
  /** Its last delivery (or mark) was not fully recorded: finish recording it. */
  | 'repair';

/** Columns ordered by label, so reordering columns is not a change. */
function byLabel(columns: TableColumn[]): TableColumn[] {
  return columns.slice().sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** One data row as the table was read: where it was, and its values, read once. */
export interface RowValues extends ConditionRow {
  /** 0-based data position when the table was read (its index in table.rows). */
  position: number;
  key: string;
  /** The row's version (fingerprint) now. */
  version: string;
  /** The non-empty data fields, key excluded, in sheet order. */
  fields: Field[];
  /** The row's display values by label. */
  valueOf: ValueOf;
  /** The row's typed values by label (undefined when the table did not read them). */
  typedOf(label: string): unknown;
}

export interface RowReader {
  isBlank(cells: string[]): boolean;
  version(cells: string[]): string;
  key(cells: string[]): string;
  /** The Chat Status cell, upper case. */
  status(cells: string[]): string;
  /** The non-empty data fields of a row, key excluded, in sheet order. */
  fields(cells: string[]): Field[];
  /** A row's display values by label. */
  valueOf(cells: string[]): ValueOf;
  /** The row at `position` as conditions read it: its display and typed values by label. */
  conditionRow(position: number): ConditionRow;
  /** A visible relay cell of the row (or its Chat Version), as the sheet shows it. */
  shown(cells: string[], field: Exclude<LedgerField, 'ledger' | 'outbox'>): string;
  /** Never posted (and not in flight): sendWhen still decides whether it may be. */
  neverPosted(cells: string[]): boolean;
  /** The row at `position` of the table, its values read once. */
  values(position: number): RowValues;
}

/** The fingerprint of a row's data: its non-empty values by label, whatever the column order. */
function versionOf(table: Table): (cells: string[]) => string {
  const ordered = byLabel(table.dataColumns);
  const labelDigests = ordered.map((c) => hash32(c.label));
  return (cells) => {
    const hash = new Hash64();
    for (let i = 0; i < ordered.length; i++) {
      const value = cells[ordered[i].index];
      if (value !== '') hash.number(labelDigests[i]).text(value);
    }
    return VERSION_PREFIX + hash.digest();
  };
}

export function rowReader(table: Table): RowReader {
  const byLabelIndex: { [label: string]: number } = {};
  table.dataColumns.forEach((c) => {
    byLabelIndex[c.label] = c.index;
  });
  const typedOf = (position: number) => (label: string) => {
    const index = byLabelIndex[label];
    const typed = table.typed();
    const row = typed ? typed[position] : undefined;
    return row && index !== undefined ? row[index] : undefined;
  };
  return {
    isBlank(cells) {
      for (let i = 0; i < table.dataColumns.length; i++) {
        if (cells[table.dataColumns[i].index].trim() !== '') return false;
      }
      return true;
    },
    version: versionOf(table),
    key: (cells) => String(cells[table.keyColumn.index]).trim(),
    status: (cells) => String(cells[table.ledger.status]).trim().toUpperCase(),
    fields(cells) {
      const out: Field[] = [];
      table.dataColumns.forEach((c) => {
        if (c !== table.keyColumn && cells[c.index] !== '')
          out.push({ label: c.label, value: cells[c.index] });
      });
      return out;
    },
    valueOf: (cells) => (label) => {
      const index = byLabelIndex[label];
      return index === undefined ? '' : cells[index];
    },
    conditionRow(position) {
      return { valueOf: this.valueOf(table.rows[position]), typedOf: typedOf(position) };
    },
    shown: (cells, field) => cells[table.ledger[field]],
    neverPosted(cells) {
      return this.shown(cells, 'version') === '' && this.shown(cells, 'thread') === '';
    },
    values(position) {
      const cells = table.rows[position];
      const [key, version, fields] = [this.key(cells), this.version(cells), this.fields(cells)];
      const valueOf = this.valueOf(cells);
      return { position, key, version, fields, valueOf, typedOf: typedOf(position) };
    },
  };
}
