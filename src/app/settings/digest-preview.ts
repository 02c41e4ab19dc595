/**
 * settingsPreviewDigest: a digest of the proposed configuration as it would
 * be posted now, and when it is next due, built by the code that sends it
 * (previewDigest of src/relay/digests.ts). Nothing is written or sent.
 */
import { DIGEST_STATE_PROPERTY, DigestPorts, previewDigest } from '../../relay/digests';
import { NextDigest } from '../../relay/digest-schedule';
import { SpreadsheetTimeZone } from '../../ports';
import { OpenedSheet } from '../followed-sheets';
import { spreadsheetTimeZone } from '../services';
import { safe } from '../wording';
import { openedNamed } from './preview';
import { SettingsServices } from './services';
import { DigestPreviewResult, Failure } from './types';
import { checkConfig, settingsError } from './validate';

/** When a digest is next posted, in words. */
export function nextInWords(next: NextDigest): string {
  return next.now ? 'now: the next run posts it' : `${next.dayInWords} at ${next.at}`;
}

/** What previewing a digest reads: the time zone and the digests' state, never written. */
export function digestPreviewPorts(
  services: SettingsServices,
  timeZone: SpreadsheetTimeZone = spreadsheetTimeZone(services, () => services.spreadsheet()),
): Pick<DigestPorts, 'state'> & { timeZone: SpreadsheetTimeZone } {
  return {
    timeZone,
    state: services.properties().getProperty(DIGEST_STATE_PROPERTY),
  };
}

/** A followed sheet as digests see it (what a run's table hands them). */
export function digestSheetOf(services: SettingsServices, o: OpenedSheet) {
  const spreadsheet = services.spreadsheet();
  const sheetId = o.sheet.getSheetId();
  return {
    table: o.table,
    rules: o.rules,
    identity: { spreadsheetId: spreadsheet.getId(), sheetId },
    place: {
      spreadsheetName: spreadsheet.getName(),
      spreadsheetUrl: spreadsheet.getUrl(),
      sheetId,
    },
    selection: { kind: 'due' },
  };
}

function failure(path: string, message: string): Failure {
  return { ok: false, errors: [settingsError(path, message)] };
}

export function previewDigestSettings(
  services: SettingsServices,
  configJson: unknown,
  sheetName: unknown,
  digestName: unknown,
): DigestPreviewResult {
  const checked = checkConfig(services, configJson);
  if (!checked.ok) return { ok: false, errors: checked.error };
  const o = openedNamed(checked.value.opened, String(sheetName));
  if (!o)
    return failure('', safe(`Sheet "${String(sheetName)}" is not followed: it posts no digest.`));
  const name = String(digestName);
  const shown = previewDigest(
    digestSheetOf(services, o),
    name,
    digestPreviewPorts(services),
    services.clock.now(),
  );
  if (!shown) return failure('', safe(`Sheet "${o.table.name}" has no digest named "${name}".`));
  return {
    ok: true,
    sheet: o.table.name,
    name: safe(name),
    message: shown.message,
    format: o.rules.format,
    matching: shown.matching,
    webhook: shown.webhook,
    next: nextInWords(shown.next),
  };
}
