/**
 * Webhook properties: CHAT_WEBHOOK_URL (the default) and
 * CHAT_WEBHOOK_URL_<NAME> (named webhooks, for routing).
 * Problems name the property and never echo the URL's key or token.
 */
import { WebhookUrl, parseWebhookUrl } from '../chat/webhook-url';

export const DEFAULT_WEBHOOK_PROPERTY = 'CHAT_WEBHOOK_URL';
export const NAMED_WEBHOOK_PREFIX = 'CHAT_WEBHOOK_URL_';
const NAME_PATTERN = /^[A-Z0-9_]+$/;

export interface ConfiguredWebhook {
  /** The Script Property it came from. */
  property: string;
  /** "default" or the NAME part of CHAT_WEBHOOK_URL_<NAME>. */
  name: string;
  webhook: WebhookUrl;
}

export interface WebhookSet {
  webhooks: ConfiguredWebhook[];
  problems: string[];
}

/** Reads every webhook property out of one snapshot of the Script Properties. */
export function parseWebhooks(properties: { [key: string]: string }): WebhookSet {
  const webhooks: ConfiguredWebhook[] = [];
  const problems: string[] = [];
  const names = Object.keys(properties)
    .filter((p) => p === DEFAULT_WEBHOOK_PROPERTY || p.indexOf(NAMED_WEBHOOK_PREFIX) === 0)
    .sort((a, b) =>
      a === DEFAULT_WEBHOOK_PROPERTY ? -1 : b === DEFAULT_WEBHOOK_PROPERTY ? 1 : a < b ? -1 : 1,
    );
  for (const property of names) {
    const name =
      property === DEFAULT_WEBHOOK_PROPERTY
        ? 'default'
        : property.slice(NAMED_WEBHOOK_PREFIX.length);
    if (name !== 'default' && !NAME_PATTERN.test(name)) {
      problems.push(
        `${property}: the name after ${NAMED_WEBHOOK_PREFIX} may use only A-Z, 0-9 and _`,
      );
      continue;
    }
    const raw = properties[property];
    if (raw.trim() === '') {
      problems.push(`${property} is empty: paste the webhook URL copied from the Chat space`);
      continue;
    }
    const parsed = parseWebhookUrl(raw);
    if (!parsed.ok) {
      problems.push(`${property} is not a Chat webhook URL: ${parsed.error}`);
      continue;
    }
    webhooks.push({ property, name, webhook: parsed.value });
  }
  return { webhooks, problems };
}
