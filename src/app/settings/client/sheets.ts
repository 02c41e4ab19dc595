/**
 * The spreadsheet's sheets as settingsLoad read them: which sheet an entry
 * names, the sheets followed by default, and the data columns of a header
 * row, labelled as the relay labels them (src/relay/table.ts).
 */
import type { SheetInfo } from '../types';
import type { EntryForm } from './form';
import { S, loaded } from './state';

/** The sheet of that name (exactly, else ignoring case), or null. */
export function sheetNamed(name: unknown): SheetInfo | null {
  const sheets = loaded().sheets;
  const lower = String(name || '').toLowerCase();
  return (
    sheets.filter((s) => s.name === name)[0] ||
    sheets.filter((s) => s.name.toLowerCase() === lower)[0] ||
    null
  );
}

/** The sheets followed without a list: the first one and every sheet a form writes to. */
export function autoSheets(): SheetInfo[] {
  return loaded().sheets.filter((s, i) => i === 0 || s.form);
}

/** The sheet an entry's columns are read from: the first sheet when following by default. */
export function entrySheet(e: EntryForm): SheetInfo | null {
  return S.auto ? loaded().sheets[0] || null : sheetNamed(e.sheet);
}

export function headerRowOf(e: EntryForm): number {
  const n = Number(e.headerRow);
  return n >= 1 ? Math.floor(n) : 1;
}

function letter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A header row's data columns, labelled as the relay labels them (src/relay/table.ts). */
export function labelsOfRow(cells: string[] | undefined): string[] {
  const relay = loaded().relayHeaders;
  const seenRelay: { [header: string]: boolean } = {};
  const seen: { [label: string]: number } = {};
  const out: string[] = [];
  (cells || []).forEach((cell, i) => {
    const header = String(cell).trim();
    if (relay.indexOf(header) >= 0 && !seenRelay[header]) {
      seenRelay[header] = true;
      return;
    }
    let label = header || `Column ${letter(i)}`;
    seen[label] = (seen[label] || 0) + 1;
    if (seen[label] > 1) label = `${label} (${seen[label]})`;
    out.push(label);
  });
  return out;
}

/** The data columns of an entry's sheet, from its header row. */
export function labelsOf(e: EntryForm): string[] {
  const sheet = entrySheet(e);
  if (!sheet) return [];
  const row = headerRowOf(e);
  return labelsOfRow(row === sheet.headerRow ? sheet.headers : sheet.rows[row - 1]);
}
