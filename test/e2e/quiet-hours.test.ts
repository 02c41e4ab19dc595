/**
 * Quiet hours through the bundle, in the local runtime, on the fake clock: a
 * day of scheduled runs every 5 minutes in Europe/Paris, across the night the
 * clocks go forward (Saturday 28 to Sunday 29 March 2026), with quiet hours
 * from 19:00 to 08:00. What is added or edited at night goes out once, at the
 * first run at 08:00 (CEST, 06:00 UTC), as it would have: new rows as new
 * threads, several edits of a row as one reply. Nothing is PENDING meanwhile.
 */
import { harness, type Harness } from '../../local/harness';

const FORM_URL = 'https://docs.google.com/forms/d/FORM-ID/viewform';
const MINUTE = 60 * 1000;
/** Saturday 28 March 2026, 12:00 in Paris (CET, UTC+1). */
const SATURDAY_NOON = Date.UTC(2026, 2, 28, 11, 0);
/** Sunday 29 March 2026, 08:00 in Paris: CEST (UTC+2) since 02:00 that night. */
const SUNDAY_8AM = Date.UTC(2026, 2, 29, 6, 0);
const OWNER = 'users/123456789';

const CONFIG = {
  quietHours: {
    from: '19:00',
    to: '08:00',
    except: { column: 'Priority', equals: 'Urgent' },
  },
  mentions: [{ when: { column: 'Priority', equals: 'Urgent' }, mention: OWNER }],
};

const TICKETS = {
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Priority'],
    ['T-1', 'Printer jammed', 'Low'],
    ['T-2', 'VPN slow', 'Low'],
  ],
};

/** Paris wall time → epoch ms, for the night of the test (before or after the change at 02:00). */
function paris(day: 28 | 29, hour: number, minute = 0): number {
  const offset = day === 29 && hour >= 3 ? 2 : 1;
  return Date.UTC(2026, 2, day, hour - offset, minute);
}

interface Step {
  at: number;
  /** What a person does at that time, before the scheduled run. */
  act: (h: Harness) => void;
}

/** Runs runScheduled every 5 minutes from `from` to `to`, doing each step first; new messages per run. */
function runDay(h: Harness, from: number, to: number, steps: Step[]) {
  const runs: Array<{ at: number; posted: string[]; statuses: string[] }> = [];
  const todo = steps.slice().sort((a, b) => a.at - b.at);
  for (let at = from; at <= to; at += 5 * MINUTE) {
    expect(h.clock.now()).toBeLessThanOrEqual(at);
    h.clock.advance(at - h.clock.now());
    while (todo.length && todo[0].at <= at) (todo.shift() as Step).act(h);
    const before = h.texts().length;
    h.runtime.call('runScheduled');
    runs.push({ at, posted: h.texts().slice(before), statuses: h.column('Chat Status') });
  }
  return runs;
}

function threadOf(h: Harness, key: string): string[] {
  const thread = h.threads().find((t) => t.messages.some((m) => String(m.text).includes(key)));
  return thread ? thread.messages.map((m) => String(m.text)) : [];
}

