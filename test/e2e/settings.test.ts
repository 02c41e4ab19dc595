/**
 * The Settings sidebar's server functions, through the built bundle in the
 * local runtime: what each returns, what it stores, what it sends, and that
 * none hands out a webhook's key or token.
 */
import { DEFAULT_API_KEY } from '../../local/chat-emulator/store';
import { harness, type Harness } from '../../local/harness';

const FORM_URL = 'https://docs.google.com/forms/d/local-form/edit';
const OTHER_HOOK =
  'https://chat.googleapis.com/v1/spaces/BBBBinfra/messages?key=k-infra&token=t-infra';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function call(h: Harness, fn: string, ...args: unknown[]): Json {
  return h.run(fn, ...args) as Json;
}

/** No result, error or log line holds a key or a token of any webhook. */
function expectNoSecret(h: Harness, value: unknown): void {
  const text = JSON.stringify(value) + '\n' + h.runtime.logs.join('\n');
  for (const secret of [h.token, DEFAULT_API_KEY, 'k-infra', 't-infra']) {
    expect(text).not.toContain(secret);
  }
}

describe('openSettings', () => {
  it('shows the sidebar: HtmlService output titled Chat Relay, 300 px wide, from the bundle', () => {
    const h = harness();
    h.run('openSettings');
    const [dialog] = h.runtime.ui.dialogs;
    expect(dialog).toMatchObject({ kind: 'sidebar', title: 'Chat Relay', width: 300 });
    expect(dialog.html).toMatch(/^<!doctype html>/i);
    expect(dialog.html).toContain('google.script.run');
    for (const section of ['Sheets', 'Webhooks', 'Schedule', 'Preview', 'Adopt'])
      expect(dialog.html).toContain(`<h2>${section}</h2>`);
  });

  it('is the menu item "Settings…"', () => {
    const h = harness();
    h.open();
    const items = h.runtime.ui.menus[0].items.filter((i) => i !== 'separator');
    expect(items).toContainEqual({ caption: 'Settings…', functionName: 'openSettings' });
  });
});

