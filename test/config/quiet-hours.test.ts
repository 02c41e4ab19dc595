import { ConfigProblem } from '../../src/config/problems';
import { QuietHours, parseClockTime, parseQuietHours } from '../../src/config/quiet-hours';
import { parseSettings } from '../../src/config/settings';

function parse(value: unknown, path = 'quietHours') {
  const problems: ConfigProblem[] = [];
  const hours = parseQuietHours(value, path, problems);
  return { hours, problems: problems.map((p) => `${p.path}: ${p.message}`) };
}

function parsed(value: unknown): QuietHours {
  const { hours, problems } = parse(value);
  if (!hours || problems.length) throw new Error(problems.join('; '));
  return hours;
}

describe('parseClockTime: "HH:MM" on a 24-hour clock, strictly', () => {
  it.each([
    ['00:00', 0],
    ['08:00', 480],
    ['19:00', 1140],
    ['23:59', 1439],
    [' 07:30 ', 450],
  ])('%s is %i minutes after midnight', (text, minutes) => {
    const problems: ConfigProblem[] = [];
    expect(parseClockTime(text, 'quietHours.from', problems)).toBe(minutes);
    expect(problems).toEqual([]);
  });

  it.each([
    ['8:00', ' (did you mean "08:00"?)'],
    ['19.00', ' (did you mean "19:00"?)'],
    ['24:00', ' (midnight is "00:00")'],
    ['25:00', ''],
    ['12:60', ''],
    ['7pm', ''],
    ['', ''],
  ])('refuses %j, naming the path and the value', (text, hint) => {
    const problems: ConfigProblem[] = [];
    expect(parseClockTime(text, 'sheets[1].quietHours.to', problems)).toBeNull();
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `sheets[1].quietHours.to: must be a time "HH:MM" on a 24-hour clock, from "00:00" to "23:59", not "${text}"${hint}`,
    ]);
  });

  it('refuses a number', () => {
    const problems: ConfigProblem[] = [];
    expect(parseClockTime(19, 'quietHours.from', problems)).toBeNull();
    expect(problems[0].message).toMatch(/not 19$/);
  });
});

describe('parseQuietHours', () => {
  it("reads the issue's example: 19:00 to 08:00, every day by default, no exception", () => {
    expect(parsed({ from: '19:00', to: '08:00' })).toEqual({
      from: 1140,
      to: 480,
      days: [0, 1, 2, 3, 4, 5, 6],
      except: null,
      path: 'quietHours',
    });
  });

  it('reads days in any case, in order, once each', () => {
    expect(
      parsed({ from: '19:00', to: '08:00', days: ['FRI', 'mon', ' Wed', 'mon'] }).days,
    ).toEqual([0, 2, 4]);
  });

  it('reads except as conditions, with their paths', () => {
    const hours = parsed({
      from: '19:00',
      to: '08:00',
      except: { column: 'Priority', equals: 'Urgent' },
    });
    expect(hours.except).toEqual([
      { column: 'Priority', op: 'equals', value: 'Urgent', path: 'quietHours.except' },
    ]);
  });

  it('takes the same time for both as a whole day', () => {
    expect(parsed({ from: '00:00', to: '00:00', days: ['sat', 'sun'] })).toMatchObject({
      from: 0,
      to: 0,
      days: [5, 6],
    });
  });

  it('null turns quiet hours off: a window on no day', () => {
    expect(parse(null, 'sheets[0].quietHours')).toEqual({
      hours: { from: 0, to: 0, days: [], except: null, path: 'sheets[0].quietHours' },
      problems: [],
    });
  });

  it('names every problem: missing times, bad days, an unknown key, a bad condition', () => {
    expect(
      parse({
        until: '08:00',
        days: ['monday', 'xyz', 3],
        except: { column: 'Priority', is: 'Urgent' },
      }).problems,
    ).toEqual([
      'quietHours.until: is not a known key of quietHours (known keys: from, to, days, except)',
      'quietHours.from: is missing: quietHours needs "from" and "to", such as {"from": "19:00", "to": "08:00"}',
      'quietHours.to: is missing: quietHours needs "from" and "to", such as {"from": "19:00", "to": "08:00"}',
      'quietHours.days[0]: must be one of mon, tue, wed, thu, fri, sat, sun, not "monday" (did you mean "mon"?)',
      'quietHours.days[1]: must be one of mon, tue, wed, thu, fri, sat, sun, not "xyz"',
      'quietHours.days[2]: must be one of mon, tue, wed, thu, fri, sat, sun, not 3',
      'quietHours.except: has an unknown operator "is" (did you mean "in"?) (operators: equals, notEquals, in, notIn, matches, empty, before, after, onOrBefore, onOrAfter, greaterThan, lessThan)',
    ]);
  });

  it.each([
    ['a string', '19:00-08:00', 'must be an object such as'],
    ['an array', [], 'must be an object such as'],
    ['no days', { from: '19:00', to: '08:00', days: [] }, 'must be a non-empty array of days'],
    ['days not a list', { from: '19:00', to: '08:00', days: 'mon' }, 'must be a non-empty array'],
  ])('refuses %s', (_, value, message) => {
    const { hours, problems } = parse(value);
    expect(hours).toBeNull();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('refuses quiet hours all day every day: nothing would ever be sent', () => {
    expect(parse({ from: '08:00', to: '08:00' }).problems).toEqual([
      'quietHours: is quiet all day every day ("from" and "to" are both "08:00"): nothing would ever be sent. Give "days" fewer days, or different times',
    ]);
  });
});

describe('quietHours in CHAT_RELAY_CONFIG', () => {
  it('is a per-sheet key: a top-level default, overridden or turned off by an entry', () => {
    const settings = parseSettings(
      JSON.stringify({
        quietHours: { from: '19:00', to: '08:00' },
        sheets: [
          { sheet: 'Tickets' },
          { sheet: 'Incidents', quietHours: null },
          { sheet: 'Orders', quietHours: { from: '22:00', to: '06:00', days: ['sat', 'sun'] } },
        ],
      }),
    );
    if (!settings.ok) throw new Error(settings.error.map((p) => p.text).join('; '));
    const [tickets, incidents, orders] = (settings.value.sheets || []).map(
      (e) => e.settings.quietHours,
    );
    expect(tickets).toMatchObject({ from: 1140, to: 480, path: 'quietHours' });
    expect(incidents).toMatchObject({ days: [] });
    expect(orders).toMatchObject({
      from: 1320,
      to: 360,
      days: [5, 6],
      path: 'sheets[2].quietHours',
    });
  });

  it('names the sheet beside the path of a problem', () => {
    const settings = parseSettings(
      JSON.stringify({
        sheets: [
          { sheet: 'Tickets' },
          { sheet: 'Orders', quietHours: { from: '7pm', to: '08:00' } },
        ],
      }),
    );
    expect(settings.ok ? [] : settings.error.map((p) => p.text)).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[1].quietHours.from" (sheet "Orders") must be a time "HH:MM" on a 24-hour clock, from "00:00" to "23:59", not "7pm"',
    ]);
  });
});
