/**
 * The per-sheet keys of CHAT_RELAY_CONFIG. Each may stand at the top level
 * (a default for every followed sheet) or in a `sheets` entry. Their values
 * are checked here; the headers they name are checked against the sheet
 * when it is opened.
 */
import { looksLikeUrl } from '../chat/webhook-url';
import { Action, DEFAULT_ACTION_LINK_DAYS, parseActionLinkDays, parseActions } from './actions';
import { Condition, conditionsNeedTypedValues, parseConditions } from './conditions';
import {
  ConfigProblem,
  configProblem,
  describeValue,
  joinPath,
  webhookSecretHint,
} from './problems';
import { QuietHours, parseQuietHours } from './quiet-hours';
import { Digest, parseDigests } from './digests';
import { ReminderRule, parseReminders } from './reminders';
import { Template, parseTemplate } from './template';
import { isObject } from './json';

export const MESSAGE_FORMATS = ['card', 'text'] as const;
export type MessageFormat = (typeof MESSAGE_FORMATS)[number];

/** The name of the default webhook, CHAT_WEBHOOK_URL, where a NAME is expected. */
export const DEFAULT_WEBHOOK_NAME = 'default';
const WEBHOOK_NAME = /^[A-Z0-9_]+$/;
/** The Script Property of a named webhook is this prefix and its NAME. */
export const NAMED_WEBHOOK_PREFIX = 'CHAT_WEBHOOK_URL_';

export interface Route {
  when: Condition[];
  /** A webhook NAME (CHAT_WEBHOOK_URL_<NAME>), or "default". */
  webhook: string;
  path: string;
}

/** A `{{Column}}` mention: the header of a column of e-mail addresses, looked up in `people`. */
export interface MentionColumn {
  column: string;
  /** Where it was set: `mentions[0].mention`, `mentions[0].mention[1]`. */
  path: string;
}

/**
 * Whom a `mention` pings: fixed mentions, and columns whose cells name people by e-mail
 * address (resolved through the people directory; see relay/people.ts). Parsed by
 * parseMentionTargets, wherever a rule takes a `mention`.
 */
export interface MentionTargets {
  /** "all" or "users/<numeric id>", each as Chat writes it between < and >. */
  mentions: string[];
  /** The `{{Column}}` entries. */
  columns: MentionColumn[];
}

export interface MentionRule extends MentionTargets {
  when: Condition[];
  path: string;
}

export interface SheetSettings {
  /** The header of the row-key column; null: the first column. */
  keyColumn: string | null;
  /** 1-based row that holds the headers. */
  headerRow: number;
  /** The webhook NAME the sheet posts to; "default" is CHAT_WEBHOOK_URL. */
  webhook: string;
  routes: Route[];
  format: MessageFormat;
  title: Template | null;
  subtitle: Template | null;
  /** Headers shown in a message, in that order; null: every non-empty data column. */
  columns: string[] | null;
  /** Only changes in these columns post an update; null: every data column. */
  watchColumns: string[] | null;
  /** Gates a row's first message; null: every row is posted. */
  sendWhen: Condition[] | null;
  mentions: MentionRule[];
  /** Buttons that write into the row once a person confirms (config/actions.ts). */
  actions: Action[];
  /** How many days an action's link works. */
  actionLinkDays: number;
  /** When the sheet's messages wait (config/quiet-hours.ts); null: never. */
  quietHours: QuietHours | null;
  /** Messages listing the sheet's matching rows once a day (config/digests.ts). */
  digests: Digest[];
  /** Replies in a row's thread while a condition holds (see config/reminders.ts). */
  reminders: ReminderRule[];
  /** Where each key was set (`sheets[1].keyColumn` or `keyColumn`), for error messages. */
  paths: { [key: string]: string };
}

export const SHEET_KEYS = [
  'keyColumn',
  'headerRow',
  'webhook',
  'routes',
  'format',
  'title',
  'subtitle',
  'columns',
  'watchColumns',
  'sendWhen',
  'mentions',
  'actions',
  'actionLinkDays',
  'quietHours',
  'digests',
  'reminders',
] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

export function defaultSheetSettings(): SheetSettings {
  return {
    keyColumn: null,
    headerRow: 1,
    webhook: DEFAULT_WEBHOOK_NAME,
    routes: [],
    format: 'card',
    title: null,
    subtitle: null,
    columns: null,
    watchColumns: null,
    sendWhen: null,
    mentions: [],
    actions: [],
    actionLinkDays: DEFAULT_ACTION_LINK_DAYS,
    quietHours: null,
    digests: [],
    reminders: [],
    paths: {},
  };
}

function nonEmptyString(value: unknown, path: string, problems: ConfigProblem[]): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.push(configProblem(path, `must be a non-empty string, not ${describeValue(value)}`));
  return null;
}

