import { Workbook } from '../../local/runtime';
import { rowLink, tableComposer } from '../../src/relay/message-context';
import { Field } from '../../src/relay/compose/types';
import { open } from '../support/tables';

const URL = 'https://docs.google.com/spreadsheets/d/abc/edit';

function tickets(config: Record<string, unknown> = {}, headerRow = 1) {
  const workbook = new Workbook();
  const top = Array.from({ length: headerRow - 1 }, () => ['Helpdesk']);
  const sheet = workbook.addSheet('Tickets', [
    ...top,
    ['ID', 'Title', 'Owner', 'Status', 'Notes', 'Due'],
    ['T-1', 'Printer jammed', 'ana', 'Open', '', 'Friday'],
    ['T-2', 'Badge reader', 'bob', 'Closed', 'done', ''],
  ]);
  return open(workbook, sheet, { headerRow, format: 'text', ...config });
}

describe('rowLink', () => {
  it('opens the sheet on the row: #gid=<sheet ID>&range=A<row>:<last data column><row>', () => {
    const o = tickets({}, 6);
    const place = { spreadsheetName: 'Helpdesk', spreadsheetUrl: URL, sheetId: 42 };
    expect(rowLink(place, o.table, 0)).toBe(`${URL}#gid=42&range=A7:F7`);
    expect(rowLink(place, o.table, 1)).toBe(`${URL}#gid=42&range=A8:F8`);
  });

  it('replaces a fragment already in the URL, and is null without a URL', () => {
    const o = tickets();
    expect(
      rowLink({ spreadsheetName: 'x', spreadsheetUrl: `${URL}#gid=0`, sheetId: 7 }, o.table, 0),
    ).toBe(`${URL}#gid=7&range=A2:F2`);
    expect(
      rowLink({ spreadsheetName: 'x', spreadsheetUrl: '', sheetId: 7 }, o.table, 0),
    ).toBeNull();
  });
});

describe('tableComposer', () => {
  const place = { spreadsheetName: 'Helpdesk', spreadsheetUrl: URL, sheetId: 42 };
  const lines = (text: string | undefined) => (text ?? '').split('\n');

  /** The body of a text message: its lines between the event line and the link. */
  const body = (text: string | undefined) => lines(text).slice(2, -1);

  it('shows exactly the configured columns, in the configured order, the key where listed', () => {
    const o = tickets({ columns: ['Status', 'ID', 'Title'] });
    const { compose } = tableComposer(o.table, o.rules, place);
    const fields: Field[] = o.reader.fields(o.table.rows[0]);
    const text = compose({ kind: 'new', fields }, o.reader.values(0), [], 'thread-1').text;
    expect(lines(text)[0]).toBe('*T-1 · Printer jammed*');
    expect(body(text)).toEqual(['*Status*: Open', '*ID*: T-1', '*Title*: Printer jammed']);
  });

  it('leaves the key out of the fields when columns does not list it; the title keeps it', () => {
    const o = tickets({ columns: ['Title', 'Status'] });
    const { compose } = tableComposer(o.table, o.rules, place);
    const fields: Field[] = o.reader.fields(o.table.rows[0]);
    const text = compose({ kind: 'new', fields }, o.reader.values(0), [], 'thread-1').text;
    expect(lines(text)[0]).toBe('*T-1 · Printer jammed*');
    expect(body(text)).toEqual(['*Title*: Printer jammed', '*Status*: Open']);
  });

  it('shows every non-empty field without columns, in sheet order', () => {
    const o = tickets();
    const { compose } = tableComposer(o.table, o.rules, place);
    const text =
      compose(
        { kind: 'new', fields: o.reader.fields(o.table.rows[0]) },
        o.reader.values(0),
        [],
        'thread-1',
      ).text ?? '';
    const order = ['ana', 'Open', 'Friday'].map((v) => text.indexOf(v));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual(order.slice().sort((a, b) => a - b));
  });

  it('links to the row and fills the title from the row, the mentions from the rules', () => {
    const o = tickets({ title: '{{ID}}: {{Title}} ({{_sheet}}, row {{_row}})' });
    const { compose } = tableComposer(o.table, o.rules, place);
    const text =
      compose(
        { kind: 'update', changes: [{ label: 'Status', before: 'Open', after: 'Closed' }] },
        o.reader.values(1),
        ['all'],
        'thread-1',
      ).text ?? '';
    expect(lines(text)).toContain('*T-2: Badge reader (Tickets, row 3)*');
    expect(text).toContain(`${URL}#gid=42&range=A3:F3`);
    expect(text).toContain('<users/all>');
    expect(text).toContain('Closed');
  });

  it('makes cards by default', () => {
    const o = tickets({ format: 'card' });
    const { compose } = tableComposer(o.table, o.rules, place);
    const message = compose(
      { kind: 'new', fields: o.reader.fields(o.table.rows[0]) },
      o.reader.values(0),
      [],
      'thread-1',
    );
    expect(message.cardsV2).toHaveLength(1);
    expect(message.thread).toEqual({ threadKey: 'thread-1' });
  });
});

