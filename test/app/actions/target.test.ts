/**
 * From a link's parameters to what it acts on (src/app/actions/target.ts):
 * the signature checked before anything is read, then the followed sheet by
 * its ID, the link's age, the action still configured, and the row found by
 * its permanent row ID wherever it now stands. Reads only.
 */
import { SignedFacts } from '../../../src/app/actions/link';
import { locate, verifyLink } from '../../../src/app/actions/target';
import { readOnce } from '../../../src/app/services';
import { PropertyStoreFake } from '../../../local/runtime';
import { actionWorld, type ActionWorld } from './world';

function factsOf(w: ActionWorld, key: string, label: string): SignedFacts {
  const facts = verifyLink(w.actions, w.properties, w.params(key, label));
  if (!facts.ok) throw new Error(facts.error.message);
  return facts.value;
}

describe('verifyLink', () => {
  it('takes a link signed with the secret, as its facts', () => {
    const w = actionWorld();
    const params = w.params('T-2', 'Claim');
    expect(verifyLink(w.actions, w.properties, params)).toEqual({
      ok: true,
      value: {
        action: 'Claim',
        sheetId: 0,
        rowId: params.r,
        issued: Number(params.t),
        sig: params.sig,
      },
    });
  });

  it.each<[string, (p: Record<string, string>) => unknown]>([
    ['no parameters', () => undefined],
    ['another row', (p) => ({ ...p, r: `${p.r}0` })],
    ['another action', (p) => ({ ...p, a: 'Resolve' })],
  ])('refuses %s as not valid, reading no sheet', (_, change) => {
    const w = actionWorld();
    const read = jest.spyOn(w.actions, 'spreadsheet');
    const facts = verifyLink(w.actions, w.properties, change(w.params('T-1', 'Claim')));
    expect(facts).toEqual({
      ok: false,
      error: {
        why: 'bad-link',
        message: expect.stringMatching(/^This link is not valid: .* Nothing was written\.$/),
      },
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses every link once there is no secret', () => {
    const w = actionWorld();
    const params = w.params('T-1', 'Claim');
    w.properties.deleteProperty('CHAT_RELAY_ACTION_SECRET');
    expect(verifyLink(w.actions, w.properties, params).ok).toBe(false);
  });
});

describe('locate', () => {
  it('finds the row by its permanent ID after the rows were sorted, reading only', () => {
    const w = actionWorld();
    const facts = factsOf(w, 'T-2', 'Claim');
    const sheet = w.workbook.getSheetByName('Tickets')!;
    const rows = sheet.getRange(2, 1, 3, sheet.getLastColumn()).getValues();
    sheet.getRange(2, 1, 3, sheet.getLastColumn()).setValues([rows[2], rows[1], rows[0]]);
    const before = JSON.stringify(sheet.displayRows());
    const props = JSON.stringify(w.properties.getProperties());
    const target = locate(w.actions, w.properties, facts);
    if (!target.ok) throw new Error(target.error.message);
    expect(target.value.position).toBe(1);
    expect(target.value.row.valueOf('ID')).toBe('T-2');
    expect(target.value.action.label).toBe('Claim');
    expect(target.value.place).toEqual({
      spreadsheetName: 'Helpdesk',
      spreadsheetUrl: expect.any(String),
      sheetId: 0,
    });
    expect(String(target.value.ledgerCell)).toContain(facts.rowId);
    expect(JSON.stringify(sheet.displayRows())).toBe(before);
    expect(JSON.stringify(w.properties.getProperties())).toBe(props);
  });

  it('finds the row after a row was inserted above it', () => {
    const w = actionWorld();
    const facts = factsOf(w, 'T-1', 'Claim');
    w.workbook.getSheetByName('Tickets')!.insertRowBefore(2);
    const target = locate(w.actions, w.properties, facts);
    expect(target.ok && [target.value.position, target.value.row.valueOf('ID')]).toEqual([
      1,
      'T-1',
    ]);
  });

  it('is fresh on the last day of actionLinkDays, expired after, and says when it expired', () => {
    const w = actionWorld({ actionLinkDays: 2 });
    const facts = factsOf(w, 'T-1', 'Claim');
    w.clock.advance(2 * 86400 * 1000 - 5000);
    expect(locate(w.actions, w.properties, facts).ok).toBe(true);
    w.clock.advance(10000);
    expect(locate(w.actions, w.properties, facts)).toEqual({
      ok: false,
      error: {
        why: 'expired',
        message:
          'This link expired on 2024-01-17 (links work for 2 days). Use the button of a newer message about the row, or open the sheet. Nothing was written.',
      },
    });
  });

  it('refuses a link issued well in the future as not valid', () => {
    const w = actionWorld();
    const facts = factsOf(w, 'T-1', 'Claim');
    const target = locate(w.actions, w.properties, { ...facts, issued: facts.issued + 3600 });
    expect(!target.ok && target.error.why).toBe('bad-link');
  });

  it.each<[string, (f: SignedFacts) => SignedFacts, string, string]>([
    [
      'another sheet',
      (f) => ({ ...f, sheetId: 99 }),
      'not-followed',
      'Chat Relay no longer follows the sheet of this link. Nothing was written.',
    ],
    [
      'an action no longer configured',
      (f) => ({ ...f, action: 'Escalate' }),
      'no-action',
      'The action “Escalate” is no longer configured for sheet “Tickets”. Nothing was written.',
    ],
    [
      'an unknown row',
      (f) => ({ ...f, rowId: 'r0' }),
      'no-row',
      'The row of this link cannot be found: it was deleted, or its hidden Chat columns were cleared. Nothing was written.',
    ],
  ])('refuses %s, saying why', (_, change, why, message) => {
    const w = actionWorld();
    const facts = change(factsOf(w, 'T-1', 'Claim'));
    expect(locate(w.actions, w.properties, facts)).toEqual({ ok: false, error: { why, message } });
  });

  it('refuses a row whose ID two rows hold (a row copied with its Chat cells)', () => {
    const w = actionWorld();
    const facts = factsOf(w, 'T-1', 'Claim');
    const sheet = w.workbook.getSheetByName('Tickets')!;
    const width = sheet.getLastColumn();
    sheet.getRange(5, 1, 1, width).setValues(sheet.getRange(2, 1, 1, width).getValues());
    const target = locate(w.actions, w.properties, facts);
    expect(!target.ok && target.error.why).toBe('no-row');
  });

  it('refuses, logging the problem, when the configuration is broken', () => {
    const w = actionWorld();
    const facts = factsOf(w, 'T-1', 'Claim');
    const broken = readOnce(
      new PropertyStoreFake({ ...w.properties.getProperties(), CHAT_RELAY_CONFIG: '{' }),
    );
    const target = locate(w.actions, broken, facts);
    expect(!target.ok && target.error.why).toBe('misconfigured');
    expect(
      w.logs.lines.some(
        (l) => l.includes('Chat Relay web app: ') && l.includes('CHAT_RELAY_CONFIG'),
      ),
    ).toBe(true);
  });
});
