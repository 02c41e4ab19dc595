/** Which buttons can be pressed, and a server call that holds them meanwhile. */
import { refreshButtons, whileBusy } from '../../../../src/app/settings/client/buttons';
import { S, configJson, setForm } from '../../../../src/app/settings/client/state';
import { FakeElement, asElement, installPage, loadResult } from './page';

describe('buttons', () => {
  const page = installPage();
  const actions = [new FakeElement('a'), new FakeElement('b')];
  page.selected['button.act, .webhook button'] = actions;

  beforeEach(() => {
    S.load = loadResult();
    S.busy = 0;
    setForm({});
    S.savedJson = configJson();
  });

  it('saved: Save and Revert off, Start and Adopt on', () => {
    refreshButtons();
    expect(page.el('save').disabled).toBe(true);
    expect(page.el('revert').disabled).toBe(true);
    expect(page.el('start').disabled).toBe(false);
    expect(page.el('adopt-count').disabled).toBe(false);
    expect(page.el('dirty').textContent).toBe('All changes saved');
    expect(page.el('schedule-note').textContent).toBe('');
  });

  it('unsaved changes: Save and Revert on, Start and Adopt off (they use the saved settings)', () => {
    setForm({ scheduleMinutes: 30 });
    refreshButtons();
    expect(page.el('save').disabled).toBe(false);
    expect(page.el('revert').disabled).toBe(false);
    expect(page.el('start').disabled).toBe(true);
    expect(page.el('adopt-go').disabled).toBe(true);
    expect(page.el('dirty').textContent).toBe('Unsaved changes');
    expect(page.el('schedule-note').textContent).toBe(
      'Start and Adopt use the saved settings: save your changes first.',
    );
  });

  it('whileBusy: every action button held, this one running, until the answer', async () => {
    let answer: (v: string) => void = () => undefined;
    const button = new FakeElement('go');
    const done = whileBusy(asElement(button), () => new Promise<string>((r) => (answer = r)));
    expect(S.busy).toBe(1);
    expect(button.classes.has('running')).toBe(true);
    expect(actions.map((b) => b.disabled)).toEqual([true, true]);
    answer('result');
    expect(await done).toBe('result');
    expect(S.busy).toBe(0);
    expect(button.classes.has('running')).toBe(false);
    expect(actions.map((b) => b.disabled)).toEqual([false, false]);
  });

  it('before the settings are loaded, nothing says saved or not', () => {
    S.load = null;
    refreshButtons();
    expect(page.el('dirty').textContent).toBe('');
  });
});
