import { Condition } from '../../src/config/conditions';
import { ConfigProblem } from '../../src/config/problems';
import {
  describeConditions,
  durationWords,
  parseDuration,
  parseReminders,
} from '../../src/config/reminders';
import { parseSettings } from '../../src/config/settings';

const MIN = 60000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The parsed rules of `reminders` at the top level, or the problems' texts. */
function parse(value: unknown) {
  const parsed = parseSettings(JSON.stringify({ reminders: value }));
  return parsed.ok ? { rules: parsed.value.defaults.reminders } : { problems: texts(parsed.error) };
}

const texts = (problems: ConfigProblem[]) => problems.map((p) => p.text);

/** The problems of a configuration, as `path: message`. */
function at(config: unknown): string[] {
  const parsed = parseSettings(JSON.stringify(config));
  if (parsed.ok) throw new Error(`expected problems with ${JSON.stringify(config)}`);
  return parsed.error.map((p) => `${p.path}: ${p.message}`);
}

describe('reminders: the rules', () => {
  it('reads the issue’s two examples: after, every, the mention, and no text (the default)', () => {
    const parsed = parse([
      { when: { column: 'Status', equals: 'New' }, after: '30m', mention: 'users/123' },
      {
        when: [
          { column: 'Due', equals: 'x' },
          { column: 'Status', notEquals: 'Done' },
        ],
        every: '1d',
        mention: ['users/7', 'all'],
        text: 'Past due: {{ID}}, for {{_since}}',
      },
    ]);
    expect('rules' in parsed).toBe(true);
    const [first, second] = (parsed as { rules: ReturnType<typeof Object> }).rules as Array<{
      afterMs: number;
      everyMs: number | null;
      mentions: string[];
      text: { source: string } | null;
      path: string;
      when: Condition[];
    }>;
    expect(first).toMatchObject({
      afterMs: 30 * MIN,
      everyMs: null,
      mentions: ['users/123'],
      text: null,
      path: 'reminders[0]',
    });
    expect(first.when).toEqual([
      { column: 'Status', op: 'equals', value: 'New', path: 'reminders[0].when' },
    ]);
    expect(second).toMatchObject({
      afterMs: 0,
      everyMs: DAY,
      mentions: ['users/7', 'all'],
      path: 'reminders[1]',
    });
    expect(second.text && second.text.source).toBe('Past due: {{ID}}, for {{_since}}');
    expect(second.when.map((c) => c.path)).toEqual([
      'reminders[1].when[0]',
      'reminders[1].when[1]',
    ]);
  });

  it('is a per-sheet key: a top-level default, and each entry of "sheets" its own', () => {
    const parsed = parseSettings(
      JSON.stringify({
        reminders: [{ when: { column: 'Status', equals: 'New' } }],
        sheets: [
          { sheet: 'Tickets' },
          { sheet: 'Orders', reminders: [{ when: { column: 'Paid', empty: true }, every: '4h' }] },
        ],
      }),
    );
    if (!parsed.ok) throw new Error(texts(parsed.error).join('\n'));
    const [tickets, orders] = parsed.value.sheets ?? [];
    expect(tickets.settings.reminders.map((r) => r.path)).toEqual(['reminders[0]']);
    expect(orders.settings.reminders.map((r) => [r.path, r.everyMs])).toEqual([
      ['sheets[1].reminders[0]', 4 * HOUR],
    ]);
    expect(orders.settings.paths.reminders).toBe('sheets[1].reminders');
  });

  it('names the value, the key path and the sheet of a malformed duration', () => {
    const config = {
      sheets: [
        {
          sheet: 'Tickets',
          reminders: [{ when: { column: 'Status', equals: 'New' }, after: '30 min', every: '1w' }],
        },
      ],
    };
    const parsed = parseSettings(JSON.stringify(config));
    expect(parsed.ok ? [] : texts(parsed.error)).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[0].reminders[0].after" (sheet "Tickets") must be a duration such as "30m", "4h" or "1d" (a whole number and m, h or d), not "30 min" (did you mean "30m"?)',
      'CHAT_RELAY_CONFIG key "sheets[0].reminders[0].every" (sheet "Tickets") must be a duration of more than 0 such as "30m", "4h" or "1d" (a whole number and m, h or d), not "1w"',
    ]);
  });

  it.each([
    ['after', '2 hours', 'not "2 hours" (did you mean "2h"?)'],
    ['after', '-5m', 'not "-5m"'],
    ['after', '1.5h', 'not "1.5h"'],
    ['after', 30, 'not 30'],
    ['after', '', 'not ""'],
    ['every', '0m', 'not "0m"'],
    ['every', 'daily', 'not "daily"'],
  ])('refuses %s: %j', (key, value, end) => {
    const problems = at({ reminders: [{ when: { column: 'S', equals: 'x' }, [key]: value }] });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^reminders\\[0\\]\\.${key}: must be a duration`));
    expect(problems[0].endsWith(end)).toBe(true);
  });

  it('refuses a rule without "when", an unknown key, a bad mention, a bad text and a bad condition', () => {
    expect(at({ reminders: {} })).toEqual([
      'reminders: must be an array of {"when": …, "after": "30m", "every": "1d", "mention": …, "text": …}, not an object',
    ]);
    expect(at({ reminders: [{ after: '30m' }] })).toEqual([
      'reminders[0]: must be {"when": condition, "after": "30m", "every": "1d", "mention": …, "text": …} ("when" required), not an object',
    ]);
    const when = { column: 'S', equals: 'x' };
    expect(at({ reminders: [{ when, evry: '1d' }] })).toEqual([
      'reminders[0]: has an unknown key "evry" (known keys: when, after, every, mention, text)',
    ]);
    expect(at({ reminders: [{ when, mention: '@ana' }] })).toEqual([
      'reminders[0].mention: must be "all", "users/<numeric id>", "{{Column}}" (a column of e-mail addresses, looked up in "people") or an array of them, not "@ana"',
    ]);
    expect(at({ reminders: [{ when, text: 'Still {{Status}' }] })).toEqual([
      'reminders[0].text: has an unclosed placeholder: write {{Header}} with two braces on each side',
    ]);
    expect(at({ reminders: [{ when: { column: 'S', eq: 'x' } }] })).toEqual([
      'reminders[0].when: has an unknown operator "eq" (operators: equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan)',
    ]);
  });
});

describe('parseDuration', () => {
  it('reads minutes, hours and days of 24 hours; "0m" only where zero is allowed', () => {
    const problems: ConfigProblem[] = [];
    expect(parseDuration('0m', 'after', problems)).toBe(0);
    expect(parseDuration(' 45m ', 'after', problems)).toBe(45 * MIN);
    expect(parseDuration('4h', 'after', problems)).toBe(4 * HOUR);
    expect(parseDuration('2d', 'after', problems)).toBe(2 * DAY);
    expect(problems).toEqual([]);
    expect(parseDuration('0m', 'every', problems, true)).toBeNull();
    expect(parseDuration('4H', 'after', problems)).toBeNull();
    expect(problems.map((p) => p.path)).toEqual(['every', 'after']);
  });
});

describe('describeConditions and durationWords', () => {
  const c = (column: string, op: string, value: unknown) =>
    ({ column, op, value, path: '' }) as unknown as Condition;

  it('says a rule in words, its columns as the sheet names them', () => {
    expect(describeConditions([c('Status', 'equals', 'New')])).toBe('Status is New');
    expect(
      describeConditions([c('Team', 'in', ['Infra', 'WAN']), c('Status', 'notEquals', 'Done')]),
    ).toBe('Team is one of Infra, WAN and Status is not Done');
    expect(describeConditions([c('Owner', 'empty', true), c('Paid', 'empty', false)])).toBe(
      'Owner is empty and Paid is not empty',
    );
    expect(describeConditions([c('Title', 'matches', '^urgent')])).toBe('Title matches ^urgent');
  });

  it('says how long in the largest whole unit', () => {
    expect(durationWords(0)).toBe('less than a minute');
    expect(durationWords(59999)).toBe('less than a minute');
    expect(durationWords(MIN)).toBe('1 minute');
    expect(durationWords(35 * MIN)).toBe('35 minutes');
    expect(durationWords(2 * HOUR + 59 * MIN)).toBe('2 hours');
    expect(durationWords(DAY + 23 * HOUR)).toBe('1 day');
    expect(durationWords(3 * DAY)).toBe('3 days');
  });
});

describe('parseReminders on its own', () => {
  it('reads mentions with the parser it is given', () => {
    const problems: ConfigProblem[] = [];
    const seen: unknown[] = [];
    const rules = parseReminders(
      [{ when: { column: 'S', equals: 'x' }, mention: '{{Owner}}' }],
      'reminders',
      problems,
      {
        mention: (value) => (seen.push(value), { mentions: ['users/42'], columns: [] }),
        extraKeys: () => undefined,
      },
    );
    expect(problems).toEqual([]);
    expect(seen).toEqual(['{{Owner}}']);
    expect(rules && rules[0].mentions).toEqual(['users/42']);
  });
});
