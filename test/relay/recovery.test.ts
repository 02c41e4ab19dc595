import { Ledger, OutboxEntry, VisibleCells, newLedger } from '../../src/relay/ledger-codec';
import { recoverCells } from '../../src/relay/recovery';
import { RowState } from '../../src/relay/row-state';

const SENT_AT = Date.UTC(2026, 0, 2, 10, 0);
const OUTBOX: OutboxEntry[] = [
  { webhook: 'default', requestId: 'q-1', role: 'primary', message: { text: 'hello' } },
];

/** A row's relay cells from their values by field (the rest empty). */
function cells(values: Partial<RowState>): RowState {
  return {
    status: '',
    thread: '',
    sentAt: '',
    error: '',
    version: '',
    ledger: null,
    outbox: [],
    ...values,
  };
}

const field = (row: RowState, name: keyof RowState) => row[name];

function ledger(visible: Partial<VisibleCells> | null, sendCount = 1): Ledger {
  return {
    ...newLedger('r1'),
    sendCount,
    visible: visible && {
      status: 'SENT',
      thread: 'spaces/S/threads/new',
      sentAt: SENT_AT,
      error: '',
      version: 'v1:new',
      ...visible,
    },
  };
}

describe('recoverCells', () => {
  it('changes nothing when the ledger is from a version that kept no copy of the cells', () => {
    const row = cells({ status: 'PENDING', thread: 'spaces/S/threads/old' });
    expect(recoverCells(row, ledger(null), [])).toBe('none');
    expect(row).toEqual(cells({ status: 'PENDING', thread: 'spaces/S/threads/old' }));
  });

  it('a delivery whose status did not land: SENT, with the thread, time, error and version the ledger kept', () => {
    const row = cells({
      status: 'PENDING',
      thread: 'spaces/S/threads/old',
      error: 'Will retry: 503',
    });
    expect(recoverCells(row, ledger({}), [])).toBe('sent');
    expect(field(row, 'status')).toBe('SENT');
    expect(field(row, 'thread')).toBe('spaces/S/threads/new');
    expect((field(row, 'sentAt') as Date).getTime()).toBe(SENT_AT);
    expect(field(row, 'error')).toBe('');
    expect(field(row, 'version')).toBe('v1:new');
  });

  it('a mark whose status did not land: SENT, for a FAILED row or a row never posted', () => {
    const failed = cells({ status: 'FAILED' });
    expect(recoverCells(failed, ledger({ thread: '' }), [])).toBe('sent');
    expect(field(failed, 'status')).toBe('SENT');
    const never = cells({ status: '' });
    expect(recoverCells(never, ledger({ thread: '' }, 0), [])).toBe('sent');
    expect(field(never, 'status')).toBe('SENT');
  });

  it('a status cleared by hand on a row that was posted stays cleared: a request to post it again', () => {
    const row = cells({ status: '', thread: 'spaces/S/threads/new' });
    expect(recoverCells(row, ledger({}, 2), [])).toBe('none');
    expect(field(row, 'status')).toBe('');
  });

  it('a write-ahead whose status did not land: PENDING, its messages go out', () => {
    for (const status of ['', 'SENT', 'FAILED']) {
      const row = cells({ status, thread: 'spaces/S/threads/copied' });
      expect(recoverCells(row, ledger({ status: 'PENDING', thread: '' }), OUTBOX)).toBe('resume');
      expect([field(row, 'status'), field(row, 'thread')]).toEqual(['PENDING', '']);
    }
  });

  it('a row in flight, or held for its webhook, is left to the run as it is', () => {
    const inFlight = cells({ status: 'PENDING' });
    expect(recoverCells(inFlight, ledger({ status: 'PENDING' }), OUTBOX)).toBe('none');
    const held = cells({ status: 'PENDING' });
    expect(recoverCells(held, ledger({ status: 'PENDING' }), [])).toBe('none');
    expect([field(inFlight, 'status'), field(held, 'status')]).toEqual(['PENDING', 'PENDING']);
  });

  it('a FAILED row set to SENT by hand is not put back: only a stopped run leaves a status behind', () => {
    const row = cells({ status: 'SENT' });
    expect(recoverCells(row, ledger({ status: 'FAILED' }), [])).toBe('none');
    expect(field(row, 'status')).toBe('SENT');
  });
});
