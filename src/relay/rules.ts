/**
 * A sheet's settings bound to its table: every header the configuration
 * names (in routes, conditions, columns, templates) is found in the header
 * row, or it is a configuration problem naming it and the sheet.
 */
import { Action, ActionValue } from '../config/actions';
import {
  Condition,
  ConditionRow,
  ConditionTime,
  conditionsHold,
  conditionsMayHold,
} from '../config/conditions';
import { Digest } from '../config/digests';
import { ConfigProblem, configProblem, didYouMean } from '../config/problems';
import { QuietHours } from '../config/quiet-hours';
import { MentionTargets, MessageFormat, SheetSettings } from '../config/sheet-settings';
import { BUILT_IN_PLACEHOLDERS, Template, columnPlaceholders } from '../config/template';
import { isLedgerHeader } from './columns';
import { NotFound, PeopleSource, addressesIn, notFoundNote } from './people';
import { REMINDER_PLACEHOLDERS } from '../config/reminders';
import { BoundReminder, boundReminders } from './reminder-rules';
import { Table, TableColumn, findColumn } from './table';

/** Reads a row's value by column label (the current cells, or the values as delivered). */
export type ValueOf = (label: string) => string;

/** What a sheet's rules are evaluated with in one run: its moment, and the people directory. */
export interface RuleContext {
  /** The run's moment in the spreadsheet's time zone (date conditions compare with it). */
  time: ConditionTime;
  /** The people directory, read on first use (once per run); null when `people` is not configured. */
  people: PeopleSource | null;
}

/** Whom a row's message pings, as its mention rules give it. */
export interface RowMentions {
  /** "all" and "users/<id>" (configured, or the directory's), once each, in the order configured. */
  mentions: string[];
  /** Addresses a `{{Column}}` mention named that the directory does not list: they ping no one. */
  notFound: NotFound[];
  /** Why the directory could not be read when a mention needed it; null when it was not needed or read. */
  unreadable: string | null;
}

/** A mention list bound to the sheet: its fixed mentions, and the labels of its `{{Column}}` columns. */
export interface BoundMentions {
  mentions: string[];
  columns: string[];
}

/** An action (config/actions.ts) bound to the sheet: its columns are labels of the table. */
export interface BoundAction {
  label: string;
  /** Whether its button shows on a row with these values (`when`, or always), at the run's time. */
  holds(row: ConditionRow): boolean;
  /** The cells it writes, by label, in the order configured. */
  set: Array<{ label: string; value: ActionValue }>;
  /** The labels its `when` reads. */
  whenColumns: string[];
}

export interface SheetRules {
  /** The webhook NAME for a row, from its current values: the first route that holds, else the sheet's. */
  route(row: ConditionRow): string;
  /** Whether a row may get its first message (sendWhen); true without sendWhen. */
  mayStart(row: ConditionRow): boolean;
  /** Whom the mention rules that hold for the row ping, `{{Column}}` mentions looked up in the directory. */
  mentions(row: ConditionRow): RowMentions;
  /**
   * Every mention a message of the row may carry, whenever it was composed: as mentions(),
   * a condition on a date or a number counted as holding (the outbox read-back check).
   */
  mentionsAllowed(row: ConditionRow): string[];
  /** The run's moment and people directory the rules are evaluated with (for rules of other keys). */
  context: RuleContext;
  /**
   * Labels a message shows of a row, in order (`columns`), the key only if listed; null: the
   * key, then every non-empty data column.
   */
  shown: string[] | null;
  /** Labels whose changes post an update; null: every data column. */
  watched: string[] | null;
  /**
   * Labels whose changes an update (or a move's "what moved it") shows, in order: the shown
   * columns, then the watched ones not among them (listing a column in `watchColumns` asks to
   * see its changes). Null: every column, in sheet order.
   */
  changesShown: string[] | null;
  /** Route columns' labels: a change in them may move a row. */
  routeColumns: string[];
  format: MessageFormat;
  title: Template | null;
  subtitle: Template | null;
  /** The label of the column a {{Header}} placeholder names. */
  placeholderLabel(name: string): string;
  /** The webhook NAMEs the sheet may post to. */
  webhooks: string[];
  /** The sheet's actions, in the order configured. */
  actions: BoundAction[];
  /** How many days an action's link works. */
  actionLinkDays: number;
  /** When the sheet's messages wait (relay/quiet-hours.ts); null: never. */
  quietHours: QuietHours | null;
  /** Whether a row's messages go out even in quiet hours (it matches quietHours.except). */
  quietExcept(row: ConditionRow): boolean;
  /** The sheet's digests, their columns bound and their webhook NAME resolved. */
  digests: BoundDigest[];
  /** The reminder rules (`reminders`), in order. */
  reminders: BoundReminder[];
}

