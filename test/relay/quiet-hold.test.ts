/**
 * What quiet hours hold beyond rows (issue 16 §4): the instant a held reminder is due again
 * (quietSpell's endsAt, across a change of the clocks), and a digest held by quiet hours,
 * kept in CHAT_RELAY_DIGESTS as owed until a run posts it, as the day it was due.
 */
import { zone } from '../support/tables';
import { Digest } from '../../src/config/digests';
import { ConfigProblem } from '../../src/config/problems';
import { QuietHours, parseQuietHours } from '../../src/config/quiet-hours';
import {
  DigestState,
  isDue,
  readDigestState,
  wallOfDay,
  writeDigestState,
} from '../../src/relay/digest-schedule';
import { quietSpell } from '../../src/relay/quiet-hours';

function hours(value: unknown): QuietHours {
  const problems: ConfigProblem[] = [];
  const parsed = parseQuietHours(value, 'quietHours', problems);
  if (!parsed) throw new Error(problems.map((p) => p.text).join('; '));
  return parsed;
}

const clockIn = zone;
const NIGHTS = hours({ from: '19:00', to: '08:00' });

describe('quietSpell: until which instant quiet hours hold', () => {
  it('ends at the first minute the wall clock shows `to`', () => {
    const paris = clockIn('Europe/Paris');
    // Monday 15 January 2024, 23:17:42 in Paris (UTC+1).
    const spell = quietSpell(NIGHTS, Date.UTC(2024, 0, 15, 22, 17, 42), paris);
    expect(spell).toEqual({ quiet: true, until: '08:00', endsAt: Date.UTC(2024, 0, 16, 7, 0) });
    expect(quietSpell(NIGHTS, Date.UTC(2024, 0, 16, 7, 0), paris)).toMatchObject({
      quiet: false,
      endsAt: 0,
    });
  });

  it('ends when the wall clock shows `to` across a change of the clocks (an hour earlier in UTC)', () => {
    const paris = clockIn('Europe/Paris');
    // Saturday 28 March 2026, 23:00 CET; the clocks go from 02:00 to 03:00 that night.
    const spell = quietSpell(NIGHTS, Date.UTC(2026, 2, 28, 22, 0), paris);
    expect(spell.endsAt).toBe(Date.UTC(2026, 2, 29, 6, 0));
    // And back in October: 08:00 CET is 07:00 UTC.
    expect(quietSpell(NIGHTS, Date.UTC(2026, 9, 24, 20, 0), paris).endsAt).toBe(
      Date.UTC(2026, 9, 25, 7, 0),
    );
  });

  it('follows whole quiet days to their end', () => {
    const weekend = hours({ from: '00:00', to: '00:00', days: ['sat', 'sun'] });
    const spell = quietSpell(weekend, Date.UTC(2024, 0, 20, 10, 0), clockIn('Etc/UTC'));
    expect(spell).toMatchObject({ quiet: true, endsAt: Date.UTC(2024, 0, 22, 0, 0) });
  });
});

const EVERY_DAY: Digest = {
  name: 'Open',
  at: 20 * 60,
  days: [1, 2, 3, 4, 5, 6, 7],
  when: null,
  webhook: null,
  mention: { mentions: [], columns: [] },
  ifEmpty: 'skip',
  path: 'digests[0]',
};

describe('a digest held by quiet hours', () => {
  const held = (day: string): DigestState => ({
    tz: 'Europe/Paris',
    entries: { k: { day, requestId: `chat-relay-digest-${day}`, status: 'held' } },
  });

  it('is due at any time of any later day until it is posted (not only after its time)', () => {
    const tuesday8am = { day: '2024-01-16', minutes: 8 * 60, weekday: 2 };
    expect(isDue(EVERY_DAY, tuesday8am, held('2024-01-15').entries.k)).toBe(true);
    const done = { ...held('2024-01-15').entries.k, status: 'done' as const };
    expect(isDue(EVERY_DAY, tuesday8am, done)).toBe(false);
  });

  it('is kept in the state whatever its age, while other days’ entries older than yesterday go', () => {
    const state = held('2024-01-12');
    state.entries.old = { day: '2024-01-12', requestId: 'chat-relay-digest-x', status: 'done' };
    const kept = readDigestState(writeDigestState(state, '2024-01-15'));
    expect(Object.keys(kept.entries)).toEqual(['k']);
    expect(kept.entries.k).toEqual(held('2024-01-12').entries.k);
  });

  it('is posted as its own day: that day’s weekday for the header', () => {
    expect(wallOfDay('2024-01-15')).toEqual({ day: '2024-01-15', minutes: 0, weekday: 1 });
    expect(wallOfDay('2024-01-21').weekday).toBe(7);
  });
});
