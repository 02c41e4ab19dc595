import { Hash64, hash32, hashHex } from '../../src/relay/hash';

describe('hashHex', () => {
  it('is deterministic, 32 hex characters, and sensitive to every character', () => {
    expect(hashHex('abc')).toBe(hashHex('abc'));
    expect(hashHex('abc')).toMatch(/^[0-9a-f]{32}$/);
    expect(hashHex('abc')).not.toBe(hashHex('abd'));
    expect(hashHex('')).not.toBe(hashHex('\u0000'));
    expect(hashHex('ab')).not.toBe(hashHex('ba'));
  });

  it('has no collisions over 100,000 similar inputs', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100000; i++) seen.add(hashHex(`row-${i}`));
    expect(seen.size).toBe(100000);
  });
});

describe('Hash64 (row versions)', () => {
  const digest = (parts: Array<string | number>) => {
    const h = new Hash64();
    parts.forEach((p) => (typeof p === 'number' ? h.number(p) : h.text(p)));
    return h.digest();
  };

  it('is deterministic and 16 hex characters', () => {
    expect(digest(['a', 'b'])).toBe(digest(['a', 'b']));
    expect(digest(['a', 'b'])).toMatch(/^[0-9a-f]{16}$/);
  });

  it('separates parts, so moving text between fields is a change', () => {
    expect(digest(['ab', 'c'])).not.toBe(digest(['a', 'bc']));
    expect(digest([hash32('Title'), 'x'])).not.toBe(digest([hash32('Notes'), 'x']));
    expect(digest(['x', ''])).not.toBe(digest(['x']));
  });

  it('has no collisions over 100,000 one-character edits', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100000; i++) seen.add(digest([hash32('Amount'), `$${i}.00`, 'open']));
    expect(seen.size).toBe(100000);
  });
});

describe('hash32', () => {
  it('is a deterministic 32-bit digest of a label', () => {
    expect(hash32('Title')).toBe(hash32('Title'));
    expect(hash32('Title')).not.toBe(hash32('title'));
    expect(Number.isInteger(hash32('Title'))).toBe(true);
    expect(Math.abs(hash32('Title'))).toBeLessThan(2 ** 32);
  });
});
