/**
 * The 300 px sidebar and the keyboard: a select's title is its whole choice; the page keeps
 * room for the Save bar; a focused control is scrolled clear of the bars. Layout itself (no
 * sideways scroll, Tab through every control) is test/local/sidebar-browser.test.ts's.
 */
import { wireFit } from '../../../../src/app/settings/client/fit';
import { FakeElement, installPage } from './page';

describe('fit', () => {
  const page = installPage();
  const bar = page.selected['.bottom'][0];
  const sidebar = page.selected['.sidebar'][0];
  bar.offsetHeight = 40;
  bar.rect = { top: 800, bottom: 900 };
  page.el('status').rect = { top: 0, bottom: 30 };
  Object.assign(bar, { contains: (el: unknown) => el === inBar });
  const inBar = new FakeElement('save');
  wireFit();

  const focus = (top: number, bottom: number, el = new FakeElement('x')) => {
    el.rect = { top, bottom };
    page.scrolled = 0;
    page.document.dispatch('focusin', el);
    return page.scrolled;
  };

  it('keeps room below the page for the Save bar', () => {
    expect(sidebar.style.paddingBottom).toBe('52px');
  });

  it("a select's title follows its choice, on change and on hover", () => {
    const select = new FakeElement('s', 'SELECT');
    select.options = [
      { value: 'a', text: 'A very long sheet name' },
      { value: 'b', text: 'Another' },
    ];
    select.selectedIndex = 0;
    page.document.dispatch('change', select);
    expect(select.title).toBe('A very long sheet name');
    select.selectedIndex = 1;
    page.document.dispatch('mouseover', select);
    expect(select.title).toBe('Another');
    select.selectedIndex = -1;
    page.document.dispatch('change', select);
    expect(select.title).toBe('');
  });

  it('a focused control under the Save bar, or above the status line, is scrolled clear (8 px)', () => {
    expect(focus(780, 810)).toBe(810 - 800 + 8);
    expect(focus(20, 50)).toBe(20 - 30 - 8);
    expect(focus(35, 60)).toBe(35 - 30 - 8);
    expect(focus(100, 200)).toBe(0);
    expect(focus(850, 870, inBar)).toBe(0);
  });
});
