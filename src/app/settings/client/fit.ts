/**
 * The 300 px sidebar and the keyboard. Nothing may widen the sidebar: long
 * names wrap or are cut (CSS), and a select, which cuts its choice, has the
 * whole of it as its title, shown on hover. And no control that takes the
 * focus hides under the sticky status line or the fixed Save bar: the page
 * keeps room for the bar below its end, and scrolls the focused control clear.
 */
import { byId } from './dom';

/** Room kept between the focused control and the bars, in px. */
const MARGIN = 8;

/** A select's title follows its choice (also one set by the page, as the preview's sheet). */
function titleOf(select: HTMLSelectElement): void {
  const chosen = select.options[select.selectedIndex];
  select.title = chosen ? chosen.text : '';
}

function bars(): { top: number; bottom: number; bar: HTMLElement } {
  const bar = document.querySelector('.bottom') as HTMLElement;
  return {
    top: byId('status').getBoundingClientRect().bottom,
    bottom: bar.getBoundingClientRect().top,
    bar,
  };
}

/** Scrolls the page so that `el` is between the status line and the Save bar, if it is not. */
function reveal(el: Element): void {
  const { top, bottom, bar } = bars();
  if (bar.contains(el) || el === byId('status')) return;
  const box = el.getBoundingClientRect();
  if (box.bottom > bottom - MARGIN) window.scrollBy(0, box.bottom - bottom + MARGIN);
  else if (box.top < top + MARGIN) window.scrollBy(0, box.top - top - MARGIN);
}

/** Room below the page's end for the Save bar, which grows with the problems it lists. */
function makeRoom(): void {
  const { bar } = bars();
  (document.querySelector('.sidebar') as HTMLElement).style.paddingBottom =
    `${bar.offsetHeight + 12}px`;
}

export function wireFit(): void {
  document.addEventListener('change', (event) => {
    const el = event.target as HTMLElement;
    if (el.tagName === 'SELECT') titleOf(el as HTMLSelectElement);
  });
  document.addEventListener('mouseover', (event) => {
    const el = event.target as HTMLElement;
    if (el.tagName === 'SELECT') titleOf(el as HTMLSelectElement);
  });
  document.addEventListener('focusin', (event) => {
    const el = event.target as Element;
    reveal(el);
    // The browser may scroll the control into view after this; check again once it has.
    window.requestAnimationFrame(() => {
      if (document.activeElement === el) reveal(el);
    });
  });
  makeRoom();
  new ResizeObserver(makeRoom).observe(bars().bar);
}
