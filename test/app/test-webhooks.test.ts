import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { testWebhooks, webhookTestReport } from '../../src/app/test-webhooks';
import {
  appRig,
  expectNoSecrets,
  htmlNotFound,
  requestIdOf,
  secretsOf,
  spaceOfUrl,
} from '../support/rig';

/** Chat behind UrlFetchApp: the emulator, but space GONE answers Google's HTML 404 page, URL quoted. */
function rig(properties: (hook: (space: string) => string) => Record<string, string>) {
  return appRig({
    properties,
    transport: (chat) => {
      const inner = inProcessTransport(chat);
      return (request) =>
        spaceOfUrl(request.url) === 'GONE'
          ? htmlNotFound(request.url.replace('https://chat.googleapis.com', ''))
          : inner(request);
    },
  });
}

const withToken = (url: string, token: string) => url.replace(/token=[^&]+/, `token=${token}`);

describe('testWebhooks', () => {
  const properties = (hook: (space: string) => string) => ({
    CHAT_WEBHOOK_URL: hook('AAAA'),
    CHAT_WEBHOOK_URL_OPS: withToken(hook('OPS'), 'not-the-token'),
    CHAT_WEBHOOK_URL_GONE: hook('GONE'),
    CHAT_WEBHOOK_URL_ops_lower: hook('LOWER'),
    CHAT_WEBHOOK_URL_EMPTY: '  ',
    chat_webhook_url_x: hook('X'),
    UNRELATED: 'x',
  });

  it('reports each webhook in one alert: delivered, refused, and the broken ones', () => {
    const r = rig(properties);
    testWebhooks(r.services);
    expect(r.shown.alerts).toEqual([
      [
        'Chat Relay webhook test:',
        '',
        '✔ CHAT_WEBHOOK_URL (space AAAA): message delivered.',
        '✘ CHAT_WEBHOOK_URL_GONE (space GONE): Chat refused it: HTTP 404 (non-JSON response)',
        '✘ CHAT_WEBHOOK_URL_OPS (space OPS): Chat refused it: HTTP 403 PERMISSION_DENIED: The caller does not have permission',
        '✘ CHAT_WEBHOOK_URL_EMPTY is empty: paste the webhook URL copied from the Chat space',
        '✘ CHAT_WEBHOOK_URL_ops_lower has an invalid name: after CHAT_WEBHOOK_URL_ use only A-Z, 0-9 and _',
        '⚠ chat_webhook_url_x looks like CHAT_WEBHOOK_URL_X, but Script Property names are case-sensitive: rename it to CHAT_WEBHOOK_URL_X',
      ].join('\n'),
    ]);
    expect(r.chat.messages('AAAA').map((m) => m.text)).toEqual([
      '✅ Chat Relay test message for CHAT_WEBHOOK_URL: this webhook works.',
    ]);
    expectNoSecrets(
      secretsOf(r.properties.getProperties()).concat(r.chat.apiKey),
      r.shown.alerts,
      r.logs.lines,
    );
  });

  it('tests every webhook in one batch, one request per space, each with its own requestId', () => {
    const r = rig(properties);
    const fetchAll = jest.spyOn(r.http, 'fetchAll');
    testWebhooks(r.services);
    expect(fetchAll).toHaveBeenCalledTimes(1);
    expect(fetchAll.mock.calls[0][0].map((q) => spaceOfUrl(q.url))).toEqual([
      'AAAA',
      'GONE',
      'OPS',
    ]);
    const ids = r.http.requests.map((q) => requestIdOf(q.url));
    expect(new Set(ids).size).toBe(3);
    ids.forEach((id) => expect(id).toMatch(/^chat-relay-test-/));
  });

  it('tests two webhooks of one space one after the other, paced', () => {
    const r = rig((hook) => ({ CHAT_WEBHOOK_URL: hook('AAAA'), CHAT_WEBHOOK_URL_B: hook('AAAA') }));
    testWebhooks(r.services);
    expect(r.http.requests).toHaveLength(2);
    expect(r.http.requests[1].at - r.http.requests[0].at).toBeGreaterThanOrEqual(1000);
    expect(r.shown.alerts[0]).not.toContain('✘');
  });

  it('works despite a bad CHAT_RELAY_CONFIG, naming its problems too', () => {
    const r = rig((hook) => ({
      CHAT_WEBHOOK_URL: hook('AAAA'),
      CHAT_RELAY_CONFIG: '{"keyColum": "ID"}',
    }));
    expect(webhookTestReport(r.services).split('\n').slice(2)).toEqual([
      '✔ CHAT_WEBHOOK_URL (space AAAA): message delivered.',
      expect.stringMatching(
        /^⚠ CHAT_RELAY_CONFIG key "keyColum" is not a known key \(did you mean "keyColumn"\?\)/,
      ),
    ]);
  });

  it('says how to add a webhook when there is none, with the case hints', () => {
    const r = rig((hook) => ({ Chat_Webhook_Url: hook('AAAA') }));
    testWebhooks(r.services);
    expect(r.shown.alerts).toEqual([
      'Chat Relay: no webhook is configured. Set CHAT_WEBHOOK_URL under Project Settings → Script properties to the URL copied from the Chat space (Apps & integrations → Webhooks).\n\n⚠ Chat_Webhook_Url looks like CHAT_WEBHOOK_URL, but Script Property names are case-sensitive: rename it to CHAT_WEBHOOK_URL',
    ]);
    expect(r.http.requests).toEqual([]);
  });

  it('says Chat is unavailable when it keeps failing for now', () => {
    const r = rig((hook) => ({ CHAT_WEBHOOK_URL: hook('AAAA') }));
    r.chat.injectFault({ status: 503, times: Infinity });
    expect(webhookTestReport(r.services)).toContain(
      '✘ CHAT_WEBHOOK_URL (space AAAA): Chat is unavailable for now: gave up after 3 attempts; last error: HTTP 503 UNAVAILABLE',
    );
    expect(r.http.requests).toHaveLength(3);
  });
});
