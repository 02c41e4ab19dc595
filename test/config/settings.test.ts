import { ConfigProblem } from '../../src/config/problems';
import {
  MAX_SHEETS,
  RelaySettings,
  SCHEDULE_MINUTES,
  defaultSettings,
  parseSettings,
  readAlertWebhook,
} from '../../src/config/settings';
import { defaultSheetSettings } from '../../src/config/sheet-settings';

function settings(value: unknown): RelaySettings {
  const parsed = parseSettings(JSON.stringify(value));
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.text).join('\n'));
  return parsed.value;
}

function problems(value: unknown): ConfigProblem[] {
  const parsed = parseSettings(typeof value === 'string' ? value : JSON.stringify(value));
  if (parsed.ok) throw new Error(`expected problems with ${JSON.stringify(value)}`);
  return parsed.error;
}

const at = (value: unknown) => problems(value).map((p) => `${p.path}: ${p.message}`);

describe('parseSettings: defaults', () => {
  it('uses every default when the property is missing or blank', () => {
    expect(parseSettings(null)).toEqual({ ok: true, value: defaultSettings() });
    expect(parseSettings(' \n ')).toEqual({ ok: true, value: defaultSettings() });
    expect(defaultSettings()).toEqual({
      scheduleMinutes: 5,
      sheets: null,
      defaults: defaultSheetSettings(),
      alertWebhook: null,
      people: null,
    });
  });

  it('takes the per-sheet keys at the top level as the settings of every followed sheet', () => {
    const parsed = settings({ keyColumn: 'ID', format: 'text', scheduleMinutes: 15, version: 2 });
    expect(parsed.sheets).toBeNull();
    expect(parsed.scheduleMinutes).toBe(15);
    expect(parsed.defaults).toMatchObject({ keyColumn: 'ID', format: 'text' });
    expect(parsed.defaults.paths).toEqual({ keyColumn: 'keyColumn', format: 'format' });
  });

  it.each(SCHEDULE_MINUTES)('accepts scheduleMinutes %i', (minutes) => {
    expect(settings({ scheduleMinutes: minutes }).scheduleMinutes).toBe(minutes);
  });
});

describe('parseSettings: the flat form', () => {
  it('means one followed sheet with the top-level keys', () => {
    const parsed = settings({ sheet: ' Tickets ', keyColumn: 'ID', headerRow: 2 });
    expect(parsed.sheets).toHaveLength(1);
    const entry = (parsed.sheets ?? [])[0];
    expect(entry.sheet).toBe('Tickets');
    expect(entry.path).toBe('');
    expect(entry.settings).toMatchObject({ keyColumn: 'ID', headerRow: 2 });
    expect(entry.settings.paths).toEqual({ keyColumn: 'keyColumn', headerRow: 'headerRow' });
  });

  it('names a sheet that is not a name', () => {
    expect(at({ sheet: '' })).toEqual(['sheet: must be a sheet\'s name, not ""']);
  });
});

describe('parseSettings: sheets', () => {
  it('reads each entry over the top-level defaults, wherever they stand', () => {
    const parsed = settings({
      sheets: [{ sheet: 'Tickets', keyColumn: 'ID' }, { sheet: 'Form Responses 1' }],
      format: 'text',
      headerRow: 2,
    });
    const [tickets, form] = parsed.sheets ?? [];
    expect(tickets.sheet).toBe('Tickets');
    expect(tickets.path).toBe('sheets[0]');
    expect(tickets.settings).toMatchObject({ keyColumn: 'ID', format: 'text', headerRow: 2 });
    expect(tickets.settings.paths).toEqual({
      keyColumn: 'sheets[0].keyColumn',
      format: 'format',
      headerRow: 'headerRow',
    });
    expect(form.sheet).toBe('Form Responses 1');
    expect(form.settings).toMatchObject({ keyColumn: null, format: 'text', headerRow: 2 });
    expect(form.settings.paths).toEqual({ format: 'format', headerRow: 'headerRow' });
  });

  it('lets an entry override a default without changing the others', () => {
    const parsed = settings({
      webhook: 'OPS',
      sheets: [{ sheet: 'A', webhook: 'INFRA' }, { sheet: 'B' }],
    });
    expect((parsed.sheets ?? []).map((e) => e.settings.webhook)).toEqual(['INFRA', 'OPS']);
    expect(parsed.defaults.webhook).toBe('OPS');
  });

  it('refuses "sheet" beside "sheets"', () => {
    expect(at({ sheet: 'A', sheets: [{ sheet: 'B' }] })).toEqual([
      'sheet: cannot stand beside "sheets": name every sheet in "sheets" (keys at the top level are defaults for all of them)',
    ]);
  });

  it('refuses a sheet named twice, in any case', () => {
    expect(problems({ sheets: [{ sheet: 'Tickets' }, { sheet: 'tickets' }] })).toEqual([
      {
        path: 'sheets[1].sheet',
        message: 'names the sheet "tickets" again (already in sheets[0])',
        // The message names the sheet already: the text does not repeat it.
        text: 'CHAT_RELAY_CONFIG key "sheets[1].sheet" names the sheet "tickets" again (already in sheets[0])',
        sheet: 'sheet "tickets"',
      },
    ]);
  });

  it(`holds 1 to ${MAX_SHEETS} entries`, () => {
    const entries = (n: number) => Array.from({ length: n }, (_v, i) => ({ sheet: `S${i}` }));
    expect(settings({ sheets: entries(1) }).sheets).toHaveLength(1);
    expect(settings({ sheets: entries(20) }).sheets).toHaveLength(20);
    expect(at({ sheets: [] })).toEqual([
      'sheets: must be an array of 1 to 20 sheet entries, not an array of 0',
    ]);
    expect(at({ sheets: entries(21) })).toEqual([
      'sheets: must be an array of 1 to 20 sheet entries, not an array of 21',
    ]);
    expect(at({ sheets: 'Tickets' })).toEqual([
      'sheets: must be an array of 1 to 20 sheet entries, not "Tickets"',
    ]);
  });

  it('names an entry that is not an object or names no sheet', () => {
    expect(at({ sheets: ['Tickets', { keyColumn: 'ID' }, { sheet: 3 }] })).toEqual([
      'sheets[0]: must be an object such as {"sheet": "Tickets"}, not "Tickets"',
      'sheets[1].sheet: is missing: every entry of "sheets" names its sheet',
      "sheets[2].sheet: must be a sheet's name, not 3",
    ]);
  });
});

