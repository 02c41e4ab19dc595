/** Menu → Test webhooks: one short message to every configured webhook, one alert with the outcome of each. */
import { createChatClient } from '../chat/client';
import { createConfigSource } from '../config/config';
import { Services } from './services';
import { WORDS, safe } from './wording';

function failureKind(kind: string): string {
  return kind === 'transient'
    ? 'Chat is unavailable for now'
    : kind === 'invalid'
      ? 'the test message was refused before sending'
      : 'Chat refused it';
}

/** The report of a test of every configured webhook (also when CHAT_RELAY_CONFIG is bad). */
export function webhookTestReport(services: Services): string {
  const config = createConfigSource(services.properties());
  const { webhooks, problems } = config.webhooks();
  const settings = config.load();
  if (!webhooks.length && !problems.length) return WORDS.noWebhook;
  const client = createChatClient(services.http(), services.clock, {
    random: () => services.random(),
    log: services.log,
    maxAttempts: 3,
    maxTotalWaitMs: 15000,
  });
  const stamp = services.clock.now();
  const lines = webhooks.map((hook, i) => {
    const result = client.send(
      hook.webhook,
      { text: WORDS.testMessage(hook.property) },
      {
        requestId: `chat-relay-test-${stamp.toString(36)}-${i}-${Math.floor(services.random() * 1e9).toString(36)}`,
      },
    );
    const where = `${hook.property} (space ${hook.webhook.space})`;
    return result.ok
      ? `✔ ${where}: message delivered.`
      : `✘ ${where}: ${failureKind(result.kind)}: ${result.message}`;
  });
  problems.forEach((p) => lines.push(`✘ ${p}`));
  if (!settings.ok) {
    settings.error.filter((p) => problems.indexOf(p) < 0).forEach((p) => lines.push(`⚠ ${p}`));
  }
  return safe(WORDS.webhookTest(lines));
}

export function testWebhooks(services: Services): void {
  services.ui().alert(webhookTestReport(services));
}
