/** The page's elements by id or selector (DOM glue: the page itself is test/local/sidebar-browser.test.ts's). */
import { all, byId } from '../../../../src/app/settings/client/dom';
import { FakeElement, installPage } from './page';

describe('dom', () => {
  const page = installPage();

  it('byId is the element of that id', () => {
    expect(byId('status')).toBe(page.el('status'));
  });

  it('all: what the selector matches under the root (the page by default), as an array', () => {
    const a = new FakeElement('a');
    const b = new FakeElement('b');
    page.selected['.card'] = [a, b];
    const found = all('.card');
    expect(found).toEqual([a, b]);
    expect(Array.isArray(found)).toBe(true);
    expect(all('.none')).toEqual([]);
    const root = { querySelectorAll: (s: string) => (s === 'input' ? [b] : []) };
    expect(all('input', root as unknown as ParentNode)).toEqual([b]);
  });
});
