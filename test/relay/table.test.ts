import { Workbook } from '../../local/runtime';
import { LEDGER_COLUMNS } from '../../src/relay/columns';
import {
  TableSpec,
  appendMissingColumns,
  columnLetter,
  findColumn,
  openTable,
} from '../../src/relay/table';
import { LEDGER_HEADERS } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Owner'];
const SPEC: TableSpec = { headerRow: 1, keyColumn: null };

function tickets(count: number, extra: unknown[][] = []): unknown[][] {
  const rows: unknown[][] = [HEADERS];
  for (let n = 1; n <= count; n++) rows.push([`T-${n}`, `Printer ${n}`, `owner${n}`]);
  return rows.concat(extra);
}

function sheetOf(rows: unknown[][], name = 'Tickets') {
  const workbook = new Workbook();
  const sheet = workbook.addSheet(name, rows);
  workbook.calls.reset();
  return { workbook, sheet };
}

function problem(rows: unknown[][], spec: Partial<TableSpec> = {}) {
  const { workbook, sheet } = sheetOf(rows);
  const table = openTable(sheet, { ...SPEC, ...spec });
  if (table.ok) throw new Error('expected a problem');
  // A refused header row writes nothing.
  expect(workbook.calls.cellsWritten).toBe(0);
  expect(workbook.calls.byMethod['Sheet.insertColumnsAfter']).toBeUndefined();
  return table.error;
}

describe('columnLetter', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letter) => {
    expect(columnLetter(index)).toBe(letter);
  });
});

