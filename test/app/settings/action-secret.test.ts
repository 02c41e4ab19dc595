/**
 * settingsReplaceActionSecret (src/app/settings/action-secret.ts): a new
 * secret in the Script Properties, which the sidebar never sees.
 */
import { SECRET_PROPERTY } from '../../../src/app/actions/secret';
import { replaceActionSecret } from '../../../src/app/settings/action-secret';
import { world } from './world';

describe('replaceActionSecret', () => {
  it('stores a new secret of 64 hex digits in the Script Properties, and says what it means', () => {
    const w = world({ properties: { [SECRET_PROPERTY]: 'old'.repeat(20) } });
    const result = replaceActionSecret(w.services);
    const secret = w.script.getProperty(SECRET_PROPERTY)!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(w.user.getProperty(SECRET_PROPERTY)).toBeNull();
    expect(result).toEqual({
      ok: true,
      message:
        'The buttons of actions are signed with a new secret: every link sent before now shows "not valid". Buttons in messages posted from now on work.',
    });
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('makes a different secret each time', () => {
    const w = world();
    replaceActionSecret(w.services);
    const first = w.script.getProperty(SECRET_PROPERTY);
    replaceActionSecret(w.services);
    expect(w.script.getProperty(SECRET_PROPERTY)).not.toBe(first);
  });
});