describe('quiet hours: a day of runs every 5 minutes in Europe/Paris, across the change to summer time', () => {
  function night() {
    const h = harness({
      sheets: [TICKETS],
      config: CONFIG,
      timeZone: 'Europe/Paris',
      startAt: SATURDAY_NOON,
    });
    const steps: Step[] = [
      // 20:00: a new row and an edit.
      { at: paris(28, 20), act: (x) => x.sheet().setRowValues(4, ['T-3', 'Mouse', 'Low']) },
      { at: paris(28, 20), act: (x) => x.sheet().setCell(2, 2, 'Printer jammed again') },
      // 21:30: the same row edited again.
      { at: paris(28, 21, 30), act: (x) => x.sheet().setCell(2, 3, 'High') },
      // 23:00: an urgent row goes out at once, with its mention.
      {
        at: paris(28, 23),
        act: (x) => x.sheet().setRowValues(5, ['T-4', 'Server room flooding', 'Urgent']),
      },
      // 01:30 (CET, before the clocks jump from 02:00 to 03:00): another new row.
      { at: paris(29, 1, 30), act: (x) => x.sheet().setRowValues(6, ['T-5', 'Badge', 'Low']) },
    ];
    const runs = runDay(h, SATURDAY_NOON, SATURDAY_NOON + 23 * 60 * MINUTE, steps);
    return { h, runs };
  }

  let story: ReturnType<typeof night>;
  beforeAll(() => {
    story = night();
  });

  it('posts the rows of the day at once, before quiet hours', () => {
    expect(story.runs[0].posted).toHaveLength(2);
    expect(
      story.runs
        .filter((r) => r.at < paris(28, 19))
        .slice(1)
        .every((r) => !r.posted.length),
    ).toBe(true);
  });

  it('holds everything at night but the urgent row, which goes out at once with its mention', () => {
    const quiet = story.runs.filter((r) => r.at >= paris(28, 19) && r.at < SUNDAY_8AM);
    // 19:00 CET to 08:00 CEST: 12 hours of runs, the clocks skipping from 02:00 to 03:00.
    expect(quiet).toHaveLength(12 * 12);
    const posting = quiet.filter((r) => r.posted.length);
    expect(posting.map((r) => r.at)).toEqual([paris(28, 23)]);
    expect(posting[0].posted).toHaveLength(1);
    expect(posting[0].posted[0]).toContain('T-4');
    expect(posting[0].posted[0]).toContain(`<${OWNER}>`);
  });

  it('never marks a held row PENDING: held rows keep the status they had', () => {
    const quiet = story.runs.filter((r) => r.at >= paris(28, 19) && r.at < SUNDAY_8AM);
    quiet.forEach((r) => expect(r.statuses.filter((s) => s === 'PENDING')).toEqual([]));
    const last = quiet[quiet.length - 1].statuses;
    expect(last).toEqual(['SENT', 'SENT', '', 'SENT', '']);
  });

  it('sends what was held at the first run at 08:00 (CEST, 06:00 UTC), once, in sheet order', () => {
    const first = story.runs.find((r) => r.at === SUNDAY_8AM)!;
    expect(first.posted).toHaveLength(3);
    expect(first.posted[0]).toMatch(/T-1/);
    expect(first.posted[1]).toMatch(/T-3/);
    expect(first.posted[2]).toMatch(/T-5/);
    expect(story.runs.filter((r) => r.at > SUNDAY_8AM).every((r) => !r.posted.length)).toBe(true);
    expect(story.h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
    expect(story.h.texts()).toHaveLength(2 + 1 + 3);
  });

  it('new rows as new threads, the two edits of a row as one reply in its thread', () => {
    const h = story.h;
    const t1 = threadOf(h, 'T-1');
    expect(t1).toHaveLength(2);
    expect(t1[1]).toContain('Printer jammed again');
    expect(t1[1]).toContain('High');
    expect(threadOf(h, 'T-3')).toHaveLength(1);
    expect(threadOf(h, 'T-5')).toHaveLength(1);
    expect(h.threads()).toHaveLength(5);
  });

  it('logs how many messages are held and until when', () => {
    const logs = story.h.runtime.logs.join('\n');
    expect(logs).toContain(
      'Chat Relay scheduled run: Sheet "Tickets": 2 messages held until 08:00 (quiet hours).',
    );
    expect(logs).toContain(
      'Chat Relay scheduled run: Sheet "Tickets": Sent 1 message, 2 messages held until 08:00 (quiet hours).',
    );
  });
});

describe('quiet hours from the menu and a form', () => {
  /** Saturday 28 March 2026, 22:00 in Paris. */
  const EVENING = paris(28, 22);

  it('Send pending rows holds them and says until when; Send selected rows sends now', () => {
    const h = harness({
      sheets: [TICKETS],
      config: CONFIG,
      timeZone: 'Europe/Paris',
      startAt: EVENING,
    });
    h.run('sendPendingRows');
    expect(h.texts()).toHaveLength(0);
    expect(h.column('Chat Status')).toEqual(['', '']);
    expect(h.lastAlert()).toBe(
      'Chat Relay, sheet "Tickets": 2 messages held until 08:00 (quiet hours).\n\nQuiet hours: to send a row now anyway, select it and use Chat Relay → Send selected rows.',
    );
    h.sheet().setSelection(['A3']);
    h.run('sendSelectedRows');
    expect(h.texts()).toHaveLength(1);
    expect(h.texts()[0]).toContain('T-2');
    expect(h.column('Chat Status')).toEqual(['', 'SENT']);
    expect(h.lastAlert()).toBe('Chat Relay, sheet "Tickets": Sent 1 message.');
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(1);
    h.clock.advance(SUNDAY_8AM - h.clock.now());
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(2);
    expect(h.texts()[1]).toContain('T-1');
  });

  it('holds a form response arriving in quiet hours, its trigger run says so, the first run after sends it', () => {
    const h = harness({
      sheets: [{ name: 'Form Responses 1', rows: [['Timestamp', 'Email Address', 'Request']] }],
      formUrl: FORM_URL,
      config: { quietHours: { from: '19:00', to: '08:00' } },
      timeZone: 'Europe/Paris',
      startAt: EVENING,
    });
    h.run('installTriggers');
    h.runtime.formSubmit('Form Responses 1', ['ana@example.com', 'New laptop']);
    expect(h.texts()).toHaveLength(0);
    expect(h.runtime.triggerFailures).toEqual([]);
    expect(h.column('Chat Status', 'Form Responses 1')).toEqual(['']);
    const logs = h.runtime.logs.join('\n');
    expect(logs).toContain(
      'Chat Relay: the form response arrived in quiet hours: its message is held until 08:00 and goes out with the first run after then.',
    );
    expect(logs).toContain(
      'Chat Relay formSubmit run: Sheet "Form Responses 1": 1 message held until 08:00 (quiet hours).',
    );
    h.clock.advance(SUNDAY_8AM - 5 * MINUTE - h.clock.now());
    h.runtime.call('runScheduled');
    expect(h.texts()).toHaveLength(0);
    h.clock.advance(5 * MINUTE);
    h.runtime.call('runScheduled');
    expect(h.texts()).toHaveLength(1);
    expect(h.texts()[0]).toContain('New laptop');
    expect(h.column('Chat Status', 'Form Responses 1')).toEqual(['SENT']);
  });
});
