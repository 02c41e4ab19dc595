/**
 * Reminders (`reminders`), end to end through the bundle: a day of scheduled
 * runs every 5 minutes on the local runtime's clock, against the Chat
 * emulator. Each test would fail without the rule it names.
 */
import { harness, type Harness, type HarnessOptions } from '../../local/harness';
import { requestIdOf } from '../support/rig';

const MIN = 60000;
/** 2024-01-15 09:00 UTC, the harness's FakeClock start. */
const START = Date.UTC(2024, 0, 15, 9, 0);

const NEW_30M = {
  when: { column: 'Status', equals: 'New' },
  after: '30m',
  mention: 'users/123',
};
const NEW_HOURLY = { when: { column: 'Status', equals: 'New' }, every: '1h' };

const tickets = (rows: string[][]) => ({
  name: 'Tickets',
  rows: [['ID', 'Title', 'Status'], ...rows],
});

/** "09:30": the time of day (UTC) of an ISO time or epoch ms. */
function hhmm(time: string | number): string {
  return new Date(time).toISOString().slice(11, 16);
}

/**
 * Scheduled runs every 5 minutes from START until `hours` later, each at its exact time;
 * `before(minute)` changes the sheet just before the run at that minute.
 */
function day(h: Harness, hours: number, before: (minute: number) => void = () => undefined) {
  for (let minute = 0; minute <= hours * 60; minute += 5) {
    h.clock.advance(START + minute * MIN - h.clock.now());
    before(minute);
    h.run('runScheduled');
  }
}

/** The reminders posted, as "key HH:MM line", in order, the key from the row's thread. */
function reminders(h: Harness): string[] {
  const keyOf = new Map(h.table().map((r) => [String(r['Chat Thread']), String(r.ID)]));
  return h
    .messages()
    .filter((m) => /Reminder:/.test(String(m.text)))
    .map(
      (m) =>
        `${keyOf.get(m.thread) ?? m.thread} ${hhmm(m.createTime)} ${String(m.text).split('\n')[0]}`,
    );
}

/** Every reminder is a reply in its row's own thread (the thread its Chat Thread cell names). */
function expectRepliesInRowThreads(h: Harness): void {
  const rowThreads = new Set(h.table().map((r) => String(r['Chat Thread'])));
  for (const m of h.messages().filter((x) => /Reminder:/.test(String(x.text)))) {
    expect(m.threadReply).toBe(true);
    expect(rowThreads.has(m.thread)).toBe(true);
  }
}

function world(rows: string[][], config: Record<string, unknown>, options: HarnessOptions = {}) {
  return harness({ sheets: [tickets(rows)], config, ...options });
}

