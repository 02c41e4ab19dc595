/**
 * From a link's parameters to what it acts on: the link checked (its shape
 * and signature, before anything is read of the spreadsheet), then its sheet
 * (followed, by its permanent ID), its age, its action (still configured)
 * and its row, found by its permanent row ID in one read of the Chat Ledger
 * column, so sorting or inserting rows cannot misdirect it. Reads only.
 */
import { rowIdOf } from '../../relay/ledger-codec';
import { SheetPlace } from '../../relay/message-context';
import { BoundAction } from '../../relay/rules';
import { RowValues, rowReader } from '../../relay/rows';
import { Result, err, ok } from '../../result';
import { PropertyStore } from '../../ports';
import { loadConfigured } from '../configured-sheets';
import { ruleContextOf } from '../rule-context';
import { OpenedSheet, openFollowed } from '../followed-sheets';
import { safe } from '../wording';
import { SignedFacts, linkAge, readLink, signedWith } from './link';
import { readSecret } from './secret';
import { ActionServices } from './services';

/** Why a link acts on nothing, with what the page says. */
export interface Refusal {
  why: 'bad-link' | 'expired' | 'misconfigured' | 'not-followed' | 'no-action' | 'no-row';
  message: string;
}

/** What a valid link acts on, as read now. */
export interface Target {
  facts: SignedFacts;
  opened: OpenedSheet;
  action: BoundAction;
  /** The row's 0-based data position now. */
  position: number;
  row: RowValues;
  /** The row's Chat Ledger cell, as read. */
  ledgerCell: unknown;
  place: SheetPlace;
}

const NOTHING = 'Nothing was written.';

function refusal(why: Refusal['why'], message: string): { ok: false; error: Refusal } {
  return err({ why, message: `${message} ${NOTHING}` });
}

const BAD_LINK =
  'This link is not valid: it was changed, or it was made before its secret was replaced. Use the button of the latest message about the row in Chat, or open the sheet.';

/** The link's facts, if its parameters are well formed and signed with the secret. */
export function verifyLink(
  services: Pick<ActionServices, 'utilities'>,
  properties: PropertyStore,
  parameter: unknown,
): Result<SignedFacts, Refusal> {
  const facts = readLink(parameter);
  const secret = readSecret(properties);
  if (facts === null || secret === null || !signedWith(facts, secret, services.utilities))
    return refusal('bad-link', BAD_LINK);
  return ok(facts);
}

/** The 0-based position of the one row whose Chat Ledger holds `rowId`, or null. */
function findRow(opened: OpenedSheet, rowId: string): { position: number; cell: unknown } | null {
  const table = opened.table;
  const count = table.rows.length;
  if (!count || table.missing.indexOf('ledger') >= 0) return null;
  const cells = table.sheet
    .getRange(table.firstDataRow, table.ledger.ledger + 1, count, 1)
    .getValues();
  let found: { position: number; cell: unknown } | null = null;
  for (let p = 0; p < cells.length; p++) {
    if (rowIdOf(cells[p][0]) !== rowId) continue;
    // Two rows with one ID (a row copied with its Chat cells, not yet sent): neither is certain.
    if (found) return null;
    found = { position: p, cell: cells[p][0] };
  }
  return found;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The followed sheet the link names, opened read-only, if it is followed and the link fresh. */
function openedSheet(
  services: ActionServices,
  properties: PropertyStore,
  facts: SignedFacts,
  now: number,
): Result<OpenedSheet, Refusal> {
  const loaded = loadConfigured(
    properties,
    () => services.spreadsheet(),
    ruleContextOf(services, () => services.spreadsheet()),
    () => services.webAppUrl(),
  );
  const followed = loaded.ok ? loaded.value.followed() : loaded;
  const misconfigured =
    'Chat Relay cannot act on this link now: its configuration has a problem that an admin must fix.';
  if (!followed.ok || !loaded.ok) {
    const problems = followed.ok ? [] : followed.error;
    services.log.log(safe(`Chat Relay web app: ${problems.map((p) => p.text).join('; ')}`));
    return refusal('misconfigured', misconfigured);
  }
  const sheet = followed.value.filter((f) => f.sheet.getSheetId() === facts.sheetId)[0];
  if (!sheet)
    return refusal('not-followed', 'Chat Relay no longer follows the sheet of this link.');
  const days = sheet.settings.actionLinkDays;
  const age = linkAge(facts.issued, now, days);
  if (age === 'future') return refusal('bad-link', BAD_LINK);
  if (age === 'expired')
    return refusal(
      'expired',
      `This link expired on ${isoDay((facts.issued + days * 86400) * 1000)} (links work for ${days} days). Use the button of a newer message about the row, or open the sheet.`,
    );
  const opened = openFollowed([sheet], { append: false, context: loaded.value.context });
  if (!opened.ok) {
    services.log.log(safe(`Chat Relay web app: ${opened.error.map((p) => p.text).join('; ')}`));
    return refusal('misconfigured', misconfigured);
  }
  return ok(opened.value[0]);
}

/** What a verified link acts on now, or why it acts on nothing. Reads only. */
export function locate(
  services: ActionServices,
  properties: PropertyStore,
  facts: SignedFacts,
): Result<Target, Refusal> {
  const opened = openedSheet(services, properties, facts, services.clock.now());
  if (!opened.ok) return opened;
  const o = opened.value;
  const action = o.rules.actions.filter((a) => a.label === facts.action)[0];
  if (!action)
    return refusal(
      'no-action',
      `The action \u201c${facts.action}\u201d is no longer configured for sheet \u201c${o.table.name}\u201d.`,
    );
  const found = findRow(o, facts.rowId);
  const reader = rowReader(o.table);
  if (!found || reader.isBlank(o.table.rows[found.position]))
    return refusal(
      'no-row',
      'The row of this link cannot be found: it was deleted, or its hidden Chat columns were cleared.',
    );
  const spreadsheet = services.spreadsheet();
  const place = {
    spreadsheetName: spreadsheet.getName(),
    spreadsheetUrl: spreadsheet.getUrl(),
    sheetId: facts.sheetId,
  };
  return ok({
    facts,
    opened: o,
    action,
    position: found.position,
    row: reader.values(found.position),
    ledgerCell: found.cell,
    place,
  });
}
