/**
 * Reminders in runRelay: the clocks in each row's ledger, the reminders as
 * written ahead and sent, and the cache that keeps an idle run from reading
 * any ledger. The Chat emulator is behind UrlFetchApp; the sheets are the
 * local runtime's.
 */
import { parseOutbox } from '../../src/relay/ledger-codec';
import { parseCache } from '../../src/relay/reminder-cache';
import { Bench, NEW_FOR_30M, NEW_HOURLY } from '../support/reminder-bench';
import { column } from '../support/tables';

describe('reminders in a run', () => {
  it('starts a row’s clock in the run that posts it, and reminds once, 30 minutes after', () => {
    const b = new Bench(
      [
        ['T-1', 'Printer', 'New'],
        ['T-2', 'VPN', 'Open'],
      ],
      { reminders: [NEW_FOR_30M] },
    );
    b.runAt(0);
    const start = b.clock.now();
    expect(Object.values(b.ledger(2).reminders ?? {})).toEqual([
      { since: expect.any(Number), last: 0, count: 0 },
    ]);
    expect(b.ledger(2).reminders).not.toBeUndefined();
    expect(b.ledger(3).reminders).toBeUndefined();
    for (let m = 5; m < 30; m += 5) b.runAt(m);
    expect(b.reminders()).toEqual([]);
    const report = b.runAt(30);
    expect(b.reminders()).toEqual(['<users/123> Reminder: Status is New, for 30 minutes']);
    expect(report.sheets[0]).toMatchObject({ planned: 1, sent: 0, reminded: 1, notReached: 0 });
    expect(Object.values(b.ledger(2).reminders ?? {})[0]).toMatchObject({ count: 1 });
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT', 'SENT']);
    expect(column(b.sheet, 'Chat Outbox')).toEqual(['', '']);
    for (let m = 35; m < 600; m += 5) b.runAt(m);
    expect(b.reminders()).toHaveLength(1);
    expect(start).toBeLessThan(b.clock.now());
  });

  it('reads no ledger and writes no cache while nothing is due, and reads the rows only when one is', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_HOURLY] });
    b.runAt(0);
    b.runAt(5);
    const writes = b.cacheWrites;
    // Idle: display values only (headers, rows), no ledger read, no cache write.
    for (let m = 10; m < 60; m += 5) {
      b.runAt(m);
      expect([m, b.ledgerReads(), b.cacheWrites]).toEqual([m, 0, writes]);
    }
    b.runAt(60);
    expect(b.ledgerReads()).toBeGreaterThan(0);
    expect(b.reminders()).toHaveLength(2);
    expect(parseCache(b.cache)).toEqual({
      Tickets: { sig: expect.any(String), due: Date.UTC(2026, 0, 5, 11, 0) + 1000 * 0 },
    });
  });

  it('stops the clock when the rule stops holding, and starts over when it holds again', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_HOURLY] });
    b.runAt(0); // posts the row; its clock starts
    b.runAt(5); // the first reminder (after 0m)
    b.runAt(65); // the second
    b.sheet.setCell(2, 3, 'Open');
    b.runAt(70);
    expect(b.ledger(2).reminders ?? {}).toEqual({});
    b.runAt(130);
    b.sheet.setCell(2, 3, 'New');
    b.runAt(135);
    b.runAt(140);
    expect(b.reminders()).toEqual([
      'Reminder: Status is New, for 5 minutes',
      'Reminder: Status is New, for 1 hour',
      // Started over at 135 (the run that posts the edit): its first reminder again, next run.
      'Reminder: Status is New, for 5 minutes',
    ]);
    expect(new Set(b.http.requests.map((r) => r.url)).size).toBe(b.http.requests.length);
  });

  it('keeps the clock through an edit that does not change whether the rule holds', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    const since = b.ledger(2).reminders;
    b.sheet.setCell(2, 2, 'Printer on fire');
    b.runAt(20);
    expect(b.ledger(2).reminders).toEqual(since);
    b.runAt(30);
    expect(b.reminders()).toEqual(['<users/123> Reminder: Status is New, for 30 minutes']);
  });

  it('sends the reminder of a row that changed only where no message shows, in the same write', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], {
      reminders: [NEW_FOR_30M],
      watchColumns: ['Status'],
    });
    b.runAt(0);
    b.sheet.setCell(2, 2, 'Printer, title edited');
    const report = b.runAt(30);
    expect(report.sheets[0]).toMatchObject({ quiet: 0, reminded: 1 });
    expect(b.reminders()).toHaveLength(1);
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT']);
    // Recorded as delivered: the edit posts nothing later.
    b.runAt(35);
    expect(b.texts()).toHaveLength(2);
  });

  it('never reminds a row without a thread, or one that is not SENT', () => {
    const b = new Bench(
      [
        ['T-1', 'Printer', 'New'],
        ['T-2', 'Draft', 'New'],
      ],
      { reminders: [NEW_HOURLY], sendWhen: { column: 'Title', notEquals: 'Draft' } },
    );
    b.runAt(0);
    b.chat.injectFault({ status: 400, times: 1 });
    b.sheet.setCell(2, 2, 'Printer again');
    b.runAt(5); // T-1's update is refused: FAILED
    expect(column(b.sheet, 'Chat Status')).toEqual(['FAILED', '']);
    for (let m = 10; m < 300; m += 5) b.runAt(m);
    expect(b.reminders()).toEqual([]);
    expect(column(b.sheet, 'Chat Thread')[1]).toBe('');
  });

  it('leaves a reminder that finds no room in this run due, for the next', () => {
    const rows = Array.from({ length: 4 }, (_, i) => [`T-${i + 1}`, 'x', 'New']);
    const b = new Bench(rows, { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    b.runAt(5);
    const report = b.runAt(30, { budgetMs: 2500, minIntervalMs: 1000 });
    expect(b.reminders()).toHaveLength(2);
    expect(report.stopped).toEqual([{ kind: 'time-limit' }]);
    expect(parseCache(b.cache)).toEqual({});
    b.runAt(35);
    const line = (m: number) => `<users/123> Reminder: Status is New, for ${m} minutes`;
    expect(b.reminders()).toEqual([line(30), line(30), line(35), line(35)]);
  });

  it('holds a reminder while quiet hours say so (the hook), and sends it at the first run after', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    const quietUntil = Date.UTC(2026, 0, 5, 10, 0);
    b.held = (_valueOf, now) => (now < quietUntil ? quietUntil : null);
    for (let m = 0; m < 60; m += 5) b.runAt(m);
    expect(b.reminders()).toEqual([]);
    expect(parseCache(b.cache).Tickets.due).toBe(quietUntil);
    b.runAt(60);
    expect(b.reminders()).toEqual(['<users/123> Reminder: Status is New, for 1 hour']);
  });

  it('keeps a reminder Chat failed for PENDING in the outbox, and retries it with the same requestId', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    b.chat.injectFault({ status: 503, times: 1000 });
    b.runAt(30);
    b.chat.clearFaults();
    expect(column(b.sheet, 'Chat Status')).toEqual(['PENDING']);
    const [entry] = parseOutbox(column(b.sheet, 'Chat Outbox')[0]) ?? [];
    expect(entry).toMatchObject({ role: 'reminder' });
    const sent = b.http.requests.length;
    b.runAt(35);
    expect(b.reminders()).toHaveLength(1);
    const ids = b.http.requests.map((r) => new URL(r.url).searchParams.get('requestId'));
    expect(ids.slice(sent)).toEqual([entry.requestId]);
    expect(ids.filter((id) => id === entry.requestId).length).toBeGreaterThan(1);
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT']);
  });

  it('never posts a reminder whose outbox cell was edited to ping someone else', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    b.chat.injectFault({ status: 503, times: 1000 });
    b.runAt(30);
    b.chat.clearFaults();
    const c = b.sheet.displayRows()[0].indexOf('Chat Outbox') + 1;
    const cell = String(b.sheet.typedValue(2, c));
    expect(cell).toContain('<users/123> Reminder');
    b.sheet.setCell(2, c, cell.replace('<users/123>', '<users/all>'));
    const report = b.runAt(35);
    expect(report.sheets[0].outboxRebuilt).toBe(1);
    expect(b.texts().some((t) => t.includes('<users/all>'))).toBe(false);
  });

  it('counts a reminder Chat refuses for good, and leaves the row SENT, saying so', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    const sentAt = column(b.sheet, 'Chat Sent At')[0];
    b.chat.injectFault({ status: 400, times: 1 });
    b.runAt(30);
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT']);
    expect(column(b.sheet, 'Chat Error')[0]).toMatch(/^Chat refused a reminder: /);
    expect(column(b.sheet, 'Chat Sent At')).toEqual([sentAt]);
    for (let m = 35; m < 120; m += 5) b.runAt(m);
    expect(b.reminders()).toEqual([]);
  });

  it('does not send a reminder whose webhook cannot be used; it goes once the webhook works', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    const good = b.hooks.default;
    b.hooks.default = { ok: false, reason: 'broken' };
    b.runAt(30);
    expect(b.reminders()).toEqual([]);
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT']);
    b.hooks.default = good;
    b.runAt(35);
    expect(b.reminders()).toHaveLength(1);
  });
});
