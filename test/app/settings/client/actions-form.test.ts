/**
 * The Actions editor of the sidebar (docs/actions.md): `actions` and
 * `actionLinkDays` as the form holds them and back. The section's HTML is
 * tested in actions-html.test.ts.
 */
import {
  SET_PLACEHOLDERS,
  newAction,
  newSetPair,
} from '../../../../src/app/settings/client/actions-form';
import { configObject, formFrom } from '../../../../src/app/settings/client/form';

const roundTrip = (config: unknown) => configObject(formFrom(config, 5));

const CLAIM = {
  label: 'Claim',
  when: [{ column: 'Status', equals: 'New' }],
  set: { Owner: '{{_user}}', Status: 'Claimed' },
};
const RESOLVE = {
  label: 'Resolve',
  when: [{ column: 'Status', in: ['Claimed', 'Open'] }],
  set: { Status: 'Resolved', 'Resolved at': '{{_now}}' },
};

describe('actions in the sidebar form', () => {
  it('reads actions into the form (label, when rows, set pairs in order) and writes them back', () => {
    const config = { sheets: [{ sheet: 'Tickets', actions: [CLAIM, RESOLVE], actionLinkDays: 7 }] };
    const form = formFrom(config, 5);
    const e = form.entries[0];
    expect(e.extra).toEqual({});
    expect(e.actions).toEqual([
      {
        label: 'Claim',
        when: [{ column: 'Status', op: 'equals', value: 'New' }],
        set: [
          { header: 'Owner', value: '{{_user}}' },
          { header: 'Status', value: 'Claimed' },
        ],
        extra: {},
      },
      expect.objectContaining({
        when: [{ column: 'Status', op: 'in', value: 'Claimed, Open' }],
        set: [
          { header: 'Status', value: 'Resolved' },
          { header: 'Resolved at', value: '{{_now}}' },
        ],
      }),
    ]);
    expect(e.actionLinkDays).toBe(7);
    expect(configObject(form)).toEqual({ scheduleMinutes: 5, ...config });
  });

  it('keeps the defaults’ actions at the top level, and a single `when` object as a list', () => {
    const one = { label: 'Ack', when: { column: 'Status', equals: 'New' }, set: { Status: 'Ack' } };
    expect(roundTrip({ actions: [one] })).toEqual({
      scheduleMinutes: 5,
      actions: [{ ...one, when: [one.when] }],
    });
    // Without `when` the button shows on every row: none is written.
    expect(roundTrip({ actions: [{ label: 'Ack', set: {} }] })).toEqual({
      scheduleMinutes: 5,
      actions: [{ label: 'Ack', set: {} }],
    });
  });

  it('an action edited in the form reaches the JSON: a new Claim with its pair and condition', () => {
    const form = formFrom({ sheets: [{ sheet: 'Tickets' }] }, 5);
    const claim = newAction();
    claim.label = 'Claim';
    claim.set[0] = { header: 'Owner', value: SET_PLACEHOLDERS[0] };
    claim.set.push(newSetPair()); // a pair without a header yet writes nothing
    claim.when.push({ column: 'Status', op: 'equals', value: 'New' });
    form.entries[0].actions = [claim];
    form.entries[0].actionLinkDays = '30';
    expect(configObject(form)).toEqual({
      scheduleMinutes: 5,
      sheets: [
        {
          sheet: 'Tickets',
          actions: [
            {
              label: 'Claim',
              when: [{ column: 'Status', equals: 'New' }],
              set: { Owner: '{{_user}}' },
            },
          ],
          actionLinkDays: 30,
        },
      ],
    });
    expect(SET_PLACEHOLDERS).toEqual(['{{_user}}', '{{_now}}']);
  });

  it('writes no key for no actions and a blank actionLinkDays; keeps a typed non-number for the validator', () => {
    const form = formFrom({ actions: [CLAIM], actionLinkDays: 3 }, 5);
    form.entries[0].actions = [];
    form.entries[0].actionLinkDays = '';
    expect(configObject(form)).toEqual({ scheduleMinutes: 5 });
    form.entries[0].actionLinkDays = 'two weeks';
    expect(configObject(form)).toEqual({ scheduleMinutes: 5, actionLinkDays: 'two weeks' });
  });

  it('keeps what the validator must see: a 4th action, an unknown key, a bad placeholder', () => {
    const four: unknown[] = [
      CLAIM,
      RESOLVE,
      { ...CLAIM, label: 'C' },
      { ...CLAIM, label: 'D', colour: 'red' },
    ];
    const bad = { label: 'X', set: { Owner: '{{_usr}}' } };
    expect(roundTrip({ actions: four.concat([bad]) }).actions).toEqual(four.concat([bad]));
  });

  it.each([
    ['not an array', 'Claim'],
    ['an action that is not an object', ['Claim']],
    ['a set that is not an object', [{ label: 'Claim', set: 'Owner' }]],
    ['a value that is not text', [{ label: 'Claim', set: { Owner: 5 } }]],
    ['a label that is not text', [{ label: 7, set: {} }]],
  ])('leaves actions the form cannot hold exactly (%s) as the JSON holds them', (_why, actions) => {
    const form = formFrom({ actions }, 5);
    expect(form.entries[0].actions).toBeUndefined();
    expect(form.entries[0].extra.actions).toEqual(actions);
    expect(configObject(form)).toEqual({ scheduleMinutes: 5, actions });
  });
});
