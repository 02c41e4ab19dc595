import { PropertyStoreFake, Workbook } from '../../local/runtime';
import { createConfigSource, webhookNamesUsed } from '../../src/config/config';
import { MAX_DIGESTS } from '../../src/config/digests';
import { parseSettings } from '../../src/config/settings';
import { bindRules, fitSettings } from '../../src/relay/rules';
import { openTable } from '../../src/relay/table';
import { KEY, TOKEN, expectNoSecrets, webhookUrl } from '../support/rig';
import { ruleContext } from '../support/tables';

/** The problems of a configuration, as one sentence each. */
function problems(config: unknown): string[] {
  const parsed = parseSettings(JSON.stringify(config));
  return parsed.ok ? [] : parsed.error.map((p) => p.text);
}

function digestsOf(config: Record<string, unknown>) {
  const parsed = parseSettings(JSON.stringify(config));
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.text).join('\n'));
  return parsed.value;
}

const OPEN = { name: 'Open this morning', at: '09:00' };

describe('digests', () => {
  it('reads the issue’s example, every field', () => {
    const settings = digestsOf({
      digests: [
        {
          name: 'Open this morning',
          at: '09:00',
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          when: { column: 'Status', notEquals: 'Done' },
          webhook: 'OPS',
          mention: ['all', 'users/123'],
          ifEmpty: 'post',
        },
      ],
    });
    const [d] = settings.defaults.digests;
    expect(d).toEqual({
      name: 'Open this morning',
      at: 540,
      days: [1, 2, 3, 4, 5],
      when: [{ column: 'Status', op: 'notEquals', value: 'Done', path: 'digests[0].when' }],
      webhook: 'OPS',
      mention: { mentions: ['all', 'users/123'], columns: [] },
      ifEmpty: 'post',
      path: 'digests[0]',
    });
    expect(settings.defaults.paths.digests).toBe('digests');
  });

  it('defaults: every day, every row, the sheet’s webhook, no mention, skip when empty', () => {
    const [d] = digestsOf({ digests: [{ name: ' Daily ', at: '7:05' }] }).defaults.digests;
    expect(d).toMatchObject({
      name: 'Daily',
      at: 7 * 60 + 5,
      days: [1, 2, 3, 4, 5, 6, 7],
      when: null,
      webhook: null,
      mention: { mentions: [], columns: [] },
      ifEmpty: 'skip',
    });
  });

  it('takes days in any case and order, once each, Monday first', () => {
    const [d] = digestsOf({ digests: [{ ...OPEN, days: ['SUN', 'mon', 'sun', 'Wed'] }] }).defaults
      .digests;
    expect(d.days).toEqual([1, 3, 7]);
  });

  it('is a per-sheet key: a `sheets` entry has its own, the top level a default for each sheet', () => {
    const settings = digestsOf({
      digests: [OPEN],
      sheets: [{ sheet: 'Tickets' }, { sheet: 'Orders', digests: [{ name: 'Late', at: '17:00' }] }],
    });
    const sheets = settings.sheets ?? [];
    expect(sheets[0].settings.digests.map((d) => d.name)).toEqual(['Open this morning']);
    expect(sheets[1].settings.digests.map((d) => [d.name, d.path])).toEqual([
      ['Late', 'sheets[1].digests[0]'],
    ]);
  });

  it('names the path, the value and the sheet of each wrong field', () => {
    expect(
      problems({
        sheets: [
          {
            sheet: 'Tickets',
            digests: [
              {
                name: '',
                at: '9am',
                days: ['monday'],
                ifEmpty: 'hide',
                mention: '@all',
                webhook: 'ops team',
                colour: 'red',
              },
            ],
          },
        ],
      }),
    ).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[0].digests[0]" (sheet "Tickets") has an unknown key "colour" (known keys: name, at, days, when, webhook, mention, ifEmpty)',
      'CHAT_RELAY_CONFIG key "sheets[0].digests[0].name" (sheet "Tickets") must be a name of 1 to 100 characters, not ""',
      'CHAT_RELAY_CONFIG key "sheets[0].digests[0].at" (sheet "Tickets") must be a time of day "HH:MM" from "00:00" to "23:59", not "9am"',
      'CHAT_RELAY_CONFIG key "sheets[0].digests[0].days" (sheet "Tickets") must be days of the week among "mon", "tue", "wed", "thu", "fri", "sat", "sun", not "monday"',
      'CHAT_RELAY_CONFIG key "sheets[0].digests[0].webhook" (sheet "Tickets") must be a webhook NAME of A-Z, 0-9 and _ (the part after CHAT_WEBHOOK_URL_), not "ops team" (did you mean "OPS_TEAM"?)',
      'CHAT_RELAY_CONFIG key "sheets[0].digests[0].mention" (sheet "Tickets") must be "all", "users/<numeric id>", "{{Column}}" (a column of e-mail addresses, looked up in "people") or an array of them, not "@all"',
      'CHAT_RELAY_CONFIG key "sheets[0].digests[0].ifEmpty" (sheet "Tickets") must be "skip" or "post", not "hide"',
    ]);
  });

  it('refuses times out of the day, a missing name or time, a bad condition, two digests of one name', () => {
    expect(
      problems({
        digests: [
          { name: 'A', at: '24:00' },
          { at: '09:00' },
          { name: 'B' },
          { name: 'C', at: '09:60', when: { column: 'Status', is: 'Open' } },
          { name: 'a', at: '10:00' },
        ],
      }),
    ).toEqual([
      'CHAT_RELAY_CONFIG key "digests[0].at" (default for every followed sheet) must be a time of day "HH:MM" from "00:00" to "23:59", not "24:00"',
      'CHAT_RELAY_CONFIG key "digests[1].name" (default for every followed sheet) is missing: every digest has one',
      'CHAT_RELAY_CONFIG key "digests[2].at" (default for every followed sheet) is missing: every digest has one',
      'CHAT_RELAY_CONFIG key "digests[3].at" (default for every followed sheet) must be a time of day "HH:MM" from "00:00" to "23:59", not "09:60"',
      'CHAT_RELAY_CONFIG key "digests[3].when" (default for every followed sheet) has an unknown operator "is" (did you mean "in"?) (operators: equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan)',
      'CHAT_RELAY_CONFIG key "digests[4].name" (default for every followed sheet) is "a" again (already the name of digests[0]): each digest of a sheet has its own name',
    ]);
  });

  it(`takes at most ${MAX_DIGESTS} digests per sheet, in an array`, () => {
    const many = Array.from({ length: MAX_DIGESTS + 1 }, (_, i) => ({
      name: `D${i}`,
      at: '09:00',
    }));
    expect(problems({ sheet: 'Tickets', digests: many })).toEqual([
      `CHAT_RELAY_CONFIG key "digests" (sheet "Tickets") must be an array of at most ${MAX_DIGESTS} digests such as {"name": "Open this morning", "at": "09:00"}, not an array of ${MAX_DIGESTS + 1}`,
    ]);
    expect(problems({ digests: OPEN })[0]).toMatch(/key "digests" .*must be an array/);
    expect(problems({ digests: [] })).toEqual([]);
  });

  it('refuses a webhook URL where its NAME belongs, without echoing the key or token', () => {
    const found = problems({ digests: [{ ...OPEN, webhook: webhookUrl('AAAA') }] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^CHAT_RELAY_CONFIG key "digests\[0\]\.webhook" .*is a URL/);
    expectNoSecrets([KEY, TOKEN], found);
  });
});

