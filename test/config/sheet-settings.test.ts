import { ConfigProblem } from '../../src/config/problems';
import {
  DEFAULT_WEBHOOK_NAME,
  SHEET_KEYS,
  SheetKey,
  SheetSettings,
  applySheetKey,
  defaultSheetSettings,
  isSheetKey,
  parseWebhookName,
} from '../../src/config/sheet-settings';

/** Applies one key at `path` to default settings: the settings and the problems. */
function apply(key: SheetKey, value: unknown, path: string = key) {
  const settings = defaultSheetSettings();
  const problems: ConfigProblem[] = [];
  applySheetKey(settings, key, value, path, problems);
  return { settings, problems };
}

function applied(key: SheetKey, value: unknown): SheetSettings {
  const { settings, problems } = apply(key, value);
  if (problems.length) throw new Error(problems.map((p) => p.text).join('; '));
  return settings;
}

function messages(key: SheetKey, value: unknown, path: string = key): string[] {
  return apply(key, value, path).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('defaultSheetSettings', () => {
  it('follows the first column of row 1, posts cards to the default webhook', () => {
    expect(defaultSheetSettings()).toEqual({
      keyColumn: null,
      headerRow: 1,
      webhook: 'default',
      routes: [],
      format: 'card',
      title: null,
      subtitle: null,
      columns: null,
      watchColumns: null,
      sendWhen: null,
      mentions: [],
      quietHours: null,
      digests: [],
      reminders: [],
      actions: [],
      actionLinkDays: 14,
      paths: {},
    });
    expect(DEFAULT_WEBHOOK_NAME).toBe('default');
  });

  it('knows exactly the per-sheet keys', () => {
    expect(SHEET_KEYS).toEqual([
      'keyColumn',
      'headerRow',
      'webhook',
      'routes',
      'format',
      'title',
      'subtitle',
      'columns',
      'watchColumns',
      'sendWhen',
      'mentions',
      'actions',
      'actionLinkDays',
      'quietHours',
      'digests',
      'reminders',
    ]);
    expect(isSheetKey('keyColumn')).toBe(true);
    expect(isSheetKey('sheet')).toBe(false);
    expect(isSheetKey('KeyColumn')).toBe(false);
  });
});

describe('applySheetKey', () => {
  it('records the value and where it was set', () => {
    const { settings, problems } = apply('keyColumn', ' ID ', 'sheets[1].keyColumn');
    expect(problems).toEqual([]);
    expect(settings.keyColumn).toBe('ID');
    expect(settings.paths).toEqual({ keyColumn: 'sheets[1].keyColumn' });
  });

  it('leaves the setting alone when the value is wrong', () => {
    const { settings, problems } = apply('headerRow', 0, 'sheets[1].headerRow');
    expect(settings.headerRow).toBe(1);
    expect(settings.paths).toEqual({});
    expect(problems.map((p) => p.text)).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[1].headerRow" must be a whole number of 1 or more, not 0',
    ]);
  });

  it.each<[SheetKey, unknown, string]>([
    ['keyColumn', '', 'must be a non-empty string, not ""'],
    ['keyColumn', 7, 'must be a non-empty string, not 7'],
    ['headerRow', 1.5, 'must be a whole number of 1 or more, not 1.5'],
    ['headerRow', '2', 'must be a whole number of 1 or more, not "2"'],
    ['format', 'html', 'must be "card" or "text", not "html"'],
    ['title', '', 'must be a non-empty text such as "{{ID}} · {{Title}}", not ""'],
    ['subtitle', 3, 'must be a non-empty text such as "{{ID}} · {{Title}}", not 3'],
    ['columns', [], 'must be a non-empty array of column headers, not an array'],
    ['columns', 'Title', 'must be a non-empty array of column headers, not "Title"'],
    ['watchColumns', ['Status', ''], 'must be a non-empty array of column headers, not an array'],
    ['routes', {}, 'must be an array of {"when": …, "webhook": NAME}, not an object'],
    ['mentions', 'all', 'must be an array of {"when": …, "mention": …}, not "all"'],
    ['sendWhen', [], 'must hold at least one condition'],
  ])('%s refuses %p', (key, value, message) => {
    expect(messages(key, value, `sheets[2].${key}`)).toEqual([`sheets[2].${key}: ${message}`]);
  });

  it('reads the simple keys', () => {
    expect(applied('headerRow', 3).headerRow).toBe(3);
    expect(applied('format', 'text').format).toBe('text');
    expect(applied('columns', [' Title ', 'Owner']).columns).toEqual(['Title', 'Owner']);
    expect(applied('watchColumns', ['Status']).watchColumns).toEqual(['Status']);
    expect(applied('title', '{{ID}}: {{Title}}').title).toEqual({
      source: '{{ID}}: {{Title}}',
      parts: [{ placeholder: 'ID' }, { text: ': ' }, { placeholder: 'Title' }],
    });
    expect(applied('sendWhen', { column: 'Status', equals: 'Ready' }).sendWhen).toEqual([
      { column: 'Status', op: 'equals', value: 'Ready', path: 'sendWhen' },
    ]);
  });
});