describe('settingsLoad', () => {
  it('gives the defaults, every sheet with its headers and first rows, masked webhooks and the triggers', () => {
    const h = harness({
      format: 'card',
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['T-1', 'Printer'],
          ],
        },
        { name: 'Form Responses 1', rows: [['Timestamp', 'Email']] },
        { name: 'Notes', rows: [['a title row'], ['Key', 'Value']] },
      ],
      formUrl: FORM_URL,
    });
    const load = call(h, 'settingsLoad');
    expect(load).toMatchObject({
      ok: true,
      config: {},
      source: 'defaults',
      raw: null,
      problems: [],
    });
    expect(load.sheets).toEqual([
      expect.objectContaining({
        name: 'Tickets',
        followed: true,
        form: false,
        headerRow: 1,
        headers: ['ID', 'Title'],
        rows: [
          ['ID', 'Title'],
          ['T-1', 'Printer'],
        ],
      }),
      expect.objectContaining({ name: 'Form Responses 1', followed: true, form: true }),
      expect.objectContaining({
        name: 'Notes',
        followed: false,
        form: false,
        rows: [
          ['a title row', ''],
          ['Key', 'Value'],
        ],
      }),
    ]);
    expect(load.webhooks).toEqual([
      {
        name: 'default',
        property: 'CHAT_WEBHOOK_URL',
        ok: true,
        space: 'AAAA',
        label: 'space AAAA…, token set',
        usedBy: [''],
      },
    ]);
    expect(load.triggers).toEqual({ scheduled: false, minutes: null, formSubmit: false });
    expect(load.scheduleOptions).toEqual([1, 5, 10, 15, 30]);
    expectNoSecret(h, load);
  });

  it('reads the configured header row of each followed sheet', () => {
    const h = harness({
      sheets: [{ name: 'Tickets', rows: [['Report'], ['ID', 'Title'], ['T-1', 'x']] }],
      config: { sheets: [{ sheet: 'Tickets', headerRow: 2, keyColumn: 'ID' }] },
    });
    const load = call(h, 'settingsLoad');
    expect(load.source).toBe('property');
    expect(load.config).toEqual({
      format: 'text',
      sheets: [{ sheet: 'Tickets', headerRow: 2, keyColumn: 'ID' }],
    });
    expect(load.sheets[0]).toMatchObject({ headerRow: 2, headers: ['ID', 'Title'] });
  });

  it('keeps a CHAT_RELAY_CONFIG that is not JSON as text, with the friendly error a run gives', () => {
    const h = harness({ properties: { CHAT_RELAY_CONFIG: '{“sheet”: “Tickets”}' } });
    const load = call(h, 'settingsLoad');
    expect(load).toMatchObject({ source: 'invalid', config: null, raw: '{“sheet”: “Tickets”}' });
    expect(load.problems).toEqual([
      expect.objectContaining({
        path: '',
        message: expect.stringContaining('it contains smart quotes (“ ” or ‘ ’)'),
      }),
    ]);
  });

  it('redacts a token written by hand in CHAT_RELAY_CONFIG, and says where webhooks belong', () => {
    const h = harness({
      properties: {
        CHAT_RELAY_CONFIG: JSON.stringify({ webhook: 'default', token: 't-infra', key: 'k-infra' }),
      },
    });
    const load = call(h, 'settingsLoad');
    expect(load.config).toEqual({ webhook: 'default', token: 'REDACTED', key: 'REDACTED' });
    expect(load.problems.map((p: Json) => [p.path, p.message])).toEqual(
      ['token', 'key'].map((path) => [
        path,
        'is not a known key: webhooks do not belong in CHAT_RELAY_CONFIG. Paste the webhook URL under Webhooks in the Settings sidebar (it is kept in the Script Property CHAT_WEBHOOK_URL, or CHAT_WEBHOOK_URL_<NAME> for "webhook": "<NAME>"), and remove this key',
      ]),
    );
    expectNoSecret(h, load);
  });

  it('without a webhook (a first open), says to paste its URL in the box beside the problem', () => {
    const h = harness();
    h.properties.deleteProperty('CHAT_WEBHOOK_URL');
    const load = call(h, 'settingsLoad');
    expect(load.webhooks).toEqual([]);
    expect(load.problems).toEqual([
      expect.objectContaining({
        path: 'CHAT_WEBHOOK_URL',
        message:
          'is not set: paste the webhook URL copied from the Chat space (Apps & integrations → Webhooks) in the box above, then press Save URL',
      }),
    ]);
  });

  it('names a property that differs only in case, and a webhook that cannot be used, without its URL', () => {
    const h = harness({
      properties: {
        chat_relay_config: '{}',
        CHAT_WEBHOOK_URL_INFRA: `"${OTHER_HOOK}"`,
      },
    });
    const load = call(h, 'settingsLoad');
    expect(load.hints).toEqual([
      expect.objectContaining({
        path: 'chat_relay_config',
        message:
          'looks like CHAT_RELAY_CONFIG, but Script Property names are case-sensitive: rename it to CHAT_RELAY_CONFIG',
      }),
    ]);
    expect(load.webhooks[1]).toEqual({
      name: 'INFRA',
      property: 'CHAT_WEBHOOK_URL_INFRA',
      ok: false,
      space: '',
      label: 'set, but unusable: has "…" around the URL: paste the URL alone, without quotes',
      usedBy: [],
    });
    expectNoSecret(h, load);
  });
});