/** A webhook NAME: upper case, as in CHAT_WEBHOOK_URL_<NAME>, or "default". */
export function parseWebhookName(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): string | null {
  if (typeof value === 'string' && looksLikeUrl(value)) {
    // Never quoted nor upper-cased into a suggestion: the key and token would survive redaction.
    problems.push(
      configProblem(
        path,
        `is a URL, where a webhook NAME belongs: put the URL under Webhooks in the Settings sidebar (or in a Script Property ${NAMED_WEBHOOK_PREFIX}<NAME>), and write its NAME here (say "INFRA"; "default" for CHAT_WEBHOOK_URL)`,
      ),
    );
    return null;
  }
  const name = nonEmptyString(value, path, problems);
  if (name === null) return null;
  if (name.toLowerCase() === DEFAULT_WEBHOOK_NAME) return DEFAULT_WEBHOOK_NAME;
  if (
    name.toUpperCase().indexOf(NAMED_WEBHOOK_PREFIX) === 0 ||
    name.toUpperCase() === 'CHAT_WEBHOOK_URL'
  ) {
    const bare = name.slice(NAMED_WEBHOOK_PREFIX.length) || DEFAULT_WEBHOOK_NAME;
    problems.push(
      configProblem(
        path,
        `names the property "${name}": write the webhook NAME only, the part after ${NAMED_WEBHOOK_PREFIX} ("${bare}")`,
      ),
    );
    return null;
  }
  if (WEBHOOK_NAME.test(name)) return name;
  const upper = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  problems.push(
    configProblem(
      path,
      `must be a webhook NAME of A-Z, 0-9 and _ (the part after CHAT_WEBHOOK_URL_), not "${name}" (did you mean "${upper}"?)`,
    ),
  );
  return null;
}

function headerList(value: unknown, path: string, problems: ConfigProblem[]): string[] | null {
  if (
    Array.isArray(value) &&
    value.length &&
    value.every((v) => typeof v === 'string' && v.trim() !== '')
  ) {
    return (value as string[]).map((v) => v.trim());
  }
  problems.push(
    configProblem(path, `must be a non-empty array of column headers, not ${describeValue(value)}`),
  );
  return null;
}

