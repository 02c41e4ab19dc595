import { Workbook } from '../../local/runtime';
import { followedSheets, openFollowed } from '../../src/app/followed-sheets';
import { RelaySettings, parseSettings } from '../../src/config/settings';
import { LEDGER_HEADERS, ruleContext } from '../support/tables';

const FORM = 'https://docs.google.com/forms/d/FORM/viewform';
const HEADERS = ['ID', 'Title'];

function settings(value: unknown): RelaySettings {
  const parsed = parseSettings(JSON.stringify(value));
  if (!parsed.ok) throw new Error(parsed.error.map((p) => p.text).join('\n'));
  return parsed.value;
}

function workbook() {
  const wb = new Workbook();
  wb.addSheet('Tickets', [HEADERS, ['T-1', 'x']]);
  wb.addSheet('Notes', [['Note'], ['n']]);
  wb.addSheet(
    'Form Responses 1',
    [
      ['Timestamp', 'Name'],
      ['t', 'Ana'],
    ],
    [],
    { formUrl: FORM },
  );
  wb.addSheet('Form Responses 2', [['Timestamp', 'Name']], [], { formUrl: FORM });
  return wb;
}

const names = (result: ReturnType<typeof followedSheets>) =>
  result.ok ? result.value.map((f) => f.sheet.getName()) : result.error.map((p) => p.text);

describe('followedSheets', () => {
  it('follows the first sheet and every sheet a form writes to by default', () => {
    expect(names(followedSheets(workbook(), settings({})))).toEqual([
      'Tickets',
      'Form Responses 1',
      'Form Responses 2',
    ]);
  });

  it('gives every default sheet the top-level settings', () => {
    const s = settings({ format: 'text' });
    const followed = followedSheets(workbook(), s);
    expect(followed.ok && followed.value.every((f) => f.settings === s.defaults)).toBe(true);
  });

  it('follows the listed sheets only, by name, else ignoring case', () => {
    const s = settings({
      sheets: [{ sheet: 'notes' }, { sheet: 'Form Responses 2', keyColumn: 'Name' }],
    });
    const followed = followedSheets(workbook(), s);
    expect(names(followed)).toEqual(['Notes', 'Form Responses 2']);
    expect(followed.ok && followed.value[1].settings.keyColumn).toBe('Name');
    expect(names(followedSheets(workbook(), settings({ sheet: 'Notes' })))).toEqual(['Notes']);
  });

  it('names every listed sheet that does not exist, and the sheets there are', () => {
    expect(
      names(
        followedSheets(
          workbook(),
          settings({ sheets: [{ sheet: 'Tickets' }, { sheet: 'Tikets' }, { sheet: 'Old' }] }),
        ),
      ),
    ).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[1].sheet" is "Tikets", but that sheet does not exist (sheets: Tickets, Notes, Form Responses 1, Form Responses 2)',
      'CHAT_RELAY_CONFIG key "sheets[2].sheet" is "Old", but that sheet does not exist (sheets: Tickets, Notes, Form Responses 1, Form Responses 2)',
    ]);
    expect(names(followedSheets(workbook(), settings({ sheet: 'Old' })))[0]).toMatch(
      /^CHAT_RELAY_CONFIG key "sheet" is "Old"/,
    );
  });
});

describe('openFollowed', () => {
  it('opens every followed sheet with its rules, appending the relay columns', () => {
    const wb = workbook();
    const followed = followedSheets(
      wb,
      settings({ sheets: [{ sheet: 'Tickets' }, { sheet: 'Notes' }] }),
    );
    if (!followed.ok) throw new Error('followed');
    const opened = openFollowed(followed.value, { append: true, context: ruleContext() });
    expect(opened.ok && opened.value.map((o) => [o.table.name, o.table.appended])).toEqual([
      ['Tickets', true],
      ['Notes', true],
    ]);
    expect(wb.sheet('Tickets').displayRows()[0]).toEqual(HEADERS.concat(LEDGER_HEADERS));
  });

  it('writes nothing anywhere when any followed sheet is misconfigured, and names every problem', () => {
    const wb = workbook();
    const s = settings({
      sheets: [
        { sheet: 'Tickets', columns: ['Title', 'Owner'] },
        { sheet: 'Notes', keyColumn: 'ID' },
        { sheet: 'Form Responses 1' },
      ],
    });
    const followed = followedSheets(wb, s);
    if (!followed.ok) throw new Error('followed');
    wb.calls.reset();
    const opened = openFollowed(followed.value, { append: true, context: ruleContext() });
    expect(opened.ok ? [] : opened.error.map((p) => p.path)).toEqual([
      'sheets[0].columns[1]',
      'sheets[1].keyColumn',
    ]);
    expect(wb.calls.cellsWritten).toBe(0);
    expect(wb.sheet('Form Responses 1').displayRows()[0]).toEqual(['Timestamp', 'Name']);
  });

  it('appends nothing when asked to read only', () => {
    const wb = workbook();
    const followed = followedSheets(wb, settings({}));
    if (!followed.ok) throw new Error('followed');
    const opened = openFollowed(followed.value, { append: false, context: ruleContext() });
    expect(opened.ok && opened.value.every((o) => !o.table.appended)).toBe(true);
    expect(wb.sheet('Tickets').displayRows()[0]).toEqual(HEADERS);
  });
});

