/**
 * The run's configuration, read lazily from Script Properties: at most one
 * getProperties() call per run, on first use, whatever asks for it.
 */
import { PropertyStore } from '../ports';
import { Result, err, ok } from '../result';
import { CONFIG_PROPERTY, RelaySettings, parseSettings } from './settings';
import { ConfiguredWebhook, DEFAULT_WEBHOOK_PROPERTY, parseWebhooks } from './webhooks';

export interface Configuration {
  settings: RelaySettings;
  /** Every configured webhook, the default first. */
  webhooks: ConfiguredWebhook[];
}

/** Everything that is wrong, each entry naming its property. */
export type ConfigProblems = string[];

export interface ConfigSource {
  /** All settings and webhooks, or every problem found. */
  load(): Result<Configuration, ConfigProblems>;
  /** The webhooks alone (for Test webhooks, which works despite a bad CHAT_RELAY_CONFIG). */
  webhooks(): { webhooks: ConfiguredWebhook[]; problems: ConfigProblems };
  /** The default webhook the relay posts to, or why there is none. */
  relayTarget(): Result<
    { configuration: Configuration; target: ConfiguredWebhook },
    ConfigProblems
  >;
}

export function createConfigSource(store: PropertyStore): ConfigSource {
  let snapshot: { [key: string]: string } | null = null;
  const properties = () => {
    if (snapshot === null) snapshot = store.getProperties() || {};
    return snapshot;
  };

  const webhooks = () => parseWebhooks(properties());

  const load = (): Result<Configuration, ConfigProblems> => {
    const props = properties();
    const settings = parseSettings(
      Object.prototype.hasOwnProperty.call(props, CONFIG_PROPERTY) ? props[CONFIG_PROPERTY] : null,
    );
    const hooks = webhooks();
    const problems = (settings.ok ? [] : settings.error).concat(hooks.problems);
    if (!settings.ok || problems.length) return err(problems);
    return ok({ settings: settings.value, webhooks: hooks.webhooks });
  };

  return {
    load,
    webhooks,
    relayTarget() {
      const loaded = load();
      if (!loaded.ok) return loaded;
      const target = loaded.value.webhooks.filter(
        (w) => w.property === DEFAULT_WEBHOOK_PROPERTY,
      )[0];
      if (!target) {
        return err([
          `${DEFAULT_WEBHOOK_PROPERTY} is not set: add it under Project Settings → Script properties`,
        ]);
      }
      return ok({ configuration: loaded.value, target });
    },
  };
}