describe('settingsSave', () => {
  it('stores a valid configuration, which the next run uses', () => {
    const h = harness({
      sheets: [
        { name: 'Notes', rows: [['Note'], ['hello']] },
        {
          name: 'Tickets',
          rows: [
            ['Created', 'ID', 'Title'],
            ['today', 'T-1', 'Printer'],
          ],
        },
      ],
    });
    const json = JSON.stringify({
      format: 'text',
      sheets: [{ sheet: 'Tickets', keyColumn: 'ID', title: '{{ID}} is {{Title}}' }],
    });
    expect(call(h, 'settingsSave', json)).toEqual({ ok: true });
    expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBe(json);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(1);
    expect(h.texts()[0]).toMatch(/^\*T-1 is Printer\*/);
  });

  it.each([
    [
      'a header that is not in the sheet',
      { sheets: [{ sheet: 'Tickets', keyColumn: 'Ticket' }] },
      'sheets[0].keyColumn',
      'is "Ticket", which is not a header in row 1 of sheet "Tickets" (headers: ID, Title, Amount, Due)',
    ],
    [
      'a sheet that does not exist',
      { sheets: [{ sheet: 'Tickets' }, { sheet: 'Nope' }] },
      'sheets[1].sheet',
      'is "Nope", but that sheet does not exist (sheets: Tickets)',
    ],
    [
      'a webhook NAME whose property is not set',
      { sheets: [{ sheet: 'Tickets', webhook: 'INFRA' }] },
      'sheets[0].webhook',
      'names the webhook "INFRA", but the Script Property CHAT_WEBHOOK_URL_INFRA is not set: add it under Webhooks, below: Add a webhook, with that NAME and the URL copied from the Chat space',
    ],
    [
      'a template placeholder that names no header',
      { title: '{{Titel}}' },
      'title',
      'has the placeholder {{Titel}}, which names no header of sheet "Tickets" (did you mean "Title"?)',
    ],
    [
      'a condition on a missing column',
      { sendWhen: [{ column: 'State', equals: 'Open' }] },
      'sendWhen[0].column',
      'names "State", which is not a header of sheet "Tickets" (headers: ID, Title, Amount, Due)',
    ],
    [
      'a schedule Apps Script does not offer',
      { scheduleMinutes: 7 },
      'scheduleMinutes',
      'must be one of 1, 5, 10, 15, 30, not 7',
    ],
  ])('refuses %s, naming the path, and changes nothing', (_what, bad, path, message) => {
    const h = harness();
    const before = h.properties.getProperty('CHAT_RELAY_CONFIG');
    const result = call(h, 'settingsSave', JSON.stringify(bad));
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(expect.objectContaining({ path, message }));
    expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBe(before);
    // Checking opened the sheet read-only: no relay column was appended.
    expect(h.sheet().displayRows()[0]).toEqual(['ID', 'Title', 'Amount', 'Due']);
  });

  it('names smart quotes in the JSON, and saves nothing', () => {
    const h = harness();
    const result = call(h, 'settingsSave', '{“keyColumn”: “ID”}');
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message:
            'is not valid JSON: it contains smart quotes (“ ” or ‘ ’), which JSON does not accept. Retype them as straight quotes (")',
          text: 'CHAT_RELAY_CONFIG is not valid JSON: it contains smart quotes (“ ” or ‘ ’), which JSON does not accept. Retype them as straight quotes (")',
        },
      ],
    });
    expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBe('{"format":"text"}');
  });

  it('settingsSave and the live check (settingsPreview) refuse settings over 9 KB, naming their size, beside any other problem', () => {
    const h = harness();
    const json = JSON.stringify({ keyColumn: 'Titel', title: `{{ID}} ${'é'.repeat(4700)}` });
    const bytes = Buffer.byteLength(json, 'utf8'); // 4,700 characters é are 9,400 bytes
    expect(json.length).toBeLessThan(9216);
    const size = expect.objectContaining({
      path: '',
      text: `CHAT_RELAY_CONFIG is ${bytes} bytes long: a Script Property holds at most 9216 bytes (9 KB), so Save would fail. Shorten it: fewer sheets, shorter templates or lists`,
    });
    const other = expect.objectContaining({ path: 'keyColumn' });
    for (const result of [
      call(h, 'settingsPreview', json, 'Tickets', 2),
      call(h, 'settingsSave', json),
    ]) {
      expect(result).toEqual({ ok: false, errors: [size, other] });
    }
    expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBe('{"format":"text"}');
  });

  it('blank settings remove CHAT_RELAY_CONFIG: every default', () => {
    const h = harness();
    expect(call(h, 'settingsSave', '  ')).toEqual({ ok: true });
    expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBeNull();
  });
});

