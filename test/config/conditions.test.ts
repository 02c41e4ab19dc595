import {
  CONDITION_LABELS,
  CONDITION_OPS,
  Condition,
  ConditionTime,
  conditionTime,
  conditionsHold,
  conditionsMayHold,
  conditionsNeedTypedValues,
  parseConditions,
} from '../../src/config/conditions';
import { ConfigProblem } from '../../src/config/problems';
import { zone } from '../support/tables';

const OPERATORS =
  'equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan';

function parse(value: unknown, path = 'sendWhen') {
  const problems: ConfigProblem[] = [];
  const conditions = parseConditions(value, path, problems);
  return { conditions, problems };
}

function conditions(value: unknown): Condition[] {
  const parsed = parse(value);
  if (!parsed.conditions) throw new Error(parsed.problems.map((p) => p.text).join('; '));
  return parsed.conditions;
}

const UTC_NOON = conditionTime(Date.UTC(2026, 2, 10, 12), zone('Etc/UTC'));

/** Whether the conditions hold for a row given as header → display value. */
function holds(value: unknown, row: { [header: string]: string }): boolean {
  return conditionsHold(
    conditions(value),
    { valueOf: (column) => row[column] ?? '', typedOf: () => undefined },
    UTC_NOON,
  );
}

describe('parseConditions', () => {
  it('reads one condition of each operator, trimming the column', () => {
    expect(CONDITION_OPS.join(', ')).toBe(OPERATORS);
    expect(conditions({ column: ' Status ', equals: 'Open' })).toEqual([
      { column: 'Status', op: 'equals', value: 'Open', path: 'sendWhen' },
    ]);
    expect(conditions({ column: 'S', notEquals: 'x' })[0]).toMatchObject({ op: 'notEquals' });
    expect(conditions({ column: 'S', in: ['a', 'b'] })[0]).toMatchObject({
      op: 'in',
      value: ['a', 'b'],
    });
    expect(conditions({ column: 'S', notIn: [] })[0]).toMatchObject({ op: 'notIn', value: [] });
    expect(conditions({ column: 'S', empty: false })[0]).toMatchObject({
      op: 'empty',
      value: false,
    });
    const matches = conditions({ column: 'S', matches: '^P[0-9]$' })[0];
    expect(matches).toMatchObject({ op: 'matches', value: '^P[0-9]$' });
    expect(matches.op === 'matches' && matches.regex.flags).toBe('i');
  });

  it('reads an array of conditions, each with its own path', () => {
    expect(
      conditions([
        { column: 'A', equals: 'x' },
        { column: 'B', empty: true },
      ]).map((c) => c.path),
    ).toEqual(['sendWhen[0]', 'sendWhen[1]']);
  });

  it.each<[string, unknown, string, string]>([
    [
      'not an object',
      'Status = Open',
      'sendWhen',
      'must be a condition such as {"column": "Status", "equals": "Open"}, not "Status = Open"',
    ],
    ['no column', { equals: 'x' }, 'sendWhen.column', 'must name a column header, not undefined'],
    [
      'a blank column',
      { column: ' ', equals: 'x' },
      'sendWhen.column',
      'must name a column header, not " "',
    ],
    [
      'no operator',
      { column: 'S' },
      'sendWhen',
      `must have exactly one operator (${OPERATORS}), not 0`,
    ],
    [
      'two operators',
      { column: 'S', equals: 'a', notEquals: 'b' },
      'sendWhen',
      `must have exactly one operator (${OPERATORS}), not 2`,
    ],
    [
      'an unknown operator',
      { column: 'S', equal: 'a' },
      'sendWhen',
      `has an unknown operator "equal" (did you mean "equals"?) (operators: ${OPERATORS})`,
    ],
    ['equals a number', { column: 'S', equals: 3 }, 'sendWhen.equals', 'must be a string, not 3'],
    [
      'in a string',
      { column: 'S', in: 'a' },
      'sendWhen.in',
      'must be an array of strings, not "a"',
    ],
    [
      'notIn numbers',
      { column: 'S', notIn: [1] },
      'sendWhen.notIn',
      'must be an array of strings, not an array',
    ],
    [
      'empty "yes"',
      { column: 'S', empty: 'yes' },
      'sendWhen.empty',
      'must be true or false, not "yes"',
    ],
    [
      'matches a number',
      { column: 'S', matches: 1 },
      'sendWhen.matches',
      'must be a regular expression in a string, not 1',
    ],
  ])('refuses %s, at its path', (_name, value, path, message) => {
    const { conditions: parsed, problems } = parse(value);
    expect(parsed).toBeNull();
    expect(problems).toEqual([
      { path, message, text: `CHAT_RELAY_CONFIG key "${path}" ${message}` },
    ]);
  });

  it('refuses a bad regular expression, quoting the engine', () => {
    const { conditions: parsed, problems } = parse({ column: 'S', matches: '(' });
    expect(parsed).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('sendWhen.matches');
    expect(problems[0].message).toMatch(/^is not a valid regular expression: .*Unterminated group/);
  });

  it('refuses an empty array, and names the entry of an array that is wrong', () => {
    expect(parse([]).problems.map((p) => p.text)).toEqual([
      'CHAT_RELAY_CONFIG key "sendWhen" must hold at least one condition',
    ]);
    expect(
      parse([{ column: 'A', equals: 'x' }, { column: 'B' }], 'routes[0].when').problems.map(
        (p) => p.path,
      ),
    ).toEqual(['routes[0].when[1]']);
  });

  it('reports every problem of every condition at once', () => {
    const { problems } = parse([{ equals: 1 }, { column: 'B', emptty: true }]);
    expect(problems.map((p) => p.path)).toEqual([
      'sendWhen[0].column',
      'sendWhen[0].equals',
      'sendWhen[1]',
    ]);
  });
});