describe('webhook NAMEs', () => {
  function name(value: unknown): string | null | string[] {
    const problems: ConfigProblem[] = [];
    const parsed = parseWebhookName(value, 'webhook', problems);
    return problems.length ? problems.map((p) => p.message) : parsed;
  }

  it('accepts A-Z, 0-9 and _, and "default" in any case', () => {
    expect(name('OPS')).toBe('OPS');
    expect(name(' INFRA_2 ')).toBe('INFRA_2');
    expect(name('default')).toBe('default');
    expect(name('Default')).toBe('default');
  });

  it('refuses lower case or other characters, suggesting the NAME meant', () => {
    expect(name('ops')).toEqual([
      'must be a webhook NAME of A-Z, 0-9 and _ (the part after CHAT_WEBHOOK_URL_), not "ops" (did you mean "OPS"?)',
    ]);
    expect(name('my-hook')).toEqual([expect.stringContaining('(did you mean "MY_HOOK"?)')]);
  });

  it.each([
    [
      'a webhook URL',
      'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=AIzaSyKEY&token=TOKENx',
    ],
    ['a URL without its scheme', 'chat.googleapis.com/v1/spaces/AAAA/messages?key=AIzaSyKEY'],
    ['its query alone', '?key=AIzaSyKEY&token=TOKENx'],
    ['a token parameter', 'token=TOKENx'],
    ['another URL', 'http://example.com/hook'],
  ])(
    'refuses %s without quoting it or suggesting from it: the URL goes under Webhooks',
    (_what, url) => {
      const said = name(url);
      expect(said).toEqual([
        'is a URL, where a webhook NAME belongs: put the URL under Webhooks in the Settings sidebar (or in a Script Property CHAT_WEBHOOK_URL_<NAME>), and write its NAME here (say "INFRA"; "default" for CHAT_WEBHOOK_URL)',
      ]);
      expect(JSON.stringify(said)).not.toMatch(/AIzaSyKEY|TOKENx|did you mean/i);
    },
  );

  it('refuses an empty or non-string NAME', () => {
    expect(name('')).toEqual(['must be a non-empty string, not ""']);
    expect(name(null)).toEqual(['must be a non-empty string, not null']);
  });

  it('is how the sheet webhook is read', () => {
    expect(applied('webhook', 'OPS').webhook).toBe('OPS');
    expect(messages('webhook', 'Ops')).toEqual([
      expect.stringMatching(/^webhook: must be a webhook NAME .* \(did you mean "OPS"\?\)$/),
    ]);
  });
});

