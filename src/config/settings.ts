/**
 * CHAT_RELAY_CONFIG, version 2: the optional JSON object of relay settings.
 *
 *   {"sheets": [{"sheet": "Tickets", "keyColumn": "ID", "routes": [...]}, {"sheet": "Form Responses 1"}],
 *    "scheduleMinutes": 5, "format": "card"}
 *
 * `sheets` lists the followed sheets (1 to 20). Per-sheet keys at the top
 * level are defaults for every entry. `alertWebhook` names the webhook that
 * hears of the problems an admin must fix (see src/app/health/). The flat form `{"sheet": …, "keyColumn": …}`
 * means one entry. Every problem names its path and the offending value.
 */
import { Result, err, ok } from '../result';
import { parseJsonProperty, isObject } from './json';
import { PEOPLE_KEY, PeopleSettings, noDirectory, parsePeople } from './people';
import {
  CONFIG_PROPERTY,
  ConfigProblem,
  configProblem,
  defaultsScope,
  describeValue,
  didYouMean,
  joinPath,
  ofSheet,
  sheetScope,
  webhookSecretHint,
} from './problems';
import {
  SHEET_KEYS,
  SheetSettings,
  applySheetKey,
  defaultSheetSettings,
  isSheetKey,
  parseWebhookName,
  mentionTargetsOf,
} from './sheet-settings';

export { CONFIG_PROPERTY } from './problems';

export const SCHEDULE_MINUTES = [1, 5, 10, 15, 30] as const;
export type ScheduleMinutes = (typeof SCHEDULE_MINUTES)[number];
export const MAX_SHEETS = 20;

export interface SheetEntry {
  /** The sheet's name. */
  sheet: string;
  settings: SheetSettings;
  /** `sheets[1]`, or `` for the flat form. */
  path: string;
}

export interface RelaySettings {
  /** Period of the time-driven trigger. */
  scheduleMinutes: ScheduleMinutes;
  /** The followed sheets as configured; null: the first sheet and every sheet a form writes to. */
  sheets: SheetEntry[] | null;
  /** The per-sheet keys given at the top level: the settings of every sheet not listed. */
  defaults: SheetSettings;
  /** The webhook NAME that alerts about problems an admin must fix go to; null: no alerts. */
  alertWebhook: string | null;
  /** The people directory `{{Column}}` mentions look addresses up in; null: none. */
  people: PeopleSettings | null;
}

/** The key of CHAT_RELAY_CONFIG that names the alerts' webhook. */
export const ALERT_WEBHOOK_KEY = 'alertWebhook';

const TOP_KEYS = [
  'version',
  'scheduleMinutes',
  ALERT_WEBHOOK_KEY,
  'sheet',
  'sheets',
  PEOPLE_KEY,
  ...SHEET_KEYS,
];
const ENTRY_KEYS = ['sheet', ...SHEET_KEYS];

export function defaultSettings(): RelaySettings {
  return {
    scheduleMinutes: 5,
    sheets: null,
    defaults: defaultSheetSettings(),
    alertWebhook: null,
    people: null,
  };
}

function unknownKey(path: string, key: string, known: string[]): ConfigProblem {
  const secret = webhookSecretHint(key);
  return configProblem(
    joinPath(path, key),
    secret
      ? `is not a known key${secret}`
      : `is not a known key${didYouMean(key, known)} (known keys: ${known.join(', ')})`,
  );
}

function sheetName(value: unknown, path: string, problems: ConfigProblem[]): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.push(configProblem(path, `must be a sheet's name, not ${describeValue(value)}`));
  return null;
}