/** A digest whose `when` names the sheet's labels, and whose webhook is its own or the sheet's. */
export type BoundDigest = Digest & {
  webhook: string;
  /** Whether a row is one the digest lists (every non-blank row without `when`). */
  lists(row: ConditionRow): boolean;
  /**
   * Whom the digest pings, listing these rows: its fixed mentions, and for a `{{Column}}`
   * entry the people directory's IDs for the addresses in those rows' cells, each once.
   */
  whom(rows: ConditionRow[]): RowMentions;
};

/** Binds one header name to a column; records a problem when the sheet has no such header. */
function bindColumn(table: Table, header: string, path: string, problems: ConfigProblem[]): string {
  const column = findColumn(table.dataColumns, header);
  if (column) return column.label;
  const labels = table.dataColumns.map((c: TableColumn) => c.label);
  problems.push(
    configProblem(
      path,
      `names "${header}", which is not a header of sheet "${table.name}"${didYouMean(header, labels)} (headers: ${labels.join(', ')})`,
    ),
  );
  return header;
}

/** Conditions with their columns bound to labels (a problem for each header the sheet lacks). */
export function bindConditions(
  table: Table,
  conditions: Condition[],
  problems: ConfigProblem[],
): Condition[] {
  return conditions.map((c) => ({
    ...c,
    column: bindColumn(table, c.column, `${c.path}.column`, problems),
  }));
}

function bindHeaders(
  table: Table,
  headers: string[] | null,
  path: string,
  problems: ConfigProblem[],
): string[] | null {
  return headers ? headers.map((h, i) => bindColumn(table, h, `${path}[${i}]`, problems)) : null;
}

function bindTemplate(
  table: Table,
  template: Template | null,
  path: string,
  problems: ConfigProblem[],
  into: { [name: string]: string },
  builtIns: readonly string[] = BUILT_IN_PLACEHOLDERS,
): void {
  if (!template) return;
  columnPlaceholders(template).forEach((name) => {
    if (builtIns.indexOf(name) >= 0) return;
    if (name.charAt(0) === '_') {
      problems.push(
        configProblem(
          path,
          `has the placeholder {{${name}}}, which is neither a header of sheet "${table.name}" nor one of ${builtIns.map((b) => `{{${b}}}`).join(', ')}`,
        ),
      );
      return;
    }
    const column = findColumn(table.dataColumns, name);
    if (column) into[name] = column.label;
    else
      problems.push(
        configProblem(
          path,
          `has the placeholder {{${name}}}, which names no header of sheet "${table.name}"${didYouMean(
            name,
            table.dataColumns.map((c) => c.label),
          )}`,
        ),
      );
  });
}

/** The label of the column an action writes, or a problem: a missing header, a relay or key column. */
function bindWrite(
  table: Table,
  header: string,
  path: string,
  problems: ConfigProblem[],
): string | null {
  if (isLedgerHeader(header)) {
    problems.push(
      configProblem(
        path,
        `names "${header}", one of Chat Relay's own columns in sheet "${table.name}": an action never writes them`,
      ),
    );
    return null;
  }
  const label = bindColumn(table, header, path, problems);
  if (findColumn(table.dataColumns, header) !== table.keyColumn) return label;
  problems.push(
    configProblem(
      path,
      `names "${header}", the key column of sheet "${table.name}": an action cannot change a row's key (its thread follows the key)`,
    ),
  );
  return null;
}

