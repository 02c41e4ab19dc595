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

  it('a value Script Properties refuse (over 9 KB) is an error, not an exception', () => {
    const w = world();
    const big = JSON.stringify({ title: `{{ID}} ${'x'.repeat(10000)}` });
    const result = saveSettings(w.services, big);
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
