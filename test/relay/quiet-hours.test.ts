import { formatJavaDate } from '../../local/runtime';
import { ConfigProblem } from '../../src/config/problems';
import { QuietHours, parseQuietHours } from '../../src/config/quiet-hours';
import { ConditionRow } from '../../src/config/conditions';
import { SpreadsheetTimeZone } from '../../src/ports';
import {
  QuietNow,
  heldInQuietHours,
  quietAt,
  quietUntil,
  wallTimeAt,
} from '../../src/relay/quiet-hours';
import { SheetRules } from '../../src/relay/rules';

function hours(value: unknown): QuietHours {
  const problems: ConfigProblem[] = [];
  const parsed = parseQuietHours(value, 'quietHours', problems);
  if (!parsed) throw new Error(problems.map((p) => p.text).join('; '));
  return parsed;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** "fri 07:59" as a wall time. */
function at(text: string) {
  const [day, time] = text.split(' ');
  const [h, m] = time.split(':').map(Number);
  return { weekday: DAYS.indexOf(day), minutes: h * 60 + m };
}

const NIGHTS = hours({ from: '19:00', to: '08:00' });

describe('quietAt: the window on the wall clock', () => {
  it.each([
    ['mon 18:59', false, ''],
    ['mon 19:00', true, '08:00'],
    ['mon 23:59', true, '08:00'],
    ['tue 00:00', true, '08:00'],
    ['tue 07:59', true, '08:00'],
    ['tue 08:00', false, ''],
    ['tue 12:00', false, ''],
  ])('19:00 to 08:00 every day, at %s: quiet %s until %j', (wall, quiet, until) => {
    expect(quietAt(NIGHTS, at(wall))).toEqual({ quiet, until });
  });

  it('a window that does not cross midnight', () => {
    const lunch = hours({ from: '12:00', to: '13:30' });
    expect(quietAt(lunch, at('wed 11:59')).quiet).toBe(false);
    expect(quietAt(lunch, at('wed 12:00'))).toEqual({ quiet: true, until: '13:30' });
    expect(quietAt(lunch, at('wed 13:29')).quiet).toBe(true);
    expect(quietAt(lunch, at('wed 13:30')).quiet).toBe(false);
  });

  it('a window crossing midnight belongs to the day it starts on: "fri" is Friday 19:00 to Saturday 08:00', () => {
    const friday = hours({ from: '19:00', to: '08:00', days: ['fri'] });
    expect(quietAt(friday, at('fri 07:00')).quiet).toBe(false); // Thursday's night: not listed
    expect(quietAt(friday, at('fri 18:59')).quiet).toBe(false);
    expect(quietAt(friday, at('fri 19:00'))).toEqual({ quiet: true, until: '08:00' });
    expect(quietAt(friday, at('sat 07:59'))).toEqual({ quiet: true, until: '08:00' });
    expect(quietAt(friday, at('sat 08:00')).quiet).toBe(false);
    expect(quietAt(friday, at('sat 19:00')).quiet).toBe(false);
  });

  it('weeknights: Sunday night to Monday morning is not quiet unless Sunday is listed', () => {
    const weeknights = hours({
      from: '19:00',
      to: '08:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
    expect(quietAt(weeknights, at('sun 22:00')).quiet).toBe(false);
    expect(quietAt(weeknights, at('mon 07:00')).quiet).toBe(false);
    expect(quietAt(weeknights, at('mon 22:00')).quiet).toBe(true);
    expect(quietAt(weeknights, at('sat 07:00')).quiet).toBe(true);
  });

  it('whole days in a row end together, and say which day when that is 24 hours away or more', () => {
    const weekend = hours({ from: '00:00', to: '00:00', days: ['sat', 'sun'] });
    expect(quietAt(weekend, at('fri 23:59')).quiet).toBe(false);
    expect(quietAt(weekend, at('sat 00:00'))).toEqual({ quiet: true, until: 'Mon 00:00' });
    expect(quietAt(weekend, at('sun 10:00'))).toEqual({ quiet: true, until: '00:00' });
    expect(quietAt(weekend, at('mon 00:00')).quiet).toBe(false);
    const sunday = hours({ from: '00:00', to: '00:00', days: ['sun'] });
    expect(quietAt(sunday, at('sun 00:00'))).toEqual({ quiet: true, until: 'Mon 00:00' });
  });

  it('no quiet hours, or turned off (null in an entry): never quiet', () => {
    expect(quietAt(null, at('mon 23:00')).quiet).toBe(false);
    expect(quietAt(hours(null), at('mon 23:00')).quiet).toBe(false);
  });
});

/** The wall clock of a time zone, as the app's (Utilities.formatDate) over the local runtime's. */
function zone(timeZone: string): SpreadsheetTimeZone & { asked: number } {
  const clock = {
    asked: 0,
    name: () => timeZone,
    format: (ms: number, pattern: string) => {
      clock.asked++;
      return formatJavaDate(new Date(ms), timeZone, pattern);
    },
  };
  return clock;
}

describe("quietUntil: at an instant, in the spreadsheet's time zone", () => {
  const paris = zone('Europe/Paris');

  it('reads the wall clock of the zone, not UTC', () => {
    // 2026-01-15 is a Thursday; 18:30 UTC is 19:30 in Paris (UTC+1).
    const t = Date.UTC(2026, 0, 15, 18, 30);
    expect(wallTimeAt(paris, t)).toEqual({ weekday: 3, minutes: 19 * 60 + 30 });
    expect(quietUntil(NIGHTS, t, paris)).toEqual({ quiet: true, until: '08:00' });
    expect(quietUntil(NIGHTS, t, zone('Etc/UTC')).quiet).toBe(false);
  });

  it('follows the wall clock across the spring change (Paris, 29 March 2026: 02:00 → 03:00)', () => {
    const early = hours({ from: '01:00', to: '02:30' });
    // 00:59 UTC is 01:59 CET: quiet; one minute later the clocks show 03:00 CEST: over.
    expect(quietUntil(early, Date.UTC(2026, 2, 29, 0, 59), paris)).toEqual({
      quiet: true,
      until: '02:30',
    });
    expect(quietUntil(early, Date.UTC(2026, 2, 29, 1, 0), paris).quiet).toBe(false);
    // 19:00 to 08:00 over that night ends at 08:00 CEST, 06:00 UTC.
    expect(quietUntil(NIGHTS, Date.UTC(2026, 2, 29, 5, 59), paris).quiet).toBe(true);
    expect(quietUntil(NIGHTS, Date.UTC(2026, 2, 29, 6, 0), paris).quiet).toBe(false);
  });

  it('follows the wall clock across the autumn change (Paris, 25 October 2026: 03:00 → 02:00)', () => {
    // The night ends at 08:00 CET, 07:00 UTC (it began at 19:00 CEST, 17:00 UTC).
    expect(quietUntil(NIGHTS, Date.UTC(2026, 9, 24, 16, 59), paris).quiet).toBe(false);
    expect(quietUntil(NIGHTS, Date.UTC(2026, 9, 24, 17, 0), paris).quiet).toBe(true);
    expect(quietUntil(NIGHTS, Date.UTC(2026, 9, 25, 6, 59), paris).quiet).toBe(true);
    expect(quietUntil(NIGHTS, Date.UTC(2026, 9, 25, 7, 0), paris).quiet).toBe(false);
    // The hour from 02:00 to 03:00 happens twice: quiet both times.
    const small = hours({ from: '02:00', to: '03:00' });
    expect(quietUntil(small, Date.UTC(2026, 9, 25, 0, 30), paris).quiet).toBe(true);
    expect(quietUntil(small, Date.UTC(2026, 9, 25, 1, 30), paris).quiet).toBe(true);
    expect(quietUntil(small, Date.UTC(2026, 9, 25, 2, 0), paris).quiet).toBe(false);
  });

  it('asks the wall clock nothing when the sheet has no quiet hours', () => {
    const clock = zone('Europe/Paris');
    expect(quietUntil(null, Date.UTC(2026, 0, 15, 22), clock)).toEqual({
      quiet: false,
      until: '',
    });
    expect(quietUntil(hours(null), Date.UTC(2026, 0, 15, 22), clock).quiet).toBe(false);
    expect(clock.asked).toBe(0);
  });

  it('leaves quiet hours off when the wall clock answers something that is not a time', () => {
    expect(
      quietUntil(NIGHTS, Date.UTC(2026, 0, 15, 22), {
        ...zone('Etc/UTC'),
        format: () => 'nonsense',
      }),
    ).toEqual({
      quiet: false,
      until: '',
    });
  });
});

describe('heldInQuietHours', () => {
  const rules = {
    quietExcept: (row: ConditionRow) => row.valueOf('Priority') === 'Urgent',
  } as unknown as SheetRules;
  const row = (priority: string): ConditionRow => ({
    valueOf: (label: string) => (label === 'Priority' ? priority : ''),
    typedOf: () => undefined,
  });
  const quiet: QuietNow = { quiet: true, until: '08:00' };

  it('holds a row in quiet hours unless it matches except', () => {
    expect(heldInQuietHours(quiet, rules, row('Low'))).toBe(true);
    expect(heldInQuietHours(quiet, rules, row('Urgent'))).toBe(false);
    expect(heldInQuietHours({ quiet: false, until: '' }, rules, row('Low'))).toBe(false);
  });
});
