/**
 * Sheets as the relay reads them, for the relay's unit tests: a FakeSheet of
 * the local runtime's Workbook, opened as a Table with its settings bound.
 */
import { FakeSheet, Workbook, formatJavaDate } from '../../local/runtime';
import { conditionTime } from '../../src/config/conditions';
import { parseSettings } from '../../src/config/settings';
import { SheetSettings, needsTypedValues } from '../../src/config/sheet-settings';
import { SpreadsheetTimeZone } from '../../src/ports';
import { LEDGER_COLUMNS } from '../../src/relay/columns';
import { PeopleSource } from '../../src/relay/people';
import { RowReader, rowReader } from '../../src/relay/rows';
import { RuleContext, SheetRules, bindRules } from '../../src/relay/rules';
import { Table, openTable } from '../../src/relay/table';

export const LEDGER_HEADERS = LEDGER_COLUMNS.map((c) => c.header);

/** The settings of one sheet, from CHAT_RELAY_CONFIG's per-sheet keys. */
export function sheetSettings(config: Record<string, unknown> = {}): SheetSettings {
  const parsed = parseSettings(JSON.stringify(config));
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.text).join('\n'));
  return parsed.value.defaults;
}

/** 2026-03-10 09:00 UTC: the moment the relay's unit tests evaluate rules at, unless told. */
export const TEST_NOW = Date.UTC(2026, 2, 10, 9, 0);

/** A time zone as Apps Script gives it: through Utilities.formatDate (the local runtime's). */
export function zone(timeZone: string): SpreadsheetTimeZone {
  return {
    name: () => timeZone,
    format: (ms, pattern, other) =>
      formatJavaDate(new Date(ms), other === undefined ? timeZone : other, pattern),
  };
}

/** The context rules are evaluated with: `now` in `timeZone`, and a people directory if given. */
export function ruleContext(
  options: { now?: number; timeZone?: string; people?: PeopleSource | null } = {},
): RuleContext {
  return {
    time: conditionTime(options.now ?? TEST_NOW, zone(options.timeZone ?? 'Etc/UTC')),
    people: options.people ?? null,
  };
}

export interface Opened {
  workbook: Workbook;
  sheet: FakeSheet;
  settings: SheetSettings;
  table: Table;
  rules: SheetRules;
  reader: RowReader;
}

/** Opens (and binds) a sheet that is already in a workbook. */
export function open(
  workbook: Workbook,
  sheet: FakeSheet,
  config: Record<string, unknown> = {},
  append = true,
  context: RuleContext = ruleContext(),
): Opened {
  const settings = sheetSettings(config);
  const table = openTable(
    sheet,
    {
      headerRow: settings.headerRow,
      keyColumn: settings.keyColumn,
      paths: settings.paths,
      typedValues: needsTypedValues(settings),
    },
    { append },
  );
  if (!table.ok) throw new Error(table.error.text);
  const bound = bindRules(settings, table.value, context);
  if ('problems' in bound) throw new Error(bound.problems.map((p) => p.text).join('\n'));
  return {
    workbook,
    sheet,
    settings,
    table: table.value,
    rules: bound.rules,
    reader: rowReader(table.value),
  };
}

/** A new workbook with one sheet of these rows (header first), opened. */
export function openSheet(
  rows: unknown[][],
  config: Record<string, unknown> = {},
  name = 'Tickets',
): Opened {
  const workbook = new Workbook({ id: 'spreadsheet-1', name: 'Helpdesk' });
  return open(workbook, workbook.addSheet(name, rows), config);
}

/** The display values of a column, by header, below the header row. */
export function column(sheet: FakeSheet, header: string, headerRow = 1): string[] {
  const rows = sheet.displayRows();
  const c = rows[headerRow - 1].indexOf(header);
  if (c < 0) throw new Error(`no column "${header}" in ${JSON.stringify(rows[headerRow - 1])}`);
  return rows.slice(headerRow).map((r) => r[c]);
}

/** The typed value of a cell, by row (1-based) and header. */
export function cell(sheet: FakeSheet, row: number, header: string, headerRow = 1): unknown {
  const c = sheet.displayRows()[headerRow - 1].indexOf(header);
  if (c < 0) throw new Error(`no column "${header}"`);
  return sheet.rows()[row - 1][c];
}
