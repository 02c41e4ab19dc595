/**
 * What settingsLoad says of digests and quiet hours for the Schedule section
 * (src/app/settings/ops-state.ts), on the local runtime's services (./world).
 */
import { loadSettings } from '../../../src/app/settings/load';
import { saveSettings } from '../../../src/app/settings/save';
import { world } from './world';

const CONFIG = {
  digests: [
    { name: 'Evening', at: '18:00' },
    { name: 'Morning', at: '10:00', days: ['mon'] },
  ],
  quietHours: { from: '08:00', to: '12:00' },
};

describe('opsState, in settingsLoad', () => {
  it('names the next digest due and the quiet hours on now, until when', () => {
    const w = world(); // Monday 15 January 2024, 09:00 UTC
    expect(saveSettings(w.services, JSON.stringify(CONFIG))).toEqual({ ok: true });
    expect(loadSettings(w.services).ops).toEqual({
      nextDigest: {
        sheet: 'Tickets',
        name: 'Morning',
        day: '2024-01-15',
        when: 'Monday 15 January 2024 at 10:00',
        now: false,
      },
      quiet: [{ sheet: 'Tickets', until: '12:00' }],
      quietConfigured: true,
      people: null,
    });
  });

  it('after quiet hours and past a digest time: due now, nothing quiet', () => {
    const w = world();
    expect(saveSettings(w.services, JSON.stringify(CONFIG))).toEqual({ ok: true });
    w.clock.advance(4 * 3600 * 1000);
    const ops = loadSettings(w.services).ops;
    expect(ops.quiet).toEqual([]);
    expect(ops.quietConfigured).toBe(true);
    expect(ops.nextDigest).toMatchObject({ name: 'Morning', now: true });
  });

  it('without digests or quiet hours: nothing to say', () => {
    expect(loadSettings(world().services).ops).toEqual({
      nextDigest: null,
      quiet: [],
      quietConfigured: false,
      people: null,
    });
  });

  it('says how many people the directory lists, and which rows it ignores', () => {
    const w = world({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Owner'],
            ['T-1', 'ana@example.com'],
          ],
        },
        {
          name: 'People',
          rows: [
            ['Email', 'Chat user ID'],
            ['ana@example.com', 'users/123'],
            ['bo@example.com', 'all'],
          ],
        },
      ],
    });
    const config = {
      sheet: 'Tickets',
      people: { sheet: 'People' },
      mentions: [{ when: { column: 'ID', equals: 'T-1' }, mention: '{{Owner}}' }],
    };
    expect(saveSettings(w.services, JSON.stringify(config))).toEqual({ ok: true });
    expect(loadSettings(w.services).ops.people).toBe(
      'People directory, sheet "People": 1 address with a Chat user ID. People directory, sheet "People": 1 row ignored, its Chat user ID not a numeric ID (users/123456789 or 123456789): row 3 ("all").',
    );
  });
});
