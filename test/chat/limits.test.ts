import {
  checkMessage,
  MAX_BODY_BYTES,
  MAX_TEXT_CHARS,
  MAX_THREAD_KEY_CHARS,
  truncateText,
  utf8ByteLength,
} from '../../src/chat/limits';
import { ChatMessage } from '../../src/chat/message-types';

const PAIR = '\u{1F600}'; // 😀, two UTF-16 code units
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('limits', () => {
  it('has the documented values', () => {
    expect([MAX_TEXT_CHARS, MAX_BODY_BYTES, MAX_THREAD_KEY_CHARS]).toEqual([4096, 32000, 4000]);
  });
});

describe('utf8ByteLength', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['€', 3],
    [PAIR, 4],
    ['a\u{10FFFF}b', 6],
    ['\uD83D', 3],
    ['\uDE00', 3],
    ['\uDE00\uD83D', 6],
    ['x\uD83Dy', 5],
  ])('utf8ByteLength(%j) = %d', (s, n) => {
    expect(utf8ByteLength(s)).toBe(n);
  });

  it('agrees with Node for mixed text, lone surrogates included', () => {
    const s = `Zoë — 東京 ${PAIR} <users/all> \uD800 end \uDFFF`;
    expect(utf8ByteLength(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });
});

describe('truncateText', () => {
  it('returns the text unchanged when it fits, limit included', () => {
    expect(truncateText('hello', 5)).toBe('hello');
    expect(truncateText('', 0)).toBe('');
  });

  it('cuts to maxChars including the default mark', () => {
    const out = truncateText('a'.repeat(100), 20);
    expect(out.length).toBe(20);
    expect(out).toBe('a'.repeat(7) + '… [truncated]');
  });

  it('accepts a custom mark', () => {
    expect(truncateText('abcdefghij', 6, '...')).toBe('abc...');
    expect(truncateText('abcdefghij', 6, '')).toBe('abcdef');
  });

  it('never splits a surrogate pair', () => {
    const s = PAIR.repeat(50);
    for (let max = 0; max < 40; max++) {
      const out = truncateText(s, max, '~');
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(LONE_SURROGATE);
    }
    expect(truncateText(`ab${PAIR}cd`, 4, '~')).toBe('ab~');
  });

  it('cuts without a mark when the mark alone does not fit', () => {
    expect(truncateText('abcdefghij', 5, '[truncated]')).toBe('abcde');
    expect(truncateText('abc', 0)).toBe('');
  });

  it('makes any text fit MAX_TEXT_CHARS', () => {
    const out = truncateText(`x${PAIR}`.repeat(3000), MAX_TEXT_CHARS);
    expect(out.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(out.endsWith('… [truncated]')).toBe(true);
    expect(out).not.toMatch(LONE_SURROGATE);
  });
});

describe('checkMessage', () => {
  it('serialises a valid message and counts UTF-8 bytes', () => {
    const message: ChatMessage = { text: 'héllo', thread: { threadKey: 'row-1' } };
    const r = checkMessage(message);
    expect(r).toEqual({
      ok: true,
      value: { body: JSON.stringify(message), bytes: Buffer.byteLength(JSON.stringify(message)) },
    });
  });

  it.each<[string, ChatMessage]>([
    ['no fields', {}],
    ['blank text', { text: ' \n ' }],
    ['empty cards', { cardsV2: [] }],
    ['only a thread', { thread: { threadKey: 'k' } }],
  ])('rejects an empty message (%s)', (_name, message) => {
    const r = checkMessage(message);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/empty/);
  });

  it('accepts a card-only message', () => {
    expect(checkMessage({ cardsV2: [{ cardId: 'c', card: { header: { title: 'T' } } }] }).ok).toBe(
      true,
    );
  });

  it('enforces the text limit with the numbers', () => {
    expect(checkMessage({ text: 'a'.repeat(4096) }).ok).toBe(true);
    expect(checkMessage({ text: 'a'.repeat(4097) })).toEqual({
      ok: false,
      error: 'message text is 4097 characters; the limit is 4096',
    });
  });

  it('enforces the thread key limit with the numbers', () => {
    expect(checkMessage({ text: 'x', thread: { threadKey: 'k'.repeat(4000) } }).ok).toBe(true);
    expect(checkMessage({ text: 'x', thread: { threadKey: 'k'.repeat(4001) } })).toEqual({
      ok: false,
      error: 'thread key is 4001 characters; the limit is 4000',
    });
  });

  it('enforces the body limit in UTF-8 bytes, not characters', () => {
    // 3000 characters of 3-byte text per paragraph: well under 4096 chars of `text`, but large.
    const para = '東'.repeat(3000);
    const message: ChatMessage = {
      text: 'see card',
      cardsV2: [
        {
          cardId: 'c',
          card: {
            sections: [{ widgets: [1, 2, 3, 4].map(() => ({ textParagraph: { text: para } })) }],
          },
        },
      ],
    };
    const bytes = Buffer.byteLength(JSON.stringify(message));
    expect(JSON.stringify(message).length).toBeLessThan(MAX_BODY_BYTES);
    expect(checkMessage(message)).toEqual({
      ok: false,
      error: `message body is ${bytes} bytes of UTF-8 JSON; the limit is 32000`,
    });
  });

  it('requires distinct card ids when there are several cards', () => {
    const card = { header: { title: 'T' } };
    expect(checkMessage({ cardsV2: [{ card }, { card }] }).ok).toBe(false);
    expect(
      checkMessage({
        cardsV2: [
          { cardId: 'a', card },
          { cardId: 'a', card },
        ],
      }).ok,
    ).toBe(false);
    expect(
      checkMessage({
        cardsV2: [
          { cardId: 'a', card },
          { cardId: 'b', card },
        ],
      }).ok,
    ).toBe(true);
  });
});
