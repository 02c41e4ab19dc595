/**
 * A card's Actions section (src/app/settings/client/actions-html.ts): the
 * paths its controls name are the ones the validator's errors carry, bound
 * to their place in the state; its buttons name the lists they change; its
 * texts are escaped. (Moved here from actions-form.test.ts, and extended.)
 */
import { NOT_DEPLOYED, actionsHtml } from '../../../../src/app/settings/client/actions-html';
import { formFrom } from '../../../../src/app/settings/client/form';

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

describe('the Actions section’s buttons and fields', () => {
  const place = { a: 'entries.1.', p: 'sheets[1].', labels: ['Status', 'Owner'], i: 4 };
  const entry = (config: Record<string, unknown>) =>
    formFrom({ sheets: [{ sheet: 'T' }, { sheet: 'U', ...config }] }, 5).entries[1];

  it('gives each pair and each action its Remove button, at its index in its list', () => {
    const html = actionsHtml(entry({ actions: [CLAIM, RESOLVE] }), place, true);
    const removes = (list: string) =>
      Array.from(
        html.matchAll(/data-action="remove" data-list="([^"]*)" data-index="(\d+)">/g),
        (m) => m.slice(1),
      ).filter(([l]) => l === list);
    expect(removes('entries.1.actions.1.set')).toEqual([
      ['entries.1.actions.1.set', '0'],
      ['entries.1.actions.1.set', '1'],
    ]);
    expect(html).toContain(
      'data-action="remove" data-list="entries.1.actions" data-index="1">Remove this action</button>',
    );
    expect(html).toContain(
      'data-action="add-set" data-list="entries.1.actions.0.set">+ Add a cell</button>',
    );
  });

  it('names a pair without a column by its `set` path', () => {
    const e = entry({ actions: [CLAIM] });
    e.actions![0].set.push({ header: '', value: 'x' });
    const html = actionsHtml(e, place, true);
    expect(html).toContain('<div class="cond field" data-path="sheets[1].actions[0].set">');
  });

  it('binds actionLinkDays at its path, and its datalist to the card', () => {
    const html = actionsHtml(entry({ actions: [CLAIM], actionLinkDays: 30 }), place, true);
    expect(html).toContain(
      'type="text" data-bind="entries.1.actionLinkDays" data-path="sheets[1].actionLinkDays" value="30" placeholder="14">',
    );
    expect(html).toContain('<details data-key="act-4">');
    expect(html).toContain('<datalist id="action-values-4">');
    expect(html).toContain('list="action-values-4"');
  });

  it('shows no form for actions the JSON holds in a form it cannot show, and offers no Add', () => {
    const html = actionsHtml(entry({ actions: 'Claim' }), place, true);
    expect(html).toContain(
      'The Advanced JSON holds these actions in a form this editor cannot show: edit them there.',
    );
    expect(html).not.toContain('data-action="add-action"');
    expect(html).not.toContain('Remove this action');
  });

  it('offers "+ Add an action" to an entry without the key', () => {
    const html = actionsHtml(entry({}), place, true);
    expect(html).toContain(
      'data-action="add-action" data-list="entries.1.actions">+ Add an action</button>',
    );
    expect(html).not.toContain('Advanced JSON');
  });

  it('says how many actions at most once there are 3', () => {
    const html = actionsHtml(entry({ actions: [CLAIM, RESOLVE, CLAIM] }), place, true);
    expect(html).toContain('<p class="hint">At most 3 actions per sheet.</p>');
  });
});
