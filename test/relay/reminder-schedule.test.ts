import { Condition } from '../../src/config/conditions';
import {
  ReminderState,
  afterReminder,
  dueAt,
  fired,
  reminderRuleIds,
  sameStates,
  trackStates,
} from '../../src/relay/reminder-schedule';

const MIN = 60000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

const once = { afterMs: 30 * MIN, everyMs: null };
const hourly = { afterMs: 0, everyMs: HOUR };
const daily = { afterMs: 0, everyMs: DAY };

/** The rule's reminders over runs every `periodMs` from T0 to `until`, while it holds from T0. */
function remindersOver(
  rule: { afterMs: number; everyMs: number | null },
  until: number,
  runTime: (i: number) => number,
): number[] {
  let states = {};
  const sent: number[] = [];
  for (let i = 0; runTime(i) <= until; i++) {
    const now = runTime(i);
    states = trackStates(states, ['r'], now);
    const state = (states as { r: ReminderState }).r;
    if (dueAt(rule, state) <= now) {
      sent.push(now);
      states = afterReminder(states, { rule: 'r', ...fired(rule, state, now) });
    }
  }
  return sent;
}

describe('trackStates: the clocks of a row', () => {
  it('starts a clock at the first run that sees its rule hold, and keeps it while it holds', () => {
    const first = trackStates({}, ['a'], T0);
    expect(first).toEqual({ a: { since: T0, last: 0, count: 0 } });
    // Later runs that see it hold (whatever else changed in the row) keep it as it is.
    expect(trackStates(first, ['a'], T0 + HOUR)).toEqual(first);
    expect(sameStates(trackStates(first, ['a'], T0 + HOUR), first)).toBe(true);
  });

  it('drops the clock of a rule that no longer holds: if it holds again, it starts over', () => {
    const counted = { a: { since: T0, last: T0, count: 1 }, b: { since: T0, last: 0, count: 0 } };
    const stopped = trackStates(counted, ['b'], T0 + HOUR);
    expect(stopped).toEqual({ b: counted.b });
    expect(trackStates(stopped, ['a', 'b'], T0 + 2 * HOUR)).toEqual({
      a: { since: T0 + 2 * HOUR, last: 0, count: 0 },
      b: counted.b,
    });
  });
});

describe('dueAt and fired', () => {
  it('is due `after` the clock started; without `every`, once only', () => {
    const state = { since: T0, last: 0, count: 0 };
    expect(dueAt(once, state)).toBe(T0 + 30 * MIN);
    expect(dueAt(once, fired(once, state, T0 + 31 * MIN))).toBe(Infinity);
  });

  it('fires once at the first run at or after 30 minutes, never again (runs every 5 minutes)', () => {
    expect(remindersOver(once, T0 + DAY, (i) => T0 + i * 5 * MIN)).toEqual([T0 + 30 * MIN]);
  });

  it('with `every`, again every `every` after the previous one was due, while it holds', () => {
    expect(remindersOver(hourly, T0 + 3 * HOUR, (i) => T0 + i * 5 * MIN)).toEqual([
      T0,
      T0 + HOUR,
      T0 + 2 * HOUR,
      T0 + 3 * HOUR,
    ]);
  });

  it('keeps a daily reminder at its time of day whatever the runs’ jitter (no drift)', () => {
    // Runs every 5 minutes, each a few seconds to a few minutes late.
    const jitter = (i: number) => ((i * 7919) % 180) * 1000;
    const sent = remindersOver(daily, T0 + 30 * DAY, (i) => T0 + i * 5 * MIN + jitter(i));
    expect(sent).toHaveLength(31);
    sent.forEach((t, day) => {
      expect(t - (T0 + day * DAY)).toBeGreaterThanOrEqual(0);
      expect(t - (T0 + day * DAY)).toBeLessThan(5 * MIN + 3 * MIN);
    });
  });

  it('measures from the previous reminder: after runs were lost, one reminder, then `every` after it', () => {
    const state = { since: T0, last: T0, count: 1 };
    // Due at 10:00; no run until 13:20: one reminder then, the next at 14:20, not a burst.
    const late = fired(hourly, state, T0 + 4 * HOUR + 20 * MIN);
    expect(late).toEqual({ since: T0, last: T0 + 4 * HOUR + 20 * MIN, count: 2 });
    expect(dueAt(hourly, late)).toBe(T0 + 5 * HOUR + 20 * MIN);
    // On time (a few minutes late): the next keeps the hour.
    const onTime = fired(hourly, state, T0 + HOUR + 4 * MIN);
    expect(onTime).toEqual({ since: T0, last: T0 + HOUR, count: 2 });
  });
});

describe('afterReminder', () => {
  const reminder = { rule: 'a', since: T0, last: T0 + HOUR, count: 2 };

  it('counts a reminder once it is in', () => {
    const states = { a: { since: T0, last: T0, count: 1 } };
    expect(afterReminder(states, reminder)).toEqual({
      a: { since: T0, last: T0 + HOUR, count: 2 },
    });
    expect(states.a.count).toBe(1);
  });

  it('leaves a clock that stopped, started over or already counted it as it is', () => {
    expect(afterReminder({}, reminder)).toEqual({});
    const restarted = { a: { since: T0 + 2 * HOUR, last: 0, count: 0 } };
    expect(afterReminder(restarted, reminder)).toEqual(restarted);
    const counted = { a: { since: T0, last: T0 + HOUR, count: 2 } };
    expect(afterReminder(counted, reminder)).toBe(counted);
  });
});

describe('reminderRuleIds', () => {
  const when = (column: string, value: string): Condition[] => [
    { column, op: 'equals', value, path: 'x' },
  ];

  it('derives each id from the rule’s conditions: order, case of the column and path do not matter', () => {
    const [a, b] = reminderRuleIds([when('Status', 'New'), when('Due', 'x')]);
    const [b2, a2] = reminderRuleIds([when('Due', 'x'), when(' status ', 'New')]);
    expect([a2, b2]).toEqual([a, b]);
    expect(a).not.toBe(b);
    expect(reminderRuleIds([when('Status', 'Open')])[0]).not.toBe(a);
  });

  it('tells rules with the same conditions apart by their order among themselves', () => {
    const [a, b, c] = reminderRuleIds([
      when('Status', 'New'),
      when('Due', 'x'),
      when('Status', 'New'),
    ]);
    expect(c).toBe(`${a}~2`);
    expect(b).not.toBe(a);
  });
});
