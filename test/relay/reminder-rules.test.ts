import { ConditionRow, conditionTime } from '../../src/config/conditions';
import { ReminderRule } from '../../src/config/reminders';
import { boundReminders, holdingReminders, reminderMentions } from '../../src/relay/reminder-rules';
import { reminderRuleIds } from '../../src/relay/reminder-schedule';
import { RowMentions } from '../../src/relay/rules';
import { sheetSettings, zone } from '../support/tables';

const NOW = Date.UTC(2026, 2, 10, 9, 0);
const TIME = conditionTime(NOW, zone('Etc/UTC'));

/** The reminder rules of a sheet's settings, as configured (columns as written). */
function rulesOf(reminders: unknown[]): ReminderRule[] {
  return sheetSettings({ reminders }).reminders;
}

/** A row given as column → display value, and column → typed value. */
function row(
  values: { [column: string]: string },
  typed: { [column: string]: unknown } = {},
): ConditionRow {
  return { valueOf: (c) => values[c] ?? '', typedOf: (c) => typed[c] };
}

const NOBODY = (): RowMentions => ({ mentions: [], notFound: [], unreadable: null });

const RULES = rulesOf([
  { when: { column: 'Status', equals: 'New' }, after: '30m', mention: 'users/123' },
  {
    when: [
      { column: 'Due', before: 'now' },
      { column: 'Owner', empty: true },
    ],
    every: '1h',
  },
  { when: { column: 'Status', equals: 'New' }, every: '1d' },
]);

describe('boundReminders', () => {
  it('keeps each rule as configured, with its stable id and its condition in words', () => {
    const bound = boundReminders(RULES, TIME, () => NOBODY);
    expect(bound.map((r) => [r.path, r.afterMs, r.everyMs, r.words])).toEqual([
      ['reminders[0]', 30 * 60000, null, 'Status is New'],
      ['reminders[1]', 0, 3600000, 'Due is a date before now and Owner is empty'],
      ['reminders[2]', 0, 86400000, 'Status is New'],
    ]);
    const ids = reminderRuleIds(RULES.map((r) => r.when));
    expect(bound.map((r) => r.id)).toEqual(ids);
    // Two rules on the same condition have ids of their own.
    expect(bound[2].id).toBe(`${bound[0].id}~2`);
    expect(bound[0].mentions).toEqual(['users/123']);
  });

  it('says whether a rule holds for a row at the run’s time, typed values included', () => {
    const bound = boundReminders(RULES, TIME, () => NOBODY);
    const overdue = row({ Status: 'Open', Owner: '' }, { Due: new Date(NOW - 1) });
    const notYet = row({ Status: 'Open', Owner: '' }, { Due: new Date(NOW) });
    expect(bound.map((r) => r.holds(row({ Status: ' new ' })))).toEqual([true, false, true]);
    expect(bound.map((r) => r.holds(overdue))).toEqual([false, true, false]);
    expect(bound.map((r) => r.holds(notYet))).toEqual([false, false, false]);
    // The same row, later: "now" is the run's.
    const later = boundReminders(RULES, conditionTime(NOW + 5000, zone('Etc/UTC')), () => NOBODY);
    expect(later[1].holds(notYet)).toBe(true);
  });

  it('asks whom each rule pings of the function given for that rule', () => {
    const asked: string[] = [];
    const bound = boundReminders(RULES, TIME, (rule) => (r) => {
      asked.push(`${rule.path}:${r.valueOf('Owner')}`);
      return { mentions: rule.mentions, notFound: [], unreadable: null };
    });
    expect(bound[1].whom(row({ Owner: 'ana' }))).toEqual({
      mentions: [],
      notFound: [],
      unreadable: null,
    });
    expect(bound[0].whom(row({ Owner: 'bo' })).mentions).toEqual(['users/123']);
    expect(asked).toEqual(['reminders[1]:ana', 'reminders[0]:bo']);
  });
});

describe('holdingReminders', () => {
  it('keeps the rules that hold for the row, in order', () => {
    const bound = boundReminders(RULES, TIME, () => NOBODY);
    expect(holdingReminders(bound, row({ Status: 'New' }))).toEqual([bound[0], bound[2]]);
    expect(holdingReminders(bound, row({ Status: 'Closed', Owner: 'ana' }))).toEqual([]);
    expect(holdingReminders([], row({ Status: 'New' }))).toEqual([]);
  });
});

describe('reminderMentions', () => {
  const ruleWhom = (who: RowMentions) => boundReminders(RULES, TIME, () => () => who)[0];

  it('gives the mentions, and no note when everyone could be pinged', () => {
    const who = { mentions: ['users/123', 'users/456'], notFound: [], unreadable: null };
    expect(reminderMentions(ruleWhom(who), row({}))).toEqual({
      mentions: ['users/123', 'users/456'],
      note: '',
    });
  });

  it('names the addresses the people directory does not list', () => {
    const who: RowMentions = {
      mentions: ['users/123'],
      notFound: [{ label: 'Owner', address: 'ana@example.com', directory: 'People' }],
      unreadable: null,
    };
    expect(reminderMentions(ruleWhom(who), row({}))).toEqual({
      mentions: ['users/123'],
      note: 'Owner ana@example.com has no Chat ID in People',
    });
  });

  it('says so when the people directory cannot be read', () => {
    const who: RowMentions = {
      mentions: ['users/123'],
      notFound: [{ label: 'Owner', address: 'ana@example.com', directory: 'People' }],
      unreadable: 'sheet "People" does not exist',
    };
    expect(reminderMentions(ruleWhom(who), row({}))).toEqual({
      mentions: ['users/123'],
      note: 'Not pinged: the people directory cannot be read (sheet "People" does not exist)',
    });
  });
});