describe('conditionsHold', () => {
  it('equals and notEquals compare trimmed values, ignoring case', () => {
    expect(holds({ column: 'Status', equals: 'Open' }, { Status: '  open ' })).toBe(true);
    expect(holds({ column: 'Status', equals: ' OPEN ' }, { Status: 'Open' })).toBe(true);
    expect(holds({ column: 'Status', equals: 'Open' }, { Status: 'Opened' })).toBe(false);
    expect(holds({ column: 'Status', notEquals: 'closed' }, { Status: ' Closed' })).toBe(false);
    expect(holds({ column: 'Status', notEquals: 'closed' }, { Status: 'Open' })).toBe(true);
  });

  it('in and notIn look for the trimmed value in the list, ignoring case', () => {
    expect(holds({ column: 'P', in: ['P1', ' p2 '] }, { P: 'P2' })).toBe(true);
    expect(holds({ column: 'P', in: ['P1', 'P2'] }, { P: 'P3' })).toBe(false);
    expect(holds({ column: 'P', notIn: ['p1'] }, { P: ' P1 ' })).toBe(false);
    expect(holds({ column: 'P', notIn: ['P1'] }, { P: 'P3' })).toBe(true);
    expect(holds({ column: 'P', in: [] }, { P: 'P3' })).toBe(false);
  });

  it('matches tests the trimmed value, ignoring case', () => {
    expect(holds({ column: 'T', matches: '^urgent' }, { T: '  URGENT: printer' })).toBe(true);
    expect(holds({ column: 'T', matches: 'printer$' }, { T: 'URGENT: printer  ' })).toBe(true);
    expect(holds({ column: 'T', matches: '^urgent' }, { T: 'not urgent' })).toBe(false);
  });

  it('empty holds for a blank cell (spaces only count as blank)', () => {
    expect(holds({ column: 'Owner', empty: true }, { Owner: '   ' })).toBe(true);
    expect(holds({ column: 'Owner', empty: true }, { Owner: 'Ana' })).toBe(false);
    expect(holds({ column: 'Owner', empty: false }, { Owner: 'Ana' })).toBe(true);
    expect(holds({ column: 'Owner', empty: false }, {})).toBe(false);
  });

  it('an array holds when all of its conditions hold', () => {
    const both = [
      { column: 'Status', equals: 'Open' },
      { column: 'Priority', in: ['P1', 'P2'] },
    ];
    expect(holds(both, { Status: 'Open', Priority: 'P1' })).toBe(true);
    expect(holds(both, { Status: 'Open', Priority: 'P3' })).toBe(false);
    expect(holds(both, { Status: 'Closed', Priority: 'P1' })).toBe(false);
  });

  it('reads each column through valueOf, by the header as configured', () => {
    const asked: string[] = [];
    conditionsHold(
      conditions([
        { column: 'A', equals: 'x' },
        { column: 'B', empty: true },
      ]),
      {
        valueOf: (c) => {
          asked.push(c);
          return 'x';
        },
        typedOf: () => {
          throw new Error('a text condition never reads a typed value');
        },
      },
      UTC_NOON,
    );
    expect(asked).toEqual(['A', 'B']);
  });
});