describe('reminders over a day of runs every 5 minutes', () => {
  it('still New 30 minutes after it arrived: pings the on-call lead once, at 30 minutes, never again', () => {
    const h = world(
      [
        ['T-1', 'Printer on fire', 'New'],
        ['T-2', 'VPN down', 'Open'],
      ],
      { reminders: [NEW_30M] },
    );
    day(h, 24, (minute) => {
      // A ticket arrives at 10:07 (posted by the 10:10 run); another is taken in hand at once.
      if (minute === 70) h.sheet().setRowValues(4, ['T-3', 'Badge reader', 'New']);
      if (minute === 70) h.sheet().setRowValues(5, ['T-4', 'Mouse', 'New']);
      if (minute === 75) h.sheet().setCell(5, 3, 'Open');
    });
    expect(reminders(h)).toEqual([
      'T-1 09:30 <users/123> Reminder: Status is New, for 30 minutes',
      'T-3 10:40 <users/123> Reminder: Status is New, for 30 minutes',
    ]);
    expectRepliesInRowThreads(h);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
  });

  it('with every "1h": hourly while it holds, stops when Status changes, starts over when it holds again', () => {
    const h = world([['T-1', 'Printer on fire', 'New']], { reminders: [NEW_HOURLY] });
    day(h, 24, (minute) => {
      if (minute === 150) h.sheet().setCell(2, 3, 'Open'); // 11:30
      if (minute === 240) h.sheet().setCell(2, 3, 'New'); // 13:00
      if (minute === 360) h.sheet().setCell(2, 3, 'Done'); // 15:00
    });
    expect(reminders(h)).toEqual([
      // The clock starts at 09:00 (the run that posts the row); after "0m", the next run.
      'T-1 09:05 Reminder: Status is New, for 5 minutes',
      // Then every hour after the first was due, keeping its time.
      'T-1 10:00 Reminder: Status is New, for 1 hour',
      'T-1 11:00 Reminder: Status is New, for 2 hours',
      // Open at 11:30: stopped. New again at 13:00: it starts over.
      'T-1 13:05 Reminder: Status is New, for 5 minutes',
      'T-1 14:00 Reminder: Status is New, for 1 hour',
    ]);
    expectRepliesInRowThreads(h);
    // Each reminder went out once: one request each, with its own requestId.
    const reminderIds = h.runtime.urlFetch.requests
      .filter((r) => /Reminder:/.test(String(r.payload)))
      .map((r) => requestIdOf(r.url));
    expect(new Set(reminderIds).size).toBe(5);
    expect(reminderIds).toHaveLength(5);
  });

  it('escalates by steps: the lead at 30 minutes, the manager at 2 hours, each once per time it holds', () => {
    const steps = [
      { when: { column: 'Status', equals: 'New' }, after: '30m', mention: 'users/111' },
      {
        when: { column: 'Status', equals: 'New' },
        after: '2h',
        mention: 'users/222',
        text: 'Reminder: {{Title}} escalated, New for {{_since}}',
      },
    ];
    const h = world(
      [
        ['T-1', 'Printer on fire', 'New'],
        ['T-2', 'VPN down', 'New'],
      ],
      { reminders: steps },
    );
    day(h, 24, (minute) => {
      if (minute === 60) h.sheet().setCell(3, 3, 'Open'); // 10:00: T-2 taken in hand
      if (minute === 90) h.sheet().setCell(2, 2, 'Printer on fire!'); // an edit: the clock goes on
      if (minute === 180) h.sheet().setCell(2, 3, 'Open'); // 12:00
      if (minute === 240) h.sheet().setCell(2, 3, 'New'); // 13:00: it starts over
      if (minute === 420) h.sheet().setCell(2, 3, 'Done'); // 16:00
    });
    expect(reminders(h)).toEqual([
      'T-1 09:30 <users/111> Reminder: Status is New, for 30 minutes',
      'T-2 09:30 <users/111> Reminder: Status is New, for 30 minutes',
      'T-1 11:00 <users/222> Reminder: Printer on fire! escalated, New for 2 hours',
      'T-1 13:30 <users/111> Reminder: Status is New, for 30 minutes',
      'T-1 15:00 <users/222> Reminder: Printer on fire! escalated, New for 2 hours',
    ]);
    expectRepliesInRowThreads(h);
  });

  it('after runs were lost, sends one reminder, never a burst of those missed, and counts `every` from it', () => {
    const h = world([['T-1', 'Printer on fire', 'New']], { reminders: [NEW_HOURLY] });
    const runAt = (minute: number) => {
      h.clock.advance(START + minute * MIN - h.clock.now());
      h.run('runScheduled');
    };
    [0, 5, 10].forEach(runAt);
    // No run from 09:10 to 15:02 (a broken trigger), then every 5 minutes again until 17:00.
    for (let minute = 362; minute <= 480; minute += 5) runAt(minute);
    expect(reminders(h)).toEqual([
      'T-1 09:05 Reminder: Status is New, for 5 minutes',
      'T-1 15:02 Reminder: Status is New, for 6 hours',
      'T-1 16:02 Reminder: Status is New, for 7 hours',
    ]);
    expectRepliesInRowThreads(h);
  });

  it('never gives a row without a thread one: not a row waiting for sendWhen, not a row Chat refused', () => {
    const h = world(
      [
        ['T-1', 'Refused by Chat', 'New'],
        ['T-2', 'Draft: VPN', 'New'],
        ['T-3', 'Printer on fire', 'New'],
      ],
      { reminders: [NEW_HOURLY], sendWhen: { column: 'Title', matches: '^(?!Draft)' } },
    );
    // The first message of the first run (T-1's) is refused: T-1 is FAILED, without a thread.
    h.chat.injectFault({ status: 400, times: 1 });
    day(h, 6);
    expect(h.column('Chat Status')).toEqual(['FAILED', '', 'SENT']);
    expect(h.column('Chat Thread').map((t) => t !== '')).toEqual([false, false, true]);
    expect(h.threads()).toHaveLength(1);
    // 09:05, then every hour from 10:00 to 15:00.
    expect(reminders(h).map((r) => r.split(' ')[0])).toEqual(Array(7).fill('T-3'));
    expectRepliesInRowThreads(h);
  });

  it('sorting the sheet and inserting rows between runs changes no reminder', () => {
    const rows = [
      ['T-1', 'Printer on fire', 'New'],
      ['T-2', 'VPN down', 'Open'],
      ['T-3', 'Badge reader', 'New'],
      ['T-4', 'Coffee machine', 'New'],
    ];
    const config = {
      reminders: [NEW_HOURLY, { ...NEW_30M, when: { column: 'Title', matches: 'VPN|Badge' } }],
    };
    // T-4 is Done at 10:40, wherever its row is then.
    const changes = (h: Harness) => (minute: number) => {
      if (minute === 100) h.sheet().setCell(h.column('ID').indexOf('T-4') + 2, 3, 'Done');
    };
    const reference = world(rows, config);
    day(reference, 8, changes(reference));
    const moved = world(rows, config);
    day(moved, 8, (minute) => {
      changes(moved)(minute);
      if (minute % 35 === 10) moved.sheet().sortRows(2, minute % 70 === 10, 1);
      if (minute % 45 === 20) moved.sheet().userInsertRowsBefore(2, 1);
    });
    const byKey = (h: Harness) => reminders(h).sort();
    expect(byKey(moved)).toEqual(byKey(reference));
    expect(byKey(reference).length).toBeGreaterThan(10);
    expectRepliesInRowThreads(moved);
  });

  it('retries a reminder Chat answered 503 for with the same requestId, and posts it once', () => {
    const h = world([['T-1', 'Printer on fire', 'New']], { reminders: [NEW_30M] });
    day(h, 1, (minute) => {
      if (minute === 30) h.chat.injectFault({ status: 503, times: 8 });
      if (minute === 35) h.chat.clearFaults();
    });
    const posts = h.runtime.urlFetch.requests.filter((r) => /Reminder:/.test(String(r.payload)));
    const ids = new Set(posts.map((r) => requestIdOf(r.url)));
    expect(posts.length).toBeGreaterThan(1);
    expect(ids.size).toBe(1);
    // Posted at 09:35, the very message written ahead at 09:30.
    expect(reminders(h)).toEqual(['T-1 09:35 <users/123> Reminder: Status is New, for 30 minutes']);
    expect(h.column('Chat Status')).toEqual(['SENT']);
  });
});