describe('openTable', () => {
  it('reads headers, data columns and display values, and appends the relay columns', () => {
    const { sheet } = sheetOf(tickets(2));
    const table = openTable(sheet, SPEC);
    if (!table.ok) throw new Error(table.error.text);
    const t = table.value;
    expect(t.name).toBe('Tickets');
    expect([t.headerRow, t.firstDataRow]).toEqual([1, 2]);
    expect(t.dataColumns).toEqual([
      { index: 0, label: 'ID', header: 'ID' },
      { index: 1, label: 'Title', header: 'Title' },
      { index: 2, label: 'Owner', header: 'Owner' },
    ]);
    expect(t.keyColumn.label).toBe('ID');
    expect(t.ledger).toEqual({
      status: 3,
      thread: 4,
      sentAt: 5,
      error: 6,
      version: 7,
      ledger: 8,
      outbox: 9,
    });
    expect(t.width).toBe(10);
    expect(t.rows).toEqual([
      ['T-1', 'Printer 1', 'owner1', '', '', '', '', '', '', ''],
      ['T-2', 'Printer 2', 'owner2', '', '', '', '', '', '', ''],
    ]);
    expect(t.appended).toBe(true);
    expect(t.missing).toEqual([]);
    expect(sheet.displayRows()[0]).toEqual(HEADERS.concat(LEDGER_HEADERS));
    expect([...sheet.hiddenColumns].sort((a, b) => a - b)).toEqual([8, 9, 10]);
  });

  it('labels blank and repeated headers so each is unique', () => {
    const { sheet } = sheetOf([
      ['ID', '', 'Note', 'Note', ' Title '],
      ['T-1', 'a', 'b', 'c', 'd'],
    ]);
    const table = openTable(sheet, SPEC);
    if (!table.ok) throw new Error(table.error.text);
    expect(table.value.dataColumns.map((c) => [c.label, c.header])).toEqual([
      ['ID', 'ID'],
      ['Column B', ''],
      ['Note', 'Note'],
      ['Note (2)', 'Note'],
      ['Title', 'Title'],
    ]);
  });

  it('finds the key column by header, exactly or else ignoring case', () => {
    const { sheet } = sheetOf([
      ['Title', 'id', 'ID'],
      ['x', 'a', 'b'],
    ]);
    const exact = openTable(sheet, { ...SPEC, keyColumn: 'ID' });
    expect(exact.ok && exact.value.keyColumn.index).toBe(2);
    const { sheet: other } = sheetOf([
      ['Title', 'Ticket ID'],
      ['x', 'a'],
    ]);
    const loose = openTable(other, { ...SPEC, keyColumn: 'TICKET id' });
    expect(loose.ok && loose.value.keyColumn.label).toBe('Ticket ID');
  });

  it('names the key column it cannot find, the sheet, the row and the headers', () => {
    const error = problem(tickets(1), {
      keyColumn: 'Ticket',
      paths: { keyColumn: 'sheets[1].keyColumn' },
    });
    expect(error.path).toBe('sheets[1].keyColumn');
    expect(error.text).toBe(
      'CHAT_RELAY_CONFIG key "sheets[1].keyColumn" is "Ticket", which is not a header in row 1 of sheet "Tickets" (headers: ID, Title, Owner)',
    );
  });

  it('finds the relay columns wherever the user moved them', () => {
    const { sheet } = sheetOf([
      [
        'Chat Status',
        'ID',
        'Chat Error',
        'Title',
        ...LEDGER_HEADERS.filter((h) => h !== 'Chat Status' && h !== 'Chat Error'),
      ],
      ['SENT', 'T-1', '', 'x'],
    ]);
    const table = openTable(sheet, SPEC);
    if (!table.ok) throw new Error(table.error.text);
    expect(table.value.appended).toBe(false);
    expect(table.value.dataColumns.map((c) => c.label)).toEqual(['ID', 'Title']);
    expect(table.value.ledger).toMatchObject({ status: 0, error: 2, thread: 4 });
    expect(table.value.keyColumn.label).toBe('ID');
  });

  it('leaves the heavy hidden columns standing last out of the read, as empty cells', () => {
    const { sheet } = sheetOf([
      HEADERS.concat(LEDGER_HEADERS),
      ['T-1', 'x', 'y', 'SENT', 't', 'd', '', 'v1:abc', '{"id":"r1","n":1}', '[{"hook":"x"}]'],
    ]);
    const table = openTable(sheet, SPEC);
    if (!table.ok) throw new Error(table.error.text);
    expect(table.value.rows[0]).toEqual(['T-1', 'x', 'y', 'SENT', 't', 'd', '', 'v1:abc', '', '']);
  });

  it('reads any sheet in the same number of range calls, whatever its size', () => {
    const calls = [3, 300].map((n) => {
      const { workbook, sheet } = sheetOf(tickets(n));
      openTable(sheet, SPEC); // appends the columns
      workbook.calls.reset();
      const table = openTable(sheet, SPEC);
      expect(table.ok && table.value.rows).toHaveLength(n);
      return workbook.calls.byMethod;
    });
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[0]['Sheet.getRange']).toBeLessThanOrEqual(2);
  });

  it('reads the typed values of the same cells in one more call, only when asked and needed', () => {
    const due = new Date(Date.UTC(2026, 11, 24));
    const { workbook, sheet } = sheetOf(tickets(2, [['T-3', 7.5, due]]));
    openTable(sheet, SPEC);
    workbook.calls.reset();
    const plain = openTable(sheet, SPEC);
    expect(plain.ok && plain.value.typed()).toBeNull();
    expect(workbook.calls.byMethod['Range.getValues']).toBeUndefined();
    const before = workbook.calls.total;
    workbook.calls.reset();
    const typed = openTable(sheet, { ...SPEC, typedValues: true });
    if (!typed.ok) throw new Error(typed.error.text);
    expect(workbook.calls.total).toBe(before);
    expect(typed.value.typed()).toHaveLength(3);
    expect(typed.value.typed()![2].slice(0, 3)).toEqual(['T-3', 7.5, due]);
    expect(workbook.calls.total).toBe(before + 1);
    expect(workbook.calls.byMethod['Range.getValues']).toBe(1);
    expect(typed.value.rows[2].slice(0, 3)).toEqual(['T-3', '7.5', expect.any(String)]);
  });

  it('appends nothing on a dry run, and says what is missing and where it will go', () => {
    const { workbook, sheet } = sheetOf(tickets(2));
    const table = openTable(sheet, SPEC, { append: false });
    if (!table.ok) throw new Error(table.error.text);
    expect(workbook.calls.cellsWritten).toBe(0);
    expect(workbook.calls.byMethod['Range.setValues']).toBeUndefined();
    expect(sheet.displayRows()[0]).toEqual(HEADERS);
    expect(table.value.appended).toBe(false);
    expect(table.value.missing).toEqual(LEDGER_COLUMNS.map((c) => c.field));
    expect(table.value.ledger.status).toBe(3);
    expect(table.value.rows[0]).toHaveLength(10);

    appendMissingColumns(table.value);
    expect(table.value.appended).toBe(true);
    expect(table.value.missing).toEqual([]);
    expect(sheet.displayRows()[0]).toEqual(HEADERS.concat(LEDGER_HEADERS));
    appendMissingColumns(table.value);
    expect(sheet.displayRows()[0]).toHaveLength(10);
  });

  it('appends only the relay columns missing, at the right of the sheet', () => {
    const { sheet } = sheetOf([
      HEADERS.concat(LEDGER_HEADERS.slice(0, 4)),
      ['T-1', 'x', 'y', 'SENT'],
    ]);
    const table = openTable(sheet, SPEC);
    if (!table.ok) throw new Error(table.error.text);
    expect(table.value.ledger).toMatchObject({ status: 3, version: 7, ledger: 8, outbox: 9 });
    expect(sheet.displayRows()[0]).toEqual(HEADERS.concat(LEDGER_HEADERS));
  });
});