/** An action bound to the table's labels (problems recorded). */
function bindAction(
  table: Table,
  action: Action,
  problems: ConfigProblem[],
): Omit<BoundAction, 'holds'> & { when: Condition[] | null } {
  const when = action.when ? bindConditions(table, action.when, problems) : null;
  const set: BoundAction['set'] = [];
  action.set.forEach((w) => {
    const label = bindWrite(table, w.column, w.path, problems);
    if (label === null) return;
    if (set.some((s) => s.label === label))
      problems.push(configProblem(w.path, `names the column "${label}" again`));
    else set.push({ label, value: w.value });
  });
  return {
    label: action.label,
    when,
    set,
    whenColumns: when ? when.map((c) => c.column) : [],
  };
}

/** See {@link SheetRules.changesShown}. */
function changesShown(shown: string[] | null, watched: string[] | null): string[] | null {
  if (shown === null || watched === null) return shown;
  return shown.concat(watched.filter((label) => shown.indexOf(label) < 0));
}

/** A mention list with its `{{Column}}` columns bound to labels (a problem for each header the sheet lacks). */
export function bindMentions(
  table: Table,
  targets: MentionTargets,
  problems: ConfigProblem[],
): BoundMentions {
  return {
    mentions: targets.mentions,
    columns: targets.columns.map((c) => bindColumn(table, c.column, c.path, problems)),
  };
}

/** No one to ping yet. */
export function noMentions(): RowMentions {
  return { mentions: [], notFound: [], unreadable: null };
}

/**
 * Adds whom a bound mention list pings for the row to `into`: its fixed mentions, and for
 * each `{{Column}}` the directory's mentions of the addresses its cell holds (the directory
 * read on first need). An address the directory does not list is noted in `notFound`, and a
 * directory that cannot be read in `unreadable`.
 */
export function addMentions(
  into: RowMentions,
  targets: BoundMentions,
  row: ConditionRow,
  people: PeopleSource | null,
): void {
  const add = (m: string) => into.mentions.indexOf(m) < 0 && into.mentions.push(m);
  targets.mentions.forEach(add);
  targets.columns.forEach((label) => {
    const addresses = addressesIn(row.valueOf(label));
    if (!addresses.length) return;
    const directory = people ? people.directory() : null;
    if (!directory || !directory.ok) {
      into.unreadable = directory ? directory.error.text : 'no people directory is configured';
      return;
    }
    addresses.forEach((address) => {
      const found = directory.value.mentionsOf(address);
      if (found.length) found.forEach(add);
      else if (!into.notFound.some((n) => n.label === label && n.address === address))
        into.notFound.push({ label, address, directory: directory.value.sheet });
    });
  });
}

/** See {@link BoundDigest.whom}: the fixed mentions, then each row's `{{Column}}` people, once each. */
function digestMentions(
  targets: BoundMentions,
  rows: ConditionRow[],
  people: PeopleSource | null,
): RowMentions {
  const out = noMentions();
  targets.mentions.forEach((m) => out.mentions.indexOf(m) < 0 && out.mentions.push(m));
  const columns = { mentions: [], columns: targets.columns };
  if (columns.columns.length) rows.forEach((row) => addMentions(out, columns, row, people));
  return out;
}

/** Conditions (of a route, a mention, sendWhen) bound to the sheet's labels. */
type Bound<T> = T & { when: Condition[] };

