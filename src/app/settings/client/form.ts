/**
 * The configuration (CHAT_RELAY_CONFIG as JSON) as the sidebar's form holds
 * it, and back. Per-sheet keys at the top level are copied into each sheet's
 * entry; keys the form does not know are kept as they are.
 */
import { isSheetKey } from '../../../config/sheet-settings';
import { ActionForm, actionsEditable, actionsFrom, actionsJson } from './actions-form';
import { clone, isObject } from './json';
import {
  CondForm,
  JsonObject,
  condsFrom,
  condsJson,
  listOf,
  mentionJson,
  mentionText,
  newCondition,
  OPERATOR_CHOICES,
} from './cond-form';

import { DigestForm, digestsFrom, digestsJson } from './digests-panel';
import { PeopleForm, peopleFrom, peopleJson } from './people-form';
import { QuietForm, quietFrom, quietJson } from './quiet-hours-panel';
import { ReminderForm, remindersFrom, remindersJson } from './reminders-panel';

export type { CondForm } from './cond-form';
export { OPERATOR_CHOICES, listOf, newCondition };

export interface RouteForm {
  when: CondForm[];
  webhook: string;
}

export interface MentionForm {
  when: CondForm[];
  /** Comma-separated: `all, users/123`. */
  mention: string;
}

/**
 * One sheet's settings (or, following the sheets by default, every followed sheet's). The
 * per-sheet keys the form edits as text hold their JSON value until edited; `extra` keeps
 * keys the form does not know, so they survive a round trip.
 */
export interface EntryForm {
  sheet?: string;
  headerRow?: unknown;
  keyColumn?: unknown;
  webhook?: unknown;
  format?: unknown;
  title?: unknown;
  subtitle?: unknown;
  columns: string[];
  watchColumns: string[];
  sendWhen: CondForm[];
  routes: RouteForm[];
  mentions: MentionForm[];
  /** `actions` when the form can show it (otherwise it stays in `extra`, as typed). */
  actions?: ActionForm[];
  actionLinkDays?: unknown;
  /** None or one (a list, so that the list buttons set and remove them). */
  quietHours: QuietForm[];
  digests: DigestForm[];
  reminders: ReminderForm[];
  extra: { [key: string]: unknown };
}

/** The configuration as the form holds it. */
export interface FormState {
  /** Follow the first sheet and every form's sheet (no `sheets` list): one entry, for all. */
  auto: boolean;
  entries: EntryForm[];
  /** Top-level keys that are not per-sheet (kept as they are). */
  top: { [key: string]: unknown };
  /** As in the JSON (a number, unless typed otherwise by hand). */
  scheduleMinutes: unknown;
  /** The people directory (top level): none or one. */
  people: PeopleForm[];
}

function routesFrom(value: unknown): RouteForm[] {
  return (Array.isArray(value) ? value : []).map((r: unknown) => {
    const route = isObject(r) ? r : {};
    return {
      when: condsFrom(route.when),
      webhook: typeof route.webhook === 'string' ? route.webhook : 'default',
    };
  });
}

function mentionsFrom(value: unknown): MentionForm[] {
  return (Array.isArray(value) ? value : []).map((m: unknown) => {
    const rule = isObject(m) ? m : {};
    return { when: condsFrom(rule.when), mention: mentionText(rule.mention) };
  });
}

/** The per-sheet keys the form edits as text (textKeysJson writes them back). */
const TEXT_KEYS = ['keyColumn', 'headerRow', 'webhook', 'format', 'title', 'subtitle'];

/** One sheet's entry from its JSON object (with the top-level per-sheet keys already in it). */
export function entryFrom(obj: JsonObject): EntryForm {
  const e: EntryForm = {
    extra: {},
    sendWhen: [],
    routes: [],
    mentions: [],
    quietHours: [],
    digests: [],
    reminders: [],
    columns: [],
    watchColumns: [],
  };
  Object.keys(obj).forEach((k) => {
    const v = obj[k];
    if (k === 'sheet') e.sheet = String(v);
    else if (k === 'sendWhen') e.sendWhen = condsFrom(v);
    else if (k === 'routes') e.routes = routesFrom(v);
    else if (k === 'mentions') e.mentions = mentionsFrom(v);
    else if (k === 'actions' && actionsEditable(v)) e.actions = actionsFrom(v as unknown[]);
    else if (k === 'actionLinkDays') e.actionLinkDays = v;
    else if (k === 'digests' && Array.isArray(v)) e.digests = digestsFrom(v);
    else if (k === 'reminders' && Array.isArray(v)) e.reminders = remindersFrom(v);
    else if (k === 'quietHours' && isObject(v)) e.quietHours = quietFrom(v);
    // A value of another shape is kept as it is, for the check to name.
    else if (k === 'digests' || k === 'reminders' || k === 'quietHours') e.extra[k] = v;
    else if (k === 'columns' || k === 'watchColumns') e[k] = Array.isArray(v) ? v.map(String) : [];
    // keyColumn, headerRow, webhook, format, title, subtitle: kept as the JSON holds them.
    else if (TEXT_KEYS.indexOf(k) >= 0) (e as unknown as JsonObject)[k] = v;
    // Any other key (per-sheet keys the form does not edit, or unknown ones) as it is.
    else e.extra[k] = v;
  });
  return e;
}

