import { Digest } from '../../src/config/digests';
import {
  DigestEntry,
  DigestState,
  MAX_STATE_CHARS,
  DigestDay,
  addDays,
  dayInWords,
  digestDayAt,
  digestKey,
  digestRequestId,
  digestThreadKey,
  isDue,
  nextDue,
  readDigestState,
  writeDigestState,
} from '../../src/relay/digest-schedule';
import { zone } from '../support/tables';

const utcZone = zone('Etc/UTC');
const utc = (iso: string) => Date.parse(iso);

function digest(at: string, days: number[] = [1, 2, 3, 4, 5, 6, 7]): Digest {
  const [h, m] = at.split(':').map(Number);
  return {
    name: 'Open',
    at: h * 60 + m,
    days,
    when: null,
    webhook: null,
    mention: { mentions: [], columns: [] },
    ifEmpty: 'skip',
    path: 'digests[0]',
  };
}

const wall = (day: string, time: string, weekday: number): DigestDay => {
  const [h, m] = time.split(':').map(Number);
  return { day, minutes: h * 60 + m, weekday };
};

describe('digestDayAt', () => {
  it('reads the day, the minute and the ISO weekday in the time zone, through Utilities.formatDate', () => {
    // Monday 15 January 2024, 09:05 in UTC; 04:05 in New York; Tuesday 01:05 in Auckland (+13).
    const now = utc('2024-01-15T09:05:30Z');
    expect(digestDayAt(utcZone, now, 'Etc/UTC')).toEqual(wall('2024-01-15', '09:05', 1));
    expect(digestDayAt(utcZone, now, 'America/New_York')).toEqual(wall('2024-01-15', '04:05', 1));
    expect(digestDayAt(utcZone, utc('2024-01-15T11:05:00Z'), 'Pacific/Auckland')).toEqual(
      wall('2024-01-16', '00:05', 2),
    );
    // Sunday is 7.
    expect(digestDayAt(utcZone, utc('2024-01-14T23:59:59Z'), 'Etc/UTC')).toEqual(
      wall('2024-01-14', '23:59', 7),
    );
  });

  it('follows summer time: 09:00 in Paris is 08:00 UTC in winter, 07:00 UTC in summer', () => {
    expect(digestDayAt(utcZone, utc('2024-01-15T08:00:00Z'), 'Europe/Paris')?.minutes).toBe(540);
    expect(digestDayAt(utcZone, utc('2024-07-15T07:00:00Z'), 'Europe/Paris')?.minutes).toBe(540);
  });

  it('is null when Utilities.formatDate answers something else', () => {
    expect(digestDayAt({ ...utcZone, format: () => '15/01/2024 9:05' }, 0, 'Etc/UTC')).toBeNull();
  });
});