/** Every header the settings name, bound to the sheet's labels, in order (problems recorded). */
function bindAll(settings: SheetSettings, table: Table, problems: ConfigProblem[]) {
  const path = (key: string) => settings.paths[key] || key;
  const routes = settings.routes.map((r): Bound<{ webhook: string }> => ({
    webhook: r.webhook,
    when: bindConditions(table, r.when, problems),
  }));
  const sendWhen = settings.sendWhen ? bindConditions(table, settings.sendWhen, problems) : null;
  const mentions = settings.mentions.map((m): Bound<{ targets: BoundMentions }> => ({
    targets: bindMentions(table, m, problems),
    when: bindConditions(table, m.when, problems),
  }));
  const shown = bindHeaders(table, settings.columns, path('columns'), problems);
  const watched = bindHeaders(table, settings.watchColumns, path('watchColumns'), problems);
  const placeholders: { [name: string]: string } = {};
  bindTemplate(table, settings.title, path('title'), problems, placeholders);
  bindTemplate(table, settings.subtitle, path('subtitle'), problems, placeholders);
  const quiet = settings.quietHours;
  const quietExcept = quiet && quiet.except ? bindConditions(table, quiet.except, problems) : null;
  const digests = settings.digests.map((d) => ({
    ...d,
    when: d.when ? bindConditions(table, d.when, problems) : null,
    webhook: d.webhook || settings.webhook,
    targets: bindMentions(table, d.mention, problems),
  }));
  const reminders = settings.reminders.map((r) => {
    const text = `${r.path}.text`;
    bindTemplate(table, r.text, text, problems, placeholders, REMINDER_PLACEHOLDERS);
    return { ...r, when: bindConditions(table, r.when, problems) };
  });
  // A `{{Column}}` mention of a reminder names a header of the sheet, as in `mentions`.
  const actions = settings.actions.map((a) => bindAction(table, a, problems));
  const reminderTargets = settings.reminders.map((r) => bindMentions(table, r, problems));
  return {
    routes,
    sendWhen,
    mentions,
    shown,
    watched,
    placeholders,
    quietExcept,
    digests,
    reminders,
    reminderTargets,
    actions,
  };
}

/** The labels of the columns routes depend on, once each. */
function routeColumnsOf(routes: Array<{ when: Condition[] }>): string[] {
  const columns: string[] = [];
  routes.forEach((r) =>
    r.when.forEach((c) => columns.indexOf(c.column) < 0 && columns.push(c.column)),
  );
  return columns;
}

/** Whom the mention rules whose conditions hold ping, once each, in the order configured. */
function mentionsFor(
  mentions: Array<Bound<{ targets: BoundMentions }>>,
  row: ConditionRow,
  context: RuleContext,
): RowMentions {
  const out = noMentions();
  mentions.forEach((m) => {
    if (conditionsHold(m.when, row, context.time)) addMentions(out, m.targets, row, context.people);
  });
  return out;
}

/** Every mention the rules may give the row: see SheetRules.mentionsAllowed. */
function mentionsAllowed(
  mentions: Array<Bound<{ targets: BoundMentions }>>,
  row: ConditionRow,
  context: RuleContext,
): string[] {
  const out = noMentions();
  mentions.forEach((m) => {
    if (conditionsMayHold(m.when, row)) addMentions(out, m.targets, row, context.people);
  });
  return out.mentions;
}

/** The sheet's settings bound to its headers, or every problem found; evaluated in `context`. */
export function bindRules(
  settings: SheetSettings,
  table: Table,
  context: RuleContext,
): { rules: SheetRules } | { problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const b = bindAll(settings, table, problems);
  if (problems.length) return { problems };
  return {
    rules: {
      route: (row) => {
        for (const r of b.routes) if (conditionsHold(r.when, row, context.time)) return r.webhook;
        return settings.webhook;
      },
      mayStart: (row) => !b.sendWhen || conditionsHold(b.sendWhen, row, context.time),
      mentions: (row) => mentionsFor(b.mentions, row, context),
      mentionsAllowed: (row) => mentionsAllowed(b.mentions, row, context),
      context,
      shown: b.shown,
      watched: b.watched,
      changesShown: changesShown(b.shown, b.watched),
      routeColumns: routeColumnsOf(b.routes),
      format: settings.format,
      title: settings.title,
      subtitle: settings.subtitle,
      placeholderLabel: (name) => b.placeholders[name] || name,
      webhooks: [settings.webhook].concat(b.routes.map((r) => r.webhook)),
      quietHours: settings.quietHours,
      quietExcept: (row) => !!b.quietExcept && conditionsHold(b.quietExcept, row, context.time),
      digests: b.digests.map((d): BoundDigest => ({
        ...d,
        lists: (row) => !d.when || conditionsHold(d.when, row, context.time),
        whom: (rows) => digestMentions(d.targets, rows, context.people),
      })),
      reminders: boundReminders(b.reminders, context.time, (r) => {
        const targets = b.reminderTargets[b.reminders.indexOf(r)];
        return (row) => {
          const out = noMentions();
          addMentions(out, targets, row, context.people);
          return out;
        };
      }),
      actions: b.actions.map(({ when, ...a }) => ({
        ...a,
        holds: (row: ConditionRow) => !when || conditionsHold(when, row, context.time),
      })),
      actionLinkDays: settings.actionLinkDays,
    },
  };
}

