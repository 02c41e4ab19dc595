import { Workbook } from '../../local/runtime';
import {
  HEAVY_FIELDS,
  LEDGER_COLUMNS,
  VERSION_PREFIX,
  appendLedgerColumns,
  asCellText,
  findLedgerColumns,
  isLedgerHeader,
  ledgerFieldIndex,
  ledgerHeader,
} from '../../src/relay/columns';

describe('the relay columns', () => {
  it('are appended in this order, the machine-only ones hidden', () => {
    expect(LEDGER_COLUMNS.map((c) => [c.header, c.field, c.hidden])).toEqual([
      ['Chat Status', 'status', false],
      ['Chat Thread', 'thread', false],
      ['Chat Sent At', 'sentAt', false],
      ['Chat Error', 'error', false],
      ['Chat Version', 'version', true],
      ['Chat Ledger', 'ledger', true],
      ['Chat Outbox', 'outbox', true],
    ]);
    expect(HEAVY_FIELDS).toEqual(['ledger', 'outbox']);
    expect(VERSION_PREFIX).toBe('v1:');
  });

  it('map fields to positions and headers', () => {
    expect(ledgerFieldIndex('status')).toBe(0);
    expect(ledgerFieldIndex('outbox')).toBe(6);
    expect(ledgerHeader('ledger')).toBe('Chat Ledger');
  });

  it('are recognised by their exact header, trimmed; other "Chat …" headers are data', () => {
    expect(isLedgerHeader('Chat Status')).toBe(true);
    expect(isLedgerHeader(' Chat Outbox ')).toBe(true);
    expect(isLedgerHeader('chat status')).toBe(false);
    expect(isLedgerHeader('Chat Notes')).toBe(false);
  });
});

describe('findLedgerColumns', () => {
  it('finds the first column of each relay header, wherever it stands', () => {
    expect(
      findLedgerColumns(['ID', ' Chat Status', 'Title', 'Chat Ledger', 'Chat Status', 'Chat x']),
    ).toEqual({ 'Chat Status': 1, 'Chat Ledger': 3 });
  });
});

describe('asCellText', () => {
  it.each([
    ['=HYPERLINK("x")', '\'=HYPERLINK("x")'],
    ['+1 555', "'+1 555"],
    ['-x', "'-x"],
    ['@all', "'@all"],
    ['plain', 'plain'],
    ['', ''],
  ])('keeps %j from being read as a formula', (text, expected) => {
    expect(asCellText(text)).toBe(expected);
  });
});

describe('appendLedgerColumns', () => {
  function sheetOf(maxColumns: number) {
    const workbook = new Workbook();
    const sheet = workbook.addSheet(
      'Tickets',
      [
        ['ID', 'Title', 'Owner'],
        ['T-1', 'x', 'y'],
      ],
      [],
      {
        maxColumns,
      },
    );
    workbook.calls.reset();
    return { workbook, sheet };
  }

  it('grows the sheet, writes the headers and hides the hidden ones, in three calls', () => {
    const { workbook, sheet } = sheetOf(3);
    const at = appendLedgerColumns(sheet, 1, 3, LEDGER_COLUMNS);
    expect(sheet.displayRows()[0]).toEqual([
      'ID',
      'Title',
      'Owner',
      ...LEDGER_COLUMNS.map((c) => c.header),
    ]);
    expect([...sheet.hiddenColumns].sort((a, b) => a - b)).toEqual([8, 9, 10]);
    expect(at).toEqual({
      'Chat Status': 3,
      'Chat Thread': 4,
      'Chat Sent At': 5,
      'Chat Error': 6,
      'Chat Version': 7,
      'Chat Ledger': 8,
      'Chat Outbox': 9,
    });
    expect(workbook.calls.byMethod).toEqual({
      'Sheet.getMaxColumns': 2,
      'Sheet.insertColumnsAfter': 1,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
      'Sheet.hideColumns': 1,
    });
    // The data rows are untouched.
    expect(sheet.displayRows()[1].slice(0, 3)).toEqual(['T-1', 'x', 'y']);
  });

  it('inserts no column when the sheet is wide enough', () => {
    const { workbook, sheet } = sheetOf(26);
    appendLedgerColumns(sheet, 1, 3, LEDGER_COLUMNS);
    expect(workbook.calls.byMethod['Sheet.insertColumnsAfter']).toBeUndefined();
    expect(sheet.maxColumns).toBe(26);
  });

  it('appends only what is missing, hiding nothing when no hidden column is missing', () => {
    const { workbook, sheet } = sheetOf(26);
    const missing = LEDGER_COLUMNS.filter((c) => c.field === 'error');
    expect(appendLedgerColumns(sheet, 1, 3, missing)).toEqual({ 'Chat Error': 3 });
    expect(workbook.calls.byMethod['Sheet.hideColumns']).toBeUndefined();
    const outbox = LEDGER_COLUMNS.filter((c) => c.field === 'outbox');
    appendLedgerColumns(sheet, 1, 4, outbox);
    expect([...sheet.hiddenColumns]).toEqual([5]);
  });

  it('writes the headers in the header row asked for', () => {
    const workbook = new Workbook();
    const sheet = workbook.addSheet('T', [['Title row'], ['ID', 'Title']]);
    appendLedgerColumns(sheet, 2, 2, LEDGER_COLUMNS.slice(0, 1));
    expect(sheet.displayRows()).toEqual([
      ['Title row', '', ''],
      ['ID', 'Title', 'Chat Status'],
    ]);
  });
});