describe('openFollowed: a problem names its sheet', () => {
  it('a top-level default wrong for one listed sheet names that sheet', () => {
    const followed = followedSheets(
      workbook(),
      settings({ keyColumn: 'ID', sheets: [{ sheet: 'Tickets' }, { sheet: 'Notes' }] }),
    );
    if (!followed.ok) throw new Error('followed');
    const opened = openFollowed(followed.value, { append: false, context: ruleContext() });
    expect(opened.ok ? [] : opened.error.map((p) => [p.path, p.sheet])).toEqual([
      ['keyColumn', 'sheet "Notes"'],
    ]);
  });
});

describe('openFollowed: a form sheet followed by default keeps every setting that fits it', () => {
  const DRAFT_FORM = [
    ['Timestamp', 'Status', 'Request'],
    [new Date(Date.UTC(2026, 0, 2)), 'Draft', 'a chair'],
  ];

  function formWorkbook(form = DRAFT_FORM) {
    const wb = new Workbook();
    wb.addSheet('Tickets', [
      ['ID', 'Status', 'Title'],
      ['T-1', 'Open', 'x'],
    ]);
    wb.addSheet('Form Responses 1', form, [], { formUrl: FORM });
    return wb;
  }

  function openForm(config: unknown, wb = formWorkbook()) {
    const followed = followedSheets(wb, settings(config));
    if (!followed.ok) throw new Error('followed');
    const opened = openFollowed(followed.value, { append: false, context: ruleContext() });
    if (!opened.ok) throw new Error(opened.error.map((p) => p.text).join('\n'));
    return { tickets: opened.value[0], form: opened.value[1] };
  }

  it('falls back for the key column only, and keeps sendWhen on a column it has', () => {
    const { tickets, form } = openForm({
      keyColumn: 'ID',
      sendWhen: { column: 'Status', notEquals: 'Draft' },
    });
    expect(tickets.note).toBeNull();
    expect(form.table.keyColumn.label).toBe('Timestamp');
    const row = (values: { [label: string]: string }) => ({
      valueOf: (label: string) => values[label] ?? '',
      typedOf: () => undefined,
    });
    expect(form.rules.mayStart(row({ Status: 'Draft' }))).toBe(false);
    expect(form.rules.mayStart(row({ Status: 'Open' }))).toBe(true);
    expect(form.note).toBe(
      'Sheet "Form Responses 1" is followed because a form writes to it, and not every top-level setting fits it: keyColumn (no column "ID"): its first column, "Timestamp", is the key. Every other setting applies to it. List it in "sheets" to give it its own settings.',
    );
  });

  it('says each setting it leaves out, and keeps the rest', () => {
    const { form } = openForm({
      format: 'text',
      columns: ['Title', 'Status'],
      routes: [{ when: { column: 'Title', equals: 'x' }, webhook: 'default' }],
    });
    expect(form.rules.format).toBe('text');
    expect(form.rules.shown).toEqual(['Status']);
    expect(form.note).toMatch(
      /fits it: routes\[0\] \(no column "Title"\): left out, so rows go by the other routes, else to the sheet's webhook; columns \(no column "Title"\): it keeps only "Status"\. Every other setting/,
    );
  });

  it('reads its headers from row 1 when the top-level header row cannot be right there', () => {
    const wb = new Workbook();
    wb.addSheet('Tickets', [['A report'], ['ID', 'Status'], ['T-1', 'Open']]);
    wb.addSheet('Form Responses 1', DRAFT_FORM, [], { formUrl: FORM });
    const { tickets, form } = openForm({ headerRow: 2, keyColumn: 'ID' }, wb);
    expect(tickets.table.keyColumn.label).toBe('ID');
    expect([form.table.headerRow, form.table.keyColumn.label]).toEqual([1, 'Timestamp']);
    expect(form.note).toMatch(
      /fits it: headerRow \(row 2 cannot be its header row\): its headers are read from row 1; keyColumn \(no column "ID"\): its first column, "Timestamp", is the key\./,
    );
  });

  it('a problem of its own, not of a missing column, is still an error naming the sheet', () => {
    const wb = formWorkbook([['Chat Status'], ['SENT']]);
    const followed = followedSheets(wb, settings({}));
    if (!followed.ok) throw new Error('followed');
    const opened = openFollowed(followed.value, { append: false, context: ruleContext() });
    expect(opened.ok ? [] : opened.error.map((p) => p.sheet)).toEqual(['sheet "Form Responses 1"']);
  });
});