describe('date conditions: parsed values', () => {
  const FORMS =
    '"today", "now", "today+3d", "today-1d", "now-30m", "now+4h" (units m, h, d), an ISO date ("2026-12-24") or date-time ("2026-12-24T18:00")';

  it('reads today, now, their offsets and ISO dates and date-times', () => {
    const read = (value: string) => {
      const c = conditions({ column: 'Due', before: value })[0];
      return c.op === 'before' ? c.date : null;
    };
    expect(read('today')).toEqual({ kind: 'today', days: 0 });
    expect(read(' Today + 3d ')).toEqual({ kind: 'today', days: 3 });
    expect(read('today-1d')).toEqual({ kind: 'today', days: -1 });
    expect(read('now')).toEqual({ kind: 'now', ms: 0 });
    expect(read('now-30m')).toEqual({ kind: 'now', ms: -30 * 60000 });
    expect(read('now+4h')).toEqual({ kind: 'now', ms: 4 * 3600000 });
    expect(read('now+2d')).toEqual({ kind: 'now', ms: 2 * 86400000 });
    expect(read('2026-12-24')).toEqual({ kind: 'date', day: Date.UTC(2026, 11, 24) / 86400000 });
    expect(read('2026-12-24T18:00')).toEqual({
      kind: 'dateTime',
      wall: Date.UTC(2026, 11, 24, 18),
      offsetMinutes: null,
    });
    expect(read('2026-12-24T18:00:30+05:30')).toEqual({
      kind: 'dateTime',
      wall: Date.UTC(2026, 11, 24, 18, 0, 30),
      offsetMinutes: 330,
    });
    expect(read('2026-12-24T18:00Z')).toMatchObject({ offsetMinutes: 0 });
    (['after', 'onOrBefore', 'onOrAfter'] as const).forEach((op) =>
      expect(conditions({ column: 'Due', [op]: 'today' })[0]).toMatchObject({ op, value: 'today' }),
    );
  });

  it.each<[unknown, string]>([
    ['tomorrow', `must be ${FORMS}, not "tomorrow"`],
    ['today+3w', 'is "today+3w", which counts in m, h or d (minutes, hours, days), not "w"'],
    ['12/24', `must be ${FORMS}, not "12/24"`],
    ['a lot', `must be ${FORMS}, not "a lot"`],
    [
      'today+4h',
      'is "today+4h", which counts whole days from today ("today+1d"): "now+4h" counts hours from now',
    ],
    ['2026-02-30', `must be ${FORMS}, not "2026-02-30"`],
    ['2026-12-24T24:00', `must be ${FORMS}, not "2026-12-24T24:00"`],
    ['2026-12-24T18:00+25:00', `must be ${FORMS}, not "2026-12-24T18:00+25:00"`],
    [20261224, `must be a date in a string: ${FORMS}, not 20261224`],
  ])('refuses %j, naming the value and its path', (value, message) => {
    const { conditions: parsed, problems } = parse([{ column: 'Due', onOrAfter: value }]);
    expect(parsed).toBeNull();
    expect(problems.map((p) => [p.path, p.message])).toEqual([['sendWhen[0].onOrAfter', message]]);
  });

  it('takes a number for greaterThan and lessThan, and refuses anything else', () => {
    expect(conditions({ column: 'Amount', greaterThan: 1.5 })[0]).toMatchObject({
      op: 'greaterThan',
      value: 1.5,
    });
    expect(conditions({ column: 'Amount', lessThan: -3 })[0]).toMatchObject({ value: -3 });
    const refused = (value: unknown) =>
      parse({ column: 'Amount', greaterThan: value }).problems.map((p) => [p.path, p.message]);
    expect(refused('a lot')).toEqual([['sendWhen.greaterThan', 'must be a number, not "a lot"']]);
    expect(refused('5')).toEqual([
      ['sendWhen.greaterThan', 'must be a number, written without quotes (5), not "5"'],
    ]);
    expect(refused(true)).toEqual([['sendWhen.greaterThan', 'must be a number, not true']]);
  });

  it('labels every operator for the sidebar, and says which need typed values', () => {
    expect(CONDITION_OPS.every((op) => typeof CONDITION_LABELS[op] === 'string')).toBe(true);
    expect(CONDITION_LABELS.onOrBefore).toBe('is a date on or before');
    expect(CONDITION_LABELS.greaterThan).toBe('is a number greater than');
    expect(conditionsNeedTypedValues(conditions({ column: 'S', equals: 'x' }))).toBe(false);
    expect(conditionsNeedTypedValues(conditions({ column: 'D', after: 'now' }))).toBe(true);
    expect(conditionsNeedTypedValues(conditions({ column: 'A', lessThan: 3 }))).toBe(true);
  });
});

