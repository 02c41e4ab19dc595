/**
 * settingsSave: CHAT_RELAY_CONFIG changes only when the whole configuration
 * passes the runs' own validation. It takes effect at the next run.
 */
import { CONFIG_PROPERTY } from '../../config/problems';
import { checkConfig, settingsError } from './validate';
import { SettingsServices } from './services';
import { SaveResult } from './types';

export function saveSettings(services: SettingsServices, configJson: unknown): SaveResult {
  const checked = checkConfig(services, configJson);
  if (!checked.ok) return { ok: false, errors: checked.error };
  const text = String(configJson).trim();
  const store = services.scriptProperties();
  try {
    if (text === '') store.deleteProperty(CONFIG_PROPERTY);
    else store.setProperty(CONFIG_PROPERTY, text);
  } catch (e) {
    // PropertiesService refuses a full store (500 KB in all); checkConfig refused a value over 9 KB.
    return {
      ok: false,
      errors: [
        settingsError(
          '',
          `could not be saved: ${e instanceof Error ? e.message : String(e)} (${text.length} characters)`,
          `${CONFIG_PROPERTY} could not be saved: ${e instanceof Error ? e.message : String(e)}`,
        ),
      ],
    };
  }
  return { ok: true };
}