describe('openTable: header-row guards', () => {
  it('refuses a sheet without headers in the header row', () => {
    expect(problem([]).text).toBe(
      'CHAT_RELAY_CONFIG key "headerRow" is 1, but sheet "Tickets" has no headers in row 1: put one header per column there (headerRow in CHAT_RELAY_CONFIG says which row)',
    );
    expect(problem(tickets(0), { headerRow: 3 }).message).toMatch(
      /^is 3, but sheet "Tickets" has no headers in row 3/,
    );
  });

  it('sees a title row inserted above the header', () => {
    const error = problem([
      ['Helpdesk tickets 2024'],
      HEADERS.concat(LEDGER_HEADERS),
      ['T-1', 'x', 'y', 'SENT'],
    ]);
    expect(error.text).toBe(
      'CHAT_RELAY_CONFIG key "headerRow" is 1, but Chat Relay\'s columns are in row 2 of sheet "Tickets": set headerRow to 2 in CHAT_RELAY_CONFIG (or remove the rows above the header)',
    );
  });

  it('sees a header row set below the relay columns', () => {
    const error = problem(
      [HEADERS.concat(LEDGER_HEADERS), ['T-1', 'x', 'y', 'SENT'], ['T-2', 'x', 'y', 'SENT']],
      { headerRow: 2, paths: { headerRow: 'sheets[0].headerRow' } },
    );
    expect(error.path).toBe('sheets[0].headerRow');
    expect(error.message).toBe(
      'is 2, but Chat Relay\'s columns are in row 1 of sheet "Tickets", above it: set headerRow to 1 (the row of the column headers)',
    );
  });

  it('sees a data row taken for the header: a number or a date in it', () => {
    expect(
      problem([
        ['T-1', 42, 'x'],
        ['T-2', 43, 'y'],
      ]).text,
    ).toBe(
      'CHAT_RELAY_CONFIG key "headerRow" is 1, but row 1 of sheet "Tickets" holds a number in cell B1: it looks like a data row. Set headerRow to the row of the column headers',
    );
    const dated = problem([['x'], HEADERS, ['T-1', new Date(Date.UTC(2024, 0, 2)), 'y']], {
      headerRow: 3,
    });
    expect(dated.message).toMatch(
      /^is 3, but row 3 of sheet "Tickets" holds a date in cell B3: it looks like a data row/,
    );
  });

  it('refuses a header row holding only the relay columns', () => {
    expect(problem([LEDGER_HEADERS, ['SENT']]).message).toBe(
      'is 1, but row 1 of sheet "Tickets" has no data columns, only Chat Relay\'s own',
    );
  });

  it('accepts a header row below a title once it holds the relay columns', () => {
    const { sheet } = sheetOf([['Helpdesk'], HEADERS, ['T-1', 'x', 'y']]);
    const table = openTable(sheet, { ...SPEC, headerRow: 2 });
    expect(table.ok && table.value.firstDataRow).toBe(3);
    expect(openTable(sheet, { ...SPEC, headerRow: 2 }).ok).toBe(true);
  });
});

describe('findColumn', () => {
  const columns = [
    { index: 0, label: 'ID', header: 'ID' },
    { index: 1, label: 'Column B', header: '' },
    { index: 2, label: 'status', header: 'status' },
    { index: 3, label: 'Status (2)', header: 'Status' },
  ];

  it('prefers an exact header or label, then ignores case', () => {
    expect(findColumn(columns, 'Status')?.index).toBe(3);
    expect(findColumn(columns, 'Column B')?.index).toBe(1);
    expect(findColumn(columns, 'id')?.index).toBe(0);
    expect(findColumn(columns, 'Owner')).toBeNull();
  });
});