describe('date and number conditions: compared with the cell typed value', () => {
  /** Whether the condition holds for one cell whose typed value is `cell`, at `time`. */
  function holdsFor(value: unknown, cell: unknown, time: ConditionTime): boolean {
    return conditionsHold(
      conditions(value),
      { valueOf: () => String(cell), typedOf: () => cell },
      time,
    );
  }
  const at = (ms: number) => new Date(ms);

  // 2026-03-10 06:30 UTC is still 2026-03-09 23:30 in Los Angeles (PDT, UTC-7): "today" is the 9th there.
  const LA = conditionTime(Date.UTC(2026, 2, 10, 6, 30), zone('America/Los_Angeles'));
  const NOON_9TH = at(Date.UTC(2026, 2, 9, 19)); // 12:00 on the 9th in LA, 19:00 UTC
  const LATE_8TH = at(Date.UTC(2026, 2, 9, 6, 59)); // 23:59 on the 8th in LA
  const START_10TH = at(Date.UTC(2026, 2, 10, 7)); // 00:00 on the 10th in LA
  const EVENING = at(Date.UTC(2026, 2, 10, 6, 10)); // 23:10 on the 9th in LA

  const ops = (value: string, cell: Date, time = LA) =>
    (['before', 'onOrBefore', 'onOrAfter', 'after'] as const)
      .filter((op) => holdsFor({ column: 'Due', [op]: value }, cell, time))
      .join(' ');

  it('against today, compares calendar days in the spreadsheet time zone', () => {
    expect(ops('today', NOON_9TH)).toBe('onOrBefore onOrAfter');
    expect(ops('today', LATE_8TH)).toBe('before onOrBefore');
    expect(ops('today', START_10TH)).toBe('onOrAfter after');
    expect(ops('today-1d', LATE_8TH)).toBe('onOrBefore onOrAfter');
    expect(ops('today+1d', START_10TH)).toBe('onOrBefore onOrAfter');
    expect(ops('today+1d', NOON_9TH)).toBe('before onOrBefore');
    expect(ops('2026-03-09', NOON_9TH)).toBe('onOrBefore onOrAfter');
    expect(ops('2026-03-09', START_10TH)).toBe('onOrAfter after');
  });

  it('against now or a date-time, compares instants', () => {
    expect(ops('now', NOON_9TH)).toBe('before onOrBefore');
    expect(ops('now', at(LA.now))).toBe('onOrBefore onOrAfter');
    expect(ops('now-30m', EVENING)).toBe('onOrAfter after');
    expect(ops('now-4h', NOON_9TH)).toBe('before onOrBefore');
    expect(ops('now+4h', START_10TH)).toBe('before onOrBefore');
    // 23:00 on the 9th in the spreadsheet's time zone is 06:00 UTC on the 10th.
    const midnightUtc = at(Date.UTC(2026, 2, 10));
    expect(ops('2026-03-09T23:00', midnightUtc)).toBe('before onOrBefore');
    expect(ops('2026-03-09T23:00Z', midnightUtc)).toBe('onOrAfter after');
    expect(ops('2026-03-10T01:00+01:00', midnightUtc)).toBe('onOrBefore onOrAfter');
  });

  it('counts a day by its own length across a change of offset (a 23-hour day in Paris)', () => {
    // Paris moves from UTC+1 to UTC+2 on 2026-03-29; "now" is a week earlier, at UTC+1.
    const paris = conditionTime(Date.UTC(2026, 2, 22, 12), zone('Europe/Paris'));
    const lateOn29th = at(Date.UTC(2026, 2, 29, 21, 30)); // 23:30 CEST
    const earlyOn30th = at(Date.UTC(2026, 2, 29, 22, 10)); // 00:10 CEST
    const earlyOn29th = at(Date.UTC(2026, 2, 28, 23, 30)); // 00:30 CET
    const lateOn28th = at(Date.UTC(2026, 2, 28, 22, 50)); // 23:50 CET
    expect(ops('2026-03-29', lateOn29th, paris)).toBe('onOrBefore onOrAfter');
    expect(ops('2026-03-29', earlyOn30th, paris)).toBe('onOrAfter after');
    expect(ops('2026-03-29', earlyOn29th, paris)).toBe('onOrBefore onOrAfter');
    expect(ops('2026-03-29', lateOn28th, paris)).toBe('before onOrBefore');
    expect(ops('today+7d', lateOn29th, paris)).toBe('onOrBefore onOrAfter');
  });

  it('never matches a cell that is not a date', () => {
    ['2026-03-09', 46090, '', undefined, true, new Date(NaN)].forEach((cell) =>
      (['before', 'onOrBefore', 'onOrAfter', 'after'] as const).forEach((op) => {
        expect(holdsFor({ column: 'Due', [op]: 'today' }, cell, LA)).toBe(false);
        expect(holdsFor({ column: 'Due', [op]: 'now' }, cell, LA)).toBe(false);
      }),
    );
  });

  it('greaterThan and lessThan compare a number, and never match anything else', () => {
    const gt = (cell: unknown) => holdsFor({ column: 'Amount', greaterThan: 10 }, cell, LA);
    const lt = (cell: unknown) => holdsFor({ column: 'Amount', lessThan: 0 }, cell, LA);
    expect([gt(10.5), gt(10), gt(-11)]).toEqual([true, false, false]);
    expect([lt(-0.5), lt(0), lt(3)]).toEqual([true, false, false]);
    [' 11', '11', NOON_9TH, undefined, true, NaN, Infinity].forEach((cell) =>
      expect(gt(cell)).toBe(false),
    );
  });

  it('asks the time zone a few times per run, whatever the number of rows', () => {
    let asked = 0;
    const la = zone('America/Los_Angeles');
    const time = conditionTime(Date.UTC(2026, 2, 10, 6, 30), {
      ...la,
      format: (ms, pattern, other) => (asked++, la.format(ms, pattern, other)),
    });
    const list = conditions([
      { column: 'Due', onOrAfter: 'today-3d' },
      { column: 'Due', before: '2026-03-09T23:00' },
    ]);
    for (let i = 0; i < 1000; i++) {
      const cell = at(Date.UTC(2026, 2, 9, 12) - i * 60000);
      conditionsHold(list, { valueOf: () => '', typedOf: () => cell }, time);
    }
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(6);
  });

  it('conditionsMayHold takes date and number conditions as holding, text ones as they are', () => {
    const list = conditions([
      { column: 'Due', before: 'today' },
      { column: 'Status', equals: 'Open' },
    ]);
    const row = (status: string) => ({ valueOf: () => status, typedOf: () => undefined });
    expect(conditionsMayHold(list, row('Open'))).toBe(true);
    expect(conditionsMayHold(list, row('Closed'))).toBe(false);
    expect(conditionsHold(list, row('Open'), LA)).toBe(false);
  });
});
