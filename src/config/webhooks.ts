/**
 * Webhook properties: CHAT_WEBHOOK_URL (the default) and
 * CHAT_WEBHOOK_URL_<NAME> (named webhooks, for routing). Problems name the
 * property and never echo the URL's key or token.
 */
import { WebhookUrl, parseWebhookUrl } from '../chat/webhook-url';
import { quotedValueHint } from './json';
import { CONFIG_PROPERTY, ConfigProblem, propertyProblem } from './problems';
import { DEFAULT_WEBHOOK_NAME, NAMED_WEBHOOK_PREFIX } from './sheet-settings';

export const DEFAULT_WEBHOOK_PROPERTY = 'CHAT_WEBHOOK_URL';
export { NAMED_WEBHOOK_PREFIX };
const NAME_PATTERN = /^[A-Z0-9_]+$/;

export interface ConfiguredWebhook {
  /** The Script Property it came from. */
  property: string;
  /** "default" or the NAME part of CHAT_WEBHOOK_URL_<NAME>. */
  name: string;
  webhook: WebhookUrl;
}

/** A webhook property that is set but unusable (a sheet using it keeps its rows PENDING). */
export interface BrokenWebhook {
  property: string;
  name: string;
  problem: ConfigProblem;
}

export interface WebhookSet {
  webhooks: ConfiguredWebhook[];
  broken: BrokenWebhook[];
  /** Properties that look meant as Chat Relay's but are not (wrong case). */
  hints: ConfigProblem[];
}

/** The property that holds the webhook of a NAME ("default" → CHAT_WEBHOOK_URL). */
export function webhookProperty(name: string): string {
  return name === DEFAULT_WEBHOOK_NAME ? DEFAULT_WEBHOOK_PROPERTY : NAMED_WEBHOOK_PREFIX + name;
}

function webhookNameOf(property: string): string {
  return property === DEFAULT_WEBHOOK_PROPERTY
    ? DEFAULT_WEBHOOK_NAME
    : property.slice(NAMED_WEBHOOK_PREFIX.length);
}

function isWebhookProperty(property: string): boolean {
  return property === DEFAULT_WEBHOOK_PROPERTY || property.indexOf(NAMED_WEBHOOK_PREFIX) === 0;
}

/** Properties named like Chat Relay's in another case: Script Properties are case-sensitive. */
function caseHints(properties: string[]): ConfigProblem[] {
  const ours = [DEFAULT_WEBHOOK_PROPERTY, CONFIG_PROPERTY];
  return properties
    .filter((p) => !isWebhookProperty(p) && p !== CONFIG_PROPERTY)
    .filter(
      (p) =>
        ours.indexOf(p.toUpperCase()) >= 0 || p.toUpperCase().indexOf(NAMED_WEBHOOK_PREFIX) === 0,
    )
    .map((p) => {
      const meant = p.toUpperCase();
      return propertyProblem(
        p,
        `looks like ${meant}, but Script Property names are case-sensitive: rename it to ${meant}`,
      );
    });
}

function check(property: string, raw: string): ConfigProblem | WebhookUrl {
  const name = webhookNameOf(property);
  if (name !== DEFAULT_WEBHOOK_NAME && !NAME_PATTERN.test(name)) {
    return propertyProblem(
      property,
      `has an invalid name: after ${NAMED_WEBHOOK_PREFIX} use only A-Z, 0-9 and _`,
    );
  }
  if (raw.trim() === '') {
    return propertyProblem(property, 'is empty: paste the webhook URL copied from the Chat space');
  }
  const quoted = quotedValueHint(property, raw);
  if (quoted) return propertyProblem(property, quoted.slice(property.length + 1));
  const parsed = parseWebhookUrl(raw);
  return parsed.ok
    ? parsed.value
    : propertyProblem(property, `is not a Chat webhook URL: ${parsed.error}`);
}

/** Reads every webhook property out of one snapshot of the Script Properties. */
export function parseWebhooks(properties: { [key: string]: string }): WebhookSet {
  const set: WebhookSet = { webhooks: [], broken: [], hints: caseHints(Object.keys(properties)) };
  const names = Object.keys(properties)
    .filter(isWebhookProperty)
    .sort((a, b) =>
      a === DEFAULT_WEBHOOK_PROPERTY ? -1 : b === DEFAULT_WEBHOOK_PROPERTY ? 1 : a < b ? -1 : 1,
    );
  for (const property of names) {
    const name = webhookNameOf(property);
    const checked = check(property, properties[property]);
    if ('path' in checked) set.broken.push({ property, name, problem: checked });
    else set.webhooks.push({ property, name, webhook: checked });
  }
  return set;
}
