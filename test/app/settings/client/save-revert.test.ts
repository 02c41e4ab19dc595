/** Save (after the server's validation) and Revert (back to the saved settings). */
import { wireSaveRevert } from '../../../../src/app/settings/client/save-revert';
import { S, configJson, dirty, setForm } from '../../../../src/app/settings/client/state';
import { installPage, loadResult, settle } from './page';

describe('save and revert', () => {
  const page = installPage({ settingsSave: { ok: true }, settingsLoad: loadResult() });
  wireSaveRevert();

  beforeEach(() => {
    S.load = loadResult();
    setForm({});
    S.savedJson = configJson();
    S.savedMinutes = 5;
  });

  it('Save: the configuration as it stands; once saved, it is the saved one', async () => {
    setForm({ scheduleMinutes: 15 });
    page.el('save').click();
    await settle();
    // Saved, then the Schedule's next digest and quiet hours asked for again.
    expect(page.calls.slice(-2)).toEqual([
      { fn: 'settingsSave', args: [configJson()] },
      { fn: 'settingsLoad', args: [] },
    ]);
    expect(S.savedJson).toBe(configJson());
    expect(S.savedMinutes).toBe(15);
    expect(dirty()).toBe(false);
    expect(page.el('status').textContent).toBe('Saved. The next run uses these settings.');
  });

  it('Save refused: nothing saved, the problems counted', async () => {
    page.answers.settingsSave = {
      ok: false,
      errors: [
        { path: 'a', message: 'a', text: 'a' },
        { path: 'b', message: 'b', text: 'b' },
      ],
    };
    setForm({ scheduleMinutes: 30 });
    page.el('save').click();
    await settle();
    expect(dirty()).toBe(true);
    expect(S.savedMinutes).toBe(5);
    expect(page.el('status').textContent).toBe('Not saved: 2 problems (marked in red).');
  });

  it('Revert: the saved settings in the form and the JSON', () => {
    setForm({ scheduleMinutes: 30 });
    page.el('revert').click();
    expect(S.scheduleMinutes).toBe(5);
    expect(dirty()).toBe(false);
    expect(page.el('json').value).toBe(JSON.stringify(JSON.parse(S.savedJson), null, 2));
    expect(page.el('status').textContent).toBe('Back to the saved settings.');
  });

  it('Revert to a saved text that is not JSON: kept as it is', () => {
    S.savedJson = '{"sheets": [';
    page.el('revert').click();
    expect(S.jsonOverride).toBe('{"sheets": [');
    expect(page.el('json').value).toBe('{"sheets": [');
  });
});
