/**
 * Problems next to their fields, the rest listed at the bottom; the notes of sheets that fall back.
 * Placing a problem next to its field (by its path, or the closest one above) needs the page's
 * markup: test/local/sidebar-browser.test.ts ("an invalid change shows its error next to the field").
 */
import {
  fallbackOf,
  renderErrors,
  renderFallbacks,
} from '../../../../src/app/settings/client/errors';
import { S } from '../../../../src/app/settings/client/state';
import { FakeElement, installPage, loadResult } from './page';

const error = (path: string, text: string) => ({ path, message: text, text });

describe('errors', () => {
  const page = installPage();

  it('a problem with no field on the page is listed at the bottom, unless already hinted', () => {
    S.load = loadResult({ hints: [error('chat_webhook_url', 'Names are case-sensitive.')] });
    const stale = new FakeElement('old');
    stale.innerHTML = '<div>old</div>';
    page.selected['.field-error'] = [stale];
    renderErrors([
      error('', 'Chat Relay: the configuration is not JSON <b>.'),
      error('chat_webhook_url', 'Names are case-sensitive.'),
      error('sheets[3].title', 'Sheet "\u202eevil" has no title.'),
    ]);
    expect(stale.innerHTML).toBe('');
    expect(page.el('general-errors').innerHTML).toBe(
      '<div>Chat Relay: the configuration is not JSON &lt;b&gt;.</div>' +
        '<div>Sheet &quot;[U+202E]evil&quot; has no title.</div>',
    );
    expect(S.errors).toHaveLength(3);
    renderErrors([]);
    expect(page.el('general-errors').innerHTML).toBe('');
  });

  it('fallbackOf: the note of that sheet, or none', () => {
    S.fallbacks = [{ sheet: 'Form responses', note: 'No Ticket ID column.' }];
    expect(fallbackOf('Form responses')).toEqual(S.fallbacks[0]);
    expect(fallbackOf('Tickets')).toBeNull();
  });

  it("renderFallbacks: each card its own sheet's notes; the card of every followed sheet all", () => {
    const all = new FakeElement('all');
    all.setAttribute('data-sheet', '');
    const tickets = new FakeElement('t');
    tickets.setAttribute('data-sheet', 'Tickets');
    const form = new FakeElement('f');
    form.setAttribute('data-sheet', 'Form responses');
    page.selected['#sheets .fallbacks'] = [all, tickets, form];
    renderFallbacks([{ sheet: 'Form responses', note: 'No <Ticket ID> column.' }]);
    expect(form.innerHTML).toBe('<div>⚠ No &lt;Ticket ID&gt; column.</div>');
    expect(all.innerHTML).toBe(form.innerHTML);
    expect(tickets.innerHTML).toBe('');
    renderFallbacks();
    expect(form.innerHTML).toBe('<div>⚠ No &lt;Ticket ID&gt; column.</div>');
  });
});