describe('the webhook a digest names', () => {
  it('is one of the webhooks used, and must be set', () => {
    const settings = digestsOf({ sheet: 'Tickets', digests: [{ ...OPEN, webhook: 'OPS' }] });
    expect(webhookNamesUsed(settings)).toEqual([
      { name: 'default', path: '' },
      { name: 'OPS', path: 'digests[0].webhook' },
    ]);
    const config = JSON.stringify({ sheet: 'Tickets', digests: [{ ...OPEN, webhook: 'OPS' }] });
    const store = new PropertyStoreFake({
      CHAT_WEBHOOK_URL: webhookUrl('AAAA'),
      CHAT_RELAY_CONFIG: config,
    });
    const loaded = createConfigSource(store).load();
    expect(loaded.ok ? [] : loaded.error.map((p) => p.text)).toEqual([
      'CHAT_RELAY_CONFIG key "digests[0].webhook" (sheet "Tickets") names the webhook "OPS", but the Script Property CHAT_WEBHOOK_URL_OPS is not set: add it under Project Settings → Script properties',
    ]);
  });

  it('is the sheet’s webhook when it names none (routes do not apply)', () => {
    const workbook = new Workbook();
    const sheet = workbook.addSheet('Tickets', [['ID', 'Status']]);
    const settings = digestsOf({
      webhook: 'INFRA',
      routes: [{ when: { column: 'Status', equals: 'Open' }, webhook: 'OPS' }],
      digests: [OPEN, { name: 'Ops', at: '10:00', webhook: 'OPS' }],
    }).defaults;
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const bound = bindRules(settings, table.value, ruleContext());
    if ('problems' in bound) throw new Error('problems');
    expect(bound.rules.digests.map((d) => d.webhook)).toEqual(['INFRA', 'OPS']);
  });
});

