/**
 * relayProblem reads the alert a menu run showed. These cases run the real
 * bundle, so that a change of the bundle's wording fails here.
 */
import { harness } from '../../local/harness';
import { relayProblem } from '../../local/run-outcome';

function sendPendingAlerts(h: ReturnType<typeof harness>): string[] {
  const first = h.runtime.ui.alerts.length;
  h.run('sendPendingRows');
  return h.runtime.ui.alerts.slice(first);
}

test('a run that sent its rows reports no problem, nor does an idle one', () => {
  const h = harness();
  expect(relayProblem(sendPendingAlerts(h))).toBeNull();
  expect(relayProblem(sendPendingAlerts(h))).toBeNull();
});

test('a bad CHAT_RELAY_CONFIG is a configuration problem, named by the bundle', () => {
  for (const config of [{ keyColumn: 'Nope' }, { sheet: 'Nope' }, { shet: 'Tickets' }]) {
    const h = harness({ config });
    const alerts = sendPendingAlerts(h);
    const problem = relayProblem(alerts);
    expect(problem).toEqual({
      kind: 'configuration',
      alert: alerts[0],
      problems: [expect.stringContaining('CHAT_RELAY_CONFIG')],
    });
    expect(alerts[0]).toContain(`• ${problem?.problems[0]}`);
    expect(h.messages()).toHaveLength(0);
  }
});

test('a missing webhook property is a configuration problem too', () => {
  const h = harness({ properties: { CHAT_WEBHOOK_URL: '' } });
  expect(relayProblem(sendPendingAlerts(h))?.kind).toBe('configuration');
});

test('a webhook Chat refuses (wrong token) is a webhook problem', () => {
  const h = harness();
  h.properties.setProperty(
    'CHAT_WEBHOOK_URL',
    h.webhookUrl.replace(/token=[^&]+/, 'token=revoked'),
  );
  const problem = relayProblem(sendPendingAlerts(h));
  expect(problem?.kind).toBe('webhook');
  expect(problem?.problems).toEqual([
    expect.stringMatching(/^Chat refused the webhook in CHAT_WEBHOOK_URL: /),
  ]);
});
