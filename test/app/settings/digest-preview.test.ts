/**
 * settingsPreviewDigest (src/app/settings/digest-preview.ts): a digest as it would be posted
 * now, and when it is next due. Run directly on the local runtime's services (./world).
 */
import { previewDigestSettings } from '../../../src/app/settings/digest-preview';
import { world } from './world';

const DIGEST = {
  name: 'Open',
  at: '10:00',
  when: { column: 'ID', in: ['T-1', 'T-2'] },
};
const CONFIG = JSON.stringify({ format: 'text', digests: [DIGEST] });

describe('previewDigestSettings', () => {
  it('is the digest as it would be posted now, listing the matching rows, and sends nothing', () => {
    const w = world();
    const shown = previewDigestSettings(w.services, CONFIG, 'Tickets', 'open');
    expect(w.http.requests).toHaveLength(0);
    if (!shown.ok || !shown.message) throw new Error('expected a digest');
    expect(shown).toMatchObject({
      sheet: 'Tickets',
      format: 'text',
      matching: '2 rows match',
      webhook: 'default',
      next: 'Monday 15 January 2024 at 10:00',
    });
    const text = JSON.stringify(shown.message);
    expect(text).toContain('Printer on fire');
    expect(text).toContain('Coffee machine');
    expect(text).not.toContain('Badge reader');
  });

  it('says the next run posts it once its time has come today', () => {
    const w = world();
    w.clock.advance(90 * 60 * 1000);
    expect(previewDigestSettings(w.services, CONFIG, 'Tickets', 'Open')).toMatchObject({
      ok: true,
      next: 'now: the next run posts it',
    });
  });

  it('names a digest the sheet does not have, and a configuration error with its path', () => {
    const w = world();
    expect(previewDigestSettings(w.services, CONFIG, 'Tickets', 'Closed')).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ message: 'Sheet "Tickets" has no digest named "Closed".' }),
      ],
    });
    const bad = JSON.stringify({ digests: [{ ...DIGEST, at: '25:00' }] });
    const refused = previewDigestSettings(w.services, bad, 'Tickets', 'Open');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0].path).toBe('digests[0].at');
  });
});
