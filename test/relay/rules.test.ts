import { Workbook } from '../../local/runtime';
import { parseSettings } from '../../src/config/settings';
import { SheetRules, bindRules, fitSettings } from '../../src/relay/rules';
import { openTable } from '../../src/relay/table';
import { sheetSettings } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Team', 'Priority', 'Owner'];

function bind(config: Record<string, unknown>, headers = HEADERS) {
  const workbook = new Workbook();
  const sheet = workbook.addSheet('Tickets', [headers, headers.map((h) => `${h}-1`)]);
  const settings = sheetSettings(config);
  const table = openTable(sheet, { headerRow: 1, keyColumn: null });
  if (!table.ok) throw new Error(table.error.text);
  return bindRules(settings, table.value);
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

const row =
  (values: { [label: string]: string }) =>
  (label: string): string =>
    values[label] ?? '';

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
    const bound = bindRules(settings.value.sheets[0].settings, table.value);
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
    expect(r.mentions(row({ Priority: 'P1', Team: 'Infra' }))).toEqual([
      'users/1',
      'all',
      'users/2',
    ]);
    expect(r.mentions(row({ Team: 'Infra' }))).toEqual(['users/2', 'users/1']);
    expect(r.mentions(row({}))).toEqual([]);
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
    const bound = bindRules(fitted.settings, table.value);
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
    expect(r.mentions(row({ Status: 'Urgent' }))).toEqual(['all']);
    expect(r.mentions(row({ Status: 'Open' }))).toEqual([]);
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

  it('changes nothing for a sheet that has every column', () => {
    const { unfit, settings } = fit(ALL, HEADERS.concat('Status'));
    expect(unfit).toEqual([]);
    expect(settings).toEqual(sheetSettings(ALL));
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