describe('a digest bound to its sheet', () => {
  const workbook = new Workbook();
  const sheet = workbook.addSheet('Tickets', [
    ['ID', 'Status'],
    ['T-1', 'Open'],
    ['T-2', 'Done'],
  ]);
  const table = () => {
    const t = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!t.ok) throw new Error(t.error.text);
    return t.value;
  };

  it('lists the rows its condition holds for, on the sheet’s labels', () => {
    const settings = digestsOf({
      digests: [
        { ...OPEN, when: { column: 'status', equals: 'open' } },
        { name: 'All', at: '9:00' },
      ],
    }).defaults;
    const bound = bindRules(settings, table(), ruleContext());
    if ('problems' in bound) throw new Error('problems');
    const [open, all] = bound.rules.digests;
    expect(open.when?.[0].column).toBe('Status');
    const row = (status: string) => ({
      valueOf: (label: string) => (label === 'Status' ? status : ''),
      typedOf: () => undefined,
    });
    expect([open.lists(row('Open')), open.lists(row('Done'))]).toEqual([true, false]);
    expect([all.lists(row('Open')), all.lists(row('Done'))]).toEqual([true, true]);
  });

  it('names a column the sheet lacks, with the sheet', () => {
    const settings = digestsOf({
      digests: [{ ...OPEN, when: { column: 'State', equals: 'x' } }],
    }).defaults;
    const bound = bindRules(settings, table(), ruleContext());
    expect('problems' in bound ? bound.problems.map((p) => p.text) : []).toEqual([
      'CHAT_RELAY_CONFIG key "digests[0].when.column" names "State", which is not a header of sheet "Tickets" (did you mean "Status"?) (headers: ID, Status)',
    ]);
  });

  it('is left out of a form’s sheet that lacks its column, saying so', () => {
    const settings = digestsOf({
      digests: [
        { ...OPEN, when: { column: 'Team', equals: 'x' } },
        { name: 'All', at: '9:00' },
      ],
    }).defaults;
    const fitted = fitSettings(settings, table());
    expect(fitted.settings.digests.map((d) => d.name)).toEqual(['All']);
    expect(fitted.unfit).toEqual([
      { path: 'digests[0]', why: 'no column "Team"', instead: 'left out' },
    ]);
  });
});
