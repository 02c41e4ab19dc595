/**
 * The Actions editor of the sidebar (docs/actions.md): `actions` and
 * `actionLinkDays` as the form holds them and back, and the section's HTML:
 * the paths its controls name are the ones the validator's errors carry.
 */
import {
  SET_PLACEHOLDERS,
  newAction,
  newSetPair,
} from '../../../../src/app/settings/client/actions-form';
import { NOT_DEPLOYED, actionsHtml } from '../../../../src/app/settings/client/actions-html';
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

describe('the Actions section’s HTML', () => {
  const place = { a: 'entries.0.', p: 'sheets[0].', labels: ['ID', 'Status', 'Owner'], i: 0 };
  const entry = (actions: unknown) => formFrom({ sheets: [{ sheet: 'T', actions }] }, 5).entries[0];
  /** Every value of an attribute in the HTML, in order (jest runs without a DOM). */
  const values = (html: string, attr: string) =>
    Array.from(html.matchAll(new RegExp(` ${attr}="([^"]*)"`, 'g')), (m) => m[1]);
  /** The first tag of that name holding `attr="value"`. */
  const tagWith = (html: string, tag: string, attr: string, value: string) =>
    new RegExp(`<${tag} [^>]*${attr}="${value.replace(/[[\].]/g, '\\$&')}"[^>]*>`).exec(
      html,
    )?.[0] ?? '';

  it('names each control by the path the validator’s errors carry, bound to its place in the state', () => {
    const html = actionsHtml(entry([CLAIM]), place, true);
    expect(values(html, 'data-path')).toEqual(
      expect.arrayContaining([
        'sheets[0].actions',
        'sheets[0].actions[0]',
        'sheets[0].actions[0].label',
        'sheets[0].actions[0].when[0].column',
        'sheets[0].actions[0].set.Owner',
        'sheets[0].actions[0].set.Status',
        'sheets[0].actionLinkDays',
      ]),
    );
    expect(tagWith(html, 'select', 'data-path', 'sheets[0].actions[0].set.Owner')).toContain(
      'data-bind="entries.0.actions.0.set.0.header"',
    );
    expect(tagWith(html, 'input', 'data-bind', 'entries.0.actions.0.set.0.value')).toContain(
      'value="{{_user}}"',
    );
    expect(tagWith(html, 'input', 'data-bind', 'entries.0.actions.0.set.0.value')).toContain(
      'list="action-values-0"',
    );
    const offered = /<datalist id="action-values-0">(.*?)<\/datalist>/.exec(html)?.[1] ?? '';
    expect(values(offered, 'value')).toEqual(['{{_user}}', '{{_now}}']);
  });

  it('offers the sheet’s headers for each pair', () => {
    const html = actionsHtml(entry([CLAIM]), place, true);
    const select =
      /<select [^>]*data-bind="entries.0.actions.0.set.0.header"[^>]*>(.*?)<\/select>/.exec(
        html,
      )?.[1] ?? '';
    expect(values(select, 'value')).toEqual(['', 'ID', 'Status', 'Owner']);
  });

  it('offers "+ Add an action" up to 3 actions only', () => {
    const add = (n: number) =>
      tagWith(
        actionsHtml(entry([CLAIM, RESOLVE, CLAIM].slice(0, n)), place, true),
        'button',
        'data-action',
        'add-action',
      );
    expect(add(0)).toContain('data-list="entries.0.actions"');
    expect(add(2)).not.toBe('');
    expect(add(3)).toBe('');
  });

  it('says when the web app is not deployed, and how to deploy it', () => {
    expect(actionsHtml(entry([CLAIM]), place, false)).toContain('data-testid="not-deployed"');
    expect(NOT_DEPLOYED).toContain('npm run deploy');
    expect(actionsHtml(entry([CLAIM]), place, true)).not.toContain('not-deployed');
  });

  it('escapes a label and a value: they are text, never markup', () => {
    const html = actionsHtml(
      entry([{ label: '<b>x</b>', set: { Owner: '"><img src=x>' } }]),
      place,
      true,
    );
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
  });
});
