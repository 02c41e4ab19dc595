/**
 * The digest and reminders preview's text (src/app/settings/client/ops-preview-html.ts).
 */
import { digestNote, remindersHtml } from '../../../../src/app/settings/client/ops-preview-html';

const strip = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

describe('the digest and reminders preview', () => {
  it('says how many rows match, where the digest goes and when it is next posted', () => {
    const base = {
      ok: true as const,
      sheet: 'Tickets',
      name: 'Open',
      format: 'text' as const,
      matching: '2 rows match',
      webhook: 'OPS',
      next: 'Tuesday 16 January 2024 at 09:00',
    };
    expect(strip(digestNote({ ...base, message: { text: 'x' } }))).toBe(
      'Digest "Open" of Tickets: 2 rows match; posted now to webhook OPS. Next: Tuesday 16 January 2024 at 09:00.',
    );
    expect(
      strip(digestNote({ ...base, webhook: 'default', message: null, matching: 'No rows match' })),
    ).toBe(
      'Digest "Open" of Tickets: No rows match; nothing posted now (no row matches). Next: Tuesday 16 January 2024 at 09:00.',
    );
  });

  it('lists each rule with its note, and its message when one would go out', () => {
    const html = remindersHtml({
      ok: true,
      sheet: 'Tickets',
      row: 2,
      format: 'text',
      note: '',
      reminders: [
        {
          path: 'reminders[0]',
          holds: true,
          at: '2024-01-15 09:30',
          note: 'The first run at or after 2024-01-15 09:30 posts it.',
          message: { text: 'Still open' },
        },
        {
          path: 'reminders[1]',
          holds: false,
          at: '',
          note: 'Its condition does not hold for this row now.',
          message: null,
        },
      ],
    });
    expect(html.match(/class="reminder"/g)).toHaveLength(2);
    expect(html).toContain(
      '<b>reminders[0]</b>: The first run at or after 2024-01-15 09:30 posts it.',
    );
    expect(html.match(/data-testid="preview-message"/g)).toHaveLength(1);
    expect(html).toContain('Still open');
  });
});
