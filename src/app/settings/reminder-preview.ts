/**
 * settingsPreviewReminders: which reminders one row (by default the row
 * under the cursor) would get next with the proposed configuration, and
 * when, from the run's own rules (previewReminders of
 * src/relay/reminder-preview.ts). Nothing is written or sent.
 */
import { ReminderPreview, previewReminders } from '../../relay/reminder-preview';
import { spreadsheetTimeZone } from '../services';
import { safe } from '../wording';
import { openedNamed, previewContextOf, target } from './preview';
import { SettingsServices } from './services';
import { ReminderPreviewLine, RemindersPreviewResult } from './types';
import { checkConfig } from './validate';

const WHY: { [why in ReminderPreview['why']]: string } = {
  'no-thread': 'The row has no Chat thread yet: reminders are replies in it.',
  'not-sent': 'The row is not SENT: it gets no reminder until it is.',
  'not-holding': 'Its condition does not hold for this row now.',
  done: 'Its reminder went out: none again while the condition holds (no `every`).',
  held: 'Held by quiet hours: the first run after',
  scheduled: 'The first run at or after',
};

const WALL_PATTERN = 'yyyy-MM-dd HH:mm';

function lineOf(p: ReminderPreview, atText: string): ReminderPreviewLine {
  const note =
    p.why === 'held' || p.why === 'scheduled' ? `${WHY[p.why]} ${atText} posts it.` : WHY[p.why];
  return { path: p.path, holds: p.holds, at: atText, note, message: p.message };
}

export function previewRemindersSettings(
  services: SettingsServices,
  configJson: unknown,
  sheetName: unknown,
  rowNumber: unknown,
): RemindersPreviewResult {
  const checked = checkConfig(services, configJson);
  if (!checked.ok) return { ok: false, errors: checked.error };
  const where = target(services, sheetName, rowNumber);
  const none = (sheet: string, row: number, note: string): RemindersPreviewResult => {
    return { ok: true, sheet, row, format: 'card', reminders: [], note: safe(note) };
  };
  if (!where) return none('', 0, 'Select a cell in a followed sheet to preview its reminders.');
  const o = openedNamed(checked.value.opened, where.sheet);
  if (!o) return none(where.sheet, where.row, `Sheet "${where.sheet}" is not followed.`);
  const position = where.row - o.table.firstDataRow;
  const found =
    position >= 0
      ? previewReminders(previewContextOf(services, checked.value.configuration, o), position)
      : [];
  const zone = spreadsheetTimeZone(services, () => services.spreadsheet());
  const atText = (at: number | null) =>
    at === null ? '' : zone.format(Math.max(at, services.clock.now()), WALL_PATTERN);
  const reminders = found.map((p) => lineOf(p, atText(p.at)));
  const note = reminders.length
    ? ''
    : o.rules.reminders.length
      ? `Row ${where.row} is not a data row of "${o.table.name}".`
      : `Sheet "${o.table.name}" has no reminders.`;
  return {
    ok: true,
    sheet: o.table.name,
    row: where.row,
    format: o.rules.format,
    reminders,
    note: safe(note),
  };
}