describe('tableComposer: isRowLink', () => {
  it('knows the links to the rows of its own sheet, as it makes them, and no other', () => {
    const o = tickets();
    const place = { spreadsheetName: 'Helpdesk', spreadsheetUrl: URL, sheetId: 42 };
    const { isRowLink } = tableComposer(o.table, o.rules, place);
    expect(isRowLink(String(rowLink(place, o.table, 0)))).toBe(true);
    expect(isRowLink(`${URL}#gid=42&range=A900:F900`)).toBe(true);
    expect(isRowLink(`${URL}#gid=7&range=A2:F2`)).toBe(false);
    expect(isRowLink(`${URL}#gid=42&range=A2:F2&x=1`)).toBe(false);
    expect(isRowLink('https://evil.example/#gid=42&range=A2:F2')).toBe(false);
    const none = tableComposer(o.table, o.rules, { ...place, spreadsheetUrl: '' });
    expect(none.isRowLink(`${URL}#gid=42&range=A2:F2`)).toBe(false);
  });
});

describe('tableComposer: reminders', () => {
  const place = { spreadsheetName: 'Helpdesk', spreadsheetUrl: URL, sheetId: 42 };
  const HOUR = 3600000;

  function reminderOf(config: Record<string, unknown>, heldMs: number, mentions: string[] = []) {
    const o = tickets(config);
    const rule = o.rules.reminders[0];
    const text = { template: rule.text, words: rule.words, heldMs };
    return tableComposer(o.table, o.rules, place).reminder(
      o.reader.values(0),
      text,
      mentions,
      'k1',
    );
  }

  it('says the rule in words and how long it has held by default; mentions first, then the link', () => {
    const message = reminderOf(
      { reminders: [{ when: { column: 'status', equals: 'Open' }, mention: 'users/123' }] },
      2 * HOUR + 5 * 60000,
      ['users/123'],
    );
    expect(message).toEqual({
      text: `<users/123> Reminder: Status is Open, for 2 hours\n<${URL}#gid=42&range=A2:F2|Open in Sheets>`,
      thread: { threadKey: 'k1' },
    });
  });

  it('fills a text template with the title’s placeholders and {{_since}}, every value neutralised', () => {
    const o = tickets({
      reminders: [
        {
          when: { column: 'Status', equals: 'Open' },
          text: '{{_key}} ({{Owner}}) open {{_since}}, row {{_row}}',
        },
      ],
    });
    // A cell that tries to ping everyone.
    const values = {
      ...o.reader.values(0),
      valueOf: (label: string) => (label === 'Owner' ? '<users/all> ana' : ''),
    };
    const rule = o.rules.reminders[0];
    const message = tableComposer(o.table, o.rules, place).reminder(
      values,
      { template: rule.text, words: rule.words, heldMs: 3 * 24 * HOUR },
      [],
      'k1',
    );
    expect(message.text?.split('\n')[0]).toBe('T-1 (‹users/all› ana) open 3 days, row 2');
  });

  it('cuts a long line with the mark, and leaves the link out without a spreadsheet URL', () => {
    const o = tickets({
      reminders: [{ when: { column: 'Status', equals: 'Open' }, text: '{{Notes}}' }],
    });
    const values = { ...o.reader.values(0), valueOf: () => 'x'.repeat(5000) };
    const rule = o.rules.reminders[0];
    const message = tableComposer(o.table, o.rules, { ...place, spreadsheetUrl: '' }).reminder(
      values,
      { template: rule.text, words: rule.words, heldMs: 0 },
      [],
      'k1',
    );
    expect(message.text).toMatch(/^x{900,1000}… \[truncated\]$/);
  });
});
