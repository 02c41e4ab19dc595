/**
 * The followed sheets of a run: those CHAT_RELAY_CONFIG names, or by default
 * the first sheet and every sheet a form writes to; each opened as a table
 * with its settings bound to its headers.
 */
import { ConfigProblem, configProblem, joinPath } from '../config/problems';
import { RelaySettings } from '../config/settings';
import { SheetSettings, defaultSheetSettings } from '../config/sheet-settings';
import { SheetRules, bindRules } from '../relay/rules';
import { Table, appendMissingColumns, openTable } from '../relay/table';
import { Result, err, ok } from '../result';
import { AppSheet, SpreadsheetLike } from './ports';

export interface FollowedSheet {
  sheet: AppSheet;
  settings: SheetSettings;
  /** Followed only because a form writes to it (no `sheet` or `sheets` in the configuration). */
  formByDefault: boolean;
}

export interface OpenedSheet extends FollowedSheet {
  table: Table;
  rules: SheetRules;
  /** Why the sheet does not use the configured settings, if it does not. */
  note: string | null;
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
    if (sheet) followed.push({ sheet, settings: entry.settings, formByDefault: false });
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
  const followed: FollowedSheet[] = [];
  all.forEach((sheet, i) => {
    if (i === 0) followed.push({ sheet, settings: settings.defaults, formByDefault: false });
    else if (sheet.getFormUrl() !== null) {
      followed.push({ sheet, settings: settings.defaults, formByDefault: true });
    }
  });
  return ok(followed);
}

/**
 * The settings of a form's sheet followed by default, when the top-level
 * keys name headers it does not have (they were written for the first
 * sheet): the keys that name no header (webhook, format) still apply.
 */
function formSheetSettings(settings: SheetSettings): SheetSettings {
  return { ...defaultSheetSettings(), webhook: settings.webhook, format: settings.format };
}

/** One followed sheet opened read-only and bound to its settings, or its problems. */
function openOne(f: FollowedSheet): { opened: OpenedSheet } | { problems: ConfigProblem[] } {
  const spec = {
    headerRow: f.settings.headerRow,
    keyColumn: f.settings.keyColumn,
    paths: f.settings.paths,
  };
  const table = openTable(f.sheet, spec, { append: false });
  if (!table.ok) return { problems: [table.error] };
  const bound = bindRules(f.settings, table.value);
  if ('problems' in bound) return bound;
  return { opened: { ...f, table: table.value, rules: bound.rules, note: null } };
}

/**
 * Opens every followed sheet and binds its settings, reading only. The relay's
 * missing columns are appended (a write) only once every sheet is known to be
 * right, so a configuration problem writes nothing anywhere. A form's sheet
 * followed by default, to which the top-level keys do not fit, is followed
 * with its own defaults (first column as key), and says so in `note`.
 */
export function openFollowed(
  followed: FollowedSheet[],
  options: { append: boolean },
): Result<OpenedSheet[], ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const opened: OpenedSheet[] = [];
  followed.forEach((f) => {
    let result = openOne(f);
    if ('problems' in result && f.formByDefault) {
      const fallback = openOne({ ...f, settings: formSheetSettings(f.settings) });
      if ('opened' in fallback) {
        fallback.opened.note = `sheet "${f.sheet.getName()}" is followed because a form writes to it; ${result.problems[0].text}, so it uses its own defaults (its first column as the key). List it in "sheets" to give it its own settings.`;
        result = fallback;
      }
    }
    if ('problems' in result) problems.push(...result.problems);
    else opened.push(result.opened);
  });
  if (problems.length) return err(problems);
  if (options.append) opened.forEach((o) => appendMissingColumns(o.table));
  return ok(opened);
}
