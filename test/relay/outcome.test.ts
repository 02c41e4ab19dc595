import { Workbook } from '../../local/runtime';
import { SendResult } from '../../src/chat/client';
import { LedgerStore } from '../../src/relay/ledger-store';
import { holdForWebhook, recordOutcome, refusesWebhook } from '../../src/relay/outcome';
import { routed } from '../../src/relay/plan';
import { RowState, readRowState, rowCells } from '../../src/relay/row-state';
import { emptySummary } from '../../src/relay/summary';
import { WorkItem, prepareWork } from '../../src/relay/work';
import { seededRandom } from '../support/rig';
import { open } from '../support/tables';

const NOW = Date.UTC(2024, 0, 15, 9, 30, 0);
const OK: SendResult = {
  ok: true,
  messageName: 'spaces/S/messages/m1',
  threadName: 'spaces/S/threads/t1',
  attempts: 1,
};

function failure(
  kind: 'transient' | 'permanent' | 'invalid',
  httpStatus: number | null,
  message: string,
  attempts = 1,
): SendResult {
  return { ok: false, kind, httpStatus, chatStatus: null, message, attempts };
}

/** A prepared item of a new row, or of a row moved from one space to another (two sends). */
function item(moved = false): WorkItem {
  const workbook = new Workbook();
  const sheet = workbook.addSheet('Tickets', [
    ['ID', 'Title', 'Team'],
    ['T-1', 'Printer', 'Desk'],
  ]);
  const o = open(workbook, sheet, {
    routes: [{ when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' }],
  });
  const ctx = {
    tableIndex: 0,
    table: o.table,
    rules: o.rules,
    identity: { spreadsheetId: 's', sheetId: 0 },
    random: seededRandom(),
    now: () => NOW,
    baseline: false,
    webhook: () => ({ ok: true as const }),
    composer: {
      compose: (_m: unknown, _row: unknown, _mentions: string[], threadKey: string) => ({
        text: 'message',
        thread: { threadKey },
      }),
      reminder: (_row: unknown, _text: unknown, _mentions: string[], threadKey: string) => ({
        text: 'reminder',
        thread: { threadKey },
      }),
      isRowLink: () => false,
      isActionLink: () => false,
    },
    describeWebhook: (name: string) => name,
  };
  const store = new LedgerStore(o.table);
  const prepared = prepareWork(
    ctx,
    routed(o.reader, o.rules, { position: 0, reason: 'new', copy: false, first: false }),
    store.readRows([0]).get(0) as RowState,
  );
  if (!moved) return prepared;
  // Make it a move: a primary message to INFRA, then a notice to the old thread.
  const [primary] = prepared.state.outbox;
  prepared.state.outbox = [
    { ...primary, webhook: 'INFRA' },
    { ...primary, requestId: `${prepared.state.ledger.requestId}-moved`, role: 'notice' },
  ];
  prepared.webhook = 'INFRA';
  return prepared;
}

/** The item's state as its cells hold it once written. */
const written = (i: WorkItem) => readRowState(rowCells(i.state));

describe('refusesWebhook', () => {
  it('is true for answers about the webhook itself', () => {
    expect(refusesWebhook(failure('permanent', 401, 'HTTP 401'))).toBe(true);
    expect(refusesWebhook(failure('permanent', 403, 'HTTP 403'))).toBe(true);
    expect(refusesWebhook(failure('permanent', 404, 'HTTP 404 (non-JSON response)'))).toBe(true);
    expect(
      refusesWebhook(failure('permanent', 400, 'HTTP 400 INVALID_ARGUMENT: API key not valid.')),
    ).toBe(true);
  });

  it('is false for a message refused, a transient failure or a success', () => {
    expect(refusesWebhook(failure('permanent', 400, 'HTTP 400: Invalid JSON payload'))).toBe(false);
    expect(refusesWebhook(failure('transient', 503, 'HTTP 503'))).toBe(false);
    expect(refusesWebhook(failure('invalid', null, 'message is empty'))).toBe(false);
    expect(refusesWebhook(OK)).toBe(false);
  });
});

describe('recordOutcome', () => {
  it('a delivered message makes the row SENT, as it was when built', () => {
    const i = item();
    const summary = emptySummary('Tickets');
    expect(recordOutcome(i, i.state.outbox[0], OK, NOW, summary)).toBe('continue');
    expect(i.state.status).toBe('SENT');
    expect(i.state.thread).toBe('spaces/S/threads/t1');
    expect(i.state.sentAt).toEqual(new Date(NOW));
    expect(i.state.version).toBe(i.sendingVersion);
    expect(i.state.error).toBe('');
    expect(written(i).outbox).toEqual([]);
    expect(i.state.ledger).toMatchObject({
      delivered: { ID: 'T-1', Title: 'Printer', Team: 'Desk' },
      sendingValues: null,
      webhook: 'default',
      threadKey: i.threadKey,
    });
    expect(summary).toMatchObject({ sent: 1, pending: 0, failed: 0 });
  });

  it('a moved row is SENT once its notice is in the old thread too, counted as moved', () => {
    const i = item(true);
    const summary = emptySummary('Tickets');
    recordOutcome(i, i.state.outbox[0], OK, NOW, summary);
    expect(i.state.status).toBe('PENDING');
    expect(written(i).outbox?.map((s) => s.role)).toEqual(['notice']);
    recordOutcome(
      i,
      i.state.outbox[0],
      { ...OK, threadName: 'spaces/OLD/threads/x' },
      NOW,
      summary,
    );
    expect(i.state.status).toBe('SENT');
    // The row's thread is the one its message went to, not the old one.
    expect(i.state.thread).toBe('spaces/S/threads/t1');
    expect(i.state.ledger.webhook).toBe('INFRA');
    expect(summary).toMatchObject({ sent: 1, moved: 1 });
  });

  it('a send that could not start in time leaves the row as written ahead', () => {
    const i = item();
    const before = rowCells(i.state);
    const summary = emptySummary('Tickets');
    const late = failure(
      'transient',
      null,
      'time budget reached before the request could be sent',
      0,
    );
    expect(recordOutcome(i, i.state.outbox[0], late, NOW, summary)).toBe('not-started');
    expect(rowCells(i.state)).toEqual(before);
    expect(summary).toEqual(emptySummary('Tickets'));
  });

  it('a transient failure leaves the row PENDING, its message in the outbox, to retry', () => {
    const i = item();
    const summary = emptySummary('Tickets');
    const next = recordOutcome(
      i,
      i.state.outbox[0],
      failure('transient', 503, 'HTTP 503 UNAVAILABLE'),
      NOW,
      summary,
    );
    expect(next).toBe('transient');
    expect(i.state.status).toBe('PENDING');
    expect(i.state.error).toBe('Will retry: HTTP 503 UNAVAILABLE');
    expect(written(i).outbox).toEqual(i.state.outbox);
    expect(i.state.outbox).toHaveLength(1);
    expect(summary.pending).toBe(1);
  });

  it('a refused webhook leaves the row PENDING, never FAILED', () => {
    const i = item();
    const summary = emptySummary('Tickets');
    const next = recordOutcome(
      i,
      i.state.outbox[0],
      failure('permanent', 403, 'HTTP 403 PERMISSION_DENIED'),
      NOW,
      summary,
    );
    expect(next).toBe('refused');
    expect(i.state.status).toBe('PENDING');
    expect(i.state.error).toBe('Chat refused the webhook: HTTP 403 PERMISSION_DENIED');
    expect(i.state.outbox).toHaveLength(1);
    expect(summary).toMatchObject({ pending: 1, failed: 0 });
  });

  it('a message Chat refuses makes the row FAILED, with the reason', () => {
    const i = item();
    const summary = emptySummary('Tickets');
    const next = recordOutcome(
      i,
      i.state.outbox[0],
      failure('permanent', 400, 'HTTP 400 INVALID_ARGUMENT: Invalid JSON payload'),
      NOW,
      summary,
    );
    expect(next).toBe('continue');
    expect(i.state.status).toBe('FAILED');
    expect(i.state.error).toBe('HTTP 400 INVALID_ARGUMENT: Invalid JSON payload');
    expect(written(i).outbox).toEqual([]);
    expect(i.state.ledger.sendingValues).toBeNull();
    expect(summary.failed).toBe(1);
    const invalid = item();
    recordOutcome(
      invalid,
      invalid.state.outbox[0],
      failure('invalid', null, 'message is empty', 0),
      NOW,
      summary,
    );
    expect(invalid.state.status).toBe('FAILED');
  });

  it('a notice refused never fails its row: the row is delivered, the error says so', () => {
    const i = item(true);
    const summary = emptySummary('Tickets');
    recordOutcome(i, i.state.outbox[0], OK, NOW, summary);
    const next = recordOutcome(
      i,
      i.state.outbox[0],
      failure('permanent', 400, 'HTTP 400: thread closed'),
      NOW,
      summary,
    );
    expect(next).toBe('continue');
    expect(i.state.status).toBe('SENT');
    expect(i.state.error).toBe(
      'Moved, but the note in the old thread was refused: HTTP 400: thread closed',
    );
    expect(summary).toMatchObject({ sent: 1, failed: 0, moved: 0 });
  });

  it('holding a row for its webhook keeps it PENDING with its messages, saying why', () => {
    const i = item();
    const before = i.state.outbox.slice();
    const summary = emptySummary('Tickets');
    holdForWebhook(i, 'the webhook looks broken', summary);
    expect([i.state.status, i.state.error]).toEqual(['PENDING', 'the webhook looks broken']);
    expect(written(i).outbox).toEqual(before);
    expect(summary).toMatchObject({ pending: 1, failed: 0 });
  });

  it('keeps the ledger cell in step with the item', () => {
    const i = item();
    recordOutcome(i, i.state.outbox[0], OK, NOW, emptySummary('x'));
    expect(written(i).ledger?.rowId).toBe(i.state.ledger.rowId);
  });
});
