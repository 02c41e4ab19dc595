/**
 * The Webhooks section: each configured webhook masked ("space AAAA…, token
 * set"), a new URL validated before it is stored, a test message to one
 * webhook, and removing one. No result, error or log line holds a key or a
 * token: errors describe the URL without quoting it.
 */
import { parseWebhookUrl } from '../../chat/webhook-url';
import { createConfigSource, webhookNamesNamed } from '../../config/config';
import { quotedValueHint } from '../../config/json';
import { ConfigProblem } from '../../config/problems';
import { DEFAULT_WEBHOOK_NAME, parseWebhookName } from '../../config/sheet-settings';
import { WebhookSet, parseWebhooks, webhookProperty } from '../../config/webhooks';
import { describeTest, testMessages } from '../test-webhooks';
import { safe } from '../wording';
import { SettingsServices } from './services';
import {
  Failure,
  MaskedWebhook,
  RemoveWebhookResult,
  SetWebhookResult,
  TestWebhookResult,
} from './types';
import { fromProblems, settingsError } from './validate';

/** How the sidebar shows a webhook's URL: its space, shortened, and that a token is set. */
export function maskedLabel(space: string): string {
  return `space ${space.slice(0, 8)}…, token set`;
}

/** Where the saved configuration names each webhook NAME (none when it cannot be read). */
function usesOf(services: SettingsServices): { [name: string]: string[] } {
  const loaded = createConfigSource(services.properties()).load();
  const uses: { [name: string]: string[] } = {};
  if (!loaded.ok) return uses;
  webhookNamesNamed(loaded.value.settings).forEach((u) => {
    (uses[u.name] = uses[u.name] || []).push(u.path);
  });
  return uses;
}

/** Every webhook property, masked, and the case hints about look-alike properties. */
export function maskedWebhooks(services: SettingsServices): {
  webhooks: MaskedWebhook[];
  set: WebhookSet;
} {
  const set = parseWebhooks(services.properties().getProperties() || {});
  const uses = usesOf(services);
  const webhooks: MaskedWebhook[] = set.webhooks.map((w) => ({
    name: w.name,
    property: w.property,
    ok: true,
    space: w.webhook.space,
    label: maskedLabel(w.webhook.space),
    usedBy: uses[w.name] || [],
  }));
  set.broken.forEach((b) =>
    webhooks.push({
      name: b.name,
      property: b.property,
      ok: false,
      space: '',
      label: safe(`set, but unusable: ${b.problem.message}`),
      usedBy: uses[b.name] || [],
    }),
  );
  return { webhooks, set };
}

function failure(path: string, message: string, text?: string): Failure {
  return { ok: false, errors: [settingsError(path, message, text)] };
}

/** A webhook NAME from the sidebar: "default" or A-Z, 0-9 and _; or the problem. */
function nameOf(name: unknown): { name: string } | Failure {
  const problems: ConfigProblem[] = [];
  const parsed = parseWebhookName(name, 'name', problems);
  if (parsed === null || problems.length) {
    const message = problems.length ? problems[0].message : 'must be a webhook NAME';
    return failure('name', message, `The webhook name ${message}`);
  }
  return { name: parsed };
}

/**
 * The refusal to replace a webhook that is set, naming it (masked) and where the saved
 * settings post to it: path `replace`, which the sidebar answers by asking.
 */
function wouldReplace(services: SettingsServices, name: string, property: string): Failure | null {
  const hook = maskedWebhooks(services).webhooks.filter((w) => w.property === property)[0];
  if (!hook) return null;
  const used = hook.usedBy.length
    ? `, used by the saved settings (${hook.usedBy.map((p) => p || 'every followed sheet by default').join(', ')})`
    : '';
  const which = `${name === DEFAULT_WEBHOOK_NAME ? 'The default webhook' : `Webhook ${name}`} (${property}: ${hook.label}${used})`;
  return failure(
    'replace',
    `${which} is already set: replace its URL with this one?`,
    `${which} is already set: nothing was changed.`,
  );
}

/**
 * Validates a pasted URL and stores it under the NAME's property; never returns the URL.
 * A webhook already set is replaced only with `replace` true (its own "Save URL", or once
 * the person confirmed); otherwise the answer names it, path `replace`, and nothing changes.
 */
export function setWebhook(
  services: SettingsServices,
  name: unknown,
  url: unknown,
  replace?: unknown,
): SetWebhookResult {
  const named = nameOf(name);
  if ('ok' in named) return named;
  const property = webhookProperty(named.name);
  if (typeof url !== 'string' || url.trim() === '') {
    return failure(
      'url',
      'is empty: paste the webhook URL copied from the Chat space',
      `${property} is empty: paste the webhook URL copied from the Chat space`,
    );
  }
  const quoted = quotedValueHint(property, url);
  if (quoted) return failure('url', quoted.slice(property.length + 1), quoted);
  const parsed = parseWebhookUrl(url);
  if (!parsed.ok) {
    const message = `is not a Chat webhook URL: ${parsed.error}`;
    return failure('url', message, `${property} ${message}`);
  }
  const hook = parsed.value;
  const existing = replace === true ? null : wouldReplace(services, named.name, property);
  if (existing) return existing;
  // Stored normalised: pasted extras (threadKey, messageReplyOption, …) are dropped.
  services
    .scriptProperties()
    .setProperty(
      property,
      `${hook.endpoint}?key=${encodeURIComponent(hook.key)}&token=${encodeURIComponent(hook.token)}`,
    );
  return {
    ok: true,
    name: named.name,
    property,
    space: hook.space,
    label: maskedLabel(hook.space),
  };
}

/** Removes a webhook property, unless the saved configuration still posts to it. */
export function removeWebhook(services: SettingsServices, name: unknown): RemoveWebhookResult {
  const named = nameOf(name);
  if ('ok' in named) return named;
  const property = webhookProperty(named.name);
  if (services.properties().getProperty(property) === null) {
    return failure('name', `${property} is not set: there is nothing to remove`);
  }
  const used = usesOf(services)[named.name];
  if (used && used.length) {
    const where = used.map((p) => (p === '' ? 'every followed sheet by default' : p)).join(', ');
    return failure(
      'name',
      `is still used (${where}): send those rows to another webhook and save first`,
      `${property} is still used by the saved configuration (${where}): send those rows to another webhook and save first`,
    );
  }
  services.scriptProperties().deleteProperty(property);
  return { ok: true, name: named.name, property };
}

/** Sends the test message to that webhook only. */
export function testWebhook(services: SettingsServices, name: unknown): TestWebhookResult {
  const named = nameOf(name);
  if ('ok' in named) return named;
  const property = webhookProperty(named.name);
  const set = createConfigSource(services.properties()).webhooks();
  const broken = set.broken.filter((b) => b.property === property)[0];
  if (broken) return { ok: false, errors: fromProblems([broken.problem]) };
  const hook = set.webhooks.filter((w) => w.property === property)[0];
  if (!hook) return failure('name', `${property} is not set: add its URL first`);
  const [result] = testMessages(services, [hook]);
  const line = safe(describeTest(hook, result));
  if (result && result.ok) return { ok: true, space: hook.webhook.space, message: line };
  return failure('url', line.replace(/^✘ /, ''), line.replace(/^✘ /, ''));
}
