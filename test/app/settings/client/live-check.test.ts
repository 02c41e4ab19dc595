/** Live validation: a moment after the last change, the settings are checked; only the latest answer counts. */
import { touched } from '../../../../src/app/settings/client/live-check';
import { S, configJson, setForm } from '../../../../src/app/settings/client/state';
import { installPage, loadResult, settle } from './page';

describe('live check', () => {
  const page = installPage({
    settingsPreview: {
      ok: true,
      sheet: '',
      row: 0,
      message: null,
      format: 'card',
      webhook: 'default',
      space: '',
      note: '',
      fallbacks: [],
    },
  });

  beforeEach(() => {
    S.load = loadResult();
    setForm({});
    S.savedJson = configJson();
    page.calls.length = 0;
  });

  it('changes in a row are checked once, after the last, with the settings as they stand', async () => {
    setForm({ scheduleMinutes: 30 });
    touched();
    touched();
    touched();
    expect(page.calls).toEqual([]);
    expect(page.timers.size).toBe(1);
    page.runTimers();
    await settle();
    expect(page.calls).toEqual([{ fn: 'settingsPreview', args: [configJson(), null, null] }]);
    expect(page.el('status').textContent).toBe('✓ These settings are valid. Save to apply them.');
  });

  it('problems: counted in the status line', async () => {
    page.answers.settingsPreview = {
      ok: false,
      errors: [{ path: 'sheets[0].keyColumn', message: 'm', text: 'No column "X".' }],
    };
    touched();
    page.runTimers();
    await settle();
    expect(page.el('status').textContent).toBe('1 problem to fix before saving.');
    expect(page.el('status').className).toBe('status error');
    expect(S.errors).toHaveLength(1);
  });

  it('an answer to settings changed since is not shown', async () => {
    page.el('status').textContent = 'before';
    touched();
    page.runTimers();
    setForm({ scheduleMinutes: 15 });
    await settle();
    expect(page.el('status').textContent).toBe('before');
  });
});
