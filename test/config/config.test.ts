import { createConfigSource } from '../../src/config/config';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/config/settings';
import { parseWebhooks } from '../../src/config/webhooks';
import { fakePropertyStore } from '../support/properties';

const TOKEN = 'tok3n-SECRET-value_xyz';
const KEY = 'AIzaSy-SECRET-KEY';
const URL_OK = `https://chat.googleapis.com/v1/spaces/AAAA/messages?key=${KEY}&token=${TOKEN}`;

describe('parseSettings (CHAT_RELAY_CONFIG)', () => {
  it('uses the defaults when the property is missing or blank', () => {
    expect(parseSettings(null)).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(parseSettings('  ')).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(DEFAULT_SETTINGS).toEqual({
      sheet: null,
      keyColumn: null,
      headerRow: 1,
      scheduleMinutes: 5,
    });
  });

  it('reads every known key', () => {
    const parsed = parseSettings(
      JSON.stringify({ sheet: ' Tickets ', keyColumn: 'ID', headerRow: 3, scheduleMinutes: 15 }),
    );
    expect(parsed).toEqual({
      ok: true,
      value: { sheet: 'Tickets', keyColumn: 'ID', headerRow: 3, scheduleMinutes: 15 },
    });
  });

  it('names invalid JSON', () => {
    const parsed = parseSettings('{"sheet": "Tickets",}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error[0]).toMatch(/^CHAT_RELAY_CONFIG is not valid JSON/);
  });

  it('rejects a non-object', () => {
    for (const raw of ['[]', '"Tickets"', '42', 'null']) {
      const parsed = parseSettings(raw);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error[0]).toMatch(/must be a JSON object/);
    }
  });

  it('names an unknown key and lists the known ones', () => {
    const parsed = parseSettings('{"sheets": "Tickets"}');
    expect(parsed).toEqual({
      ok: false,
      error: [
        'CHAT_RELAY_CONFIG has an unknown key "sheets" (known keys: sheet, keyColumn, headerRow, scheduleMinutes)',
      ],
    });
  });

  it('names each wrong type with the value it got', () => {
    const parsed = parseSettings(
      JSON.stringify({ sheet: 3, keyColumn: '', headerRow: 0.5, scheduleMinutes: 7 }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toEqual([
      'CHAT_RELAY_CONFIG key "sheet" must be a non-empty string, not 3',
      'CHAT_RELAY_CONFIG key "keyColumn" must be a non-empty string, not ""',
      'CHAT_RELAY_CONFIG key "headerRow" must be a whole number of 1 or more, not 0.5',
      'CHAT_RELAY_CONFIG key "scheduleMinutes" must be one of 1, 5, 10, 15, 30, not 7',
    ]);
  });

  it.each([1, 5, 10, 15, 30])('accepts scheduleMinutes %i', (minutes) => {
    expect(parseSettings(JSON.stringify({ scheduleMinutes: minutes })).ok).toBe(true);
  });
});

describe('parseWebhooks', () => {
  it('reads the default and named webhooks, default first', () => {
    const set = parseWebhooks({
      CHAT_WEBHOOK_URL_OPS: URL_OK.replace('AAAA', 'OPS1'),
      CHAT_WEBHOOK_URL: URL_OK,
      OTHER: 'x',
    });
    expect(set.problems).toEqual([]);
    expect(set.webhooks.map((w) => [w.property, w.name, w.webhook.space])).toEqual([
      ['CHAT_WEBHOOK_URL', 'default', 'AAAA'],
      ['CHAT_WEBHOOK_URL_OPS', 'OPS', 'OPS1'],
    ]);
  });

  it('rejects a bad name, an empty value and a foreign URL, naming the property and never the token', () => {
    const set = parseWebhooks({
      CHAT_WEBHOOK_URL_ops: URL_OK,
      CHAT_WEBHOOK_URL_EMPTY: ' ',
      CHAT_WEBHOOK_URL: `https://evil.example.com/v1/spaces/AAAA/messages?key=${KEY}&token=${TOKEN}`,
    });
    expect(set.webhooks).toEqual([]);
    expect(set.problems).toHaveLength(3);
    expect(set.problems[0]).toMatch(/^CHAT_WEBHOOK_URL is not a Chat webhook URL: /);
    expect(set.problems.join('\n')).toMatch(/CHAT_WEBHOOK_URL_EMPTY is empty/);
    expect(set.problems.join('\n')).toMatch(
      /CHAT_WEBHOOK_URL_ops: the name after CHAT_WEBHOOK_URL_ may use only A-Z, 0-9 and _/,
    );
    expect(set.problems.join('\n')).not.toContain(TOKEN);
    expect(set.problems.join('\n')).not.toContain(KEY);
  });

  it('normalises pasted threadKey and messageReplyOption parameters away', () => {
    const set = parseWebhooks({
      CHAT_WEBHOOK_URL: `${URL_OK}&threadKey=abc&messageReplyOption=REPLY_MESSAGE_OR_FAIL`,
    });
    expect(set.problems).toEqual([]);
    expect(set.webhooks[0].webhook).toEqual({
      space: 'AAAA',
      key: KEY,
      token: TOKEN,
      endpoint: 'https://chat.googleapis.com/v1/spaces/AAAA/messages',
    });
  });
});

describe('createConfigSource', () => {
  it('reads Script Properties lazily and only once per run', () => {
    const store = fakePropertyStore({ CHAT_WEBHOOK_URL: URL_OK });
    const source = createConfigSource(store);
    expect(store.calls.getProperties).toBe(0);
    source.load();
    source.relayTarget();
    source.webhooks();
    expect(store.calls.getProperties).toBe(1);
    expect(store.calls.getProperty).toBe(0);
  });

  it('gives the relay target with its settings', () => {
    const source = createConfigSource(
      fakePropertyStore({ CHAT_WEBHOOK_URL: URL_OK, CHAT_RELAY_CONFIG: '{"keyColumn":"ID"}' }),
    );
    const target = source.relayTarget();
    expect(target.ok).toBe(true);
    if (target.ok) {
      expect(target.value.target.webhook.space).toBe('AAAA');
      expect(target.value.configuration.settings.keyColumn).toBe('ID');
    }
  });

  it('says how to fix a missing default webhook', () => {
    const target = createConfigSource(fakePropertyStore({})).relayTarget();
    expect(target).toEqual({
      ok: false,
      error: ['CHAT_WEBHOOK_URL is not set: add it under Project Settings → Script properties'],
    });
  });

  it('reports every problem at once', () => {
    const target = createConfigSource(
      fakePropertyStore({ CHAT_WEBHOOK_URL: 'http://nope', CHAT_RELAY_CONFIG: '{"x":1}' }),
    ).relayTarget();
    expect(target.ok).toBe(false);
    if (!target.ok) {
      expect(target.error).toHaveLength(2);
      expect(target.error[0]).toMatch(/unknown key "x"/);
      expect(target.error[1]).toMatch(/^CHAT_WEBHOOK_URL is not a Chat webhook URL/);
    }
  });
});
