/**
 * The Adopt section (src/app/settings/adopt.ts): count, then mark all rows as sent.
 * Run directly on the local runtime's service implementations (./world).
 */
import { countRowsToMark, markRowsSent } from '../../../src/app/settings/adopt';
import { world } from './world';

describe('adopt', () => {
  it('counts, then marks, posting nothing', () => {
    const w = world();
    expect(countRowsToMark(w.services)).toEqual({
      ok: true,
      counts: [{ sheet: 'Tickets', rows: 3 }],
      total: 3,
    });
    expect(markRowsSent(w.services)).toMatchObject({ ok: true, marked: 3 });
    expect(w.http.requests).toHaveLength(0);
    expect(countRowsToMark(w.services)).toMatchObject({ ok: true, total: 0 });
  });
});