function parseRoutes(value: unknown, path: string, problems: ConfigProblem[]): Route[] | null {
  if (!Array.isArray(value)) {
    problems.push(
      configProblem(
        path,
        `must be an array of {"when": …, "webhook": NAME}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  const routes = value.map((route, i) => {
    const at = joinPath(path, i);
    if (!isObject(route) || !('when' in route) || !('webhook' in route)) {
      problems.push(
        configProblem(
          at,
          `must be {"when": condition, "webhook": NAME}, not ${describeValue(route)}`,
        ),
      );
      return null;
    }
    extraKeys(route, ['when', 'webhook'], at, problems);
    const when = parseConditions(route.when, joinPath(at, 'when'), problems);
    const webhook = parseWebhookName(route.webhook, joinPath(at, 'webhook'), problems);
    return when && webhook ? { when, webhook, path: at } : null;
  });
  return problems.length > before ? null : (routes as Route[]);
}

const MENTION = /^(all|users\/\d+)$/;
const COLUMN_MENTION = /^\{\{\s*([^{}]*?)\s*\}\}$/;

/**
 * A `mention` (of `mentions`, and of every rule that pings someone): "all",
 * "users/<numeric id>", "{{Column}}" (a column of e-mail addresses, looked up in
 * `people`), or an array of them.
 */
export function parseMentionTargets(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): MentionTargets | null {
  const list = Array.isArray(value) ? value : [value];
  const targets: MentionTargets = { mentions: [], columns: [] };
  const bad = list.filter((m, i) => {
    if (typeof m !== 'string') return true;
    const trimmed = m.trim();
    const column = COLUMN_MENTION.exec(trimmed);
    if (column && column[1] !== '') {
      const at = Array.isArray(value) ? joinPath(path, i) : path;
      targets.columns.push({ column: column[1], path: at });
    } else if (MENTION.test(trimmed)) targets.mentions.push(trimmed);
    else return true;
    return false;
  });
  if (!list.length || bad.length) {
    problems.push(
      configProblem(
        path,
        `must be "all", "users/<numeric id>", "{{Column}}" (a column of e-mail addresses, looked up in "people") or an array of them, not ${describeValue(bad.length ? bad[0] : value)}`,
      ),
    );
    return null;
  }
  return targets;
}

function parseMentions(
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): MentionRule[] | null {
  if (!Array.isArray(value)) {
    problems.push(
      configProblem(
        path,
        `must be an array of {"when": …, "mention": …}, not ${describeValue(value)}`,
      ),
    );
    return null;
  }
  const before = problems.length;
  const rules = value.map((rule, i) => {
    const at = joinPath(path, i);
    if (!isObject(rule) || !('when' in rule) || !('mention' in rule)) {
      problems.push(
        configProblem(
          at,
          `must be {"when": condition, "mention": "all" | "users/<id>" | "{{Column}}"}, not ${describeValue(rule)}`,
        ),
      );
      return null;
    }
    extraKeys(rule, ['when', 'mention'], at, problems);
    const when = parseConditions(rule.when, joinPath(at, 'when'), problems);
    const targets = parseMentionTargets(rule.mention, joinPath(at, 'mention'), problems);
    return when && targets ? { when, ...targets, path: at } : null;
  });
  return problems.length > before ? null : (rules as MentionRule[]);
}

function extraKeys(
  value: { [key: string]: unknown },
  known: string[],
  path: string,
  problems: ConfigProblem[],
): void {
  Object.keys(value)
    .filter((k) => known.indexOf(k) < 0)
    .forEach((k) =>
      problems.push(
        configProblem(
          path,
          `has an unknown key "${k}"${webhookSecretHint(k) || ` (known keys: ${known.join(', ')})`}`,
        ),
      ),
    );
}

type Parser = (value: unknown, path: string, problems: ConfigProblem[]) => unknown;

const PARSERS: { [K in SheetKey]: Parser } = {
  keyColumn: nonEmptyString,
  headerRow: (value, path, problems) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
    problems.push(
      configProblem(path, `must be a whole number of 1 or more, not ${describeValue(value)}`),
    );
    return null;
  },
  webhook: parseWebhookName,
  routes: parseRoutes,
  format: (value, path, problems) => {
    if ((MESSAGE_FORMATS as readonly unknown[]).indexOf(value) >= 0) return value;
    problems.push(configProblem(path, `must be "card" or "text", not ${describeValue(value)}`));
    return null;
  },
  title: (value, path, problems) => parseTemplate(value, path, problems),
  subtitle: (value, path, problems) => parseTemplate(value, path, problems),
  columns: headerList,
  watchColumns: headerList,
  sendWhen: parseConditions,
  mentions: parseMentions,
  actions: parseActions,
  actionLinkDays: parseActionLinkDays,
  quietHours: parseQuietHours,
  digests: (value, path, problems) =>
    parseDigests(value, path, problems, {
      webhook: parseWebhookName,
      mention: parseMentionTargets,
    }),
  reminders: (value, path, problems) =>
    parseReminders(value, path, problems, { mention: parseMentionTargets, extraKeys }),
};

/**
 * Every condition of a sheet's settings, wherever a rule takes one. A key that adds
 * conditions adds them here, so that the sheet reads its typed values when they need
 * them (needsTypedValues).
 */
export function conditionsOf(settings: SheetSettings): Condition[] {
  const out: Condition[] = [];
  settings.routes.forEach((r) => out.push(...r.when));
  if (settings.sendWhen) out.push(...settings.sendWhen);
  settings.mentions.forEach((m) => out.push(...m.when));
  if (settings.quietHours && settings.quietHours.except) out.push(...settings.quietHours.except);
  settings.digests.forEach((d) => d.when && out.push(...d.when));
  settings.reminders.forEach((r) => out.push(...r.when));
  settings.actions.forEach((a) => out.push(...(a.when || [])));
  return out;
}

/**
 * Every mention list of a sheet's settings, wherever a rule takes one. A key that adds
 * mentions adds them here, so that `{{Column}}` mentions are checked against `people`.
 */
export function mentionTargetsOf(settings: SheetSettings): MentionTargets[] {
  const out: MentionTargets[] = settings.mentions.slice();
  settings.reminders.forEach((r) => out.push(r));
  settings.digests.forEach((d) => out.push(d.mention));
  return out;
}

/** Whether the sheet's rules compare dates or numbers, so that its typed values are read. */
export function needsTypedValues(settings: SheetSettings): boolean {
  return conditionsNeedTypedValues(conditionsOf(settings));
}

export function isSheetKey(key: string): key is SheetKey {
  return (SHEET_KEYS as readonly string[]).indexOf(key) >= 0;
}

/** Reads one per-sheet key into `settings` (recording where it was set). */
export function applySheetKey(
  settings: SheetSettings,
  key: SheetKey,
  value: unknown,
  path: string,
  problems: ConfigProblem[],
): void {
  const before = problems.length;
  const parsed = PARSERS[key](value, path, problems);
  if (problems.length > before || parsed === null) return;
  (settings as unknown as { [key: string]: unknown })[key] = parsed;
  settings.paths[key] = path;
}
