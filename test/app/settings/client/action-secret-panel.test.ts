/**
 * The Action links section (src/app/settings/client/action-secret-panel.ts):
 * Replace asks to confirm, Cancel changes nothing, confirming calls
 * settingsReplaceActionSecret once and shows what it answers.
 */
import { wireActionSecret } from '../../../../src/app/settings/client/action-secret-panel';
import { installPage, settle } from './page';

const REPLACED = 'The buttons of actions are signed with a new secret.';

describe('action secret panel', () => {
  const page = installPage({
    settingsReplaceActionSecret: { ok: true, message: REPLACED },
  });
  wireActionSecret();

  beforeEach(() => {
    page.calls.length = 0;
    page.el('secret-confirm').hidden = true;
    page.el('secret-result').textContent = 'before';
    page.el('secret-result').className = 'before';
  });

  it('Replace asks to confirm, clearing the last result, and calls nothing', () => {
    page.el('secret-replace').click();
    expect(page.el('secret-confirm').hidden).toBe(false);
    expect(page.el('secret-result').textContent).toBe('');
    expect(page.calls).toEqual([]);
  });

  it('Cancel hides the question and says nothing was changed', () => {
    page.el('secret-replace').click();
    page.el('secret-cancel').click();
    expect(page.el('secret-confirm').hidden).toBe(true);
    expect(page.el('secret-result').className).toBe('');
    expect(page.el('secret-result').textContent).toBe('Nothing was changed.');
    expect(page.calls).toEqual([]);
  });

  it('confirmed: replaces the secret once, shows the answer, asks no more', async () => {
    page.el('secret-replace').click();
    page.el('secret-go').click();
    expect(page.el('secret-go').classes.has('running')).toBe(true);
    await settle();
    expect(page.calls).toEqual([{ fn: 'settingsReplaceActionSecret', args: [] }]);
    expect(page.el('secret-go').classes.has('running')).toBe(false);
    expect(page.el('secret-confirm').hidden).toBe(true);
    expect(page.el('secret-result').className).toBe('ok');
    expect(page.el('secret-result').textContent).toBe(REPLACED);
  });

  it('a refusal shows its errors', async () => {
    page.answers.settingsReplaceActionSecret = {
      ok: false,
      errors: [{ path: '', message: 'm', text: 'Chat Relay is busy.' }],
    };
    page.el('secret-go').click();
    await settle();
    expect(page.el('secret-result').className).toBe('error');
    expect(page.el('secret-result').textContent).toBe('Chat Relay is busy.');
    expect(page.el('secret-confirm').hidden).toBe(true);
  });
});
