import { PropertyStoreFake } from '../../local/runtime';
import { createConfigSource, webhookNamesNamed, webhookNamesUsed } from '../../src/config/config';
import { parseSettings, RelaySettings } from '../../src/config/settings';
import { expectNoSecrets, KEY, TOKEN, webhookUrl } from '../support/rig';

const URL_OK = webhookUrl('AAAA');

function source(properties: Record<string, string>) {
  const store = new PropertyStoreFake(properties);
  const getProperties = jest.spyOn(store, 'getProperties');
  const getProperty = jest.spyOn(store, 'getProperty');
  return { config: createConfigSource(store), getProperties, getProperty };
}

function settings(value: unknown): RelaySettings {
  const parsed = parseSettings(JSON.stringify(value));
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.text).join('\n'));
  return parsed.value;
}

describe('createConfigSource', () => {
  it('reads Script Properties lazily, once per run, whatever asks', () => {
    const s = source({ CHAT_WEBHOOK_URL: URL_OK, CHAT_RELAY_CONFIG: '{"keyColumn":"ID"}' });
    expect(s.getProperties).not.toHaveBeenCalled();
    s.config.load();
    s.config.webhooks();
    s.config.rawSettings();
    s.config.load();
    expect(s.getProperties).toHaveBeenCalledTimes(1);
    expect(s.getProperty).not.toHaveBeenCalled();
  });

  it('gives the settings and the webhook of each NAME', () => {
    const s = source({
      CHAT_WEBHOOK_URL: URL_OK,
      CHAT_WEBHOOK_URL_OPS: webhookUrl('OPS1'),
      CHAT_RELAY_CONFIG: JSON.stringify({
        keyColumn: 'ID',
        routes: [{ when: { column: 'Team', equals: 'Ops' }, webhook: 'OPS' }],
      }),
    });
    const loaded = s.config.load();
    if (!loaded.ok) throw new Error(loaded.error.map((p) => p.text).join('\n'));
    expect(loaded.value.settings.defaults.keyColumn).toBe('ID');
    const ops = loaded.value.webhook('OPS');
    expect(ops.ok && ops.hook.webhook.space).toBe('OPS1');
    const main = loaded.value.webhook('default');
    expect(main.ok && main.hook.property).toBe('CHAT_WEBHOOK_URL');
  });

  it('says how to set a missing default webhook', () => {
    expect(source({}).config.load()).toEqual({
      ok: false,
      error: [
        {
          path: 'CHAT_WEBHOOK_URL',
          message: 'is not set: add it under Project Settings → Script properties',
          text: 'CHAT_WEBHOOK_URL is not set: add it under Project Settings → Script properties',
        },
      ],
    });
  });

  it('names the NAME, where it is used and the property to set, for a webhook NAME not set', () => {
    const loaded = source({
      CHAT_WEBHOOK_URL: URL_OK,
      CHAT_RELAY_CONFIG: JSON.stringify({
        sheets: [
          {
            sheet: 'Tickets',
            routes: [{ when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' }],
          },
          { sheet: 'Other', webhook: 'INFRA' },
        ],
      }),
    }).config.load();
    expect(loaded).toEqual({
      ok: false,
      error: [
        {
          path: 'sheets[0].routes[0].webhook',
          message:
            'names the webhook "INFRA", but the Script Property CHAT_WEBHOOK_URL_INFRA is not set: add it under Project Settings → Script properties',
          text: 'CHAT_RELAY_CONFIG key "sheets[0].routes[0].webhook" (sheet "Tickets") names the webhook "INFRA", but the Script Property CHAT_WEBHOOK_URL_INFRA is not set: add it under Project Settings → Script properties',
          sheet: 'sheet "Tickets"',
        },
      ],
    });
  });

  it('names the sheet webhook key when the sheet posts to a NAME not set', () => {
    const loaded = source({
      CHAT_RELAY_CONFIG: JSON.stringify({ sheets: [{ sheet: 'A', webhook: 'OPS' }] }),
    }).config.load();
    expect(!loaded.ok && loaded.error.map((p) => p.path)).toEqual(['sheets[0].webhook']);
  });

  it('needs no CHAT_WEBHOOK_URL when no sheet posts to it', () => {
    const loaded = source({
      CHAT_WEBHOOK_URL_OPS: webhookUrl('OPS1'),
      CHAT_RELAY_CONFIG: JSON.stringify({ webhook: 'OPS', sheets: [{ sheet: 'A' }] }),
    }).config.load();
    expect(loaded.ok).toBe(true);
  });

  it('loads with a broken webhook: a NAME set but unusable is known, and says why', () => {
    const loaded = source({ CHAT_WEBHOOK_URL: 'http://nope' }).config.load();
    if (!loaded.ok) throw new Error('expected a configuration');
    const hook = loaded.value.webhook('default');
    expect(hook.ok).toBe(false);
    if (hook.ok) return;
    expect(hook.broken.problem.text).toMatch(/^CHAT_WEBHOOK_URL is not a Chat webhook URL: /);
    expect(loaded.value.webhooks.broken).toHaveLength(1);
  });

  it('reports settings problems with the case hints, every problem at once', () => {
    const loaded = source({
      CHAT_WEBHOOK_URL: URL_OK,
      CHAT_RELAY_CONFIG: '{"x": 1, "format": "html"}',
      chat_webhook_url_ops: URL_OK,
    }).config.load();
    expect(!loaded.ok && loaded.error.map((p) => p.path)).toEqual([
      'x',
      'format',
      'chat_webhook_url_ops',
    ]);
  });

  it('gives the webhooks despite a bad CHAT_RELAY_CONFIG, and the raw settings text', () => {
    const s = source({ CHAT_WEBHOOK_URL: URL_OK, CHAT_RELAY_CONFIG: '{bad' });
    expect(s.config.load().ok).toBe(false);
    expect(s.config.webhooks().webhooks.map((w) => w.property)).toEqual(['CHAT_WEBHOOK_URL']);
    expect(s.config.rawSettings()).toBe('{bad');
    expect(source({}).config.rawSettings()).toBeNull();
  });

  it('never puts a secret in a problem', () => {
    const loaded = source({
      CHAT_WEBHOOK_URL: URL_OK.replace('https:', 'http:'),
      CHAT_WEBHOOK_URL_X: `'${URL_OK}'`,
      CHAT_RELAY_CONFIG: '{"webhook": "Y"}',
    }).config.load();
    expect(loaded.ok).toBe(false);
    expectNoSecrets([KEY, TOKEN], loaded);
  });
});

describe('webhookNamesUsed', () => {
  it('lists the default sheet webhook when no sheet is listed', () => {
    expect(webhookNamesUsed(settings({}))).toEqual([{ name: 'default', path: '' }]);
  });

  it('lists the webhook of each listed sheet and of each of its routes, with where', () => {
    expect(
      webhookNamesUsed(
        settings({
          webhook: 'OPS',
          sheets: [
            {
              sheet: 'A',
              routes: [{ when: { column: 'T', equals: 'x' }, webhook: 'INFRA' }],
            },
            { sheet: 'B', webhook: 'default' },
          ],
        }),
      ),
    ).toEqual([
      { name: 'OPS', path: 'webhook' },
      { name: 'INFRA', path: 'sheets[0].routes[0].webhook' },
      { name: 'default', path: 'sheets[1].webhook' },
    ]);
  });
});

describe('alertWebhook', () => {
  it('is named where the configuration names webhooks, but is not a webhook rows post to', () => {
    const s = settings({ alertWebhook: 'ALERTS', webhook: 'OPS' });
    expect(webhookNamesUsed(s)).toEqual([{ name: 'OPS', path: 'webhook' }]);
    expect(webhookNamesNamed(s)).toEqual([
      { name: 'OPS', path: 'webhook' },
      { name: 'ALERTS', path: 'alertWebhook' },
    ]);
    expect(webhookNamesNamed(settings({}))).toEqual([{ name: 'default', path: '' }]);
  });

  it('must name a webhook property that is set, and says which', () => {
    const loaded = source({
      CHAT_WEBHOOK_URL: URL_OK,
      CHAT_RELAY_CONFIG: JSON.stringify({ alertWebhook: 'ALERTS' }),
    }).config.load();
    expect(loaded).toEqual({
      ok: false,
      error: [
        {
          path: 'alertWebhook',
          message:
            'names the webhook "ALERTS", but the Script Property CHAT_WEBHOOK_URL_ALERTS is not set: add it under Project Settings → Script properties',
          text: 'CHAT_RELAY_CONFIG key "alertWebhook" names the webhook "ALERTS", but the Script Property CHAT_WEBHOOK_URL_ALERTS is not set: add it under Project Settings → Script properties',
        },
      ],
    });
  });

  it('takes a set webhook property, or the default one', () => {
    const named = source({
      CHAT_WEBHOOK_URL: URL_OK,
      CHAT_WEBHOOK_URL_ALERTS: webhookUrl('ALRT'),
      CHAT_RELAY_CONFIG: JSON.stringify({ alertWebhook: 'ALERTS' }),
    }).config.load();
    expect(named.ok && named.value.settings.alertWebhook).toBe('ALERTS');
    const fallback = source({
      CHAT_WEBHOOK_URL: URL_OK,
      CHAT_RELAY_CONFIG: JSON.stringify({ alertWebhook: 'Default' }),
    }).config.load();
    expect(fallback.ok && fallback.value.settings.alertWebhook).toBe('default');
  });
});
