/**
 * The run's configuration, read lazily from Script Properties: at most one
 * getProperties() call per run, on first use, whatever asks for it.
 */
import { PropertyStore } from '../ports';
import { Result, err, ok } from '../result';
import { CONFIG_PROPERTY, ConfigProblem, configProblem, propertyProblem } from './problems';
import { ALERT_WEBHOOK_KEY, RelaySettings, layoutOf, parseSettings, scopeOf } from './settings';
import { SheetSettings } from './sheet-settings';
import {
  BrokenWebhook,
  ConfiguredWebhook,
  WebhookSet,
  parseWebhooks,
  webhookProperty,
} from './webhooks';

/** What a webhook NAME stands for in this run. */
export type WebhookLookup =
  | { ok: true; hook: ConfiguredWebhook }
  /** Set but unusable: rows routed to it stay PENDING with this reason. */
  | { ok: false; broken: BrokenWebhook };

export interface Configuration {
  settings: RelaySettings;
  /** Every webhook property found, usable or not. */
  webhooks: WebhookSet;
  /** The webhook a NAME refers to; every NAME the settings use is known. */
  webhook(name: string): WebhookLookup;
  /** A Script Property as the run's one read found it (null: not set). */
  property(name: string): string | null;
}

export interface ConfigSource {
  /** The settings, and every webhook the settings name; or every problem found. */
  load(): Result<Configuration, ConfigProblem[]>;
  /** The webhooks alone (for Test webhooks, which works despite a bad CHAT_RELAY_CONFIG). */
  webhooks(): WebhookSet;
  /** The raw text of CHAT_RELAY_CONFIG, or null. */
  rawSettings(): string | null;
}

/** Every webhook NAME that some followed sheet may post to, with where it is named. */
export function webhookNamesUsed(settings: RelaySettings): Array<{ name: string; path: string }> {
  const all: SheetSettings[] = settings.sheets
    ? settings.sheets.map((e) => e.settings)
    : [settings.defaults];
  const used: Array<{ name: string; path: string }> = [];
  all.forEach((s) => {
    used.push({ name: s.webhook, path: s.paths.webhook || '' });
    s.routes.forEach((r) => used.push({ name: r.webhook, path: `${r.path}.webhook` }));
    s.digests.forEach(
      (d) => d.webhook !== null && used.push({ name: d.webhook, path: `${d.path}.webhook` }),
    );
  });
  return used;
}

/** Every webhook NAME the settings name: where sheets post, and where alerts go. */
export function webhookNamesNamed(settings: RelaySettings): Array<{ name: string; path: string }> {
  const named = webhookNamesUsed(settings);
  if (settings.alertWebhook !== null)
    named.push({ name: settings.alertWebhook, path: ALERT_WEBHOOK_KEY });
  return named;
}

/** Where a run says to add a webhook that is not set (the sidebar says where in it instead). */
export const UNSET_WEBHOOK_HINT = 'add it under Project Settings → Script properties';

function missingWebhooks(settings: RelaySettings, set: WebhookSet): ConfigProblem[] {
  const layout = layoutOf(settings);
  const problems: ConfigProblem[] = [];
  const reported: { [property: string]: true } = {};
  for (const use of webhookNamesNamed(settings)) {
    const property = webhookProperty(use.name);
    const known =
      set.webhooks.some((w) => w.property === property) ||
      set.broken.some((w) => w.property === property);
    if (known || reported[property]) continue;
    reported[property] = true;
    const hint = UNSET_WEBHOOK_HINT;
    problems.push(
      use.path === ''
        ? propertyProblem(property, `is not set: ${hint}`)
        : configProblem(
            use.path,
            `names the webhook "${use.name}", but the Script Property ${property} is not set: ${hint}`,
            scopeOf(use.path, layout) || undefined,
          ),
    );
  }
  return problems;
}

export function createConfigSource(store: PropertyStore): ConfigSource {
  let snapshot: { [key: string]: string } | null = null;
  const properties = () => {
    if (snapshot === null) snapshot = store.getProperties() || {};
    return snapshot;
  };
  let webhookSet: WebhookSet | null = null;
  const webhooks = () =>
    webhookSet === null ? (webhookSet = parseWebhooks(properties())) : webhookSet;
  const propertyValue = (name: string) => {
    const props = properties();
    return Object.prototype.hasOwnProperty.call(props, name) ? props[name] : null;
  };
  const rawSettings = () => propertyValue(CONFIG_PROPERTY);
  return {
    webhooks,
    rawSettings,
    load(): Result<Configuration, ConfigProblem[]> {
      const settings = parseSettings(rawSettings());
      const set = webhooks();
      if (!settings.ok) return err(settings.error.concat(set.hints));
      const missing = missingWebhooks(settings.value, set);
      if (missing.length) return err(missing.concat(set.hints));
      return ok({
        settings: settings.value,
        webhooks: set,
        webhook(name) {
          const property = webhookProperty(name);
          const hook = set.webhooks.filter((w) => w.property === property)[0];
          if (hook) return { ok: true, hook };
          return { ok: false, broken: set.broken.filter((w) => w.property === property)[0] };
        },
        property: propertyValue,
      });
    },
  };
}
