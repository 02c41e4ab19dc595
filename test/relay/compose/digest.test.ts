import { MAX_BODY_BYTES, MAX_TEXT_CHARS, checkMessage } from '../../../src/chat/limits';
import { ChatMessage } from '../../../src/chat/message-types';
import {
  DigestContext,
  DigestLine,
  MAX_DIGEST_ROWS,
  composeDigest,
  matchCount,
} from '../../../src/relay/compose/digest';

const SHEET_URL = 'https://docs.google.com/spreadsheets/d/ss-1/edit#gid=7';
const rowUrl = (n: number) =>
  `https://docs.google.com/spreadsheets/d/ss-1/edit#gid=7&range=A${n}:D${n}`;

function line(n: number, title = `T-${n} · Printer ${n}`, thread = n % 2 === 0): DigestLine {
  return {
    title,
    rowLink: rowUrl(n + 1),
    threadLink: thread ? `https://chat.google.com/room/AAAA/thr${n}` : null,
  };
}

function ctx(over: Partial<DigestContext> = {}): DigestContext {
  const lines = over.lines ?? [line(1), line(2)];
  return {
    format: 'card',
    name: 'Open this morning',
    sheet: 'Tickets',
    date: 'Monday 15 January 2024',
    total: lines.length,
    lines,
    sheetLink: SHEET_URL,
    mentions: [],
    threadKey: 'chat-relay-digest-abc',
    ...over,
  };
}

/** A URL as an href of card HTML writes it. */
const href = (url: string) => url.replace(/&/g, '&amp;');

type Widget = { decoratedText?: { text: string }; textParagraph?: { text: string } };
const widgets = (m: ChatMessage): Widget[] =>
  (m.cardsV2?.[0].card.sections?.[0].widgets ?? []) as Widget[];
const texts = (m: ChatMessage) =>
  widgets(m).map((w) => w.decoratedText?.text ?? w.textParagraph?.text);