describe('dayInWords and addDays', () => {
  it('name a day in English and count days across months and years', () => {
    expect(dayInWords('2024-01-15', 1)).toBe('Monday 15 January 2024');
    expect(dayInWords('2024-12-01', 7)).toBe('Sunday 1 December 2024');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('isDue', () => {
  const open = digest('09:00', [1, 2, 3, 4, 5]);
  const entry = (day: string, status: DigestEntry['status']): DigestEntry => ({
    day,
    requestId: 'r',
    status,
  });

  it('from its time on, on its days, until that day’s digest is done', () => {
    expect(isDue(open, wall('2024-01-15', '08:59', 1), undefined)).toBe(false);
    expect(isDue(open, wall('2024-01-15', '09:00', 1), undefined)).toBe(true);
    expect(isDue(open, wall('2024-01-15', '23:59', 1), undefined)).toBe(true);
    expect(isDue(open, wall('2024-01-15', '09:05', 1), entry('2024-01-15', 'done'))).toBe(false);
    expect(isDue(open, wall('2024-01-15', '09:05', 1), entry('2024-01-15', 'refused'))).toBe(false);
  });

  it('again the next day, and while it is written ahead but not known to be posted', () => {
    expect(isDue(open, wall('2024-01-16', '09:00', 2), entry('2024-01-15', 'done'))).toBe(true);
    expect(isDue(open, wall('2024-01-15', '09:10', 1), entry('2024-01-15', 'sending'))).toBe(true);
  });

  it('never on another day, nor before its time the day after a day it missed', () => {
    expect(isDue(open, wall('2024-01-13', '10:00', 6), undefined)).toBe(false);
    expect(isDue(open, wall('2024-01-14', '10:00', 7), undefined)).toBe(false);
    // Monday's was never posted: at 00:05 on Tuesday nothing is due (Monday's is skipped).
    expect(isDue(open, wall('2024-01-16', '00:05', 2), entry('2024-01-15', 'sending'))).toBe(false);
  });
});

describe('nextDue', () => {
  const weekdays = digest('09:00', [1, 2, 3, 4, 5]);

  it('is today at its time, before it', () => {
    expect(nextDue(weekdays, wall('2024-01-15', '08:00', 1), undefined)).toEqual({
      day: '2024-01-15',
      dayInWords: 'Monday 15 January 2024',
      at: '09:00',
      now: false,
    });
  });

  it('is now when due, and the next of its days once done', () => {
    expect(nextDue(weekdays, wall('2024-01-15', '10:00', 1), undefined).now).toBe(true);
    const done: DigestEntry = { day: '2024-01-15', requestId: 'r', status: 'done' };
    expect(nextDue(weekdays, wall('2024-01-15', '10:00', 1), done).day).toBe('2024-01-16');
    // Friday, done: Monday.
    const friday: DigestEntry = { day: '2024-01-19', requestId: 'r', status: 'done' };
    expect(nextDue(weekdays, wall('2024-01-19', '10:00', 5), friday)).toMatchObject({
      day: '2024-01-22',
      dayInWords: 'Monday 22 January 2024',
    });
    // Saturday: Monday; a Sunday-only digest seen on Sunday after it was posted: a week later.
    expect(nextDue(weekdays, wall('2024-01-20', '08:00', 6), undefined).day).toBe('2024-01-22');
    const sunday = digest('18:30', [7]);
    const posted: DigestEntry = { day: '2024-01-21', requestId: 'r', status: 'done' };
    expect(nextDue(sunday, wall('2024-01-21', '19:00', 7), posted)).toMatchObject({
      day: '2024-01-28',
      at: '18:30',
    });
  });
});

describe('identifiers', () => {
  const sheet = { spreadsheetId: 'ss', sheetId: 7 };

  it('derive one requestId and one thread per digest and day, apart from each other', () => {
    const id = digestRequestId(sheet, 'Open', '2024-01-15');
    expect(id).toBe(digestRequestId({ ...sheet }, 'Open', '2024-01-15'));
    expect(id).toMatch(/^chat-relay-digest-[0-9a-f]{32}$/);
    expect(
      new Set([
        id,
        digestRequestId(sheet, 'Open', '2024-01-16'),
        digestRequestId(sheet, 'Late', '2024-01-15'),
        digestRequestId({ ...sheet, sheetId: 8 }, 'Open', '2024-01-15'),
        digestThreadKey(sheet, 'Open', '2024-01-15'),
      ]).size,
    ).toBe(5);
    expect(digestKey('Tickets', 'Open')).toMatch(/^[0-9a-f]{12}$/);
    expect(digestKey('Tickets', 'Open')).not.toBe(digestKey('Orders', 'Open'));
  });
});

describe('the state in CHAT_RELAY_DIGESTS', () => {
  it('reads back what it wrote: the time zone, each entry’s day, requestId and status', () => {
    const state: DigestState = {
      tz: 'Europe/Paris',
      entries: {
        a: { day: '2024-01-15', requestId: 'chat-relay-digest-1', status: 'sending' },
        b: { day: '2024-01-15', requestId: 'chat-relay-digest-2', status: 'done' },
        c: { day: '2024-01-14', requestId: 'chat-relay-digest-3', status: 'refused' },
      },
    };
    const text = writeDigestState(state, '2024-01-15');
    expect(JSON.parse(text)).toEqual({
      v: 1,
      tz: 'Europe/Paris',
      d: {
        a: ['2024-01-15', 'chat-relay-digest-1', 0],
        b: ['2024-01-15', 'chat-relay-digest-2', 1],
        c: ['2024-01-14', 'chat-relay-digest-3', 2],
      },
    });
    expect(readDigestState(text)).toEqual(state);
  });

  it('forgets the days before yesterday', () => {
    const state: DigestState = {
      tz: null,
      entries: {
        old: { day: '2024-01-13', requestId: 'x', status: 'done' },
        last: { day: '2024-01-14', requestId: 'y', status: 'done' },
      },
    };
    expect(Object.keys(readDigestState(writeDigestState(state, '2024-01-15')).entries)).toEqual([
      'last',
    ]);
  });

  it('stays within 9 KB with 5 digests on each of 20 sheets, today’s before yesterday’s', () => {
    const entries: DigestState['entries'] = {};
    const identity = { spreadsheetId: '1'.repeat(44), sheetId: 2147483647 };
    for (let s = 0; s < 20; s++)
      for (let d = 0; d < 5; d++) {
        const name = `${'digest name '.repeat(8)}${d}`;
        entries[digestKey(`${'sheet '.repeat(16)}${s}`, name)] = {
          day: '2024-01-15',
          requestId: digestRequestId(identity, name, '2024-01-15'),
          status: 'sending',
        };
        entries[`y${s}-${d}`] = { day: '2024-01-14', requestId: 'z'.repeat(50), status: 'done' };
      }
    const text = writeDigestState(
      { tz: 'America/Argentina/ComodRivadavia', entries },
      '2024-01-15',
    );
    expect(text.length).toBeLessThanOrEqual(MAX_STATE_CHARS);
    const kept = readDigestState(text).entries;
    const today = Object.keys(kept).filter((k) => kept[k].day === '2024-01-15');
    expect(today).toHaveLength(100);
  });

  it('takes anything unreadable as nothing posted', () => {
    const empty = { tz: null, entries: {} };
    expect(readDigestState(null)).toEqual(empty);
    expect(readDigestState('not json')).toEqual(empty);
    expect(readDigestState('[1,2]')).toEqual(empty);
    expect(
      readDigestState(
        JSON.stringify({ tz: 3, d: { a: ['2024-01-15', 'r', 9], b: ['today', 'r', 1], c: 'x' } }),
      ),
    ).toEqual(empty);
  });
});
