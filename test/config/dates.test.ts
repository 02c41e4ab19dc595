import {
  ConditionTime,
  DateOp,
  conditionTime,
  dateHolds,
  isDateValue,
  parseDateValue,
} from '../../src/config/dates';
import { zone } from '../support/tables';

const MIN = 60000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const OPS: DateOp[] = ['before', 'onOrBefore', 'onOrAfter', 'after'];

describe('parseDateValue', () => {
  it('reads today, now, their offsets in m, h and d, and ISO dates and date-times', () => {
    expect(parseDateValue('today')).toEqual({ kind: 'today', days: 0 });
    expect(parseDateValue(' Today + 3d ')).toEqual({ kind: 'today', days: 3 });
    expect(parseDateValue('today-1d')).toEqual({ kind: 'today', days: -1 });
    expect(parseDateValue('NOW')).toEqual({ kind: 'now', ms: 0 });
    expect(parseDateValue('now-30m')).toEqual({ kind: 'now', ms: -30 * MIN });
    expect(parseDateValue('now+4h')).toEqual({ kind: 'now', ms: 4 * HOUR });
    expect(parseDateValue('now+2D')).toEqual({ kind: 'now', ms: 2 * DAY });
    expect(parseDateValue('2026-12-24')).toEqual({
      kind: 'date',
      day: Date.UTC(2026, 11, 24) / DAY,
    });
    expect(parseDateValue('1970-01-01')).toEqual({ kind: 'date', day: 0 });
    expect(parseDateValue('2028-02-29')).toEqual({
      kind: 'date',
      day: Date.UTC(2028, 1, 29) / DAY,
    });
  });

  it('reads a date-time in the spreadsheet time zone, or at the offset it gives', () => {
    expect(parseDateValue('2026-12-24T18:00')).toEqual({
      kind: 'dateTime',
      wall: Date.UTC(2026, 11, 24, 18),
      offsetMinutes: null,
    });
    expect(parseDateValue('2026-12-24T18:05:30+05:30')).toEqual({
      kind: 'dateTime',
      wall: Date.UTC(2026, 11, 24, 18, 5, 30),
      offsetMinutes: 330,
    });
    expect(parseDateValue('2026-12-24T18:00Z')).toMatchObject({ offsetMinutes: 0 });
    expect(parseDateValue('2026-12-24T18:00-0530')).toMatchObject({ offsetMinutes: -330 });
    expect(parseDateValue('2026-12-24T18:00+02')).toMatchObject({ offsetMinutes: 120 });
    expect(parseDateValue('2026-12-24T23:59:59-18:00')).toMatchObject({
      wall: Date.UTC(2026, 11, 24, 23, 59, 59),
      offsetMinutes: -18 * 60,
    });
  });

  it('says what is wrong with an offset in the wrong unit', () => {
    expect(parseDateValue('today+3w')).toBe('counts in m, h or d (minutes, hours, days), not "w"');
    expect(parseDateValue('now-2s')).toBe('counts in m, h or d (minutes, hours, days), not "s"');
    expect(parseDateValue('today+4h')).toBe(
      'counts whole days from today ("today+1d"): "now+4h" counts hours from now',
    );
    expect(parseDateValue('today-90m')).toBe(
      'counts whole days from today ("today-1d"): "now-90m" counts minutes from now',
    );
  });

  it.each([
    'tomorrow',
    '',
    'today+',
    'today+1234567d',
    '12/24',
    '2026-02-30',
    '2026-13-01',
    '2026-00-10',
    '26-12-24',
    '2026-12-24T24:00',
    '2026-12-24T18:60',
    '2026-12-24T18:00:60',
    '2026-12-24T18',
    '2026-12-24 18:00',
    '2026-12-24T18:00+19:00',
    '2026-12-24T18:00+01:60',
    '2026-02-30T10:00',
  ])('is no date at all: %j', (text) => {
    expect(parseDateValue(text)).toBeNull();
  });
});

describe('isDateValue', () => {
  it('takes a valid Date and nothing else', () => {
    expect(isDateValue(new Date(0))).toBe(true);
    expect(isDateValue(new Date(NaN))).toBe(false);
    expect(isDateValue('2026-03-09')).toBe(false);
    expect(isDateValue(46090)).toBe(false);
    expect(isDateValue({ getTime: () => 0 })).toBe(false);
    expect(isDateValue(null)).toBe(false);
  });
});