describe('parseSettings: unknown keys', () => {
  it('names an unknown top-level key, with a suggestion and the known keys', () => {
    const [problem] = problems({ keyColum: 'ID' });
    expect(problem.path).toBe('keyColum');
    expect(problem.message).toMatch(
      /^is not a known key \(did you mean "keyColumn"\?\) \(known keys: version, scheduleMinutes, alertWebhook, sheet, sheets, people, keyColumn, /,
    );
    expect(problem.text).toMatch(
      /^CHAT_RELAY_CONFIG key "keyColum" is not a known key \(did you mean "keyColumn"\?\) \(known keys: /,
    );
  });

  it('names an unknown key in an entry, and where it is', () => {
    const [problem] = problems({ sheets: [{ sheet: 'A', Webhook: 'OPS' }] });
    expect(problem.path).toBe('sheets[0].Webhook');
    expect(problem.text).toMatch(
      /^CHAT_RELAY_CONFIG key "sheets\[0\]\.Webhook" \(sheet "A"\) is not a known key \(did you mean "webhook"\?\) \(known keys: sheet, keyColumn, /,
    );
    // scheduleMinutes is for the whole configuration, not for one sheet.
    expect(problems({ sheets: [{ sheet: 'A', scheduleMinutes: 5 }] })[0].path).toBe(
      'sheets[0].scheduleMinutes',
    );
  });

  it('gives no suggestion when nothing is close', () => {
    expect(problems({ timezone: 'UTC' })[0].message).toMatch(/^is not a known key \(known keys:/);
  });

  it.each(['token', 'key', 'webhookUrl', 'CHAT_WEBHOOK_URL', 'webhooks', 'apiKey'])(
    'says where webhooks belong of a key "%s", which could hold one, never its value',
    (key) => {
      const [problem] = problems({ sheets: [{ sheet: 'A', [key]: 'tok-SECRET-1' }] });
      expect(problem.path).toBe(`sheets[0].${key}`);
      expect(problem.message).toBe(
        'is not a known key: webhooks do not belong in CHAT_RELAY_CONFIG. Paste the webhook URL under Webhooks in the Settings sidebar (it is kept in the Script Property CHAT_WEBHOOK_URL, or CHAT_WEBHOOK_URL_<NAME> for "webhook": "<NAME>"), and remove this key',
      );
      expect(JSON.stringify(problem)).not.toContain('tok-SECRET-1');
    },
  );
});

describe('parseSettings: each key, with its path', () => {
  it.each<[string, unknown, string]>([
    ['keyColumn', '', 'must be a non-empty string, not ""'],
    ['headerRow', 0, 'must be a whole number of 1 or more, not 0'],
    [
      'webhook',
      'ops',
      'must be a webhook NAME of A-Z, 0-9 and _ (the part after CHAT_WEBHOOK_URL_), not "ops" (did you mean "OPS"?)',
    ],
    ['routes', 'OPS', 'must be an array of {"when": …, "webhook": NAME}, not "OPS"'],
    ['format', 'cards', 'must be "card" or "text", not "cards"'],
    ['title', 5, 'must be a non-empty text such as "{{ID}} · {{Title}}", not 5'],
    [
      'subtitle',
      '{{',
      'has an unclosed placeholder: write {{Header}} with two braces on each side',
    ],
    ['columns', ['ID', 3], 'must be a non-empty array of column headers, not an array'],
    ['watchColumns', null, 'must be a non-empty array of column headers, not null'],
    [
      'sendWhen',
      { column: 'S' },
      'must have exactly one operator (equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan), not 0',
    ],
    ['mentions', {}, 'must be an array of {"when": …, "mention": …}, not an object'],
  ])('%s = %p', (key, value, message) => {
    expect(at({ [key]: value })).toEqual([`${key}: ${message}`]);
    expect(at({ sheets: [{ sheet: 'A' }, { sheet: 'B', [key]: value }] })).toEqual([
      `sheets[1].${key}: ${message}`,
    ]);
  });

  it('checks scheduleMinutes and version at the top level', () => {
    expect(at({ scheduleMinutes: 7 })).toEqual([
      'scheduleMinutes: must be one of 1, 5, 10, 15, 30, not 7',
    ]);
    expect(at({ version: 1 })).toEqual(['version: must be 2 (or left out), not 1']);
  });

  it('reports every problem at once', () => {
    expect(
      problems({ keyColumn: 3, scheduleMinutes: 2, sheets: [{ sheet: 'A', format: 'x' }] }).map(
        (p) => p.path,
      ),
    ).toEqual(['keyColumn', 'scheduleMinutes', 'sheets[0].format']);
  });
});

describe('parseSettings: not an object', () => {
  it('names invalid JSON with its position', () => {
    expect(problems('{"sheet": "Tickets",}')).toEqual([
      {
        path: '',
        message: expect.stringMatching(/^is not valid JSON at line 1, column 21: /),
        text: expect.stringMatching(/^CHAT_RELAY_CONFIG is not valid JSON at line 1, column 21: /),
      },
    ]);
  });

  it('names smart quotes', () => {
    expect(problems('{\u201csheet\u201d: \u201cTickets\u201d}')[0].text).toMatch(
      /^CHAT_RELAY_CONFIG is not valid JSON: it contains smart quotes/,
    );
  });

  it.each([
    ['[]', 'an array'],
    ['"Tickets"', '"Tickets"'],
    ['42', '42'],
    ['null', 'null'],
  ])('refuses %s', (raw, shown) => {
    expect(problems(raw)).toEqual([
      {
        path: '',
        message: `must be a JSON object, not ${shown}`,
        text: `CHAT_RELAY_CONFIG must be a JSON object, not ${shown}`,
      },
    ]);
  });
});

describe('parseSettings: every problem of a sheet names the sheet', () => {
  const texts = (value: unknown) => problems(value).map((p) => p.text);
  const BAD_OP = { column: 'Status', eq: 'Draft' };
  const BAD_REGEX = { column: 'Status', matches: '(' };

  it('an entry of "sheets": its sheet, beside the path (routes, sendWhen, mentions, templates)', () => {
    const found = problems({
      sheets: [
        { sheet: 'Notes' },
        {
          sheet: 'Tickets',
          routes: [{ when: BAD_OP, webhook: 'OPS' }],
          sendWhen: BAD_REGEX,
          mentions: [{ when: [{ column: 'P', equals: 'x' }, BAD_OP], mention: 'all' }],
          title: '{{ID',
        },
      ],
    });
    expect(found.map((p) => [p.path, p.sheet])).toEqual([
      ['sheets[1].routes[0].when', 'sheet "Tickets"'],
      ['sheets[1].sendWhen.matches', 'sheet "Tickets"'],
      ['sheets[1].mentions[0].when[1]', 'sheet "Tickets"'],
      ['sheets[1].title', 'sheet "Tickets"'],
    ]);
    expect(found[0].text).toBe(
      'CHAT_RELAY_CONFIG key "sheets[1].routes[0].when" (sheet "Tickets") has an unknown operator "eq" (operators: equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan)',
    );
    expect(found[1].text).toMatch(
      /^CHAT_RELAY_CONFIG key "sheets\[1\]\.sendWhen\.matches" \(sheet "Tickets"\) is not a valid regular expression: /,
    );
    // The field's own message stays as it was: the sidebar shows it in the sheet's card.
    expect(found[0].message).toBe(
      'has an unknown operator "eq" (operators: equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan)',
    );
  });

  it('the flat form: its one sheet', () => {
    expect(texts({ sheet: 'Tickets', sendWhen: BAD_OP })).toEqual([
      'CHAT_RELAY_CONFIG key "sendWhen" (sheet "Tickets") has an unknown operator "eq" (operators: equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan)',
    ]);
  });

  it('a top-level default beside "sheets": every sheet it applies to', () => {
    expect(
      texts({
        routes: [{ when: BAD_REGEX, webhook: 'OPS' }],
        sheets: [{ sheet: 'Tickets' }, { sheet: 'Form Responses 1' }],
      }),
    ).toEqual([
      expect.stringMatching(
        /^CHAT_RELAY_CONFIG key "routes\[0\]\.when\.matches" \(default for sheets "Tickets", "Form Responses 1"\) is not a valid regular expression/,
      ),
    ]);
  });

  it('a top-level default without "sheets": every followed sheet (they depend on the spreadsheet)', () => {
    expect(texts({ mentions: [{ when: BAD_OP, mention: 'all' }] })).toEqual([
      'CHAT_RELAY_CONFIG key "mentions[0].when" (default for every followed sheet) has an unknown operator "eq" (operators: equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan)',
    ]);
  });

  it('no sheet for what belongs to none: scheduleMinutes, an entry without a name', () => {
    const found = problems({ scheduleMinutes: 7, sheets: [{ keyColumn: 3 }] });
    expect(found.map((p) => [p.path, p.sheet])).toEqual([
      ['scheduleMinutes', undefined],
      ['sheets[0].keyColumn', undefined],
      ['sheets[0].sheet', undefined],
    ]);
  });
});

describe('parseSettings: alertWebhook', () => {
  it('is a webhook NAME at the top level, null when left out', () => {
    expect(settings({}).alertWebhook).toBeNull();
    expect(settings({ alertWebhook: 'ALERTS' }).alertWebhook).toBe('ALERTS');
    expect(settings({ alertWebhook: 'default' }).alertWebhook).toBe('default');
  });

  it('is checked as a webhook NAME, with its path, and never quotes a URL', () => {
    expect(at({ alertWebhook: 'alerts team' })).toEqual([
      'alertWebhook: must be a webhook NAME of A-Z, 0-9 and _ (the part after CHAT_WEBHOOK_URL_), not "alerts team" (did you mean "ALERTS_TEAM"?)',
    ]);
    expect(at({ alertWebhook: 'CHAT_WEBHOOK_URL_ALERTS' })).toEqual([
      'alertWebhook: names the property "CHAT_WEBHOOK_URL_ALERTS": write the webhook NAME only, the part after CHAT_WEBHOOK_URL_ ("ALERTS")',
    ]);
    expect(at({ alertWebhook: 5 })).toEqual(['alertWebhook: must be a non-empty string, not 5']);
    const url = 'https://chat.googleapis.com/v1/spaces/S/messages?key=SECRETKEY&token=SECRETTOKEN';
    const [problem] = problems({ alertWebhook: url });
    expect(problem.path).toBe('alertWebhook');
    expect(problem.text).not.toMatch(/SECRET/);
    // A top-level key of the whole configuration: no sheet is named beside it.
    expect(problems({ sheets: [{ sheet: 'A' }], alertWebhook: 'x y' })[0].text).toMatch(
      /^CHAT_RELAY_CONFIG key "alertWebhook" must be/,
    );
  });

  it('in an entry of "sheets", is an unknown key', () => {
    expect(problems({ sheets: [{ sheet: 'A', alertWebhook: 'ALERTS' }] })[0].path).toBe(
      'sheets[0].alertWebhook',
    );
  });
});

describe('readAlertWebhook: from a configuration that may be invalid', () => {
  it('reads the NAME from valid JSON, whatever else is wrong in it', () => {
    expect(readAlertWebhook('{"alertWebhook": "ALERTS", "keyColum": 1}')).toBe('ALERTS');
    expect(readAlertWebhook('{"alertWebhook": "default"}')).toBe('default');
    expect(readAlertWebhook('{"keyColumn": "ID"}')).toBeNull();
    expect(readAlertWebhook('[1]')).toBeNull();
    expect(readAlertWebhook(null)).toBeNull();
    expect(readAlertWebhook('  ')).toBeNull();
  });

  it('finds the key in text that is not JSON (smart quotes, a missing comma)', () => {
    expect(readAlertWebhook('{“alertWebhook”: “ALERTS”, “keyColumn”: “ID”}')).toBe('ALERTS');
    expect(readAlertWebhook('{"keyColumn": "ID" "alertWebhook": "OPS_ALERTS"}')).toBe('OPS_ALERTS');
    expect(readAlertWebhook('{"keyColumn": "ID",')).toBeNull();
  });

  it('gives nothing for a value that is not a valid NAME', () => {
    expect(readAlertWebhook('{"alertWebhook": "not a name"}')).toBeNull();
    expect(
      readAlertWebhook(
        '{"alertWebhook": "https://chat.googleapis.com/v1/spaces/S/messages?key=K&token=T"',
      ),
    ).toBeNull();
  });
});