/** The form's state from the JSON object: per-sheet keys at the top are copied into each entry. */
export function formFrom(value: unknown, defaultMinutes: number): FormState {
  const config = isObject(value) ? value : {};
  const defaults: JsonObject = {};
  const top: JsonObject = {};
  Object.keys(config).forEach((k) => {
    if (isSheetKey(k)) defaults[k] = config[k];
    else if (k === 'people' && isObject(config[k])) return;
    else if (k !== 'sheets' && k !== 'sheet' && k !== 'scheduleMinutes') top[k] = config[k];
  });
  const people = peopleFrom(config.people);
  const scheduleMinutes =
    config.scheduleMinutes === undefined ? defaultMinutes : config.scheduleMinutes;
  if (Array.isArray(config.sheets)) {
    const entries = config.sheets.map((s: unknown) =>
      entryFrom(Object.assign({}, clone(defaults), isObject(s) ? s : {})),
    );
    return { auto: false, entries, top, scheduleMinutes, people };
  }
  if ('sheet' in config) {
    const entries = [entryFrom(Object.assign(clone(defaults), { sheet: config.sheet }))];
    return { auto: false, entries, top, scheduleMinutes, people };
  }
  return { auto: true, entries: [entryFrom(defaults)], top, scheduleMinutes, people };
}

/** The keys that are text in the form, as the JSON holds them when set (defaults left out). */
function textKeysJson(e: EntryForm, o: JsonObject): void {
  const row = Number(e.headerRow);
  if (e.headerRow !== undefined && e.headerRow !== '' && row !== 1) {
    o.headerRow = isNaN(row) ? e.headerRow : row;
  }
  if (e.keyColumn) o.keyColumn = e.keyColumn;
  if (e.webhook && e.webhook !== 'default') o.webhook = e.webhook;
  if (e.format && e.format !== 'card') o.format = e.format;
  if (typeof e.title === 'string' && e.title !== '') o.title = e.title;
  if (typeof e.subtitle === 'string' && e.subtitle !== '') o.subtitle = e.subtitle;
}

/** One entry as its JSON object; `withSheet` for an entry of `sheets`. */
export function entryJson(e: EntryForm, withSheet: boolean): JsonObject {
  const o: JsonObject = {};
  if (withSheet) o.sheet = e.sheet || '';
  textKeysJson(e, o);
  if (e.columns.length) o.columns = e.columns.slice();
  if (e.watchColumns.length) o.watchColumns = e.watchColumns.slice();
  if (e.sendWhen.length) o.sendWhen = condsJson(e.sendWhen);
  if (e.mentions.length) {
    o.mentions = e.mentions.map((m) => ({
      when: condsJson(m.when),
      mention: mentionJson(m.mention),
    }));
  }
  if (e.routes.length) {
    o.routes = e.routes.map((r) => ({ when: condsJson(r.when), webhook: r.webhook }));
  }
  actionsJson(e, o);
  const quiet = quietJson(e.quietHours);
  if (quiet) o.quietHours = quiet;
  if (e.digests.length) o.digests = digestsJson(e.digests);
  if (e.reminders.length) o.reminders = remindersJson(e.reminders);
  return Object.assign(o, e.extra);
}

/** The configuration the form holds, as the JSON object Save stores. */
export function configObject(form: FormState): JsonObject {
  const out: JsonObject = { scheduleMinutes: Number(form.scheduleMinutes) };
  Object.assign(out, form.top);
  const people = peopleJson(form.people);
  if (people) out.people = people;
  if (form.auto) Object.assign(out, entryJson(form.entries[0] || entryFrom({}), false));
  else out.sheets = form.entries.map((e) => entryJson(e, true));
  return out;
}
