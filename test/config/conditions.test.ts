import {
  CONDITION_OPS,
  Condition,
  conditionsHold,
  parseConditions,
} from '../../src/config/conditions';
import { ConfigProblem } from '../../src/config/problems';

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

/** Whether the conditions hold for a row given as header → display value. */
function holds(value: unknown, row: { [header: string]: string }): boolean {
  return conditionsHold(conditions(value), (column) => row[column] ?? '');
}

describe('parseConditions', () => {
  it('reads one condition of each operator, trimming the column', () => {
    expect(CONDITION_OPS).toEqual(['equals', 'notEquals', 'in', 'notIn', 'matches', 'empty']);
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
      'must have exactly one operator (equals, notEquals, in, notIn, matches, empty), not 0',
    ],
    [
      'two operators',
      { column: 'S', equals: 'a', notEquals: 'b' },
      'sendWhen',
      'must have exactly one operator (equals, notEquals, in, notIn, matches, empty), not 2',
    ],
    [
      'an unknown operator',
      { column: 'S', equal: 'a' },
      'sendWhen',
      'has an unknown operator "equal" (did you mean "equals"?) (operators: equals, notEquals, in, notIn, matches, empty)',
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
      (c) => {
        asked.push(c);
        return 'x';
      },
    );
    expect(asked).toEqual(['A', 'B']);
  });
});
