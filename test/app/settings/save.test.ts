/**
 * settingsSave (src/app/settings/save.ts): CHAT_RELAY_CONFIG changes only when valid.
 * Run directly on the local runtime's service implementations (./world).
 */
import { saveSettings } from '../../../src/app/settings/save';
import { world } from './world';

describe('saveSettings', () => {
  it('changes CHAT_RELAY_CONFIG only when valid', () => {
    const w = world();
    expect(saveSettings(w.services, '{"keyColumn": "Title"}')).toEqual({ ok: true });
    expect(w.script.getProperty('CHAT_RELAY_CONFIG')).toBe('{"keyColumn": "Title"}');
    const bad = saveSettings(w.services, '{"keyColumn": "Titel"}');
    expect(bad.ok).toBe(false);
    expect(w.script.getProperty('CHAT_RELAY_CONFIG')).toBe('{"keyColumn": "Title"}');
    expect(saveSettings(w.services, 42).ok).toBe(false);
  });

  it('refuses a value over 9 KB before Script Properties would, naming its size, beside any other problem', () => {
    const w = world();
    const big = JSON.stringify({ keyColumn: 'Titel', title: `{{ID}} ${'x'.repeat(10000)}` });
    const setProperty = jest.spyOn(w.script, 'setProperty');
    const result = saveSettings(w.services, big);
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          path: '',
          message: expect.stringMatching(
            new RegExp(`^is ${big.length} bytes long: a Script Property holds at most 9216 bytes`),
          ),
        }),
        expect.objectContaining({ path: 'keyColumn' }),
      ],
    });
    expect(setProperty).not.toHaveBeenCalled();
    expect(w.script.getProperty('CHAT_RELAY_CONFIG')).toBeNull();
  });

  it('a store Script Properties refuse (its 500 KB full) is an error, not an exception', () => {
    const w = world();
    for (let i = 0; i < 56; i++) w.script.setProperty(`FILLER_${i}`, 'x'.repeat(9000));
    const result = saveSettings(
      w.services,
      JSON.stringify({ title: `{{ID}} ${'x'.repeat(8000)}` }),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          path: '',
          message: expect.stringContaining('could not be saved'),
        }),
      ],
    });
    expect(w.script.getProperty('CHAT_RELAY_CONFIG')).toBeNull();
  });
});
