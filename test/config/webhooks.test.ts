import {
  DEFAULT_WEBHOOK_PROPERTY,
  NAMED_WEBHOOK_PREFIX,
  parseWebhooks,
  webhookProperty,
} from '../../src/config/webhooks';
import { expectNoSecrets, KEY, TOKEN, webhookUrl } from '../support/rig';

const URL_OK = webhookUrl('AAAA');

describe('webhookProperty', () => {
  it('maps a NAME to its Script Property', () => {
    expect(webhookProperty('default')).toBe('CHAT_WEBHOOK_URL');
    expect(webhookProperty('OPS')).toBe('CHAT_WEBHOOK_URL_OPS');
    expect([DEFAULT_WEBHOOK_PROPERTY, NAMED_WEBHOOK_PREFIX]).toEqual([
      'CHAT_WEBHOOK_URL',
      'CHAT_WEBHOOK_URL_',
    ]);
  });
});

describe('parseWebhooks', () => {
  it('reads the default and the named webhooks, default first, then by name', () => {
    const set = parseWebhooks({
      CHAT_WEBHOOK_URL_OPS: webhookUrl('OPS1'),
      CHAT_WEBHOOK_URL_INFRA: webhookUrl('INFRA1'),
      CHAT_WEBHOOK_URL: URL_OK,
      CHAT_RELAY_CONFIG: '{}',
      OTHER: 'x',
    });
    expect(set.broken).toEqual([]);
    expect(set.hints).toEqual([]);
    expect(set.webhooks.map((w) => [w.property, w.name, w.webhook.space])).toEqual([
      ['CHAT_WEBHOOK_URL', 'default', 'AAAA'],
      ['CHAT_WEBHOOK_URL_INFRA', 'INFRA', 'INFRA1'],
      ['CHAT_WEBHOOK_URL_OPS', 'OPS', 'OPS1'],
    ]);
  });

  it('normalises pasted threadKey and messageReplyOption parameters away', () => {
    const set = parseWebhooks({
      CHAT_WEBHOOK_URL: `${URL_OK}&threadKey=abc&messageReplyOption=REPLY_MESSAGE_OR_FAIL`,
    });
    expect(set.webhooks[0].webhook).toEqual({
      space: 'AAAA',
      key: KEY,
      token: TOKEN,
      endpoint: 'https://chat.googleapis.com/v1/spaces/AAAA/messages',
    });
  });

  it('keeps the unusable ones apart, each naming its property and never a secret', () => {
    const set = parseWebhooks({
      CHAT_WEBHOOK_URL: URL_OK.replace('https://chat.googleapis.com', 'https://evil.example.com'),
      CHAT_WEBHOOK_URL_ops: URL_OK,
      CHAT_WEBHOOK_URL_EMPTY: ' ',
      CHAT_WEBHOOK_URL_QUOTED: `"${URL_OK}"`,
      CHAT_WEBHOOK_URL_NOTOKEN: URL_OK.split('&token=')[0],
      CHAT_WEBHOOK_URL_GOOD: URL_OK,
    });
    expect(set.webhooks.map((w) => w.property)).toEqual(['CHAT_WEBHOOK_URL_GOOD']);
    expect(set.broken.map((b) => [b.property, b.name, b.problem.path])).toEqual([
      ['CHAT_WEBHOOK_URL', 'default', 'CHAT_WEBHOOK_URL'],
      ['CHAT_WEBHOOK_URL_EMPTY', 'EMPTY', 'CHAT_WEBHOOK_URL_EMPTY'],
      ['CHAT_WEBHOOK_URL_NOTOKEN', 'NOTOKEN', 'CHAT_WEBHOOK_URL_NOTOKEN'],
      ['CHAT_WEBHOOK_URL_QUOTED', 'QUOTED', 'CHAT_WEBHOOK_URL_QUOTED'],
      ['CHAT_WEBHOOK_URL_ops', 'ops', 'CHAT_WEBHOOK_URL_ops'],
    ]);
    expect(set.broken.map((b) => b.problem.text)).toEqual([
      'CHAT_WEBHOOK_URL is not a Chat webhook URL: must start with https://chat.googleapis.com (another scheme, host or port was given)',
      'CHAT_WEBHOOK_URL_EMPTY is empty: paste the webhook URL copied from the Chat space',
      'CHAT_WEBHOOK_URL_NOTOKEN is not a Chat webhook URL: is missing the token parameter',
      'CHAT_WEBHOOK_URL_QUOTED has "…" around the URL: paste the URL alone, without quotes',
      'CHAT_WEBHOOK_URL_ops has an invalid name: after CHAT_WEBHOOK_URL_ use only A-Z, 0-9 and _',
    ]);
    expect(set.broken[3].problem.message).toBe(
      'has "…" around the URL: paste the URL alone, without quotes',
    );
    expectNoSecrets([KEY, TOKEN], set.broken, set.hints);
  });

  it('hints at properties meant as Chat Relay’s but named in another case', () => {
    const set = parseWebhooks({
      chat_webhook_url: URL_OK,
      Chat_Webhook_Url_Ops: URL_OK,
      chat_relay_config: '{}',
      CHAT_WEBHOOK: URL_OK,
    });
    expect(set.webhooks).toEqual([]);
    expect(set.broken).toEqual([]);
    expect(set.hints.map((h) => h.text)).toEqual([
      'chat_webhook_url looks like CHAT_WEBHOOK_URL, but Script Property names are case-sensitive: rename it to CHAT_WEBHOOK_URL',
      'Chat_Webhook_Url_Ops looks like CHAT_WEBHOOK_URL_OPS, but Script Property names are case-sensitive: rename it to CHAT_WEBHOOK_URL_OPS',
      'chat_relay_config looks like CHAT_RELAY_CONFIG, but Script Property names are case-sensitive: rename it to CHAT_RELAY_CONFIG',
    ]);
    expect(set.hints.map((h) => h.path)).toEqual([
      'chat_webhook_url',
      'Chat_Webhook_Url_Ops',
      'chat_relay_config',
    ]);
  });

  it('reads nothing from no properties', () => {
    expect(parseWebhooks({})).toEqual({ webhooks: [], broken: [], hints: [] });
  });
});
