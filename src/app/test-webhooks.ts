/**
 * Menu → Test webhooks: one short message to every configured webhook, all
 * in one batch (one request per space at a time), then one alert with the
 * outcome of each.
 */
import { SendRequest, SendResult, createChatClient } from '../chat/client';
import { createConfigSource } from '../config/config';
import { ConfiguredWebhook } from '../config/webhooks';
import { Services } from './services';
import { WORDS, safe } from './wording';

function failureKind(kind: string): string {
  return kind === 'transient'
    ? 'Chat is unavailable for now'
    : kind === 'invalid'
      ? 'the test message was refused before sending'
      : 'Chat refused it';
}

/** One line per webhook tested. */
export function describeTest(hook: ConfiguredWebhook, result: SendResult | null): string {
  const where = `${hook.property} (space ${hook.webhook.space})`;
  if (!result) return `✘ ${where}: not tested`;
  return result.ok
    ? `✔ ${where}: message delivered.`
    : `✘ ${where}: ${failureKind(result.kind)}: ${result.message}`;
}

/** Sends the test message to the given webhooks, in one batch. */
export function testMessages(
  services: Services,
  hooks: ConfiguredWebhook[],
): Array<SendResult | null> {
  const client = createChatClient(services.http(), services.clock, {
    random: () => services.random(),
    log: services.log,
    maxAttempts: 3,
    maxTotalWaitMs: 15000,
  });
  const stamp = services.clock.now().toString(36);
  const requests: SendRequest[] = hooks.map((hook, i) => ({
    webhook: hook.webhook,
    message: { text: WORDS.testMessage(hook.property) },
    options: {
      requestId: `chat-relay-test-${stamp}-${i}-${Math.floor(services.random() * 1e9).toString(36)}`,
    },
  }));
  return client.sendAll(requests);
}

/** The report of a test of every configured webhook (also when CHAT_RELAY_CONFIG is bad). */
export function webhookTestReport(services: Services): string {
  const config = createConfigSource(services.properties());
  const set = config.webhooks();
  const settings = config.load();
  if (!set.webhooks.length && !set.broken.length)
    return safe([WORDS.noWebhook].concat(set.hints.map((h) => `⚠ ${h.text}`)).join('\n\n'));
  const results = testMessages(services, set.webhooks);
  const lines = set.webhooks.map((hook, i) => describeTest(hook, results[i]));
  set.broken.forEach((b) => lines.push(`✘ ${b.problem.text}`));
  set.hints.forEach((h) => lines.push(`⚠ ${h.text}`));
  if (!settings.ok) {
    const shown = lines.join('\n');
    settings.error
      .filter((p) => shown.indexOf(p.text) < 0)
      .forEach((p) => lines.push(`⚠ ${p.text}`));
  }
  return safe(WORDS.webhookTest(lines));
}

export function testWebhooks(services: Services): void {
  services.ui().alert(webhookTestReport(services));
}
