import { Workbook } from '../../local/runtime';
import { ConditionRow } from '../../src/config/conditions';
import { configProblem } from '../../src/config/problems';
import { parseSettings } from '../../src/config/settings';
import { SheetRules, bindRules, fitSettings, rowRulesView } from '../../src/relay/rules';
import { openTable } from '../../src/relay/table';
import { ruleContext, sheetSettings } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Team', 'Priority', 'Owner'];

function bind(config: Record<string, unknown>, headers = HEADERS) {
  const workbook = new Workbook();
  const sheet = workbook.addSheet('Tickets', [headers, headers.map((h) => `${h}-1`)]);
  const settings = sheetSettings(config);
  const table = openTable(sheet, { headerRow: 1, keyColumn: null });
  if (!table.ok) throw new Error(table.error.text);
  return bindRules(settings, table.value, ruleContext());
}

function rules(config: Record<string, unknown>): SheetRules {
  const bound = bind(config);
  if ('problems' in bound) throw new Error(bound.problems.map((p) => p.text).join('\n'));
  return bound.rules;
}

function problems(config: Record<string, unknown>): string[] {
  const bound = bind(config);
  if (!('problems' in bound)) throw new Error('expected problems');
  return bound.problems.map((p) => p.text);
}

/** A row of display values only (no typed value known). */
const row = (values: { [label: string]: string }): ConditionRow => ({
  valueOf: (label) => values[label] ?? '',
  typedOf: () => undefined,
});

describe('bindRules: every header named is found', () => {
  it.each<[string, Record<string, unknown>, string]>([
    [
      'a route column',
      { routes: [{ when: { column: 'Tem', equals: 'x' }, webhook: 'OPS' }] },
      'CHAT_RELAY_CONFIG key "routes[0].when.column" names "Tem", which is not a header of sheet "Tickets" (did you mean "Team"?) (headers: ID, Title, Team, Priority, Owner)',
    ],
    [
      'a sendWhen column',
      {
        sendWhen: [
          { column: 'Priority', in: ['P1'] },
          { column: 'Status', equals: 'Open' },
        ],
      },
      'CHAT_RELAY_CONFIG key "sendWhen[1].column" names "Status", which is not a header of sheet "Tickets" (headers: ID, Title, Team, Priority, Owner)',
    ],
    [
      'a mention column',
      { mentions: [{ when: { column: 'Prio', equals: 'P1' }, mention: 'all' }] },
      'CHAT_RELAY_CONFIG key "mentions[0].when.column" names "Prio", which is not a header of sheet "Tickets" (headers: ID, Title, Team, Priority, Owner)',
    ],
    [
      'a quietHours except column',
      {
        quietHours: { from: '19:00', to: '08:00', except: { column: 'Prioity', equals: 'Urgent' } },
      },
      'CHAT_RELAY_CONFIG key "quietHours.except.column" names "Prioity", which is not a header of sheet "Tickets" (did you mean "Priority"?) (headers: ID, Title, Team, Priority, Owner)',
    ],
    [
      'a shown column',
      { columns: ['Title', 'Ownr'] },
      'CHAT_RELAY_CONFIG key "columns[1]" names "Ownr", which is not a header of sheet "Tickets" (did you mean "Owner"?) (headers: ID, Title, Team, Priority, Owner)',
    ],
    [
      'a watched column',
      { watchColumns: ['Stat'] },
      'CHAT_RELAY_CONFIG key "watchColumns[0]" names "Stat", which is not a header of sheet "Tickets" (headers: ID, Title, Team, Priority, Owner)',
    ],
    [
      'a title placeholder',
      { title: '{{ID}} {{Titel}}' },
      'CHAT_RELAY_CONFIG key "title" has the placeholder {{Titel}}, which names no header of sheet "Tickets" (did you mean "Title"?)',
    ],
    [
      'an unknown built-in',
      { subtitle: '{{_owner}}' },
      'CHAT_RELAY_CONFIG key "subtitle" has the placeholder {{_owner}}, which is neither a header of sheet "Tickets" nor one of {{_key}}, {{_sheet}}, {{_spreadsheet}}, {{_row}}',
    ],
  ])('%s', (_name, config, text) => {
    expect(problems(config)).toEqual([text]);
  });

  it('reports every binding problem at once, with the paths of a sheets entry', () => {
    const workbook = new Workbook();
    const sheet = workbook.addSheet('Tickets', [HEADERS, HEADERS]);
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const parsed = JSON.stringify({
      sheets: [{ sheet: 'Tickets', columns: ['X'], watchColumns: ['Y'], title: '{{Z}}' }],
    });
    const settings = parseSettings(parsed);
    if (!settings.ok || !settings.value.sheets) throw new Error('bad settings');
    const bound = bindRules(settings.value.sheets[0].settings, table.value, ruleContext());
    expect('problems' in bound && bound.problems.map((p) => p.path)).toEqual([
      'sheets[0].columns[0]',
      'sheets[0].watchColumns[0]',
      'sheets[0].title',
    ]);
  });

  it('binds headers ignoring case, to the labels of the sheet', () => {
    const r = rules({
      columns: ['owner', 'TITLE'],
      watchColumns: ['priority'],
      title: '{{ title }} for {{OWNER}}',
      routes: [{ when: { column: 'team', equals: 'Infra' }, webhook: 'INFRA' }],
    });
    expect(r.shown).toEqual(['Owner', 'Title']);
    expect(r.watched).toEqual(['Priority']);
    expect(r.routeColumns).toEqual(['Team']);
    expect(r.placeholderLabel('title')).toBe('Title');
    expect(r.placeholderLabel('OWNER')).toBe('Owner');
    expect(r.placeholderLabel('_key')).toBe('_key');
    expect(r.route(row({ Team: 'infra' }))).toBe('INFRA');
  });
});