describe('reminders configured, none due', () => {
  /** Spreadsheet calls of each run from 09:20 to 10:00 (every row posted by then), `n` rows, a third New. */
  function idleCalls(n: number, config: Record<string, unknown>): number[] {
    const rows = Array.from({ length: n }, (_, i) => [
      `T-${i + 1}`,
      `entry ${i}`,
      i % 3 ? 'Open' : 'New',
    ]);
    const h = world(rows, config);
    day(h, 1 / 4);
    const calls: number[] = [];
    for (let minute = 20; minute <= 60; minute += 5) {
      h.clock.advance(START + minute * MIN - h.clock.now());
      h.workbook.calls.reset();
      h.run('runScheduled');
      calls.push(h.workbook.calls.total);
    }
    expect(h.column('Chat Status').every((s) => s === 'SENT')).toBe(true);
    return calls;
  }

  it('costs an idle run no more Spreadsheet calls than without reminders, whatever the sheet’s size', () => {
    const without = idleCalls(30, {});
    const rule = { ...NEW_HOURLY, after: '2h' };
    const small = idleCalls(30, { reminders: [rule] });
    const large = idleCalls(600, { reminders: [rule] });
    expect(new Set(without).size).toBe(1);
    expect(small).toEqual(without);
    expect(large).toEqual(without);
  });
});

/** The second example, with the date operators of `conditions` ("before": "today"). */
describe('past due and not Done: remind the owner every morning', () => {
  it('reminds every day while it is past due and not Done', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title', 'Status', 'Due'],
            ['T-1', 'Printer', 'Open', new Date(Date.UTC(2024, 0, 14))],
            ['T-2', 'VPN', 'Done', new Date(Date.UTC(2024, 0, 14))],
            ['T-3', 'Badge', 'Open', new Date(Date.UTC(2024, 0, 20))],
          ],
        },
      ],
      config: {
        reminders: [
          {
            when: [
              { column: 'Due', before: 'today' },
              { column: 'Status', notEquals: 'Done' },
            ],
            every: '1d',
            mention: 'users/123',
          },
        ],
      },
    });
    day(h, 49);
    expect(reminders(h)).toEqual([
      'T-1 09:05 <users/123> Reminder: Due is a date before today and Status is not Done, for 5 minutes',
      'T-1 09:00 <users/123> Reminder: Due is a date before today and Status is not Done, for 1 day',
      'T-1 09:00 <users/123> Reminder: Due is a date before today and Status is not Done, for 2 days',
    ]);
  });
});
