import { Workbook } from '../../local/runtime';
import { LEDGER_COLUMNS } from '../../src/relay/columns';
import { newLedger, serializeLedger } from '../../src/relay/ledger-codec';
import { LedgerRow, LedgerStore, SPAN_GAP, spansOf } from '../../src/relay/ledger-store';
import { LEDGER_HEADERS, Opened, column, open } from '../support/tables';

const SENT_AT = new Date(Date.UTC(2024, 0, 10, 8, 30, 0));

/** A sheet of `count` tickets (row n+2 holds T-n), its relay columns SENT with row IDs r<n>. */
function ledgerSheet(count: number, headers: string[] = ['ID', 'Title'].concat(LEDGER_HEADERS)) {
  const workbook = new Workbook();
  const rows: unknown[][] = [headers];
  for (let n = 0; n < count; n++) {
    const values: { [h: string]: unknown } = {
      ID: `T-${n}`,
      Title: `Printer ${String(n).padStart(3, '0')}`,
      'Chat Status': 'SENT',
      'Chat Thread': `spaces/S/threads/t${n}`,
      'Chat Sent At': SENT_AT,
      'Chat Error': '',
      'Chat Version': `v1:${n}`,
      'Chat Ledger': serializeLedger(newLedger(`r${n}`)),
      'Chat Outbox': '',
    };
    rows.push(headers.map((h) => values[h] ?? ''));
  }
  const sheet = workbook.addSheet('Tickets', rows, [], { maxRows: count + 10 });
  const opened = open(workbook, sheet);
  workbook.calls.reset();
  return opened;
}

/** A row to write: where it is, and the state of its relay cells. */
function item(position: number, rowId: string, status: string): LedgerRow {
  return {
    currentPosition: position,
    state: {
      status,
      thread: '',
      sentAt: '',
      error: `note ${rowId}`,
      version: `v1:${rowId}`,
      ledger: newLedger(rowId),
      outbox: [],
    },
  };
}

function statusByKey(o: Opened): { [key: string]: string } {
  const keys = column(o.sheet, 'ID');
  const statuses = column(o.sheet, 'Chat Status');
  const out: { [key: string]: string } = {};
  keys.forEach((k, i) => (out[k] = statuses[i]));
  return out;
}

describe('spansOf', () => {
  it(`joins positions at most ${SPAN_GAP} rows apart`, () => {
    expect(spansOf([0, SPAN_GAP])).toEqual([{ top: 0, bottom: SPAN_GAP }]);
    expect(spansOf([0, SPAN_GAP + 1])).toEqual([
      { top: 0, bottom: 0 },
      { top: SPAN_GAP + 1, bottom: SPAN_GAP + 1 },
    ]);
    expect(spansOf([90, 3, 3, 10, 200, 50])).toEqual([
      { top: 3, bottom: 90 },
      { top: 200, bottom: 200 },
    ]);
    expect(spansOf([])).toEqual([]);
  });
});

describe('LedgerStore.readRows', () => {
  it('reads the typed ledger cells of the rows asked for, in spans, once', () => {
    const far = SPAN_GAP + 10;
    const o = ledgerSheet(far + 20);
    const store = new LedgerStore(o.table);
    const cells = store.readRows([far, 0, 5]);
    expect([...cells.keys()]).toEqual([far, 0, 5]);
    expect(cells.get(5)).toEqual({
      status: 'SENT',
      thread: 'spaces/S/threads/t5',
      sentAt: SENT_AT,
      error: '',
      version: 'v1:5',
      ledger: newLedger('r5'),
      outbox: [],
    });
    // Two spans (0..5 and far), the ledger columns side by side: one range each.
    expect(o.workbook.calls.byMethod['Range.getValues']).toBe(2);
    store.readRows([0, 5, far, 3]);
    expect(o.workbook.calls.byMethod['Range.getValues']).toBe(2);
  });

  it('reads one range per run of adjacent ledger columns', () => {
    const headers = ['Chat Status', 'ID', 'Chat Thread', 'Title'].concat(
      LEDGER_HEADERS.filter((h) => h !== 'Chat Status' && h !== 'Chat Thread'),
    );
    const o = ledgerSheet(10, headers);
    const cells = new LedgerStore(o.table).readRows([2]);
    expect(o.workbook.calls.byMethod['Range.getValues']).toBe(3);
    const state = cells.get(2);
    expect([state?.status, state?.thread]).toEqual(['SENT', 'spaces/S/threads/t2']);
  });
});