describe('composeDigest, as a card', () => {
  it('heads with the name, then the count, the sheet and the date; a line per row with its links', () => {
    const m = composeDigest(ctx());
    expect(m.thread).toEqual({ threadKey: 'chat-relay-digest-abc' });
    expect(m.cardsV2?.[0].card.header).toEqual({
      title: 'Open this morning',
      subtitle: '2 rows match · Tickets · Monday 15 January 2024',
    });
    expect(texts(m)).toEqual([
      `T-1 · Printer 1<br><a href="${href(rowUrl(2))}">Open in Sheets</a>`,
      `T-2 · Printer 2<br><a href="${href(rowUrl(3))}">Open in Sheets</a> · <a href="https://chat.google.com/room/AAAA/thr2">Chat thread</a>`,
    ]);
    expect(m.fallbackText).toBe(
      'Open this morning — 2 rows match · Tickets · Monday 15 January 2024',
    );
    expect(m.text).toBeUndefined();
  });

  it(`lists at most ${MAX_DIGEST_ROWS} rows, then "… and N more" linking to the sheet; the count is of all`, () => {
    const lines = Array.from({ length: 60 }, (_, i) => line(i + 1));
    const m = composeDigest(ctx({ lines: lines.slice(0, MAX_DIGEST_ROWS), total: 73 }));
    const shown = texts(m);
    expect(shown).toHaveLength(MAX_DIGEST_ROWS + 1);
    expect(shown[MAX_DIGEST_ROWS]).toBe(`<a href="${SHEET_URL}">… and 23 more</a>`);
    expect(m.cardsV2?.[0].card.header?.subtitle).toMatch(/^73 rows match · /);
    // More lines given than a digest lists: still 50.
    expect(texts(composeDigest(ctx({ lines, total: 60 })))).toHaveLength(MAX_DIGEST_ROWS + 1);
  });

  it('escapes and neutralises what comes from cells: no markup, no mention from a title', () => {
    const m = composeDigest(ctx({ lines: [line(1, 'R&D ‹users/all› <b>x</b>', false)], total: 1 }));
    expect(texts(m)[0]).toBe(
      `R&amp;D ‹users/all› &lt;b&gt;x&lt;/b&gt;<br><a href="${href(rowUrl(2))}">Open in Sheets</a>`,
    );
  });

  it('puts the configured mentions in its text, and only those', () => {
    const m = composeDigest(ctx({ mentions: ['all', 'users/42', 'users/x'] }));
    expect(m.text).toBe('<users/all> <users/42>');
  });

  it('says "No rows match" when it is posted empty', () => {
    const m = composeDigest(ctx({ lines: [], total: 0 }));
    expect(m.cardsV2?.[0].card.header?.subtitle).toBe(
      'No rows match · Tickets · Monday 15 January 2024',
    );
    expect(texts(m)).toEqual(['No rows match']);
    expect(matchCount(1)).toBe('1 row matches');
  });

  it('stays within 32,000 bytes with huge titles: every row listed, titles cut', () => {
    const huge = '&\u0001😀"'.repeat(50).slice(0, 200);
    const lines = Array.from({ length: MAX_DIGEST_ROWS }, (_, i) => line(i + 1, huge, true));
    const m = composeDigest(ctx({ lines, total: 80 }));
    const checked = checkMessage(m);
    expect(checked.ok && checked.value.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(checked.ok && checked.value.bytes).toBeGreaterThan(MAX_BODY_BYTES - 2000);
    const shown = texts(m);
    expect(shown).toHaveLength(MAX_DIGEST_ROWS + 1);
    expect(shown[0]).toMatch(/… \[truncated\]<br><a href=/);
    expect(shown[MAX_DIGEST_ROWS]).toBe(`<a href="${SHEET_URL}">… and 30 more</a>`);
  });

  it('drops rows into "… and N more" when even the shortest titles do not fit', () => {
    const long = (n: number) => `${rowUrl(n)}&${'x'.repeat(900)}`;
    const lines = Array.from({ length: MAX_DIGEST_ROWS }, (_, i) => ({
      ...line(i + 1),
      rowLink: long(i + 2),
    }));
    const m = composeDigest(ctx({ lines, total: 80 }));
    const checked = checkMessage(m);
    expect(checked.ok && checked.value.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const shown = texts(m);
    const listed = shown.length - 1;
    expect(listed).toBeGreaterThan(20);
    expect(listed).toBeLessThan(MAX_DIGEST_ROWS);
    expect(shown[listed]).toBe(`<a href="${SHEET_URL}">… and ${80 - listed} more</a>`);
  });
});

describe('composeDigest, as text', () => {
  it('gives the name, the count line, then a bullet per row with its links', () => {
    const m = composeDigest(ctx({ format: 'text', mentions: ['users/42'] }));
    expect(m).toEqual({
      text: [
        '<users/42>',
        '*Open this morning*',
        '_2 rows match · Tickets · Monday 15 January 2024_',
        `• T-1 · Printer 1 · <${rowUrl(2)}|Open in Sheets>`,
        `• T-2 · Printer 2 · <${rowUrl(3)}|Open in Sheets> · <https://chat.google.com/room/AAAA/thr2|Chat thread>`,
      ].join('\n'),
      thread: { threadKey: 'chat-relay-digest-abc' },
    });
  });

  it(`stays within ${MAX_TEXT_CHARS} characters: as many rows as fit, the rest counted`, () => {
    const lines = Array.from({ length: MAX_DIGEST_ROWS }, (_, i) => line(i + 1));
    const m = composeDigest(ctx({ format: 'text', lines, total: 120 }));
    const text = m.text as string;
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    const listed = text.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(listed).toBeGreaterThan(10);
    expect(text.split('\n').pop()).toBe(`<${SHEET_URL}|… and ${120 - listed} more>`);
  });

  it('posts "No rows match" with its name when empty', () => {
    expect(composeDigest(ctx({ format: 'text', lines: [], total: 0 })).text).toBe(
      '*Open this morning*\n_No rows match · Tickets · Monday 15 January 2024_',
    );
  });

  it('keeps link markup out of a title, and a link that is not ours', () => {
    const m = composeDigest(
      ctx({
        format: 'text',
        lines: [{ title: 'x|y', rowLink: 'javascript:alert(1)', threadLink: null }],
        total: 1,
        sheetLink: null,
      }),
    );
    expect((m.text as string).split('\n').pop()).toBe('• x|y');
  });
});