describe('the rules of a row', () => {
  it('routes a row by the first route that holds, else to the sheet webhook', () => {
    const r = rules({
      webhook: 'MAIN',
      routes: [
        { when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' },
        { when: { column: 'Priority', in: ['P1'] }, webhook: 'URGENT' },
        { when: { column: 'Team', matches: '^inf' }, webhook: 'NEVER' },
      ],
    });
    expect(r.route(row({ Team: 'Infra', Priority: 'P1' }))).toBe('INFRA');
    expect(r.route(row({ Team: 'Desk', Priority: 'P1' }))).toBe('URGENT');
    expect(r.route(row({ Team: 'Desk' }))).toBe('MAIN');
    expect(r.webhooks).toEqual(['MAIN', 'INFRA', 'URGENT', 'NEVER']);
    expect(r.routeColumns).toEqual(['Team', 'Priority']);
  });

  it('lets every row start without sendWhen, and only matching rows with it', () => {
    expect(rules({}).mayStart(row({}))).toBe(true);
    const r = rules({ sendWhen: { column: 'Owner', empty: false } });
    expect(r.mayStart(row({ Owner: 'ana' }))).toBe(true);
    expect(r.mayStart(row({ Owner: ' ' }))).toBe(false);
  });

  it('gives the mentions of every rule that holds, each once, in order', () => {
    const r = rules({
      mentions: [
        { when: { column: 'Priority', equals: 'P1' }, mention: ['users/1', 'all'] },
        { when: { column: 'Team', equals: 'Infra' }, mention: ['users/2', 'users/1'] },
      ],
    });
    expect(r.mentions(row({ Priority: 'P1', Team: 'Infra' })).mentions).toEqual([
      'users/1',
      'all',
      'users/2',
    ]);
    expect(r.mentions(row({ Team: 'Infra' })).mentions).toEqual(['users/2', 'users/1']);
    expect(r.mentions(row({})).mentions).toEqual([]);
  });

  it('lets a row out of quiet hours when it matches except, and no row without except', () => {
    const quiet = { from: '19:00', to: '08:00' };
    const urgent = rules({
      quietHours: { ...quiet, except: [{ column: 'priority', in: ['Urgent', 'P1'] }] },
    });
    expect(urgent.quietHours).toMatchObject({ from: 1140, to: 480 });
    expect(urgent.quietExcept(row({ Priority: 'urgent' }))).toBe(true);
    expect(urgent.quietExcept(row({ Priority: 'Low' }))).toBe(false);
    expect(rules({ quietHours: quiet }).quietExcept(row({ Priority: 'Urgent' }))).toBe(false);
    expect(rules({}).quietHours).toBeNull();
  });

  it('shows in updates the shown columns, then the watched ones not among them', () => {
    expect(rules({}).changesShown).toBeNull();
    expect(rules({ watchColumns: ['Team'] }).changesShown).toBeNull();
    expect(rules({ columns: ['Owner', 'ID'] }).changesShown).toEqual(['Owner', 'ID']);
    expect(
      rules({ columns: ['Owner', 'ID'], watchColumns: ['Team', 'Owner', 'Title'] }).changesShown,
    ).toEqual(['Owner', 'ID', 'Team', 'Title']);
  });

  it('shows and watches every column without columns and watchColumns', () => {
    const r = rules({ format: 'text' });
    expect([r.shown, r.watched, r.format, r.title, r.subtitle]).toEqual([
      null,
      null,
      'text',
      null,
      null,
    ]);
    expect(r.webhooks).toEqual(['default']);
  });
});

describe('fitSettings: the settings as far as a sheet with fewer columns takes them', () => {
  // A form's sheet: Status and Title, but none of Team, Priority, Owner.
  const FORM_HEADERS = ['Timestamp', 'Title', 'Status'];
  const ALL = {
    keyColumn: 'ID',
    webhook: 'MAIN',
    format: 'text',
    routes: [
      { when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' },
      { when: { column: 'Status', equals: 'Urgent' }, webhook: 'URGENT' },
    ],
    sendWhen: [
      { column: 'Status', notEquals: 'Draft' },
      { column: 'Priority', in: ['P1'] },
    ],
    mentions: [
      { when: { column: 'Status', equals: 'Urgent' }, mention: 'all' },
      {
        when: [
          { column: 'Status', equals: 'Open' },
          { column: 'Owner', empty: true },
        ],
        mention: 'all',
      },
    ],
    columns: ['Title', 'Owner'],
    watchColumns: ['Owner'],
    title: '{{Title}} ({{Status}})',
    subtitle: '{{Team}}',
  };

  function fit(config: Record<string, unknown>, headers = FORM_HEADERS) {
    const workbook = new Workbook();
    const sheet = workbook.addSheet('Form Responses 1', [headers, headers.map((h) => `${h}-1`)]);
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const fitted = fitSettings(sheetSettings(config), table.value);
    const bound = bindRules(fitted.settings, table.value, ruleContext());
    if ('problems' in bound) throw new Error(bound.problems.map((p) => p.text).join('\n'));
    return { ...fitted, rules: bound.rules };
  }

  it('keeps every rule whose columns the sheet has, and binds', () => {
    const { rules: r, settings } = fit(ALL);
    // sendWhen keeps its condition on Status: a Draft is still held back.
    expect(r.mayStart(row({ Status: 'Draft' }))).toBe(false);
    expect(r.mayStart(row({ Status: 'Open' }))).toBe(true);
    expect(r.route(row({ Status: 'Urgent' }))).toBe('URGENT');
    expect(r.route(row({ Status: 'Open' }))).toBe('MAIN');
    expect(r.mentions(row({ Status: 'Urgent' })).mentions).toEqual(['all']);
    expect(r.mentions(row({ Status: 'Open' })).mentions).toEqual([]);
    expect(r.shown).toEqual(['Title']);
    expect(r.watched).toBeNull();
    expect(settings.title && settings.title.source).toBe('{{Title}} ({{Status}})');
    expect(settings.subtitle).toBeNull();
    expect([r.format, settings.webhook, settings.keyColumn]).toEqual(['text', 'MAIN', 'ID']);
  });

  it('says what it left out, where it was set and why', () => {
    expect(fit(ALL).unfit).toEqual([
      {
        path: 'routes[0]',
        why: 'no column "Team"',
        instead: "left out, so rows go by the other routes, else to the sheet's webhook",
      },
      {
        path: 'sendWhen[1]',
        why: 'no column "Priority"',
        instead: 'left out, the other sendWhen conditions still apply',
      },
      { path: 'mentions[1]', why: 'no column "Owner"', instead: 'left out' },
      { path: 'columns', why: 'no column "Owner"', instead: 'it keeps only "Title"' },
      { path: 'watchColumns', why: 'no column "Owner"', instead: 'every column is watched' },
      { path: 'subtitle', why: 'no column "Team"', instead: 'the default subtitle' },
    ]);
  });

  it('drops sendWhen only when none of its conditions applies', () => {
    const { rules: r, unfit } = fit({ sendWhen: { column: 'Priority', in: ['P1'] } });
    expect(r.mayStart(row({}))).toBe(true);
    expect(unfit).toEqual([
      {
        path: 'sendWhen',
        why: 'no column "Priority"',
        instead: 'left out, so every row is posted',
      },
    ]);
  });

  it('keeps quiet hours without an except on a missing column: every row then waits', () => {
    const quietHours = { from: '19:00', to: '08:00', except: { column: 'Priority', equals: 'P1' } };
    const { rules: r, unfit } = fit({ quietHours });
    expect(r.quietHours).toMatchObject({ from: 1140, to: 480, except: null });
    expect(r.quietExcept(row({ Priority: 'P1' }))).toBe(false);
    expect(unfit).toEqual([
      {
        path: 'quietHours.except',
        why: 'no column "Priority"',
        instead: 'left out, so every row waits for the end of quiet hours',
      },
    ]);
    const kept = fit({ quietHours: { ...quietHours, except: { column: 'Status', equals: 'P1' } } });
    expect(kept.unfit).toEqual([]);
    expect(kept.rules.quietExcept(row({ Status: 'P1' }))).toBe(true);
  });

  it('changes nothing for a sheet that has every column', () => {
    const { unfit, settings } = fit(ALL, HEADERS.concat('Status'));
    expect(unfit).toEqual([]);
    expect(settings).toEqual(sheetSettings(ALL));
  });
});

describe('{{Column}} mentions: the people directory', () => {
  const PEOPLE_CONFIG = { people: { sheet: 'People' } };
  const directory = {
    sheet: 'People',
    size: 2,
    ignored: [],
    mentionsOf: (address: string) =>
      ({ 'ana@x.org': ['users/1'], 'bob@x.org': ['users/2'] })[address.toLowerCase()] || [],
  };

  /** Rules whose people directory counts how often it is asked for; `broken` cannot be read. */
  function withDirectory(config: Record<string, unknown>, broken = false) {
    const asked = { directory: 0 };
    const people = {
      directory: () => {
        asked.directory++;
        return broken
          ? { ok: false as const, error: configProblem('people.sheet', 'is "People", but gone') }
          : { ok: true as const, value: directory };
      },
      report: () => null,
    };
    const workbook = new Workbook();
    const sheet = workbook.addSheet('Tickets', [HEADERS, HEADERS.map((h) => `${h}-1`)]);
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const settings = sheetSettings({ ...PEOPLE_CONFIG, ...config });
    const bound = bindRules(settings, table.value, ruleContext({ people }));
    if ('problems' in bound) throw new Error(bound.problems.map((p) => p.text).join('\n'));
    return { rules: bound.rules, asked };
  }

  const OWNER = { when: { column: 'Priority', equals: 'P1' }, mention: ['users/9', '{{owner}}'] };

  it('pings the directory IDs of the addresses in the cell, and notes those it does not list', () => {
    const { rules: r, asked } = withDirectory({ mentions: [OWNER] });
    expect(r.mentions(row({ Priority: 'P1', Owner: 'ANA@x.org, carl@x.org bob@x.org' }))).toEqual({
      mentions: ['users/9', 'users/1', 'users/2'],
      notFound: [{ label: 'Owner', address: 'carl@x.org', directory: 'People' }],
      unreadable: null,
    });
    expect(r.mentions(row({ Priority: 'P1', Owner: '<users/all> all' })).mentions).toEqual([
      'users/9',
    ]);
    expect(asked.directory).toBe(2);
  });

  it('rowRulesView: the route, sendWhen and pings of one row, with the note a message would carry', () => {
    const { rules: r } = withDirectory({
      mentions: [OWNER],
      sendWhen: { column: 'Team', notEquals: 'Archive' },
      routes: [{ when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' }],
    });
    expect(
      rowRulesView(r, row({ Team: 'Infra', Priority: 'P1', Owner: 'ana@x.org carl@x.org' })),
    ).toEqual({
      webhook: 'INFRA',
      mayStart: true,
      mentions: ['users/9', 'users/1'],
      note: 'Owner carl@x.org has no Chat ID in People',
      unreadable: null,
    });
    expect(rowRulesView(r, row({ Team: 'Archive', Priority: 'P2', Owner: 'ana@x.org' }))).toEqual({
      webhook: 'default',
      mayStart: false,
      mentions: [],
      note: '',
      unreadable: null,
    });
  });

  it('asks for the directory only when a rule holds and its cell names someone', () => {
    const { rules: r, asked } = withDirectory({ mentions: [OWNER] });
    expect(r.mentions(row({ Priority: 'P2', Owner: 'ana@x.org' })).mentions).toEqual([]);
    expect(r.mentions(row({ Priority: 'P1', Owner: ' ' })).mentions).toEqual(['users/9']);
    expect(asked.directory).toBe(0);
  });

  it('says so when the directory cannot be read', () => {
    const { rules: r } = withDirectory({ mentions: [OWNER] }, true);
    expect(r.mentions(row({ Priority: 'P1', Owner: 'ana@x.org' }))).toEqual({
      mentions: ['users/9'],
      notFound: [],
      unreadable: 'CHAT_RELAY_CONFIG key "people.sheet" is "People", but gone',
    });
    expect(r.mentionsAllowed(row({ Priority: 'P1', Owner: 'ana@x.org' }))).toEqual(['users/9']);
  });

  it('allows in an outbox every mention a rule may give the row, its date conditions taken as holding', () => {
    const { rules: r } = withDirectory({
      mentions: [
        { when: { column: 'Title', before: 'today' }, mention: '{{Owner}}' },
        { when: { column: 'Team', equals: 'Infra' }, mention: 'all' },
      ],
    });
    const cells = { Title: 'not a date', Owner: 'bob@x.org', Team: 'Desk' };
    expect(r.mentions(row(cells)).mentions).toEqual([]);
    expect(r.mentionsAllowed(row(cells))).toEqual(['users/2']);
    expect(r.mentionsAllowed(row({ ...cells, Team: 'Infra' }))).toEqual(['users/2', 'all']);
  });

  it('names a {{Column}} that is no header of the sheet, at its path', () => {
    const workbook = new Workbook();
    const sheet = workbook.addSheet('Tickets', [HEADERS, HEADERS.map((h) => `${h}-1`)]);
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const settings = sheetSettings({
      ...PEOPLE_CONFIG,
      mentions: [{ ...OWNER, mention: ['all', '{{Ownr}}'] }],
    });
    const bound = bindRules(settings, table.value, ruleContext());
    expect('problems' in bound && bound.problems.map((p) => p.text)).toEqual([
      'CHAT_RELAY_CONFIG key "mentions[0].mention[1]" names "Ownr", which is not a header of sheet "Tickets" (did you mean "Owner"?) (headers: ID, Title, Team, Priority, Owner)',
    ]);
  });

  it('a form sheet without the column leaves the mention out', () => {
    const workbook = new Workbook();
    const sheet = workbook.addSheet('Form Responses 1', [['Timestamp', 'Priority']]);
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const fitted = fitSettings(sheetSettings({ ...PEOPLE_CONFIG, mentions: [OWNER] }), table.value);
    expect(fitted.unfit).toEqual([
      { path: 'mentions[0]', why: 'no column "owner"', instead: 'left out' },
    ]);
    expect(fitted.settings.mentions).toEqual([]);
  });
});

describe('date and number conditions in rules: the run moment, typed values', () => {
  it('routes by a date compared with the context time, and by a number', () => {
    const workbook = new Workbook();
    const sheet = workbook.addSheet('Tickets', [['ID', 'Due', 'Amount']]);
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const settings = sheetSettings({
      routes: [
        { when: { column: 'Due', before: 'today' }, webhook: 'LATE' },
        { when: { column: 'Amount', greaterThan: 100 }, webhook: 'BIG' },
      ],
    });
    const at = (now: number) => {
      const bound = bindRules(settings, table.value, ruleContext({ now, timeZone: 'Asia/Tokyo' }));
      if ('problems' in bound) throw new Error('unexpected problems');
      return bound.rules;
    };
    const typedRow = (typed: { [label: string]: unknown }): ConditionRow => ({
      valueOf: (label) => String(typed[label] ?? ''),
      typedOf: (label) => typed[label],
    });
    // Due 2026-03-10 in Tokyo (UTC+9) is 2026-03-09 15:00 UTC.
    const due = typedRow({ Due: new Date(Date.UTC(2026, 2, 9, 15)), Amount: 5 });
    expect(at(Date.UTC(2026, 2, 10, 14)).route(due)).toBe('default'); // 23:00 on the 10th in Tokyo
    expect(at(Date.UTC(2026, 2, 10, 15)).route(due)).toBe('LATE'); // 00:00 on the 11th in Tokyo
    expect(at(Date.UTC(2026, 2, 10, 14)).route(typedRow({ Amount: 101 }))).toBe('BIG');
    expect(at(Date.UTC(2026, 2, 10, 14)).route(typedRow({ Amount: '101' }))).toBe('default');
  });
});

describe('bindRules: reminders', () => {
  it('binds each rule’s columns and text to the sheet, with its id and its words', () => {
    const r = rules({
      reminders: [
        {
          when: { column: 'team', equals: 'Infra' },
          after: '30m',
          text: '{{owner}} for {{_since}}',
        },
        {
          when: [
            { column: 'Priority', in: ['P1', 'P2'] },
            { column: 'Owner', empty: true },
          ],
        },
      ],
    });
    expect(r.reminders.map((x) => [x.path, x.words])).toEqual([
      ['reminders[0]', 'Team is Infra'],
      ['reminders[1]', 'Priority is one of P1, P2 and Owner is empty'],
    ]);
    expect(r.reminders[0].id).toMatch(/^[0-9a-f]{12}$/);
    expect(r.reminders[0].id).not.toBe(r.reminders[1].id);
    expect(r.placeholderLabel('owner')).toBe('Owner');
  });

  it('names the rule’s path and the sheet for a column or a placeholder the sheet lacks', () => {
    expect(
      problems({
        reminders: [
          { when: { column: 'Stat', equals: 'New' } },
          { when: { column: 'Team', equals: 'x' }, text: '{{Ownr}} since {{_since}} {{_when}}' },
        ],
      }),
    ).toEqual([
      'CHAT_RELAY_CONFIG key "reminders[0].when.column" names "Stat", which is not a header of sheet "Tickets" (headers: ID, Title, Team, Priority, Owner)',
      'CHAT_RELAY_CONFIG key "reminders[1].text" has the placeholder {{Ownr}}, which names no header of sheet "Tickets" (did you mean "Owner"?)',
      'CHAT_RELAY_CONFIG key "reminders[1].text" has the placeholder {{_when}}, which is neither a header of sheet "Tickets" nor one of {{_key}}, {{_sheet}}, {{_spreadsheet}}, {{_row}}, {{_since}}',
    ]);
  });

  it('keeps {{_since}} to reminders: a title has no such placeholder', () => {
    expect(problems({ title: '{{ID}} open {{_since}}' })).toEqual([
      'CHAT_RELAY_CONFIG key "title" has the placeholder {{_since}}, which is neither a header of sheet "Tickets" nor one of {{_key}}, {{_sheet}}, {{_spreadsheet}}, {{_row}}',
    ]);
  });

  it('fits a form’s sheet: a rule on a missing column left out, a text naming one the default', () => {
    const workbook = new Workbook();
    const headers = ['Timestamp', 'Title', 'Status'];
    const sheet = workbook.addSheet('Form Responses 1', [headers, headers.map((h) => `${h}-1`)]);
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const fitted = fitSettings(
      sheetSettings({
        reminders: [
          { when: { column: 'Owner', empty: true } },
          { when: { column: 'Status', equals: 'New' }, text: '{{Owner}}: {{_since}}' },
        ],
      }),
      table.value,
    );
    expect(fitted.unfit).toEqual([
      { path: 'reminders[0]', why: 'no column "Owner"', instead: 'left out' },
      { path: 'reminders[1].text', why: 'no column "Owner"', instead: 'the default reminder text' },
    ]);
    expect(fitted.settings.reminders.map((x) => [x.path, x.text])).toEqual([
      ['reminders[1]', null],
    ]);
  });
});
