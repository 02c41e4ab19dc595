import { Workbook } from '../../local/runtime';
import { newLedger, serializeLedger } from '../../src/relay/ledger-codec';
import { LedgerStore } from '../../src/relay/ledger-store';
import { Plan, Selection, copiedRows, planTable, routed } from '../../src/relay/plan';
import { LEDGER_HEADERS, Opened, open, openSheet } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Status'];
/** Stands for the row's version now, in the relay cells of a test row (`<now:2>`: row 2's). */
const NOW = '<now>';
const SENT_AT = '2024-01-10 08:30:00';

interface RelayCells {
  status?: string;
  thread?: string;
  sentAt?: string;
  version?: string;
  /** The row ID of its ledger, and the version its latest send carried. */
  ledger?: { id: string; sending?: string };
}

/** A sheet of data rows and their relay cells, opened; NOW becomes each row's version. */
function sheet(rows: Array<[string[], RelayCells]>, config: Record<string, unknown> = {}): Opened {
  const versions = openSheet([HEADERS, ...rows.map((r) => r[0])]);
  const version = (i: number) => versions.reader.version(versions.table.rows[i]);
  const now = (value: string | undefined, i: number) => {
    const other = /^<now:(\d+)>$/.exec(value ?? '');
    return value === NOW ? version(i) : other ? version(Number(other[1])) : (value ?? '');
  };
  const seeded = rows.map(([data, cells], i) =>
    data.concat([
      cells.status ?? '',
      cells.thread ?? '',
      cells.sentAt ?? '',
      '',
      now(cells.version, i),
      cells.ledger
        ? serializeLedger({
            ...newLedger(cells.ledger.id),
            sendCount: 1,
            requestId: 'q',
            sendingVersion: now(cells.ledger.sending, i),
          })
        : '',
      '',
    ]),
  );
  const workbook = new Workbook();
  const o = open(
    workbook,
    workbook.addSheet('Tickets', [HEADERS.concat(LEDGER_HEADERS), ...seeded]),
    config,
  );
  workbook.calls.reset();
  return o;
}

function plan(o: Opened, selection: Selection = { kind: 'due' }): Plan {
  return planTable(o.table, o.reader, o.rules, selection, new LedgerStore(o.table));
}

const reasons = (p: Plan) => p.rows.map((r) => [r.position, r.reason]);
const sent = (id: string): RelayCells => ({
  status: 'SENT',
  thread: `spaces/S/threads/${id}`,
  sentAt: SENT_AT,
  version: NOW,
  ledger: { id, sending: NOW },
});

describe('planTable: why a row is due', () => {
  it('plans new, changed, pending and failed-then-changed rows, and leaves the rest', () => {
    const o = sheet([
      [['T-0', 'new', 'Open'], {}],
      [['T-1', 'up to date', 'Open'], sent('r1')],
      [['T-2', 'changed', 'Open'], { ...sent('r2'), version: 'v1:0000000000000000' }],
      [['T-3', 'pending', 'Open'], { status: 'PENDING', version: NOW, ledger: { id: 'r3' } }],
      [
        ['T-4', 'failed, unchanged', 'Open'],
        { status: 'FAILED', ledger: { id: 'r4', sending: NOW } },
      ],
      [
        ['T-5', 'failed, then changed', 'Open'],
        { status: 'FAILED', ledger: { id: 'r5', sending: 'v1:old' } },
      ],
      [['T-6', 'failed, no ledger', 'Open'], { status: 'FAILED' }],
      [['T-7', 'status cleared', 'Open'], { version: 'v1:0000000000000000' }],
      [['T-8', 'version lost', 'Open'], { ...sent('r8'), version: '' }],
      [['', '', ''], { status: 'PENDING' }],
    ]);
    const p = plan(o);
    expect(reasons(p)).toEqual([
      [3, 'pending'],
      [0, 'new'],
      [2, 'changed'],
      [5, 'retry-failed'],
      [6, 'retry-failed'],
      [7, 'changed'],
      [8, 'rebuild'],
    ]);
    expect(p.waiting).toBe(0);
    expect(p.rows.every((r) => !r.copy && !r.first)).toBe(true);
  });

  it('reads no relay cell of an idle sheet beyond the table itself', () => {
    const o = sheet([
      [['T-1', 'a', 'Open'], sent('r1')],
      [['T-2', 'b', 'Open'], sent('r2')],
    ]);
    expect(plan(o).rows).toEqual([]);
    expect(o.workbook.calls.total).toBe(0);
  });

  it('reads the ledger of the FAILED rows only, in one range', () => {
    const o = sheet([
      [['T-1', 'a', 'Open'], sent('r1')],
      [['T-2', 'b', 'Open'], { status: 'FAILED', ledger: { id: 'r2', sending: 'v1:old' } }],
      [['T-3', 'c', 'Open'], sent('r3')],
    ]);
    expect(reasons(plan(o))).toEqual([[1, 'retry-failed']]);
    expect(o.workbook.calls.byMethod['Range.getValues']).toBe(1);
    expect(o.workbook.calls.cellsRead).toBe(7);
  });
});

