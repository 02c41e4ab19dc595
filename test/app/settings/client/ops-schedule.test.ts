/**
 * What the Schedule section says of digests and quiet hours (src/app/settings/client/ops-schedule.ts).
 */
import { opsLines } from '../../../../src/app/settings/client/ops-schedule';

const strip = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/&quot;/g, '"');

describe('opsLines', () => {
  it('says when the next digest is due and until when quiet hours are on', () => {
    const lines = opsLines({
      nextDigest: {
        sheet: 'Tickets',
        name: 'Open',
        day: '2024-01-15',
        when: 'Monday 15 January 2024 at 10:00',
        now: false,
      },
      quiet: [{ sheet: 'Tickets', until: '12:00' }],
      quietConfigured: true,
      people: null,
    }).map(strip);
    expect(lines).toEqual([
      'Digest "Open" of Tickets: next due Monday 15 January 2024 at 10:00.',
      'Quiet hours are on: Tickets until 12:00. Messages wait until then.',
    ]);
  });

  it('a digest due now, quiet hours configured but off; nothing when neither is set', () => {
    const lines = opsLines({
      nextDigest: { sheet: 'T', name: 'D', day: '2024-01-15', when: 'now', now: true },
      quiet: [],
      quietConfigured: true,
      people: null,
    }).map(strip);
    expect(lines).toEqual([
      'Digest "D" of T: due now: the next run posts it.',
      'Quiet hours are off now.',
    ]);
    expect(opsLines({ nextDigest: null, quiet: [], quietConfigured: false, people: null })).toEqual(
      [],
    );
    expect(opsLines(undefined)).toEqual([]);
  });

  it('escapes a digest name', () => {
    const lines = opsLines({
      nextDigest: { sheet: 'T', name: '<b>x</b>', day: '', when: 'w', now: false },
      quiet: [],
      quietConfigured: false,
      people: null,
    });
    expect(lines[0]).not.toContain('<b>x');
  });
});
