import { rowReader } from '../../src/relay/rows';
import { openSheet } from '../support/tables';

describe('rowReader: typed values', () => {
  const due = new Date(Date.UTC(2026, 11, 24));
  const rows = [
    ['ID', 'Amount', 'Due'],
    ['T-1', 12.5, due],
    ['T-2', '1,000', ''],
  ];

  it('reads a row typed values by label when the rules compare dates or numbers', () => {
    const o = openSheet(rows, { sendWhen: { column: 'Due', before: 'today' } });
    const first = o.reader.values(0);
    expect([first.typedOf('Amount'), first.typedOf('Due'), first.typedOf('ID')]).toEqual([
      12.5,
      due,
      'T-1',
    ]);
    expect(o.reader.conditionRow(1).typedOf('Amount')).toBe('1,000');
    expect(o.reader.conditionRow(1).valueOf('Amount')).toBe('1,000');
    expect(first.typedOf('Status')).toBeUndefined();
  });

  it('knows no typed value when the sheet did not read them', () => {
    const o = openSheet(rows, { sendWhen: { column: 'Due', empty: false } });
    expect(o.table.typed()).toBeNull();
    expect(o.reader.values(0).typedOf('Amount')).toBeUndefined();
    expect(o.reader.values(0).valueOf('Amount')).toBe('12.5');
  });
});

const TICKETS = [
  ['ID', 'Title', 'Owner', 'Notes'],
  [' T-1 ', 'Printer jammed', 'ana', ''],
  ['', '', '', ''],
  ['T-3', 'Badge reader', '', 'call back'],
];

describe('rowReader', () => {
  const o = openSheet(TICKETS, { keyColumn: 'ID' });
  const [first, blank, third] = o.table.rows;

  it('reads the key, trimmed', () => {
    expect(o.reader.key(first)).toBe('T-1');
    expect(o.reader.key(blank)).toBe('');
  });

  it('reads the non-empty fields but the key, in sheet order', () => {
    expect(o.reader.fields(first)).toEqual([
      { label: 'Title', value: 'Printer jammed' },
      { label: 'Owner', value: 'ana' },
    ]);
    expect(o.reader.fields(third)).toEqual([
      { label: 'Title', value: 'Badge reader' },
      { label: 'Notes', value: 'call back' },
    ]);
  });

  it('reads values by label; an unknown label reads empty', () => {
    const valueOf = o.reader.valueOf(third);
    expect(valueOf('Notes')).toBe('call back');
    expect(valueOf('ID')).toBe('T-3');
    expect(valueOf('Status')).toBe('');
  });

  it('sees a row blank in every data column as blank, whatever its relay cells hold', () => {
    expect(o.reader.isBlank(blank)).toBe(true);
    expect(o.reader.isBlank(first)).toBe(false);
    const withStatus = blank.slice();
    withStatus[o.table.ledger.status] = 'SENT';
    expect(o.reader.isBlank(withStatus)).toBe(true);
    const spaces = blank.slice();
    spaces[1] = '   ';
    expect(o.reader.isBlank(spaces)).toBe(true);
  });

  it('reads the Chat Status, trimmed and in upper case', () => {
    const row = first.slice();
    row[o.table.ledger.status] = ' sent ';
    expect(o.reader.status(row)).toBe('SENT');
  });
});

describe('versions', () => {
  const version = (rows: string[][], i = 0) => {
    const o = openSheet(rows);
    return o.reader.version(o.table.rows[i]);
  };
  const base = [
    ['ID', 'Title', 'Owner'],
    ['T-1', 'Printer', 'ana'],
  ];

  it('is a prefixed 64-bit fingerprint of the data', () => {
    expect(version(base)).toMatch(/^v1:[0-9a-f]{16}$/);
    expect(version(base)).toBe(version(base.map((r) => r.slice())));
  });

  it('changes with any value', () => {
    expect(version([base[0], ['T-1', 'Printer', 'bob']])).not.toBe(version(base));
    expect(version([base[0], ['T-2', 'Printer', 'ana']])).not.toBe(version(base));
  });

  it('does not change when columns are reordered or an empty column is added', () => {
    expect(
      version([
        ['Owner', 'ID', 'Title'],
        ['ana', 'T-1', 'Printer'],
      ]),
    ).toBe(version(base));
    expect(
      version([
        ['ID', 'Title', 'Owner', 'Notes'],
        ['T-1', 'Printer', 'ana', ''],
      ]),
    ).toBe(version(base));
  });

  it('changes when a value moves to another column, or a column is renamed', () => {
    expect(
      version([
        ['ID', 'Title', 'Owner'],
        ['T-1', 'ana', 'Printer'],
      ]),
    ).not.toBe(version(base));
    expect(
      version([
        ['ID', 'Subject', 'Owner'],
        ['T-1', 'Printer', 'ana'],
      ]),
    ).not.toBe(version(base));
  });

  it('ignores the relay columns', () => {
    const o = openSheet(base);
    const row = o.table.rows[0].slice();
    const before = o.reader.version(row);
    row[o.table.ledger.status] = 'SENT';
    row[o.table.ledger.thread] = 'spaces/S/threads/T';
    expect(rowReader(o.table).version(row)).toBe(before);
  });
});

describe('rowReader: relay cells and values read once', () => {
  const rows = [
    ['ID', 'Title', 'Chat Status', 'Chat Thread', 'Chat Version'],
    [' T-1 ', 'Printer', 'sent', 'spaces/S/threads/T', 'v1:abc'],
    ['T-2', 'Badge', '', '', ''],
    ['T-3', 'Mouse', 'PENDING', '', ''],
  ];
  const o = openSheet(rows);
  const [sent, never, pending] = o.table.rows;

  it('shows the visible relay cells as the sheet shows them', () => {
    expect(o.reader.shown(sent, 'thread')).toBe('spaces/S/threads/T');
    expect(o.reader.shown(sent, 'version')).toBe('v1:abc');
    expect(o.reader.shown(sent, 'status')).toBe('sent');
    expect(o.reader.status(sent)).toBe('SENT');
  });

  it('sees a row never posted by its empty version and thread, whatever its status', () => {
    expect(o.reader.neverPosted(never)).toBe(true);
    expect(o.reader.neverPosted(pending)).toBe(true);
    expect(o.reader.neverPosted(sent)).toBe(false);
    const threadOnly = sent.slice();
    threadOnly[o.table.ledger.version] = '';
    expect(o.reader.neverPosted(threadOnly)).toBe(false);
  });

  it('reads a row’s values once: its position, key, version, fields and values by label', () => {
    const values = o.reader.values(0);
    expect(values).toMatchObject({
      position: 0,
      key: 'T-1',
      version: o.reader.version(sent),
      fields: [{ label: 'Title', value: 'Printer' }],
    });
    expect(values.valueOf('Title')).toBe('Printer');
    expect(o.reader.values(2).key).toBe('T-3');
  });
});
