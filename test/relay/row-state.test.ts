import { LEDGER_COLUMNS, LedgerField } from '../../src/relay/columns';
import {
  Ledger,
  OutboxEntry,
  newLedger,
  parseLedger,
  serializeLedger,
  serializeOutbox,
} from '../../src/relay/ledger-codec';
import {
  WrittenRowState,
  readRowState,
  rowCells,
  rowIdInCells,
  statusOf,
  visibleOf,
  writtenCopy,
} from '../../src/relay/row-state';

const SENT_AT = Date.UTC(2026, 0, 2, 10, 0);
const OUTBOX: OutboxEntry[] = [
  {
    webhook: 'default',
    requestId: 'q-1',
    role: 'primary',
    message: { text: 'hello', thread: { threadKey: 'k' } },
  },
];

/** A row's relay cells (LEDGER_COLUMNS order) from their values by field. */
function cells(values: Partial<Record<LedgerField, unknown>>): unknown[] {
  return LEDGER_COLUMNS.map((c) => (c.field in values ? values[c.field] : ''));
}

const cell = (row: unknown[], field: LedgerField) =>
  row[LEDGER_COLUMNS.findIndex((c) => c.field === field)];

function state(overrides: Partial<WrittenRowState> = {}): WrittenRowState {
  return {
    status: 'PENDING',
    thread: '',
    sentAt: '',
    error: '',
    version: '',
    ledger: { ...newLedger('r1'), sendCount: 1, requestId: 'q-1' },
    outbox: OUTBOX,
    ...overrides,
  };
}

describe('readRowState', () => {
  it('reads each relay cell into its field: the ledger parsed, the outbox checked', () => {
    const ledger: Ledger = { ...newLedger('r7'), sendCount: 2 };
    const read = readRowState(
      cells({
        status: 'SENT',
        thread: 'spaces/S/threads/T',
        sentAt: new Date(SENT_AT),
        error: 'Will retry: 503',
        version: 'v1:a',
        ledger: serializeLedger(ledger),
        outbox: serializeOutbox(OUTBOX),
      }),
    );
    expect(read).toEqual({
      status: 'SENT',
      thread: 'spaces/S/threads/T',
      sentAt: new Date(SENT_AT),
      error: 'Will retry: 503',
      version: 'v1:a',
      ledger,
      outbox: OUTBOX,
    });
  });

  it('reads empty cells as empty, text where a date was expected as text, and numbers as text', () => {
    expect(readRowState(cells({}))).toEqual({
      status: '',
      thread: '',
      sentAt: '',
      error: '',
      version: '',
      ledger: null,
      outbox: [],
    });
    const odd = readRowState(cells({ sentAt: 'yesterday', error: 42, status: null }));
    expect([odd.sentAt, odd.error, odd.status]).toEqual(['yesterday', '42', '']);
  });

  it('reads a damaged ledger as none, and an outbox that is not the relay’s as lost (null)', () => {
    const read = readRowState(cells({ ledger: '{"id":', outbox: '[{"hook":"default"}]' }));
    expect(read.ledger).toBeNull();
    expect(read.outbox).toBeNull();
  });
});

describe('rowCells', () => {
  it('writes each field into its cell, the ledger with a copy of the visible cells', () => {
    const s = state({ thread: 'spaces/S/threads/T', sentAt: new Date(SENT_AT), version: 'v1:a' });
    const row = rowCells(s);
    expect(row).toHaveLength(LEDGER_COLUMNS.length);
    expect([cell(row, 'status'), cell(row, 'thread'), cell(row, 'version')]).toEqual([
      'PENDING',
      'spaces/S/threads/T',
      'v1:a',
    ]);
    expect(cell(row, 'sentAt')).toEqual(new Date(SENT_AT));
    expect(cell(row, 'outbox')).toBe(serializeOutbox(OUTBOX));
    const visible = {
      status: 'PENDING',
      thread: 'spaces/S/threads/T',
      sentAt: SENT_AT,
      error: '',
      version: 'v1:a',
    };
    expect(parseLedger(cell(row, 'ledger'))?.visible).toEqual(visible);
    // The state's ledger records the copy it was written with.
    expect(s.ledger.visible).toEqual(visible);
  });

  it('writes an empty outbox as an empty cell, and reads back what it wrote', () => {
    const s = state({ status: 'SENT', outbox: [] });
    const row = rowCells(s);
    expect(cell(row, 'outbox')).toBe('');
    expect(readRowState(row)).toEqual(s);
  });
});

describe('writtenCopy', () => {
  it('is the state as read back once written, sharing nothing with it', () => {
    const s = state({ status: 'SENT', thread: 'spaces/S/threads/T' });
    const copy = writtenCopy(s);
    expect(copy).toEqual({ ...s, ledger: { ...s.ledger, visible: visibleOf(s) } });
    copy.ledger.sendCount = 9;
    copy.outbox.push(OUTBOX[0]);
    expect(s.ledger.sendCount).toBe(1);
    expect(s.outbox).toHaveLength(1);
  });
});

describe('visibleOf', () => {
  it('keeps the visible cells, a date as epoch milliseconds', () => {
    const s = state({
      status: 'SENT',
      thread: 'spaces/S/threads/T',
      sentAt: new Date(SENT_AT),
      version: 'v1:a',
    });
    expect(visibleOf(s)).toEqual({
      status: 'SENT',
      thread: 'spaces/S/threads/T',
      sentAt: SENT_AT,
      error: '',
      version: 'v1:a',
    });
    expect(visibleOf(state({ sentAt: 'not a date' })).sentAt).toBe('not a date');
  });
});

describe('statusOf / rowIdInCells', () => {
  it('reads the status trimmed, in upper case', () => {
    expect(statusOf(state({ status: ' sent ' }))).toBe('SENT');
    expect(statusOf(state({ status: '' }))).toBe('');
  });

  it('reads the row ID of the ledger cell, or none', () => {
    expect(rowIdInCells(cells({ ledger: serializeLedger(newLedger('r42')) }))).toBe('r42');
    expect(rowIdInCells(cells({ ledger: 'not a ledger' }))).toBeNull();
  });
});