describe('a webhook URL written where a webhook NAME belongs', () => {
  /** Letters and digits only, lower case: finds a secret however it was cased or punctuated. */
  const squeeze = (text: string) => text.replace(/[^A-Za-z0-9]/g, '').toLowerCase();

  /** Neither the key nor the token, in any case or with any punctuation, anywhere in `said`. */
  function expectNoSecretAnyForm(h: Harness, said: string[]): void {
    const all = squeeze(said.join('\n') + '\n' + h.runtime.logs.join('\n'));
    for (const secret of [h.token, DEFAULT_API_KEY]) expect(all).not.toContain(squeeze(secret));
  }

  const HINT =
    'is a URL, where a webhook NAME belongs: put the URL under Webhooks in the Settings sidebar (or in a Script Property CHAT_WEBHOOK_URL_<NAME>), and write its NAME here';

  it.each<[string, (url: string) => Record<string, unknown>, string]>([
    ['the sheet webhook', (url) => ({ webhook: url }), 'webhook'],
    [
      'a route',
      (url) => ({
        sheets: [
          { sheet: 'Tickets', routes: [{ when: { column: 'ID', equals: 'T-1' }, webhook: url }] },
        ],
      }),
      'sheets[0].routes[0].webhook',
    ],
  ])(
    '%s: says where the URL goes, and no key or token leaves (alert, trigger error, log, sidebar)',
    (_what, config, path) => {
      const h = harness({ format: 'card' });
      const json = JSON.stringify(config(h.webhookUrl));
      const said: string[] = [];

      // The sidebar: Save, and the preview's live check.
      const saved = call(h, 'settingsSave', json);
      expect(saved.ok).toBe(false);
      expect(saved.errors).toContainEqual(
        expect.objectContaining({ path, message: expect.stringContaining(HINT) }),
      );
      said.push(
        JSON.stringify(saved),
        JSON.stringify(call(h, 'settingsPreview', json, 'Tickets', 2)),
      );
      expect(h.properties.getProperty('CHAT_RELAY_CONFIG')).toBeNull();

      // Saved by hand: the menu's alert, the trigger's error, Test webhooks, the sidebar's load.
      h.properties.setProperty('CHAT_RELAY_CONFIG', json);
      h.run('sendPendingRows');
      expect(h.lastAlert()).toContain(HINT);
      let thrown = '';
      try {
        h.run('runScheduled');
      } catch (e) {
        thrown = e instanceof Error ? e.message : String(e);
      }
      expect(thrown).toContain(HINT);
      h.run('testWebhooks');
      h.run('installTriggers');
      const load = call(h, 'settingsLoad');
      // The saved JSON goes back to the sidebar as it stands, the URL's secrets redacted.
      expect(JSON.stringify(load.config)).toContain('messages?key=REDACTED&token=REDACTED');
      said.push(thrown, ...h.runtime.ui.alerts, JSON.stringify(load));
      expect(said.join('\n')).not.toMatch(/did you mean "HTTPS/);
      expectNoSecretAnyForm(h, said);
      expect(h.runtime.urlFetch.requests.filter((r) => r.status === 200)).toHaveLength(1); // the test message
    },
  );
});

describe('webhooks', () => {
  it('settingsSetWebhook validates the URL and stores it normalised, returning only its space', () => {
    const h = harness();
    const result = call(h, 'settingsSetWebhook', 'INFRA', ` ${OTHER_HOOK}&threadKey=x `);
    expect(result).toEqual({
      ok: true,
      name: 'INFRA',
      property: 'CHAT_WEBHOOK_URL_INFRA',
      space: 'BBBBinfra',
      label: 'space BBBBinfr…, token set',
    });
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBe(OTHER_HOOK);
    // The default webhook is set: it is replaced only when the call says so.
    const asked = call(h, 'settingsSetWebhook', 'default', OTHER_HOOK, false);
    expect(asked).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          path: 'replace',
          message: expect.stringMatching(
            /^The default webhook \(CHAT_WEBHOOK_URL: space AAAA…, token set, used by the saved settings/,
          ),
        }),
      ],
    });
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL')).toBe(h.webhookUrl);
    expect(call(h, 'settingsSetWebhook', 'default', OTHER_HOOK, true)).toMatchObject({
      ok: true,
      property: 'CHAT_WEBHOOK_URL',
    });
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL')).toBe(OTHER_HOOK);
    expectNoSecret(h, asked);
    expectNoSecret(h, result);
  });

  it.each([
    [
      'a URL pasted with quotes',
      'INFRA',
      `"${OTHER_HOOK}"`,
      'url',
      'has "…" around the URL: paste the URL alone, without quotes',
    ],
    [
      'smart quotes around it',
      'INFRA',
      `“${OTHER_HOOK}”`,
      'url',
      'has “…” around the URL: paste the URL alone, without quotes',
    ],
    [
      'another host',
      'INFRA',
      'https://example.com/v1/spaces/B/messages?key=k-infra&token=t-infra',
      'url',
      'is not a Chat webhook URL: must start with https://chat.googleapis.com (another scheme, host or port was given)',
    ],
    [
      'a URL without its token',
      'INFRA',
      'https://chat.googleapis.com/v1/spaces/B/messages?key=k-infra',
      'url',
      'is not a Chat webhook URL: is missing the token parameter',
    ],
    [
      'an empty URL',
      'INFRA',
      '  ',
      'url',
      'is empty: paste the webhook URL copied from the Chat space',
    ],
    [
      'a lower-case NAME',
      'infra',
      OTHER_HOOK,
      'name',
      'must be a webhook NAME of A-Z, 0-9 and _ (the part after CHAT_WEBHOOK_URL_), not "infra" (did you mean "INFRA"?)',
    ],
  ])('settingsSetWebhook refuses %s and stores nothing', (_what, name, url, path, message) => {
    const h = harness();
    const before = h.properties.getProperties();
    const result = call(h, 'settingsSetWebhook', name, url);
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ path, message })] });
    expect(h.properties.getProperties()).toEqual(before);
    expectNoSecret(h, result);
  });

  it('settingsTestWebhook posts one test message to that webhook only', () => {
    const h = harness();
    const infra = h.chat.registerWebhook('BBBB', 'Infra');
    h.properties.setProperty('CHAT_WEBHOOK_URL_INFRA', infra.url('https://chat.googleapis.com'));
    const result = call(h, 'settingsTestWebhook', 'INFRA');
    expect(result).toEqual({
      ok: true,
      space: 'BBBB',
      message: '✔ CHAT_WEBHOOK_URL_INFRA (space BBBB): message delivered.',
    });
    expect(h.chat.messages('BBBB').map((m) => m.text)).toEqual([
      '✅ Chat Relay test message for CHAT_WEBHOOK_URL_INFRA: this webhook works.',
    ]);
    expect(h.texts()).toEqual([]);
    expect(h.runtime.urlFetch.requests).toHaveLength(1);
    expectNoSecret(h, result);
  });

  it('settingsTestWebhook reports Chat refusing the webhook, and an unset one, without a secret', () => {
    const h = harness({
      properties: {
        CHAT_WEBHOOK_URL_GONE:
          'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k-infra&token=t-infra',
      },
    });
    const refused = call(h, 'settingsTestWebhook', 'GONE');
    expect(refused.ok).toBe(false);
    expect(refused.errors[0].path).toBe('url');
    expect(refused.errors[0].message).toMatch(
      /^CHAT_WEBHOOK_URL_GONE \(space AAAA\): Chat refused it/,
    );
    expect(call(h, 'settingsTestWebhook', 'NOPE')).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          path: 'name',
          message: expect.stringContaining('CHAT_WEBHOOK_URL_NOPE is not set'),
        }),
      ],
    });
    expectNoSecret(h, refused);
  });

  it('settingsRemoveWebhook removes an unused webhook, never one the saved settings post to', () => {
    const h = harness({ properties: { CHAT_WEBHOOK_URL_INFRA: OTHER_HOOK } });
    const used = call(h, 'settingsRemoveWebhook', 'default');
    expect(used.ok).toBe(false);
    expect(used.errors[0].message).toMatch(/^is still used \(every followed sheet by default\)/);
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL')).not.toBeNull();
    expect(call(h, 'settingsRemoveWebhook', 'INFRA')).toEqual({
      ok: true,
      name: 'INFRA',
      property: 'CHAT_WEBHOOK_URL_INFRA',
    });
    expect(h.properties.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBeNull();
    expect(call(h, 'settingsRemoveWebhook', 'INFRA').ok).toBe(false);
  });
});