describe('conditionTime', () => {
  it('knows today, the first instant of a day and wall-clock times in the zone', () => {
    // 2026-03-10 06:30 UTC is still 2026-03-09 23:30 in Los Angeles (PDT, UTC-7).
    const la = conditionTime(Date.UTC(2026, 2, 10, 6, 30), zone('America/Los_Angeles'));
    expect(la.now).toBe(Date.UTC(2026, 2, 10, 6, 30));
    expect(la.today()).toBe(Date.UTC(2026, 2, 9) / DAY);
    expect(la.dayStart(Date.UTC(2026, 2, 9) / DAY)).toBe(Date.UTC(2026, 2, 9, 7));
    // 2026-03-08 is the day LA moves to PDT: it starts at PST (UTC-8).
    expect(la.dayStart(Date.UTC(2026, 2, 8) / DAY)).toBe(Date.UTC(2026, 2, 8, 8));
    expect(la.instantOf(Date.UTC(2026, 2, 9, 23))).toBe(Date.UTC(2026, 2, 10, 6));
    expect(la.wallOf(Date.UTC(2026, 2, 10, 6))).toBe(Date.UTC(2026, 2, 9, 23));
    const tokyo = conditionTime(Date.UTC(2026, 2, 10, 15, 30), zone('Asia/Tokyo'));
    expect(tokyo.today()).toBe(Date.UTC(2026, 2, 11) / DAY);
  });

  it('asks the time zone once per instant, however often it is asked', () => {
    const asked: number[] = [];
    const la = zone('America/Los_Angeles');
    const time = conditionTime(Date.UTC(2026, 2, 10, 6, 30), {
      ...la,
      format: (ms, pattern, other) => (asked.push(ms), la.format(ms, pattern, other)),
    });
    for (let i = 0; i < 100; i++) {
      time.today();
      time.dayStart(20000);
    }
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.length).toBeLessThanOrEqual(3);
    expect(new Set(asked).size).toBe(asked.length);
  });
});

describe('dateHolds', () => {
  const at = (ms: number) => new Date(ms);
  // 2026-03-10 06:30 UTC is still 2026-03-09 23:30 in Los Angeles (PDT, UTC-7): "today" is the 9th there.
  const LA = conditionTime(Date.UTC(2026, 2, 10, 6, 30), zone('America/Los_Angeles'));
  const NOON_9TH = at(Date.UTC(2026, 2, 9, 19)); // 12:00 on the 9th in LA, 19:00 UTC
  const LATE_8TH = at(Date.UTC(2026, 2, 9, 6, 59)); // 23:59 on the 8th in LA
  const START_9TH = at(Date.UTC(2026, 2, 9, 7)); // 00:00 on the 9th in LA
  const START_10TH = at(Date.UTC(2026, 2, 10, 7)); // 00:00 on the 10th in LA
  const EVENING = at(Date.UTC(2026, 2, 10, 6, 10)); // 23:10 on the 9th in LA

  /** The operators that hold for `cell` against the value `text`, at `time`. */
  const ops = (text: string, cell: unknown, time: ConditionTime = LA) => {
    const value = parseDateValue(text);
    if (value === null || typeof value === 'string') throw new Error(`${text}: ${value}`);
    return OPS.filter((op) => dateHolds(op, value, cell, time)).join(' ');
  };

  it('against today, compares calendar days in the spreadsheet time zone', () => {
    expect(ops('today', NOON_9TH)).toBe('onOrBefore onOrAfter');
    expect(ops('today', START_9TH)).toBe('onOrBefore onOrAfter');
    expect(ops('today', LATE_8TH)).toBe('before onOrBefore');
    expect(ops('today', START_10TH)).toBe('onOrAfter after');
    expect(ops('today-1d', LATE_8TH)).toBe('onOrBefore onOrAfter');
    expect(ops('today+1d', START_10TH)).toBe('onOrBefore onOrAfter');
    expect(ops('today+1d', NOON_9TH)).toBe('before onOrBefore');
    expect(ops('2026-03-09', NOON_9TH)).toBe('onOrBefore onOrAfter');
    expect(ops('2026-03-09', START_10TH)).toBe('onOrAfter after');
    expect(ops('2026-03-10', NOON_9TH)).toBe('before onOrBefore');
  });

  it('against now or a date-time, compares instants', () => {
    expect(ops('now', NOON_9TH)).toBe('before onOrBefore');
    expect(ops('now', at(LA.now))).toBe('onOrBefore onOrAfter');
    expect(ops('now-30m', EVENING)).toBe('onOrAfter after');
    expect(ops('now-20m', EVENING)).toBe('onOrBefore onOrAfter');
    expect(ops('now-4h', NOON_9TH)).toBe('before onOrBefore');
    expect(ops('now+4h', START_10TH)).toBe('before onOrBefore');
    expect(ops('now+1d', START_10TH)).toBe('before onOrBefore');
    // 23:00 on the 9th in the spreadsheet's time zone is 06:00 UTC on the 10th.
    const midnightUtc = at(Date.UTC(2026, 2, 10));
    expect(ops('2026-03-09T23:00', midnightUtc)).toBe('before onOrBefore');
    expect(ops('2026-03-09T23:00', at(Date.UTC(2026, 2, 10, 6)))).toBe('onOrBefore onOrAfter');
    expect(ops('2026-03-09T23:00Z', midnightUtc)).toBe('onOrAfter after');
    expect(ops('2026-03-10T01:00+01:00', midnightUtc)).toBe('onOrBefore onOrAfter');
    expect(ops('2026-03-09T19:00-05:00', midnightUtc)).toBe('onOrBefore onOrAfter');
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
    // 02:30 on the 29th does not exist in Paris: read at the offset before the change.
    expect(ops('2026-03-29T02:30', at(Date.UTC(2026, 2, 29, 1, 30)), paris)).toBe(
      'onOrBefore onOrAfter',
    );
  });

  it('never holds for a cell that is not a date', () => {
    ['2026-03-09', 46090, '', undefined, null, true, new Date(NaN)].forEach((cell) => {
      expect(ops('today', cell)).toBe('');
      expect(ops('now', cell)).toBe('');
      expect(ops('2026-03-09T23:00Z', cell)).toBe('');
    });
  });
});