/** A setting left out for a sheet that cannot take it (a form's sheet followed by default). */
export interface UnfitSetting {
  /** Where it was set: `keyColumn`, `routes[1]`, `sendWhen[0]`, `columns`, `title`… */
  path: string;
  /** Why it does not fit: `no column "Team"`. */
  why: string;
  /** What the sheet does instead. */
  instead: string;
}

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

function lacking(table: Table, headers: string[]): string[] {
  const out: string[] = [];
  headers.forEach((h) => !findColumn(table.dataColumns, h) && out.indexOf(h) < 0 && out.push(h));
  return out;
}

function noColumn(missing: string[]): string {
  return `no column ${quoted(missing)}`;
}

/** Rules (routes, mentions) whose every column the table has; each other one left out. */
function fittingRules<R extends { when: Condition[]; path: string }>(
  table: Table,
  rules: R[],
  unfit: UnfitSetting[],
  instead: string,
  more: (rule: R) => string[] = () => [],
): R[] {
  return rules.filter((r) => {
    const missing = lacking(table, r.when.map((c) => c.column).concat(more(r)));
    if (missing.length) unfit.push({ path: r.path, why: noColumn(missing), instead });
    return !missing.length;
  });
}

function fittingSendWhen(
  table: Table,
  sendWhen: Condition[] | null,
  unfit: UnfitSetting[],
): Condition[] | null {
  if (!sendWhen) return null;
  const kept = sendWhen.filter((c) => !lacking(table, [c.column]).length);
  sendWhen
    .filter((c) => kept.indexOf(c) < 0)
    .forEach((c) =>
      unfit.push({
        path: c.path,
        why: noColumn([c.column]),
        instead: kept.length
          ? 'left out, the other sendWhen conditions still apply'
          : 'left out, so every row is posted',
      }),
    );
  return kept.length ? kept : null;
}

function fittingHeaders(
  table: Table,
  headers: string[] | null,
  path: string,
  unfit: UnfitSetting[],
  everyOne: string,
): string[] | null {
  if (!headers) return null;
  const missing = lacking(table, headers);
  if (!missing.length) return headers;
  const kept = headers.filter((h) => missing.indexOf(h) < 0);
  unfit.push({
    path,
    why: noColumn(missing),
    instead: kept.length ? `it keeps only ${quoted(kept)}` : everyOne,
  });
  return kept.length ? kept : null;
}

function fittingTemplate(
  table: Table,
  template: Template | null,
  path: string,
  unfit: UnfitSetting[],
  instead: string,
): Template | null {
  if (!template) return null;
  const missing = lacking(
    table,
    columnPlaceholders(template).filter((name) => name.charAt(0) !== '_'),
  );
  if (!missing.length) return template;
  unfit.push({ path, why: noColumn(missing), instead });
  return null;
}

/** Actions whose every column the table has; each other one left out (its button is not shown). */
function fittingActions(table: Table, actions: Action[], unfit: UnfitSetting[]): Action[] {
  return actions.filter((a) => {
    const named = (a.when || []).map((c) => c.column).concat(a.set.map((w) => w.column));
    const missing = lacking(table, named);
    if (missing.length)
      unfit.push({
        path: a.path,
        why: noColumn(missing),
        instead: 'left out: its button is not shown',
      });
    return !missing.length;
  });
}

