/**
 * The Actions sections' own buttons (src/app/settings/client/actions-panel.ts):
 * "+ Add an action" and "+ Add a cell" add to the list their data-list names
 * in the state, making it when the entry has none; nothing else is theirs.
 */
import { wireActions } from '../../../../src/app/settings/client/actions-panel';
import { S, setForm } from '../../../../src/app/settings/client/state';
import { FakeElement, installPage, loadResult } from './page';

/** A button found by closest(), as the page finds it. */
function button(attrs: { [name: string]: string }): FakeElement {
  const el = new FakeElement('', 'BUTTON');
  Object.keys(attrs).forEach((k) => el.setAttribute(k, attrs[k]));
  Object.assign(el, { closest: () => el });
  return el;
}

const CLAIM = { label: 'Claim', set: { Owner: '{{_user}}' } };

describe('actions panel', () => {
  const page = installPage();
  wireActions();
  const click = (el: FakeElement) => page.document.dispatch('click', el);

  beforeEach(() => {
    S.load = loadResult();
    setForm({ sheets: [{ sheet: 'Tickets' }] });
  });

  it('"+ Add an action" makes the list and adds a new, empty action; the JSON follows', () => {
    expect(S.entries[0].actions).toBeUndefined();
    click(button({ 'data-action': 'add-action', 'data-list': 'entries.0.actions' }));
    expect(S.entries[0].actions).toEqual([
      { label: '', when: [], set: [{ header: '', value: '' }], extra: {} },
    ]);
    click(button({ 'data-action': 'add-action', 'data-list': 'entries.0.actions' }));
    expect(S.entries[0].actions).toHaveLength(2);
    expect(page.el('json').value).toContain('"actions"');
  });

  it('"+ Add a cell" adds a pair to its action’s list only', () => {
    setForm({ sheets: [{ sheet: 'Tickets', actions: [CLAIM, { ...CLAIM, label: 'Take' }] }] });
    click(button({ 'data-action': 'add-set', 'data-list': 'entries.0.actions.1.set' }));
    expect(S.entries[0].actions![1].set).toEqual([
      { header: 'Owner', value: '{{_user}}' },
      { header: '', value: '' },
    ]);
    expect(S.entries[0].actions![0].set).toHaveLength(1);
  });

  it('leaves other buttons and other clicks alone', () => {
    const before = JSON.stringify(S.entries);
    click(button({ 'data-action': 'add-cond', 'data-list': 'entries.0.actions' }));
    click(new FakeElement('', 'DIV'));
    click({} as FakeElement);
    expect(JSON.stringify(S.entries)).toBe(before);
  });
});