describe('planTable: copies', () => {
  it('plans a copy of a delivered row (pasted with its Chat cells) as a new row', () => {
    const o = sheet([
      [['T-1', 'Printer', 'Open'], sent('r1')],
      [['T-2', 'Printer', 'Open'], { ...sent('r1'), version: '<now:0>' }],
    ]);
    // Both carry the version, thread and time of T-1 (and its ledger), but the copy was edited.
    const p = plan(o);
    expect(p.rows).toEqual([{ position: 1, reason: 'new', copy: true, first: false }]);
  });

  it('lets the first unchanged row keep the ID, the others being copies', () => {
    const o = sheet([
      [['T-1', 'Printer (edited)', 'Open'], { ...sent('r1'), version: '<now:1>' }],
      [['T-1', 'Printer', 'Open'], sent('r1')],
      [['T-1', 'Printer', 'Open'], sent('r1')],
    ]);
    const copies = copiedRows(o.table, o.reader, new LedgerStore(o.table));
    expect(copies).toEqual({ 0: true, 2: true });
  });

  it('does not take identical rows marked as sent together for copies: they have their own IDs', () => {
    const o = sheet([
      [
        ['T-1', 'Same', 'Open'],
        { status: 'SENT', version: NOW, sentAt: SENT_AT, ledger: { id: 'ra', sending: NOW } },
      ],
      [
        ['T-1', 'Same', 'Open'],
        { status: 'SENT', version: NOW, sentAt: SENT_AT, ledger: { id: 'rb', sending: NOW } },
      ],
    ]);
    expect(copiedRows(o.table, o.reader, new LedgerStore(o.table))).toEqual({});
    expect(plan(o).rows).toEqual([]);
  });

  it('reads the ledgers of candidate copies only', () => {
    const o = sheet([
      [['T-1', 'a', 'Open'], sent('r1')],
      [['T-2', 'b', 'Open'], sent('r2')],
    ]);
    copiedRows(o.table, o.reader, new LedgerStore(o.table));
    expect(o.workbook.calls.total).toBe(0);
  });
});

describe('planTable: sendWhen', () => {
  const config = { sendWhen: { column: 'Status', equals: 'Ready' } };

  it('keeps never-posted rows that do not match waiting, and counts them', () => {
    const o = sheet(
      [
        [['T-0', 'draft', 'Draft'], {}],
        [['T-1', 'ready', 'Ready'], {}],
        [['T-2', 'draft, pending', 'Draft'], { status: 'PENDING', ledger: { id: 'r2' } }],
        [['T-3', 'posted, now draft', 'Draft'], { ...sent('r3'), version: 'v1:old' }],
        [['T-4', 'draft', 'Draft'], { version: '', status: '' }],
      ],
      config,
    );
    const p = plan(o);
    expect(reasons(p)).toEqual([
      [2, 'pending'],
      [1, 'new'],
      [3, 'changed'],
    ]);
    expect(p.waiting).toBe(2);
  });

  it('gates a copy like a new row', () => {
    const o = sheet(
      [
        [['T-1', 'a', 'Ready'], sent('r1')],
        [['T-2', 'b', 'Draft'], { ...sent('r1'), version: '<now:0>' }],
      ],
      config,
    );
    const p = plan(o);
    expect(p.rows).toEqual([]);
    expect(p.waiting).toBe(1);
  });
});

describe('planTable: order and selections', () => {
  it('puts the hinted rows first, then the pending ones, then the rest in sheet order', () => {
    const o = sheet([
      [['T-0', 'new', 'Open'], {}],
      [['T-1', 'pending', 'Open'], { status: 'PENDING', ledger: { id: 'r1' } }],
      [['T-2', 'new', 'Open'], {}],
      [['T-3', 'submitted', 'Open'], {}],
      [['T-4', 'pending', 'Open'], { status: 'PENDING', ledger: { id: 'r4' } }],
    ]);
    const p = plan(o, { kind: 'due', first: [3] });
    expect(p.rows.map((r) => [r.position, r.first])).toEqual([
      [3, true],
      [1, false],
      [4, false],
      [0, false],
      [2, false],
    ]);
  });

  it('plans exactly the selected non-blank rows, once each, in sheet order, changed or not', () => {
    const o = sheet([
      [['T-0', 'a', 'Open'], sent('r0')],
      [['', '', ''], {}],
      [['T-2', 'b', 'Open'], {}],
      [['T-3', 'c', 'Open'], sent('r3')],
    ]);
    const p = plan(o, { kind: 'selected', positions: [3, 1, 0, 3, -1, 9] });
    expect(p).toEqual({
      rows: [
        { position: 0, reason: 'selected', copy: false, first: false },
        { position: 3, reason: 'selected', copy: false, first: false },
      ],
      waiting: 0,
    });
  });

  it('plans the due rows for a baseline, as for a run', () => {
    const o = sheet([
      [['T-0', 'a', 'Open'], {}],
      [['T-1', 'b', 'Open'], sent('r1')],
      [['T-2', 'c', 'Open'], { ...sent('r2'), version: 'v1:old' }],
    ]);
    expect(reasons(plan(o, { kind: 'baseline' }))).toEqual([
      [0, 'new'],
      [2, 'changed'],
    ]);
  });
});

describe('routed', () => {
  it('reads a planned row’s values and resolves its route, once', () => {
    const routes = { routes: [{ when: { column: 'Status', equals: 'Closed' }, webhook: 'DONE' }] };
    const o = sheet(
      [
        [['T-0', 'open', 'Open'], {}],
        [['T-1', 'closed', 'Closed'], {}],
      ],
      routes,
    );
    const planned = plan(o).rows;
    const [open, closed] = planned.map((p) => routed(o.reader, o.rules, p));
    expect([open.route, closed.route]).toEqual(['default', 'DONE']);
    expect(closed.planned).toBe(planned[1]);
    expect(closed.values).toMatchObject({ position: 1, key: 'T-1' });
    expect(closed.values.fields).toEqual([
      { label: 'Title', value: 'closed' },
      { label: 'Status', value: 'Closed' },
    ]);
  });
});