/** Quiet hours whose `except` names a column the table lacks keep their times, without `except`. */
function fittingQuietHours(
  table: Table,
  quiet: QuietHours | null,
  unfit: UnfitSetting[],
): QuietHours | null {
  if (!quiet || !quiet.except) return quiet;
  const missing = lacking(
    table,
    quiet.except.map((c) => c.column),
  );
  if (!missing.length) return quiet;
  unfit.push({
    path: `${quiet.path}.except`,
    why: noColumn(missing),
    instead: 'left out, so every row waits for the end of quiet hours',
  });
  return { ...quiet, except: null };
}

/**
 * The settings as far as they fit a table that lacks some of the columns they
 * name: each route or mention on a missing column left out, each sendWhen
 * condition on one left out (the others still gate the row), missing headers
 * left out of `columns` and `watchColumns`, a template naming one replaced by
 * the default, quiet hours' `except` naming one left out (every row then
 * waits); everything else kept. The key column and the header row are
 * the table's already. `unfit` says what was left out.
 */
export function fitSettings(
  settings: SheetSettings,
  table: Table,
): { settings: SheetSettings; unfit: UnfitSetting[] } {
  const unfit: UnfitSetting[] = [];
  const path = (key: string) => settings.paths[key] || key;
  const fitted: SheetSettings = {
    ...settings,
    routes: fittingRules(
      table,
      settings.routes,
      unfit,
      "left out, so rows go by the other routes, else to the sheet's webhook",
    ),
    sendWhen: fittingSendWhen(table, settings.sendWhen, unfit),
    mentions: fittingRules(table, settings.mentions, unfit, 'left out', (m) =>
      m.columns.map((c) => c.column),
    ),
    reminders: fittingRules(table, settings.reminders, unfit, 'left out').map((r) => ({
      ...r,
      text: fittingTemplate(table, r.text, `${r.path}.text`, unfit, 'the default reminder text'),
    })),
    columns: fittingHeaders(
      table,
      settings.columns,
      path('columns'),
      unfit,
      'every non-empty column is shown',
    ),
    watchColumns: fittingHeaders(
      table,
      settings.watchColumns,
      path('watchColumns'),
      unfit,
      'every column is watched',
    ),
    title: fittingTemplate(table, settings.title, path('title'), unfit, 'the default title'),
    subtitle: fittingTemplate(
      table,
      settings.subtitle,
      path('subtitle'),
      unfit,
      'the default subtitle',
    ),
    actions: fittingActions(table, settings.actions, unfit),
    quietHours: fittingQuietHours(table, settings.quietHours, unfit),
    digests: settings.digests.filter(
      (d) => fittingRules(table, [{ when: d.when || [], path: d.path }], unfit, 'left out').length,
    ),
  };
  return { settings: fitted, unfit };
}

/** What a sheet's rules give one row at the rules' moment: see rowRulesView. */
export interface RowRulesView {
  /** The webhook NAME its next message would go to (the first route that holds, else the sheet's). */
  webhook: string;
  /** Whether sendWhen lets it get its first message now. */
  mayStart: boolean;
  /** Whom a new message of the row would ping: `all`, `users/<id>`. */
  mentions: string[];
  /** The plain-text line naming the addresses that would ping no one ('' for none). */
  note: string;
  /** Why the people directory cannot be read, when a mention of the row needs it; else null. */
  unreadable: string | null;
}

/**
 * The routes, sendWhen and mentions of a sheet evaluated for one row, at the moment and
 * with the people directory of the rules' context: what the Settings sidebar can show
 * beside a row's preview. It reads nothing but the row and, when a `{{Column}}` mention
 * needs it, the directory (once per context).
 */
export function rowRulesView(rules: SheetRules, row: ConditionRow): RowRulesView {
  const who = rules.mentions(row);
  return {
    webhook: rules.route(row),
    mayStart: rules.mayStart(row),
    mentions: who.mentions,
    note: notFoundNote(who.notFound),
    unreadable: who.unreadable,
  };
}