describe('routes', () => {
  it('reads each route with its conditions and its webhook NAME', () => {
    const { routes } = applied('routes', [
      { when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' },
      { when: [{ column: 'P', in: ['P1'] }], webhook: 'default' },
    ]);
    expect(routes).toEqual([
      {
        when: [{ column: 'Team', op: 'equals', value: 'Infra', path: 'routes[0].when' }],
        webhook: 'INFRA',
        path: 'routes[0]',
      },
      {
        when: [{ column: 'P', op: 'in', value: ['P1'], path: 'routes[1].when[0]' }],
        webhook: 'default',
        path: 'routes[1]',
      },
    ]);
  });

  it('names what is wrong in each route, at its path', () => {
    expect(
      messages(
        'routes',
        [
          { when: { column: 'Team', equals: 'Infra' } },
          { when: { column: 'Team', equals: 'Ops' }, webhook: 'ops', extra: 1 },
          { when: [{ column: 'Team' }], webhook: 'OPS' },
        ],
        'sheets[0].routes',
      ),
    ).toEqual([
      'sheets[0].routes[0]: must be {"when": condition, "webhook": NAME}, not an object',
      'sheets[0].routes[1]: has an unknown key "extra" (known keys: when, webhook)',
      expect.stringMatching(/^sheets\[0\]\.routes\[1\]\.webhook: must be a webhook NAME/),
      'sheets[0].routes[2].when[0]: must have exactly one operator (equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan), not 0',
    ]);
  });
});

describe('a route with a webhook URL or token of its own', () => {
  it('says where webhooks belong', () => {
    expect(
      messages(
        'routes',
        [{ when: { column: 'Team', equals: 'Ops' }, webhook: 'OPS', url: 'tok-SECRET-2' }],
        'routes',
      ),
    ).toEqual([
      'routes[0]: has an unknown key "url": webhooks do not belong in CHAT_RELAY_CONFIG. Paste the webhook URL under Webhooks in the Settings sidebar (it is kept in the Script Property CHAT_WEBHOOK_URL, or CHAT_WEBHOOK_URL_<NAME> for "webhook": "<NAME>"), and remove this key',
    ]);
  });
});

describe('mentions', () => {
  it('reads "all" and "users/<digits>", alone or in a list, trimmed', () => {
    const { mentions } = applied('mentions', [
      { when: { column: 'P', equals: 'P1' }, mention: 'all' },
      { when: { column: 'Owner', equals: 'Ana' }, mention: [' users/123 ', 'users/456'] },
    ]);
    expect(mentions).toEqual([
      {
        when: [{ column: 'P', op: 'equals', value: 'P1', path: 'mentions[0].when' }],
        mentions: ['all'],
        columns: [],
        path: 'mentions[0]',
      },
      {
        when: [{ column: 'Owner', op: 'equals', value: 'Ana', path: 'mentions[1].when' }],
        mentions: ['users/123', 'users/456'],
        columns: [],
        path: 'mentions[1]',
      },
    ]);
  });

  it('reads "{{Column}}" mentions, each with its path, beside fixed ones', () => {
    const { mentions } = applied('mentions', [
      { when: { column: 'P', equals: 'P1' }, mention: '{{ Owner }}' },
      { when: { column: 'P', equals: 'P2' }, mention: ['users/1', '{{Reviewer}}', '{{Owner}}'] },
    ]);
    expect(mentions.map((m) => [m.mentions, m.columns])).toEqual([
      [[], [{ column: 'Owner', path: 'mentions[0].mention' }]],
      [
        ['users/1'],
        [
          { column: 'Reviewer', path: 'mentions[1].mention[1]' },
          { column: 'Owner', path: 'mentions[1].mention[2]' },
        ],
      ],
    ]);
  });

  it.each<[unknown, string]>([
    ['users/all', '"users/all"'],
    ['@all', '"@all"'],
    ['ana@example.com', '"ana@example.com"'],
    ['users/ana', '"users/ana"'],
    ['<users/123>', '"<users/123>"'],
    ['{{}}', '"{{}}"'],
    ['{{Owner}', '"{{Owner}"'],
    ['{{Owner}} {{Team}}', '"{{Owner}} {{Team}}"'],
    [['all', 'users/x1'], '"users/x1"'],
    [[], 'an array'],
    [123, '123'],
  ])('refuses %p', (mention, shown) => {
    expect(
      messages('mentions', [{ when: { column: 'P', equals: 'P1' }, mention }], 'mentions'),
    ).toEqual([
      `mentions[0].mention: must be "all", "users/<numeric id>", "{{Column}}" (a column of e-mail addresses, looked up in "people") or an array of them, not ${shown}`,
    ]);
  });

  it('needs "when" and "mention", and nothing else', () => {
    expect(
      messages('mentions', [
        { mention: 'all' },
        { when: { column: 'P', equals: 'P1' }, mention: 'all', mentions: 'all' },
      ]),
    ).toEqual([
      'mentions[0]: must be {"when": condition, "mention": "all" | "users/<id>" | "{{Column}}"}, not an object',
      'mentions[1]: has an unknown key "mentions" (known keys: when, mention)',
    ]);
  });
});
