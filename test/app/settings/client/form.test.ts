/**
 * The configuration as the sidebar's form holds it, and back: the lists it
 * needs (operators and their labels, the per-sheet keys) are the server's own.
 */
import {
  OPERATOR_CHOICES,
  configObject,
  entryFrom,
  formFrom,
} from '../../../../src/app/settings/client/form';
import { CONDITION_LABELS, CONDITION_OPS } from '../../../../src/config/conditions';
import { SHEET_KEYS } from '../../../../src/config/sheet-settings';

const roundTrip = (config: unknown) => configObject(formFrom(config, 5));

describe('the sidebar form', () => {
  it('offers every operator of src/config/conditions.ts, in its order, with its label', () => {
    expect(OPERATOR_CHOICES.map(([op]) => op)).toEqual([...CONDITION_OPS]);
    expect(OPERATOR_CHOICES).toContainEqual(['matches', 'matches (regex)']);
    OPERATOR_CHOICES.forEach(([op, label]) => expect(label).toBe(CONDITION_LABELS[op]));
  });

  it('keeps every operator through the form: lists, booleans and text', () => {
    const when = [
      { column: 'A', equals: 'x' },
      { column: 'B', notEquals: 'y' },
      { column: 'C', in: ['1', '2'] },
      { column: 'D', notIn: ['3'] },
      { column: 'E', matches: '^urgent' },
      { column: 'F', empty: false },
      { column: 'G', before: 'today' },
      { column: 'H', after: 'now-30m' },
      { column: 'I', onOrBefore: '2026-12-24' },
      { column: 'J', onOrAfter: '2026-12-24T18:00' },
      { column: 'K', greaterThan: 100 },
      { column: 'L', lessThan: -2.5 },
    ];
    expect(when.map((c) => Object.keys(c)[1]).sort()).toEqual([...CONDITION_OPS].sort());
    expect(roundTrip({ sendWhen: when })).toEqual({ scheduleMinutes: 5, sendWhen: when });
  });

  it('writes a number typed for greaterThan or lessThan as a number, anything else as typed', () => {
    const form = formFrom({ sendWhen: { column: 'Amount', greaterThan: 5 } }, 5);
    expect(form.entries[0].sendWhen[0]).toEqual({
      column: 'Amount',
      op: 'greaterThan',
      value: '5',
    });
    form.entries[0].sendWhen[0].value = ' 12.5 ';
    expect(configObject(form).sendWhen).toEqual([{ column: 'Amount', greaterThan: 12.5 }]);
    form.entries[0].sendWhen[0].value = 'a lot';
    expect(configObject(form).sendWhen).toEqual([{ column: 'Amount', greaterThan: 'a lot' }]);
  });

  it('reads every per-sheet key of src/config/sheet-settings.ts as the sheet’s, not as a top-level key', () => {
    SHEET_KEYS.forEach((key) => {
      const form = formFrom({ [key]: 'x', sheets: [{ sheet: 'A' }] }, 5);
      expect(form.top).toEqual({});
      expect(Object.keys(form.entries[0]).concat(Object.keys(form.entries[0].extra))).toContain(
        key,
      );
    });
    expect(formFrom({ notAKey: 1 }, 5).top).toEqual({ notAKey: 1 });
  });

  it('keeps actions and actionLinkDays through a round trip (edited: actions-form.test.ts)', () => {
    const actions = [
      {
        label: 'Claim',
        when: [{ column: 'Status', equals: 'New' }],
        set: { Owner: '{{_user}}', Status: 'Claimed' },
      },
    ];
    const config = {
      scheduleMinutes: 5,
      sheets: [{ sheet: 'Tickets', actions, actionLinkDays: 7 }],
    };
    expect(roundTrip(config)).toEqual(config);
    expect(roundTrip({ actions, actionLinkDays: 3 })).toEqual({
      scheduleMinutes: 5,
      actions,
      actionLinkDays: 3,
    });
  });

  it('copies top-level per-sheet keys into each listed sheet, and keeps unknown keys', () => {
    const config = {
      scheduleMinutes: 10,
      keyColumn: 'ID',
      format: 'text',
      future: { kept: true },
      sheets: [
        { sheet: 'Tickets', title: '{{ID}}' },
        { sheet: 'Bugs', keyColumn: 'Bug', x: 1 },
      ],
    };
    expect(roundTrip(config)).toEqual({
      scheduleMinutes: 10,
      future: { kept: true },
      sheets: [
        { sheet: 'Tickets', keyColumn: 'ID', format: 'text', title: '{{ID}}' },
        { sheet: 'Bugs', keyColumn: 'Bug', format: 'text', x: 1 },
      ],
    });
  });

  it('writes mentions and routes back as the configuration takes them', () => {
    const config = {
      mentions: [{ when: { column: 'P', equals: 'Urgent' }, mention: ['all', 'users/1'] }],
      routes: [{ when: [{ column: 'Team', equals: 'Ops' }], webhook: 'OPS' }],
    };
    expect(roundTrip(config)).toEqual({
      scheduleMinutes: 5,
      mentions: [{ when: [{ column: 'P', equals: 'Urgent' }], mention: ['all', 'users/1'] }],
      routes: config.routes,
    });
    expect(entryFrom({ mentions: [{ mention: 'all' }] }).mentions).toEqual([
      { when: [], mention: 'all' },
    ]);
  });
});
