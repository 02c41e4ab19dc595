import { Hash64, hash32, hashHex } from '../../src/relay/hash';
import { newRowId, requestIdFor, threadKeyFor } from '../../src/relay/ids';

const sheet = { spreadsheetId: 'ss-1', sheetId: 0 };

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

describe('threadKeyFor', () => {
  it('is stable for a sheet and key, and differs across keys, sheets and spreadsheets', () => {
    const key = threadKeyFor(sheet, 'T-1');
    expect(threadKeyFor({ ...sheet }, 'T-1')).toBe(key);
    expect(threadKeyFor(sheet, 'T-2')).not.toBe(key);
    expect(threadKeyFor({ ...sheet, sheetId: 7 }, 'T-1')).not.toBe(key);
    expect(threadKeyFor({ ...sheet, spreadsheetId: 'ss-2' }, 'T-1')).not.toBe(key);
  });

  it('stays short whatever the key length', () => {
    expect(threadKeyFor(sheet, 'k'.repeat(100000)).length).toBeLessThanOrEqual(64);
  });
});

describe('requestIdFor', () => {
  it('is the same for a retry and different for a new version, a new send or another row', () => {
    const id = requestIdFor(sheet, 'T-1', 'row-a', 'v1:x', 1);
    expect(requestIdFor(sheet, 'T-1', 'row-a', 'v1:x', 1)).toBe(id);
    expect(requestIdFor(sheet, 'T-1', 'row-a', 'v1:x', 2)).not.toBe(id);
    expect(requestIdFor(sheet, 'T-1', 'row-a', 'v1:y', 1)).not.toBe(id);
    expect(requestIdFor(sheet, 'T-1', 'row-b', 'v1:x', 1)).not.toBe(id);
    expect(requestIdFor(sheet, 'T-2', 'row-a', 'v1:x', 1)).not.toBe(id);
  });
});

describe('newRowId', () => {
  it('draws from the injected random source', () => {
    let n = 0;
    const random = () => (n++ * 0.137) % 1;
    const a = newRowId(random, 1000);
    const b = newRowId(random, 1000);
    expect(a).toMatch(/^r[0-9a-z]+$/);
    expect(a).not.toBe(b);
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
