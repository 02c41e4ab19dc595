/**
 * Editing the form: a control names its place in the state (data-bind, data-check, data-list);
 * a change updates the state. The checkboxes' order marks, which need the page's markup, are
 * checked by test/local/sidebar-browser.test.ts ("shown columns: exactly those checked…").
 */
import { wireEditing } from '../../../../src/app/settings/client/editing';
import { S, setForm } from '../../../../src/app/settings/client/state';
import { FakeElement, installPage, loadResult } from './page';

function control(attrs: { [name: string]: string }, props: Partial<FakeElement> = {}): FakeElement {
  const el = new FakeElement(attrs.id || '', props.tagName || 'SELECT');
  Object.keys(attrs).forEach((k) => el.setAttribute(k, attrs[k]));
  return Object.assign(el, props);
}

/** A list button: found by closest(), as the page finds it. */
function button(attrs: { [name: string]: string }): FakeElement {
  const el = control(attrs, { tagName: 'BUTTON' });
  Object.assign(el, { closest: () => el });
  return el;
}

describe('editing', () => {
  const page = installPage();
  wireEditing();
  const change = (el: FakeElement) => page.document.dispatch('change', el);
  const click = (el: FakeElement) => page.document.dispatch('click', el);

  beforeEach(() => {
    S.load = loadResult();
    setForm({ sheets: [{ sheet: 'Tickets', sendWhen: [{ column: 'Status', equals: 'Open' }] }] });
  });

  it('a bound control sets its place in the state', () => {
    change(control({ 'data-bind': 'entries.0.keyColumn' }, { value: 'Ticket ID' }));
    expect(S.entries[0].keyColumn).toBe('Ticket ID');
    expect(page.el('json').value).toContain('"keyColumn": "Ticket ID"');
  });

  it('an operator changed to "is empty" takes yes; to another, a blank value', () => {
    change(control({ 'data-bind': 'entries.0.sendWhen.0.op' }, { value: 'empty' }));
    expect(S.entries[0].sendWhen[0]).toMatchObject({ op: 'empty', value: 'true' });
    change(control({ 'data-bind': 'entries.0.sendWhen.0.op' }, { value: 'in' }));
    expect(S.entries[0].sendWhen[0]).toMatchObject({ op: 'in', value: '' });
  });

  it('the period: a number in the state, and its cost shown', () => {
    S.budget = {
      ...loadResult().budget,
      periods: [
        { minutes: 30, hoursPerDay: 0.1, projection: 'Every 30: cheap.', warn: false, over: false },
      ],
    };
    change(control({ id: 'schedule-minutes' }, { value: '30' }));
    expect(S.scheduleMinutes).toBe(30);
    expect(page.el('budget').textContent).toBe('Every 30: cheap.');
  });

  it('a header ticked joins the list, in the order ticked; unticked, it leaves', () => {
    const tick = (value: string, checked: boolean) =>
      change(control({ 'data-check': 'entries.0.columns' }, { value, checked, tagName: 'INPUT' }));
    tick('Title', true);
    tick('Created', true);
    tick('Title', true);
    expect(S.entries[0].columns).toEqual(['Title', 'Created']);
    tick('Title', false);
    expect(S.entries[0].columns).toEqual(['Created']);
  });

  it('the list buttons: add a condition, a route, a mention; remove the one at its index', () => {
    click(button({ 'data-action': 'add-cond', 'data-list': 'entries.0.sendWhen' }));
    expect(S.entries[0].sendWhen).toHaveLength(2);
    click(
      button({ 'data-action': 'remove', 'data-list': 'entries.0.sendWhen', 'data-index': '0' }),
    );
    expect(S.entries[0].sendWhen).toHaveLength(1);
    expect(S.entries[0].sendWhen[0].column).toBe('');
    click(button({ 'data-action': 'add-route', 'data-list': 'entries.0.routes' }));
    expect(S.entries[0].routes).toEqual([{ when: [expect.anything()], webhook: 'default' }]);
    click(button({ 'data-action': 'add-mention', 'data-list': 'entries.0.mentions' }));
    expect(S.entries[0].mentions).toHaveLength(1);
    click(button({ 'data-action': 'other', 'data-list': 'entries.0.mentions' }));
    expect(S.entries[0].mentions).toHaveLength(1);
  });

  it('following by default, then listing: each followed sheet gets the same settings', () => {
    setForm({ keyColumn: 'ID' });
    expect(S.auto).toBe(true);
    change(control({ id: 'auto' }, { checked: false, tagName: 'INPUT' }));
    expect(S.auto).toBe(false);
    expect(S.entries.map((e) => [e.sheet, e.keyColumn])).toEqual([
      ['Tickets', 'ID'],
      ['Form responses', 'ID'],
    ]);
    change(control({ id: 'auto' }, { checked: true, tagName: 'INPUT' }));
    expect(S.entries).toHaveLength(1);
    expect(S.entries[0].sheet).toBeUndefined();
  });

  it('Add a sheet: the first one not listed yet', () => {
    page.el('add-sheet').click();
    expect(S.entries.map((e) => e.sheet)).toEqual(['Tickets', 'Form responses']);
    page.el('add-sheet').click();
    page.el('add-sheet').click();
    expect(S.entries.map((e) => e.sheet)).toEqual([
      'Tickets',
      'Form responses',
      'Notes',
      'Tickets',
    ]);
  });
});
