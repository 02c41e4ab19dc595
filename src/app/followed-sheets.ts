/**
 * The followed sheets of a run: those CHAT_RELAY_CONFIG names, or by default
 * the first sheet and every sheet a form writes to; each opened as a table
 * with its settings bound to its headers.
 */
import { ConfigProblem, configProblem, joinPath } from '../config/problems';
import { RelaySettings } from '../config/settings';
import { SheetSettings } from '../config/sheet-settings';
import { SheetRules, bindRules } from '../relay/rules';
import { Table, appendMissingColumns, openTable } from '../relay/table';
import { Result, err, ok } from '../result';
import { AppSheet, SpreadsheetLike } from './ports';

export interface FollowedSheet {
  sheet: AppSheet;
  settings: SheetSettings;
}

export interface OpenedSheet extends FollowedSheet {
  table: Table;
  rules: SheetRules;
}

function listed(
  spreadsheet: SpreadsheetLike,
  settings: RelaySettings,
): Result<FollowedSheet[], ConfigProblem[]> {
  const all = spreadsheet.getSheets();
  const names = all.map((s) => s.getName());
  const problems: ConfigProblem[] = [];
  const followed: FollowedSheet[] = [];
  (settings.sheets || []).forEach((entry) => {
    const sheet =
      all.filter((s) => s.getName() === entry.sheet)[0] ||
      all.filter((s) => s.getName().toLowerCase() === entry.sheet.toLowerCase())[0];
    if (sheet) followed.push({ sheet, settings: entry.settings });
    else
      problems.push(
        configProblem(
          joinPath(entry.path, 'sheet'),
          `is "${entry.sheet}", but that sheet does not exist (sheets: ${names.join(', ')})`,
        ),
      );
  });
  return problems.length ? err(problems) : ok(followed);
}

/** Which sheets a run follows. */
export function followedSheets(
  spreadsheet: SpreadsheetLike,
  settings: RelaySettings,
): Result<FollowedSheet[], ConfigProblem[]> {
  if (settings.sheets) return listed(spreadsheet, settings);
  const all = spreadsheet.getSheets();
  const followed = all.filter((s, i) => i === 0 || s.getFormUrl() !== null);
  return ok(followed.map((sheet) => ({ sheet, settings: settings.defaults })));
}

/**
 * Opens every followed sheet and binds its settings, reading only. The relay's
 * missing columns are appended (a write) only once every sheet is known to be
 * right, so a configuration problem writes nothing anywhere.
 */
export function openFollowed(
  followed: FollowedSheet[],
  options: { append: boolean },
): Result<OpenedSheet[], ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const opened: OpenedSheet[] = [];
  followed.forEach((f) => {
    const table = openTable(
      f.sheet,
      { headerRow: f.settings.headerRow, keyColumn: f.settings.keyColumn, paths: f.settings.paths },
      { append: false },
    );
    if (!table.ok) return problems.push(table.error);
    const bound = bindRules(f.settings, table.value);
    if ('problems' in bound) return problems.push(...bound.problems);
    opened.push({ ...f, table: table.value, rules: bound.rules });
  });
  if (problems.length) return err(problems);
  if (options.append) opened.forEach((o) => appendMissingColumns(o.table));
  return ok(opened);
}