describe('LedgerStore.write', () => {
  it('writes scattered rows in spans, the rows between written back unchanged', () => {
    const far = SPAN_GAP + 20;
    const o = ledgerSheet(far + 5);
    const before = o.sheet.rows();
    const store = new LedgerStore(o.table);
    const written = store.write(
      [item(1, 'a', 'PENDING'), item(6, 'b', 'PENDING'), item(far, 'c', 'PENDING')],
      true,
    );
    expect(written.size).toBe(3);
    const after = o.sheet.rows();
    expect(column(o.sheet, 'Chat Status').slice(0, 8)).toEqual([
      'SENT',
      'PENDING',
      'SENT',
      'SENT',
      'SENT',
      'SENT',
      'PENDING',
      'SENT',
    ]);
    for (const r of [3, 4, 5, 6]) expect(after[r]).toEqual(before[r]);
    expect(after[4][4]).toEqual(SENT_AT);
    // Spans 1..6 and far: one read (of what is not known yet) each, and two writes each
    // (the range holding the Chat Ledger first, then the Chat Status: see the next test).
    expect(o.workbook.calls.byMethod['Range.setValues']).toBe(4);
    expect(o.workbook.calls.byMethod['Range.getValues']).toBe(2);
    // The data columns are never written.
    expect(after.map((r) => r.slice(0, 2))).toEqual(before.map((r) => r.slice(0, 2)));
  });

  it.each([
    ['as the relay appends them', LEDGER_HEADERS],
    [
      'moved apart, the status beside the ledger',
      [
        'Chat Version',
        'Chat Thread',
        'Chat Error',
        'Chat Ledger',
        'Chat Status',
        'Chat Outbox',
        'Chat Sent At',
      ],
    ],
  ])(
    'writes the range holding the Chat Ledger first and the Chat Status last, alone (columns %s)',
    (_, relayHeaders) => {
      const o = ledgerSheet(3, ['ID', 'Title', ...relayHeaders]);
      const writes: string[][] = [];
      const sheet = o.table.sheet;
      const headers = o.sheet.displayRows()[0];
      o.table.sheet = {
        ...sheet,
        getRange: (row: number, col: number, rows: number, cols: number) => {
          const range = sheet.getRange(row, col, rows, cols);
          const setValues = range.setValues.bind(range);
          range.setValues = (values: unknown[][]) => {
            writes.push(headers.slice(col - 1, col - 1 + cols));
            return setValues(values);
          };
          return range;
        },
      } as typeof sheet;
      const store = new LedgerStore(o.table);
      store.write([item(0, 'a', 'PENDING'), item(2, 'b', 'PENDING')], true);
      expect(writes[0]).toContain('Chat Ledger');
      expect(writes[writes.length - 1]).toEqual(['Chat Status']);
      expect(writes.slice(0, -1).some((w) => w.includes('Chat Status'))).toBe(false);
      expect(column(o.sheet, 'Chat Status')).toEqual(['PENDING', 'SENT', 'PENDING']);
    },
  );

  it('finds rows again by row ID after the sheet was sorted', () => {
    const o = ledgerSheet(5);
    const store = new LedgerStore(o.table);
    const rows = [0, 1, 2, 3, 4].map((p) => item(p, `id${p}`, 'PENDING'));
    store.write(rows, true);
    // Row 2 holds T-0 ... row 6 holds T-4; sorting by Title descending reverses them.
    o.sheet.sortRows(2, false);
    expect(column(o.sheet, 'ID')).toEqual(['T-4', 'T-3', 'T-2', 'T-1', 'T-0']);
    rows[0].state.status = 'SENT';
    rows[3].state.status = 'FAILED';
    const written = store.write([rows[0], rows[3]], false);
    expect(written.size).toBe(2);
    expect(store.lost()).toBeNull();
    expect(statusByKey(o)).toEqual({
      'T-0': 'SENT',
      'T-1': 'PENDING',
      'T-2': 'PENDING',
      'T-3': 'FAILED',
      'T-4': 'PENDING',
    });
    expect([rows[0].currentPosition, rows[3].currentPosition]).toEqual([4, 1]);
  });

  it('checks rows that did not move by their row ID and writes them in place', () => {
    const o = ledgerSheet(5);
    const store = new LedgerStore(o.table);
    const rows = [1, 3].map((p) => item(p, `id${p}`, 'PENDING'));
    store.write(rows, true);
    rows[1].state.status = 'SENT';
    expect(store.write(rows, false).size).toBe(2);
    expect(column(o.sheet, 'Chat Status')).toEqual(['SENT', 'PENDING', 'SENT', 'SENT', 'SENT']);
  });

  it('finds the ledger columns again when a column was inserted during the run', () => {
    const o = ledgerSheet(3);
    const store = new LedgerStore(o.table);
    const rows = [item(0, 'a', 'PENDING')];
    store.write(rows, true);
    o.sheet.insertColumnsBefore(1, 1);
    rows[0].state.status = 'SENT';
    expect(store.write(rows, false).size).toBe(1);
    expect(o.sheet.displayRows()[0].slice(0, 4)).toEqual(['', 'ID', 'Title', 'Chat Status']);
    expect(column(o.sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(column(o.sheet, 'Chat Error')[0]).toBe('note a');
  });

  it('says which rows were lost (deleted during the run), and writes nothing more', () => {
    const o = ledgerSheet(5);
    const store = new LedgerStore(o.table);
    const rows = [0, 2, 4].map((p) => item(p, `id${p}`, 'PENDING'));
    store.write(rows, true);
    o.sheet.userDeleteRows(4); // T-2
    rows.forEach((r) => (r.state.status = 'SENT'));
    const written = store.write(rows, false);
    expect([...written]).toEqual([rows[0], rows[2]]);
    expect(store.lost()).toBe('1 row(s) could not be found again (deleted during the run?)');
    expect(statusByKey(o)).toEqual({ 'T-0': 'SENT', 'T-1': 'SENT', 'T-3': 'SENT', 'T-4': 'SENT' });
    rows[0].state.status = 'FAILED';
    expect(store.write([rows[0]], false).size).toBe(0);
    expect(statusByKey(o)['T-0']).toBe('SENT');
  });

  it('loses a row whose ID is no longer unique', () => {
    const o = ledgerSheet(3);
    const store = new LedgerStore(o.table);
    const rows = [item(0, 'a', 'PENDING'), item(1, 'b', 'PENDING')];
    store.write(rows, true);
    // The user copies row 2 (with its Chat cells) over row 4, then sorts.
    o.sheet.setRowValues(4, o.sheet.rows()[1]);
    o.sheet.sortRows(2, false);
    const written = store.write(rows, false);
    expect([...written]).toEqual([rows[1]]);
    expect(store.lost()).toMatch(/^1 row\(s\) could not be found again/);
  });

  it('stops when a relay column disappeared during the run', () => {
    const o = ledgerSheet(3);
    const store = new LedgerStore(o.table);
    const rows = [item(0, 'a', 'PENDING')];
    store.write(rows, true);
    const outbox = o.sheet.displayRows()[0].indexOf('Chat Outbox') + 1;
    o.sheet.setRowValues(1, ['Notes'], outbox);
    rows[0].state.status = 'SENT';
    expect(store.write(rows, false).size).toBe(0);
    expect(store.lost()).toBe('the column "Chat Outbox" disappeared during the run');
    expect(column(o.sheet, 'Chat Status')[0]).toBe('PENDING');
  });

  it('writes nothing for no rows', () => {
    const o = ledgerSheet(3);
    expect(new LedgerStore(o.table).write([], true).size).toBe(0);
    expect(o.workbook.calls.total).toBe(0);
    expect(LEDGER_COLUMNS).toHaveLength(7);
  });
});
