/** "Test webhooks": one short message to every configured webhook, one alert with the outcome of each. */
import { createChatClient } from '../chat/client';
import { redactSecrets } from '../chat/webhook-url';
import { createConfigSource } from '../config/config';
import { Services, TITLE } from './context';

export function testAllWebhooks(services: Services): string {
  const config = createConfigSource(services.properties());
  const { webhooks, problems } = config.webhooks();
  const settings = config.load();
  const lines: string[] = [];
  if (!webhooks.length && !problems.length) {
    return `${TITLE}: no webhook is configured. Set CHAT_WEBHOOK_URL under Project Settings → Script properties to the URL copied from the Chat space (Apps & integrations → Webhooks).`;
  }
  const client = createChatClient(services.http(), services.clock, {
    random: () => services.random(),
    log: services.log,
    maxAttempts: 3,
    maxTotalWaitMs: 15000,
  });
  const stamp = services.clock.now();
  webhooks.forEach((hook, i) => {
    const result = client.send(
      hook.webhook,
      { text: `✅ ${TITLE} test message for ${hook.property}: this webhook works.` },
      {
        requestId: `chat-relay-test-${stamp.toString(36)}-${i}-${Math.floor(services.random() * 1e9).toString(36)}`,
      },
    );
    lines.push(
      result.ok
        ? `✔ ${hook.property} (space ${hook.webhook.space}): message delivered.`
        : `✘ ${hook.property} (space ${hook.webhook.space}): ${webhookFailureKind(result.kind)}: ${result.message}`,
    );
  });
  problems.forEach((p) => lines.push(`✘ ${p}`));
  if (!settings.ok) {
    settings.error.filter((p) => problems.indexOf(p) < 0).forEach((p) => lines.push(`⚠ ${p}`));
  }
  return redactSecrets(`${TITLE} webhook test:\n\n${lines.join('\n')}`);
}

function webhookFailureKind(kind: string): string {
  return kind === 'transient'
    ? 'Chat is unavailable for now'
    : kind === 'invalid'
      ? 'the test message was refused before sending'
      : 'Chat refused it';
}
