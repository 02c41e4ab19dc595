/**
 * settingsPreview: for one row (by default the row under the cursor), the
 * message the relay would post with the proposed configuration, built by the
 * code that sends (src/relay/preview.ts), rendered by the sidebar as Chat
 * shows it. Nothing is written or sent.
 */
import { Configuration } from '../../config/config';
import { tableComposer } from '../../relay/message-context';
import { PreviewContext, RowPreview, previewRow } from '../../relay/preview';
import { previewActionLinks } from '../actions/web-app';
import { OpenedSheet } from '../followed-sheets';
import { describeWebhook, resolver } from '../relay-under-lock';
import { safe } from '../wording';
import { SettingsServices } from './services';
import { PreviewResult, RowPreviewResult } from './types';
import { Checked, checkConfig, fallbacksOf } from './validate';

const REASONS: { [reason: string]: string } = {
  new: 'A new row: the next run posts this message, in the thread of its key.',
  changed: 'The row changed since it was sent: the next run posts this reply in its thread.',
  pending: 'PENDING: the next run sends this message (again, with the same requestId).',
  'retry-failed': 'The row FAILED earlier and changed since: the next run tries this message.',
  rebuild: 'The next run rebuilds this row’s hidden Chat columns and posts this message.',
};

const NONE: { [why: string]: string } = {
  header: 'This is the header row (or above it): only the rows below it are relayed.',
  blank: 'This row is blank: blank rows are never posted.',
  waiting:
    'This row waits for its sendWhen condition: nothing is posted until the condition holds.',
  failed: 'A run would mark this row FAILED without posting it',
  quiet: 'No watched column changed: a run records the row as up to date without a message.',
  rebuilt: 'A run rebuilds this row’s hidden Chat columns, without a message.',
  repaired:
    'A stopped run had not finished recording this row’s delivery: the next run records it as SENT, without a message.',
  held: 'A run keeps this row PENDING without posting it',
  waitsForPeople:
    'A run keeps this row PENDING without posting it: its message pings someone from the people directory',
  marked: 'A run records this row as sent without a message.',
};

function noteOf(preview: RowPreview, where: string): string {
  if (preview.kind === 'none') {
    const why = NONE[preview.why];
    return safe(preview.detail ? `${why}: ${preview.detail}` : why);
  }
  const extra = preview.more ? ' It also leaves a note in the thread the row moves out of.' : '';
  if (preview.upToDate) {
    return `Up to date: a run posts nothing for this row. This is what Send selected rows would post, to ${where}.${extra}`;
  }
  return `${REASONS[preview.reason] || 'The next run posts this message.'} It goes to ${where}.${extra}`;
}

/** The followed sheet of that name (exactly, else ignoring case), or null. */
export function openedNamed(opened: OpenedSheet[], name: string): OpenedSheet | null {
  return (
    opened.filter((o) => o.table.name === name)[0] ||
    opened.filter((o) => o.table.name.toLowerCase() === name.toLowerCase())[0] ||
    null
  );
}

/** The sheet and row to preview: the ones given, else the active cell's. */
export function target(
  services: SettingsServices,
  sheetName: unknown,
  rowNumber: unknown,
): { sheet: string; row: number } | null {
  if (typeof sheetName === 'string' && sheetName !== '')
    return {
      sheet: sheetName,
      row: typeof rowNumber === 'number' && isFinite(rowNumber) ? Math.floor(rowNumber) : 0,
    };
  const range = services.activeRange();
  if (!range) return null;
  return { sheet: range.getSheet().getName(), row: range.getRow() };
}

function nothing(sheet: string, row: number, note: string): RowPreviewResult {
  return { ok: true, sheet, row, message: null, format: 'card', webhook: '', space: '', note };
}

/** What the preview of a row (or its reminders) reads: the sheet's table and rules, as a run binds them. */
export function previewContextOf(
  services: SettingsServices,
  configuration: Configuration,
  o: OpenedSheet,
): PreviewContext {
  const spreadsheet = services.spreadsheet();
  const sheetId = o.sheet.getSheetId();
  const place = {
    spreadsheetName: spreadsheet.getName(),
    spreadsheetUrl: spreadsheet.getUrl(),
    sheetId,
  };
  return {
    table: o.table,
    rules: o.rules,
    identity: { spreadsheetId: spreadsheet.getId(), sheetId },
    // The actions' buttons as a run would sign them (with the secret, once there is one).
    composer: tableComposer(
      o.table,
      o.rules,
      place,
      previewActionLinks(services, services.properties())(() => sheetId),
    ),
    // The run's own view of each webhook NAME: usable, or why not.
    webhook: resolver(configuration),
    describeWebhook,
    random: () => services.random(),
    now: () => services.clock.now(),
  };
}

function previewOf(
  services: SettingsServices,
  configuration: Configuration,
  o: OpenedSheet,
  row: number,
): RowPreviewResult {
  const preview = previewRow(
    previewContextOf(services, configuration, o),
    row - o.table.firstDataRow,
  );
  const name = o.table.name;
  if (preview.kind === 'none') return nothing(name, row, noteOf(preview, ''));
  const found = configuration.webhook(preview.webhook);
  const space = found.ok ? `space ${found.hook.webhook.space}` : describeWebhook(preview.webhook);
  return {
    ok: true,
    sheet: name,
    row,
    message: preview.message,
    format: o.rules.format,
    webhook: preview.webhook,
    space,
    note: noteOf(preview, `${describeWebhook(preview.webhook)} (${space})`),
  };
}

export function previewSettings(
  services: SettingsServices,
  configJson: unknown,
  sheetName: unknown,
  rowNumber: unknown,
): PreviewResult {
  const checked = checkConfig(services, configJson);
  if (!checked.ok) return { ok: false, errors: checked.error };
  const fallbacks = fallbacksOf(checked.value.opened);
  return { ...previewTarget(services, checked.value, sheetName, rowNumber), fallbacks };
}

function previewTarget(
  services: SettingsServices,
  checked: Checked,
  sheetName: unknown,
  rowNumber: unknown,
): RowPreviewResult {
  const where = target(services, sheetName, rowNumber);
  if (!where) return nothing('', 0, 'Select a cell in a followed sheet to preview its row.');
  const o = openedNamed(checked.opened, where.sheet);
  if (!o) {
    const followed = checked.opened.map((f) => `"${f.table.name}"`).join(', ');
    return nothing(
      where.sheet,
      where.row,
      `Sheet "${where.sheet}" is not followed (followed: ${followed}): its rows are never posted.`,
    );
  }
  return previewOf(services, checked.configuration, o, where.row);
}
