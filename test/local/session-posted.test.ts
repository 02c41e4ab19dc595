/**
 * The "posted:" line `npm start` prints for each message created (session.ts):
 * a card by its header, with the mentions shown above it; a text by its first line.
 */
import { describePosted } from '../../local/session';

const card = (header: Record<string, string> | undefined, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    cardsV2: [{ cardId: 'row', card: { ...(header ? { header } : {}), sections: [] } }],
    fallbackText: 'T-9 · Fallback — new row in Tickets',
    ...extra,
  });

test('a card shows its header title and subtitle, and the text above it', () => {
  expect(describePosted(card({ title: 'T-1 · Printer', subtitle: 'New row in Tickets' }))).toBe(
    'card: T-1 · Printer — New row in Tickets',
  );
  expect(
    describePosted(
      card({ title: 'T-1 · Printer', subtitle: 'Row updated in Tickets' }, { text: '<users/all>' }),
    ),
  ).toBe('card: T-1 · Printer — Row updated in Tickets (above it: <users/all>)');
});

test('a card without a header falls back to its fallbackText', () => {
  expect(describePosted(card(undefined))).toBe('card: T-9 · Fallback — new row in Tickets');
});

test('a text message shows its first line, cut with a mark', () => {
  expect(describePosted(JSON.stringify({ text: '*T-1 · Printer*\n_New row in Tickets_' }))).toBe(
    'text: *T-1 · Printer*…',
  );
  expect(describePosted(JSON.stringify({ text: 'x'.repeat(150) }))).toBe(
    `text: ${'x'.repeat(100)}…`,
  );
  expect(describePosted('not json')).toBe('(a body that is not JSON)');
});
