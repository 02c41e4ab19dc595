/**
 * previewReminders: which reminders a row would get next, and when, read from the row and its
 * ledger as runs left them (runs of test/support/reminder-bench.ts), with the run's own rules
 * and composer.
 */
import { tableComposer } from '../../src/relay/message-context';
import { previewReminders } from '../../src/relay/reminder-preview';
import { ReminderHold } from '../../src/relay/reminders';
import { seededRandom } from '../support/rig';
import { Bench, MIN, NEW_FOR_30M } from '../support/reminder-bench';
import { open } from '../support/tables';

describe('previewReminders: which reminders a row would get next, and when', () => {
  function preview(b: Bench, position: number, held?: ReminderHold) {
    const o = open(b.workbook, b.sheet, { format: 'text', ...b.config });
    const ctx = {
      table: o.table,
      rules: o.rules,
      identity: { spreadsheetId: 'spreadsheet-1', sheetId: b.sheet.getSheetId() },
      composer: tableComposer(o.table, o.rules, {
        spreadsheetName: 'Helpdesk',
        spreadsheetUrl: '',
        sheetId: b.sheet.getSheetId(),
      }),
      webhook: () => ({ ok: true as const }),
      describeWebhook: (name: string) => name,
      random: seededRandom(),
      now: () => b.clock.now(),
    };
    return previewReminders(ctx, position, held);
  }

  const at = (minutes: number) => Date.UTC(2026, 0, 5, 9, 0) + minutes * MIN;

  it('says when each rule’s next reminder goes out, and shows it as it will be posted', () => {
    const b = new Bench(
      [
        ['T-1', 'Printer', 'New'],
        ['T-2', 'VPN', 'Open'],
      ],
      { reminders: [NEW_FOR_30M, { when: { column: 'Title', equals: 'Printer' }, every: '1h' }] },
    );
    b.runAt(0);
    b.runAt(10);
    b.workbook.calls.reset();
    const [first, second] = preview(b, 0);
    expect(first).toEqual({
      path: 'reminders[0]',
      holds: true,
      at: at(30),
      why: 'scheduled',
      message: {
        text: '<users/123> Reminder: Status is New, for 30 minutes',
        thread: { threadKey: b.ledger(2).threadKey },
      },
    });
    // The hourly rule reminded at 09:05 (its first, due at 09:00): next at 10:00.
    expect(second).toMatchObject({
      path: 'reminders[1]',
      holds: true,
      at: at(60),
      why: 'scheduled',
    });
    expect(preview(b, 1).map((p) => [p.holds, p.at, p.why])).toEqual([
      [false, null, 'not-holding'],
      [false, null, 'not-holding'],
    ]);
    // It reads, and writes nothing.
    expect(b.workbook.calls.byMethod['Range.getValues']).toBeGreaterThan(0);
    expect(b.workbook.calls.byMethod['Range.setValues'] ?? 0).toBe(0);
    b.runAt(30);
    expect(preview(b, 0)[0]).toMatchObject({ at: null, why: 'done', message: null });
  });

  it('says a row without a thread gets none, and when quiet hours hold one', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    expect(preview(b, 0).map((p) => p.why)).toEqual(['no-thread']);
    b.runAt(0);
    const quietUntil = at(120);
    const held = preview(b, 0, (_v, now) => (now < quietUntil ? quietUntil : null));
    expect(held[0]).toMatchObject({ at: quietUntil, why: 'held' });
    expect(held[0].message?.text).toBe('<users/123> Reminder: Status is New, for 2 hours');
  });

  it('says a row that is not SENT gets none, and shows nothing for a row or rules that are not there', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    b.chat.injectFault({ status: 400, times: 1 });
    b.sheet.setCell(2, 2, 'Printer again');
    b.runAt(5); // the update is refused: FAILED, with its thread
    expect(preview(b, 0)).toEqual([
      { path: 'reminders[0]', holds: true, at: null, why: 'not-sent', message: null },
    ]);
    expect(preview(b, 1)).toEqual([]);
    const none = new Bench([['T-1', 'Printer', 'New']], {});
    none.runAt(0);
    expect(preview(none, 0)).toEqual([]);
  });

  it('counts a rule’s clock from the next run when it has not started, and from the ledger when it has', () => {
    const b = new Bench([['T-1', 'Printer', 'Open']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    b.sheet.setCell(2, 3, 'New'); // holds now; no run has started its clock yet
    b.clock.advance(10 * MIN);
    const next = b.clock.now();
    expect(preview(b, 0)[0]).toMatchObject({ holds: true, at: next + 30 * MIN, why: 'scheduled' });
    b.runAt(20); // the clock starts at 09:20
    b.clock.advance(5 * MIN);
    const started = preview(b, 0)[0];
    expect(started.why).toBe('scheduled');
    // Due 30 minutes after the run that started the clock (09:20, and the time the run took).
    expect(started.at).toBeGreaterThanOrEqual(at(50));
    expect(started.at).toBeLessThan(at(51));
    // Quiet hours that end before the reminder is due do not hold it.
    expect(preview(b, 0, () => at(45))[0]).toMatchObject({ at: started.at, why: 'scheduled' });
  });
});
