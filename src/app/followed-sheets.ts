/**
 * The followed sheets of a run: those CHAT_RELAY_CONFIG names, or by default
 * the first sheet and every sheet a form writes to; each opened as a table
 * with its settings bound to its headers.
 */
import { ConfigProblem, configProblem, joinPath, ofSheet, sheetScope } from '../config/problems';
import { RelaySettings } from '../config/settings';
import { SheetSettings, needsTypedValues } from '../config/sheet-settings';
import { RuleContext, SheetRules, UnfitSetting, bindRules, fitSettings } from '../relay/rules';
import { Table, TableSpec, appendMissingColumns, openTable } from '../relay/table';
import { Result, err, ok } from '../result';
import { AppSheet, SpreadsheetLike } from './ports';
import { WORDS } from './wording';

export interface FollowedSheet {
  sheet: AppSheet;
  settings: SheetSettings;
  /** Followed only because a form writes to it (no `sheet` or `sheets` in the configuration). */
  formByDefault: boolean;
}

export interface OpenedSheet extends FollowedSheet {
  table: Table;
  rules: SheetRules;
  /** What of the configured settings fell back for this sheet, in words; null: they all apply. */
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

/** A sheet's table, and the settings it is followed with. */
type Fitted = Result<{ table: Table; settings: SheetSettings }, ConfigProblem>;

function specOf(settings: SheetSettings): TableSpec {
  return {
    headerRow: settings.headerRow,
    keyColumn: settings.keyColumn,
    paths: settings.paths,
    typedValues: needsTypedValues(settings),
  };
}

/**
 * A form's sheet followed by default, opened with the top-level settings as
 * far as they fit it: when the header row cannot be right there, its headers
 * in row 1 (where a form writes them); when it lacks the key column, its
 * first column as the key. Each fallback is added to `unfit`.
 */
function openFormTable(sheet: AppSheet, settings: SheetSettings, unfit: UnfitSetting[]): Fitted {
  let fitted = settings;
  let table = openTable(sheet, specOf(fitted), { append: false });
  const headerRowAt = settings.paths.headerRow || 'headerRow';
  if (!table.ok && table.error.path === headerRowAt && fitted.headerRow !== 1) {
    unfit.push({
      path: headerRowAt,
      why: `row ${fitted.headerRow} cannot be its header row`,
      instead: 'its headers are read from row 1',
    });
    fitted = { ...fitted, headerRow: 1 };
    table = openTable(sheet, specOf(fitted), { append: false });
  }
  const keyAt = settings.paths.keyColumn || 'keyColumn';
  if (!table.ok && table.error.path === keyAt && fitted.keyColumn !== null) {
    const missing = fitted.keyColumn;
    fitted = { ...fitted, keyColumn: null };
    table = openTable(sheet, specOf(fitted), { append: false });
    const first = table.ok ? `, "${table.value.keyColumn.label}",` : '';
    unfit.push({
      path: keyAt,
      why: `no column "${missing}"`,
      instead: `its first column${first} is the key`,
    });
  }
  return table.ok ? ok({ table: table.value, settings: fitted }) : table;
}

/** A form's sheet followed by default: its table, and the top-level settings as far as they fit it. */
function openFormSheet(f: FollowedSheet, unfit: UnfitSetting[]): Fitted {
  const form = openFormTable(f.sheet, f.settings, unfit);
  if (!form.ok) return form;
  const fitted = fitSettings(form.value.settings, form.value.table);
  unfit.push(...fitted.unfit);
  return ok({ table: form.value.table, settings: fitted.settings });
}

function openAsConfigured(f: FollowedSheet): Fitted {
  const table = openTable(f.sheet, specOf(f.settings), { append: false });
  return table.ok ? ok({ table: table.value, settings: f.settings }) : table;
}

/** One followed sheet opened read-only and bound to its settings, or its problems. */
function openSheet(
  f: FollowedSheet,
  context: RuleContext,
): { opened: OpenedSheet } | { problems: ConfigProblem[] } {
  const unfit: UnfitSetting[] = [];
  const opened = f.formByDefault ? openFormSheet(f, unfit) : openAsConfigured(f);
  if (!opened.ok) return { problems: [opened.error] };
  const { table, settings } = opened.value;
  const bound = bindRules(settings, table, context);
  if ('problems' in bound) return bound;
  const note = unfit.length ? WORDS.formFallback(f.sheet.getName(), unfit) : null;
  return { opened: { ...f, settings, table, rules: bound.rules, note } };
}

/** One followed sheet opened, or its problems, each naming the sheet beside its key. */
function openOne(
  f: FollowedSheet,
  context: RuleContext,
): { opened: OpenedSheet } | { problems: ConfigProblem[] } {
  const result = openSheet(f, context);
  if ('opened' in result) return result;
  const scope = sheetScope(f.sheet.getName());
  return { problems: result.problems.map((p) => ofSheet(p, scope)) };
}

/**
 * Opens every followed sheet and binds its settings, reading only. The relay's
 * missing columns are appended (a write) only once every sheet is known to be
 * right, so a configuration problem writes nothing anywhere. A form's sheet
 * followed by default takes the top-level settings as far as they fit it
 * (fitSettings, openFormTable), and `note` says what fell back. Their rules are evaluated
 * in `context` (the run's moment, the people directory).
 */
export function openFollowed(
  followed: FollowedSheet[],
  options: { append: boolean; context: RuleContext },
): Result<OpenedSheet[], ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const opened: OpenedSheet[] = [];
  followed.forEach((f) => {
    const result = openOne(f, options.context);
    if ('problems' in result) problems.push(...result.problems);
    else opened.push(result.opened);
  });
  if (problems.length) return err(problems);
  if (options.append) opened.forEach((o) => appendMissingColumns(o.table));
  return ok(opened);
}