describe('settingsPreview: what a run then sends, and nothing is sent', () => {
  /** The body of each message a run posted, as sent. */
  const posted = (h: Harness) =>
    h.runtime.urlFetch.requests
      .filter((r) => r.status === 200)
      .map((r) => JSON.parse(r.payload) as Json);

  it.each(['card', 'text'] as const)('a new row, as a %s', (format) => {
    const h = harness({ format });
    const json = h.properties.getProperty('CHAT_RELAY_CONFIG') ?? '';
    const rowsBefore = h.sheet().displayRows();
    const preview = call(h, 'settingsPreview', json, 'Tickets', 3);
    expect(preview).toMatchObject({
      ok: true,
      sheet: 'Tickets',
      row: 3,
      format,
      webhook: 'default',
    });
    expect(preview.note).toBe(
      'A new row: the next run posts this message, in the thread of its key. It goes to the default space (space AAAA).',
    );
    // Nothing sent, nothing written (not even the relay's columns).
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
    expect(h.sheet().displayRows()).toEqual(rowsBefore);
    h.run('sendPendingRows');
    expect(posted(h)[1]).toEqual(preview.message);
  });

  it('an update, with settings not saved yet: the reply a run posts once they are', () => {
    const h = harness();
    h.run('runScheduled');
    h.sheet().setRowValues(2, ['Printer fixed'], 2);
    const json = JSON.stringify({ format: 'card', title: '{{ID}} — {{Title}}' });
    const preview = call(h, 'settingsPreview', json, 'Tickets', 2);
    expect(preview.note).toMatch(
      /^The row changed since it was sent: the next run posts this reply/,
    );
    expect(preview.message.cardsV2[0].card.header.title).toBe('T-1 — Printer fixed');
    expect(call(h, 'settingsSave', json)).toEqual({ ok: true });
    const before = posted(h).length;
    h.run('runScheduled');
    expect(posted(h).slice(before)).toEqual([preview.message]);
  });

  it('an up-to-date row: what Send selected rows would post, and says so', () => {
    const h = harness();
    h.run('runScheduled');
    const json = h.properties.getProperty('CHAT_RELAY_CONFIG') as string;
    const preview = call(h, 'settingsPreview', json, 'Tickets', 4);
    expect(preview.note).toBe(
      'Up to date: a run posts nothing for this row. This is what Send selected rows would post, to the default space (space AAAA).',
    );
    const before = posted(h).length;
    h.sheet().setSelection(['A4']);
    h.run('sendSelectedRows');
    expect(posted(h).slice(before)).toEqual([preview.message]);
  });

  it('the row under the cursor by default', () => {
    const h = harness();
    h.sheet().setSelection(['B2:C2']);
    const preview = call(h, 'settingsPreview', '', null, null);
    expect(preview).toMatchObject({ ok: true, sheet: 'Tickets', row: 2, format: 'card' });
    expect(preview.message.cardsV2[0].card.header.title).toBe('T-1 · Printer on fire');
  });

  it.each([
    [1, 'This is the header row (or above it): only the rows below it are relayed.'],
    [9, 'This row is blank: blank rows are never posted.'],
  ])('row %i: no message, and why', (row, note) => {
    const h = harness();
    expect(call(h, 'settingsPreview', '', 'Tickets', row)).toMatchObject({
      ok: true,
      message: null,
      note,
    });
  });

  it('a row waiting for sendWhen, and a sheet that is not followed: no message, and why', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Status'],
            ['T-1', 'Draft'],
          ],
        },
        { name: 'Notes', rows: [['Note'], ['x']] },
      ],
    });
    const json = JSON.stringify({
      sheets: [{ sheet: 'Tickets', sendWhen: { column: 'Status', equals: 'Open' } }],
    });
    expect(call(h, 'settingsPreview', json, 'Tickets', 2)).toMatchObject({
      message: null,
      note: 'This row waits for its sendWhen condition: nothing is posted until the condition holds.',
    });
    expect(call(h, 'settingsPreview', json, 'Notes', 2)).toMatchObject({
      message: null,
      note: 'Sheet "Notes" is not followed (followed: "Tickets"): its rows are never posted.',
    });
  });

  it('a form sheet followed by default that lacks a column: the fallback, in settingsLoad and beside its rows', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Status'],
            ['T-1', 'Open'],
          ],
        },
        {
          name: 'Form Responses 1',
          rows: [
            ['Timestamp', 'Status'],
            [new Date(Date.UTC(2026, 0, 2)), 'Draft'],
            [new Date(Date.UTC(2026, 0, 3)), 'Sent in'],
          ],
          formUrl: FORM_URL,
        },
      ],
      config: { keyColumn: 'ID', sendWhen: { column: 'Status', notEquals: 'Draft' } },
    });
    const note =
      'Sheet "Form Responses 1" is followed because a form writes to it, and not every top-level setting fits it: keyColumn (no column "ID"): its first column, "Timestamp", is the key. Every other setting applies to it. List it in "sheets" to give it its own settings.';
    const load = call(h, 'settingsLoad');
    expect(load.problems).toEqual([]);
    expect(load.fallbacks).toEqual([{ sheet: 'Form Responses 1', note }]);
    const json = h.properties.getProperty('CHAT_RELAY_CONFIG') as string;
    // The Draft row waits for sendWhen on the form's sheet too; the next row is posted.
    const draft = call(h, 'settingsPreview', json, 'Form Responses 1', 2);
    expect(draft).toMatchObject({
      ok: true,
      message: null,
      note: 'This row waits for its sendWhen condition: nothing is posted until the condition holds.',
      fallbacks: [{ sheet: 'Form Responses 1', note }],
    });
    expect(call(h, 'settingsPreview', json, 'Form Responses 1', 3).message).not.toBeNull();
    // Listed in "sheets" with its own key, nothing falls back.
    const listed = JSON.stringify({
      sheets: [{ sheet: 'Tickets', keyColumn: 'ID' }, { sheet: 'Form Responses 1' }],
    });
    expect(call(h, 'settingsPreview', listed, 'Tickets', 2).fallbacks).toEqual([]);
  });

  it('invalid settings: the same errors as Save, and no preview', () => {
    const h = harness();
    expect(call(h, 'settingsPreview', '{"keyColumn": "Nope"}', 'Tickets', 2)).toEqual({
      ok: false,
      errors: [expect.objectContaining({ path: 'keyColumn' })],
    });
  });
});

