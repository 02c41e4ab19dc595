/**
 * settingsLoad: everything the sidebar shows, read in one call: the saved
 * configuration (or the defaults), each sheet with the headers of its header
 * row and its first rows, the masked webhooks, and the current user's triggers.
 */
import { REDACTED, isSecretName } from '../../chat/webhook-url';
import { createConfigSource } from '../../config/config';
import { parseJsonProperty } from '../../config/json';
import { CONFIG_PROPERTY } from '../../config/problems';
import { RelaySettings, SCHEDULE_MINUTES, defaultSettings } from '../../config/settings';
import { DEFAULT_WEBHOOK_NAME, defaultSheetSettings } from '../../config/sheet-settings';
import { LEDGER_COLUMNS } from '../../relay/columns';
import { usableWebAppUrl } from '../actions/web-app';
import { followedSheets } from '../followed-sheets';
import { AppSheet } from '../ports';
import { safe } from '../wording';
import { SettingsServices } from './services';
import { opsState } from './ops-state';
import { budgetState, triggerOwners, triggerState } from './triggers';
import { LoadResult, SheetInfo } from './types';
import { checkConfig, fallbacksOf, fromProblems } from './validate';
import { maskedWebhooks } from './webhooks';

/** Rows read for the header-row picker (at least), columns at most, characters per cell. */
const PICKER_ROWS = 10;
const MAX_COLUMNS = 60;
const MAX_CELL = 100;

function cut(text: string): string {
  const t = String(text).trim();
  return t.length > MAX_CELL ? t.slice(0, MAX_CELL - 1) + '…' : t;
}

/** The header row of each sheet as configured, by sheet name (lower case). */
function headerRows(settings: RelaySettings | null): { [sheet: string]: number } {
  const rows: { [sheet: string]: number } = {};
  if (settings && settings.sheets)
    settings.sheets.forEach((e) => (rows[e.sheet.toLowerCase()] = e.settings.headerRow));
  return rows;
}

function sheetInfo(sheet: AppSheet, followed: boolean, headerRow: number): SheetInfo {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  const width = Math.min(lastColumn, MAX_COLUMNS);
  const height = Math.min(lastRow, Math.max(PICKER_ROWS, headerRow));
  const rows =
    width > 0 && height > 0 ? sheet.getRange(1, 1, height, width).getDisplayValues() : [];
  return {
    name: sheet.getName(),
    followed,
    form: sheet.getFormUrl() !== null,
    headerRow,
    headers: (rows[headerRow - 1] || []).map((h) => String(h).trim()),
    rows: rows.map((r) => r.map(cut)),
    lastRow,
    lastColumn,
  };
}

/**
 * A JSON value with every string in it (keys too) redacted: a URL pasted where a NAME belongs
 * keeps no secret; and whatever a key that may name a secret holds (`"token"`, `"webhookUrl"`,
 * `"apiKey"`: a token written by hand) is REDACTED whole.
 */
function redactedJson(value: unknown): unknown {
  if (typeof value === 'string') return safe(value);
  if (Array.isArray(value)) return value.map(redactedJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: { [key: string]: unknown } = {};
  Object.keys(value).forEach((k) => {
    const held = (value as { [key: string]: unknown })[k];
    out[safe(k)] = isSecretName(k) ? REDACTED : redactedJson(held);
  });
  return out;
}

function savedConfig(raw: string | null): Pick<LoadResult, 'config' | 'source' | 'raw'> {
  if (raw === null || raw.trim() === '') return { config: {}, source: 'defaults', raw: null };
  const json = parseJsonProperty(CONFIG_PROPERTY, raw);
  return json.ok
    ? { config: redactedJson(json.value), source: 'property', raw: null }
    : { config: null, source: 'invalid', raw: safe(raw) };
}

const NO_OPS: LoadResult['ops'] = {
  nextDigest: null,
  quiet: [],
  quietConfigured: false,
  people: null,
};

export function loadSettings(services: SettingsServices): LoadResult {
  const source = createConfigSource(services.properties());
  const raw = source.rawSettings();
  const loaded = source.load();
  const settings = loaded.ok ? loaded.value.settings : null;
  const spreadsheet = services.spreadsheet();
  const followed = settings ? followedSheets(spreadsheet, settings) : null;
  const followedIds =
    followed && followed.ok ? followed.value.map((f) => f.sheet.getSheetId()) : [];
  const configured = headerRows(settings);
  const fallbackRow = settings ? settings.defaults.headerRow : 1;
  const sheets = spreadsheet
    .getSheets()
    .map((s) =>
      sheetInfo(
        s,
        followedIds.indexOf(s.getSheetId()) >= 0,
        configured[s.getName().toLowerCase()] || fallbackRow,
      ),
    );
  // What a run would say of the saved configuration now.
  const checked = checkConfig(services, raw === null ? '' : raw);
  const { webhooks, set } = maskedWebhooks(services);
  const defaults = defaultSheetSettings();
  return {
    ok: true,
    ...savedConfig(raw),
    problems: checked.ok ? [] : checked.error,
    fallbacks: checked.ok ? fallbacksOf(checked.value.opened) : [],
    spreadsheet: spreadsheet.getName(),
    sheets,
    webhooks,
    hints: fromProblems(set.hints),
    triggers: triggerState(services),
    budget: budgetState(services),
    owners: triggerOwners(services),
    ops: checked.ok ? opsState(services, checked.value.opened, checked.value.people) : NO_OPS,
    relayHeaders: LEDGER_COLUMNS.map((c) => c.header),
    webApp: usableWebAppUrl(services.webAppUrl()) !== null,
    scheduleOptions: SCHEDULE_MINUTES.slice(),
    defaults: {
      headerRow: defaults.headerRow,
      format: defaults.format,
      webhook: DEFAULT_WEBHOOK_NAME,
      scheduleMinutes: defaultSettings().scheduleMinutes,
    },
    people: checked.ok ? checked.value.people : null,
  };
}
