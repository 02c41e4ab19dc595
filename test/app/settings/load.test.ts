/**
 * settingsLoad (src/app/settings/load.ts): what the sidebar shows, read in one call.
 * Run directly on the local runtime's service implementations (./world).
 */
import { loadSettings } from '../../../src/app/settings/load';
import { TICKETS } from '../../../local/harness';
import { world } from './world';

const INFRA = 'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k-1&token=t-1';

describe('loadSettings', () => {
  it('masks every webhook: its space, never its key or token', () => {
    const w = world({ properties: { CHAT_WEBHOOK_URL_INFRA: INFRA } });
    const load = loadSettings(w.services);
    expect(load.webhooks.map((h) => h.label)).toEqual([
      'space AAAA…, token set',
      'space BBBB…, token set',
    ]);
    const text = JSON.stringify(load);
    for (const secret of [w.token, 'k-1', 't-1']) expect(text).not.toContain(secret);
  });

  it.each([
    ['a token by itself', '{"token": "tok-SECRET-1"}', { token: 'REDACTED' }, 'token'],
    [
      'a key and a token in a sheet',
      '{"sheets": [{"sheet": "Tickets", "key": "key-SECRET-2", "webhookToken": "tok-SECRET-3"}]}',
      { sheets: [{ sheet: 'Tickets', key: 'REDACTED', webhookToken: 'REDACTED' }] },
      'sheets[0].key',
    ],
    [
      'webhooks by name',
      '{"webhooks": {"INFRA": "tok-SECRET-4"}}',
      { webhooks: 'REDACTED' },
      'webhooks',
    ],
  ])(
    'redacts %s written by hand in CHAT_RELAY_CONFIG, and says where webhooks belong',
    (_what, saved, shown, path) => {
      const w = world({ properties: { CHAT_RELAY_CONFIG: saved } });
      const load = loadSettings(w.services);
      expect(load.config).toEqual(shown);
      expect(load.problems).toContainEqual(
        expect.objectContaining({
          path,
          message: expect.stringContaining(
            'webhooks do not belong in CHAT_RELAY_CONFIG. Paste the webhook URL under Webhooks in the Settings sidebar',
          ),
        }),
      );
      expect(JSON.stringify(load)).not.toMatch(/SECRET/);
    },
  );

  it('redacts a token written by hand in a CHAT_RELAY_CONFIG that is not JSON (smart quotes)', () => {
    const w = world({ properties: { CHAT_RELAY_CONFIG: '{“token”: “tok-SECRET-5”}' } });
    const load = loadSettings(w.services);
    expect(load).toMatchObject({ source: 'invalid', raw: '{“token”: “REDACTED”}' });
    expect(JSON.stringify(load)).not.toMatch(/SECRET/);
  });

  it('says what a run would say of a saved configuration that is wrong', () => {
    const w = world({ properties: { CHAT_RELAY_CONFIG: '{"keyColumn": "Nope"}' } });
    const load = loadSettings(w.services);
    expect(load.source).toBe('property');
    expect(load.problems).toEqual([expect.objectContaining({ path: 'keyColumn' })]);
  });

  it('says whether the web app is deployed, never its URL, and says the actions need it', () => {
    const actions = '{"actions": [{"label": "Claim", "set": {"Title": "Claimed"}}]}';
    const w = world({ properties: { CHAT_RELAY_CONFIG: actions } });
    const none = loadSettings(w.services);
    expect(none.webApp).toBe(false);
    expect(none.problems).toEqual([
      expect.objectContaining({
        path: 'actions',
        message: expect.stringContaining('npm run deploy'),
      }),
    ]);
    const url = 'https://script.google.com/macros/s/AKfy-DEPLOYED/exec';
    const deployed = loadSettings({ ...w.services, webAppUrl: () => url });
    expect(deployed.webApp).toBe(true);
    expect(deployed.problems).toEqual([]);
    expect(JSON.stringify(deployed)).not.toContain('AKfy-DEPLOYED');
    // A URL no link can carry is not a web app the buttons can open.
    expect(loadSettings({ ...w.services, webAppUrl: () => `${url}?x=1` }).webApp).toBe(false);
  });
});

describe('loadSettings: the people directory', () => {
  it('names the directory rows a run ignores, by row number, as the run summary does', () => {
    const people = {
      name: 'People',
      rows: [
        ['Email', 'Chat user ID'],
        ['ana@example.com', 'users/111'],
        ['bob@example.com', 'Bob'],
        ['carl@example.com', '333'],
      ],
    };
    const config = {
      people: { sheet: 'People' },
      mentions: [{ when: { column: 'Title', empty: false }, mention: '{{Title}}' }],
    };
    const w = world({
      sheets: [TICKETS, people],
      properties: { CHAT_RELAY_CONFIG: JSON.stringify(config) },
    });
    expect(loadSettings(w.services).people).toEqual({
      sheet: 'People',
      size: 2,
      ignored: [{ row: 3, value: 'Bob' }],
      problem: null,
    });
  });

  it('is null without a people directory', () => {
    expect(loadSettings(world().services).people).toBeNull();
  });
});
