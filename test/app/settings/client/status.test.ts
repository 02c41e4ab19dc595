/** The status line at the top of the sidebar. */
import { setStatus } from '../../../../src/app/settings/client/status';
import { installPage } from './page';

describe('setStatus', () => {
  const page = installPage();

  it('shows the text, styled by its kind', () => {
    setStatus('Saved.', 'ok');
    expect(page.el('status').textContent).toBe('Saved.');
    expect(page.el('status').className).toBe('status ok');
    setStatus('2 problems', 'error');
    expect(page.el('status').className).toBe('status error');
    setStatus('Back to the saved settings.');
    expect(page.el('status').className).toBe('status');
    expect(page.el('status').textContent).toBe('Back to the saved settings.');
  });
});