describe('Schedule: settingsInstallTriggers and settingsRemoveTriggers', () => {
  it('installs the triggers of the saved settings, records the period for this user, and removes them', () => {
    const h = harness({
      config: { scheduleMinutes: 15 },
      formUrl: FORM_URL,
      sheets: [
        { name: 'Tickets', rows: [['ID'], ['T-1']] },
        { name: 'Form Responses 1', rows: [['Timestamp', 'Email']] },
      ],
    });
    const installed = call(h, 'settingsInstallTriggers');
    expect(installed).toMatchObject({
      ok: true,
      lines: [
        'Installed a time-driven trigger: runScheduled every 15 minutes.',
        'Installed a form-submit trigger: handleFormSubmit relays each response to "Form Responses 1" at once.',
        "They run as you (user@example.com): Apps Script e-mails a summary of their failures to the user who installed them, not to the spreadsheet's owner.",
        'Time per run: not measured yet (it is measured from the first runs of the triggers).',
      ],
      triggers: { scheduled: true, minutes: 15, formSubmit: true },
      budget: { minutes: 15, secondsPerRun: null, runsMeasured: 0, warn: false },
      owners: { triggersInstalledBy: ['user@example.com'] },
    });
    expect(
      h.runtime.scriptApp
        .getProjectTriggers()
        .map((t) => t.getHandlerFunction())
        .sort(),
    ).toEqual(['handleFormSubmit', 'runScheduled']);
    expect(call(h, 'settingsLoad').triggers).toEqual({
      scheduled: true,
      minutes: 15,
      formSubmit: true,
    });

    // Another user sees only their own triggers: none.
    h.runtime.activeUser = 'someone.else@example.com';
    expect(call(h, 'settingsLoad').triggers).toEqual({
      scheduled: false,
      minutes: null,
      formSubmit: false,
    });
    h.runtime.activeUser = 'user@example.com';

    const removed = call(h, 'settingsRemoveTriggers');
    expect(removed).toMatchObject({
      ok: true,
      lines: ['Chat Relay: removed 2 triggers. Other triggers were left alone.'],
      triggers: { scheduled: false, minutes: null, formSubmit: false },
      owners: { triggersInstalledBy: [] },
    });
    expect(h.runtime.scriptApp.getProjectTriggers()).toEqual([]);
  });

  it('the menu records the period too; a trigger installed otherwise shows no period', () => {
    const h = harness({ config: { scheduleMinutes: 10 } });
    h.run('installTriggers');
    expect(call(h, 'settingsLoad').triggers).toEqual({
      scheduled: true,
      minutes: 10,
      formSubmit: false,
    });
    // Replaced by hand (say, in the Apps Script editor): the record no longer matches.
    const [mine] = h.runtime.scriptApp.getProjectTriggers();
    h.runtime.scriptApp.deleteTrigger(mine);
    h.runtime.scriptApp.newTrigger('runScheduled').timeBased().everyMinutes(1).create();
    expect(call(h, 'settingsLoad').triggers).toEqual({
      scheduled: true,
      minutes: null,
      formSubmit: false,
    });
  });

  it('refuses to schedule runs of a configuration that could only fail', () => {
    const h = harness({ properties: { CHAT_RELAY_CONFIG: '{"sheet": "Nope"}' } });
    const result = call(h, 'settingsInstallTriggers');
    expect(result.ok).toBe(false);
    expect(result.errors[0].message).toMatch(/"Nope", but that sheet does not exist/);
    expect(h.runtime.scriptApp.getProjectTriggers()).toEqual([]);
  });
});

describe('Adopt: settingsCountRowsToMark and settingsMarkAllRowsSent', () => {
  it('counts first, then marks the rows as sent without posting; later changes are posted', () => {
    const h = harness();
    expect(call(h, 'settingsCountRowsToMark')).toEqual({
      ok: true,
      counts: [{ sheet: 'Tickets', rows: 3 }],
      total: 3,
    });
    expect(call(h, 'settingsMarkAllRowsSent')).toEqual({
      ok: true,
      marked: 3,
      message: expect.stringContaining('3 rows marked as sent without a message.'),
    });
    expect(h.texts()).toEqual([]);
    expect(call(h, 'settingsCountRowsToMark')).toMatchObject({ total: 0 });
    h.sheet().setRowValues(3, ['Coffee machine fixed'], 2);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(1);
  });
});