/** One `sheets` entry: its own keys over the top-level defaults. */
function parseEntry(
  value: unknown,
  path: string,
  defaults: SheetSettings,
  problems: ConfigProblem[],
): SheetEntry | null {
  if (!isObject(value)) {
    problems.push(
      configProblem(
        path,
        `must be an object such as {"sheet": "Tickets"}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const settings: SheetSettings = { ...defaults, paths: { ...defaults.paths } };
  for (const key of Object.keys(value)) {
    if (key === 'sheet') continue;
    if (isSheetKey(key)) applySheetKey(settings, key, value[key], joinPath(path, key), problems);
    else problems.push(unknownKey(path, key, ENTRY_KEYS));
  }
  if (!('sheet' in value)) {
    problems.push(
      configProblem(joinPath(path, 'sheet'), 'is missing: every entry of "sheets" names its sheet'),
    );
    return null;
  }
  const name = sheetName(value.sheet, joinPath(path, 'sheet'), problems);
  return name === null ? null : { sheet: name, settings, path };
}

/** The `sheets` entries, or null; `names` gets each entry's sheet name (null where it has none). */
function parseSheets(
  value: unknown,
  defaults: SheetSettings,
  problems: ConfigProblem[],
  names: Array<string | null>,
): SheetEntry[] | null {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_SHEETS) {
    problems.push(
      configProblem(
        'sheets',
        `must be an array of 1 to ${MAX_SHEETS} sheet entries, not ${describeValue(value)}${Array.isArray(value) ? ` of ${value.length}` : ''}`,
      ),
    );
    return null;
  }
  const entries = value.map((entry, i) =>
    parseEntry(entry, joinPath('sheets', i), defaults, problems),
  );
  value.forEach((entry) =>
    names.push(isObject(entry) && typeof entry.sheet === 'string' ? entry.sheet.trim() : null),
  );
  const seen: { [name: string]: string } = {};
  entries.forEach((entry) => {
    if (!entry) return;
    const name = entry.sheet.toLowerCase();
    if (seen[name]) {
      problems.push(
        configProblem(
          joinPath(entry.path, 'sheet'),
          `names the sheet "${entry.sheet}" again (already in ${seen[name]})`,
        ),
      );
    } else {
      seen[name] = entry.path;
    }
  });
  return entries.every((e) => e !== null) ? (entries as SheetEntry[]) : null;
}

/**
 * Which sheets the keys of CHAT_RELAY_CONFIG belong to: the flat form's one
 * sheet, the `sheets` entries' names (null where an entry names none), or
 * neither (the first sheet and every form's sheet, not known here).
 */
export interface SheetLayout {
  flat: string | null;
  listed: Array<string | null> | null;
}

export function layoutOf(settings: RelaySettings): SheetLayout {
  if (!settings.sheets) return { flat: null, listed: null };
  if (settings.sheets.length === 1 && settings.sheets[0].path === '')
    return { flat: settings.sheets[0].sheet, listed: null };
  return { flat: null, listed: settings.sheets.map((e) => e.sheet) };
}

const ENTRY_PATH = /^sheets\[(\d+)\]/;

/**
 * The sheet(s) the key at `path` belongs to, as a problem names them: an
 * entry's own key, its sheet; a per-sheet key at the top level, the flat
 * form's sheet or, as a default, every sheet it applies to; anything else
 * (scheduleMinutes, the whole value), none.
 */
export function scopeOf(path: string, layout: SheetLayout): string | null {
  const entry = ENTRY_PATH.exec(path);
  if (entry) {
    const name = layout.listed ? layout.listed[Number(entry[1])] : null;
    return name ? sheetScope(name) : null;
  }
  if (!isSheetKey(path.split(/[.[]/)[0])) return null;
  if (layout.flat !== null) return sheetScope(layout.flat);
  if (!layout.listed) return defaultsScope(null);
  const named = layout.listed.filter((n): n is string => n !== null);
  return named.length ? defaultsScope(named) : null;
}

function parseObject(parsed: { [key: string]: unknown }): Result<RelaySettings, ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  const settings = defaultSettings();
  const layout: SheetLayout = { flat: null, listed: null };
  for (const key of Object.keys(parsed)) {
    const value = parsed[key];
    if (isSheetKey(key)) applySheetKey(settings.defaults, key, value, key, problems);
    else if (key === 'scheduleMinutes') {
      if ((SCHEDULE_MINUTES as readonly unknown[]).indexOf(value) >= 0)
        settings.scheduleMinutes = value as ScheduleMinutes;
      else
        problems.push(
          configProblem(
            key,
            `must be one of ${SCHEDULE_MINUTES.join(', ')}, not ${describeValue(value)}`,
          ),
        );
    } else if (key === ALERT_WEBHOOK_KEY) {
      settings.alertWebhook = parseWebhookName(value, key, problems);
    } else if (key === PEOPLE_KEY) {
      settings.people = parsePeople(value, key, problems);
    } else if (key === 'version') {
      if (value !== 2)
        problems.push(configProblem(key, `must be 2 (or left out), not ${describeValue(value)}`));
    } else if (key !== 'sheet' && key !== 'sheets') problems.push(unknownKey('', key, TOP_KEYS));
  }
  if ('sheet' in parsed && 'sheets' in parsed) {
    problems.push(
      configProblem(
        'sheet',
        'cannot stand beside "sheets": name every sheet in "sheets" (keys at the top level are defaults for all of them)',
      ),
    );
  } else if ('sheets' in parsed) {
    layout.listed = [];
    settings.sheets = parseSheets(parsed.sheets, settings.defaults, problems, layout.listed);
  } else if ('sheet' in parsed) {
    const name = sheetName(parsed.sheet, 'sheet', problems);
    if (name !== null) settings.sheets = [{ sheet: name, settings: settings.defaults, path: '' }];
    // A flat form without a usable name: its keys belong to no sheet that can be named.
    if (name === null) layout.listed = [];
    layout.flat = name;
  }
  if (!(PEOPLE_KEY in parsed)) problems.push(...columnMentionsWithoutPeople(settings));
  if (!problems.length) return ok(settings);
  return err(problems.map((p) => ofSheet(p, scopeOf(p.path, layout))));
}

/** Each `{{Column}}` mention, once per place it is set: without `people`, a problem. */
function columnMentionsWithoutPeople(settings: RelaySettings): ConfigProblem[] {
  const seen: { [path: string]: true } = {};
  const problems: ConfigProblem[] = [];
  [settings.defaults].concat((settings.sheets || []).map((e) => e.settings)).forEach((s) =>
    mentionTargetsOf(s).forEach((t) =>
      t.columns.forEach((c) => {
        if (seen[c.path]) return;
        seen[c.path] = true;
        problems.push(noDirectory(c.column, c.path));
      }),
    ),
  );
  return problems;
}

/** Parses the property's raw text; null or blank means all defaults. */
export function parseSettings(raw: string | null): Result<RelaySettings, ConfigProblem[]> {
  if (raw === null || raw.trim() === '') return ok(defaultSettings());
  const json = parseJsonProperty(CONFIG_PROPERTY, raw);
  if (!json.ok) return err([configProblem('', json.error.slice(CONFIG_PROPERTY.length + 1))]);
  if (!isObject(json.value)) {
    return err([configProblem('', `must be a JSON object, not ${describeValue(json.value)}`)]);
  }
  return parseObject(json.value);
}

/** `"alertWebhook": "NAME"` in a text that is not JSON (smart quotes, a missing comma...). */
const ALERT_WEBHOOK_TEXT =
  /["\u201c\u201d]alertWebhook["\u201c\u201d]\s*:\s*["\u201c\u201d]([^"\u201c\u201d]*)["\u201c\u201d]/;

/**
 * The alertWebhook NAME of a configuration that may be invalid, as far as it
 * can be read: so that a run refusing a bad configuration can still say so.
 * From the JSON; from the key's text when the text is not JSON; null when
 * there is none or it is not a valid NAME.
 */
export function readAlertWebhook(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  let value: unknown;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isObject(parsed)) return null;
    value = parsed[ALERT_WEBHOOK_KEY];
  } catch {
    const found = ALERT_WEBHOOK_TEXT.exec(raw);
    value = found ? found[1] : undefined;
  }
  if (value === undefined) return null;
  return parseWebhookName(value, ALERT_WEBHOOK_KEY, []);
}
