/**
 * settingsReplaceActionSecret: a new secret for the actions' links (see
 * src/app/actions/secret.ts). Every link issued so far stops working: use it
 * when a link went where it should not. The secret is never returned.
 */
import { replaceSecret } from '../actions/secret';
import { SettingsServices } from './services';
import { ReplaceSecretResult } from './types';

export function replaceActionSecret(services: SettingsServices): ReplaceSecretResult {
  replaceSecret(services.scriptProperties(), services.utilities);
  return {
    ok: true,
    message:
      'The buttons of actions are signed with a new secret: every link sent before now shows "not valid". Buttons in messages posted from now on work.',
  };
}
