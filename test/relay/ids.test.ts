import { newRowId, requestIdFor, threadKeyFor } from '../../src/relay/ids';

const sheet = { spreadsheetId: 'ss-1', sheetId: 0 };

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

describe('formats', () => {
  it('thread keys and request IDs are chat-relay-<32 hex>, the send count last', () => {
    expect(threadKeyFor(sheet, 'T-1')).toMatch(/^chat-relay-[0-9a-f]{32}$/);
    expect(requestIdFor(sheet, 'T-1', 'r1', 'v1:x', 12)).toMatch(/^chat-relay-[0-9a-f]{32}-12$/);
  });

  it('a row ID is the time in base 36 and 28 random characters, the same for the same draws', () => {
    const draws = () => {
      const values = [0, 0.5, 0.25, 0.999999];
      return () => values.shift() as number;
    };
    const id = newRowId(draws(), 1700000000000);
    expect(id).toBe(newRowId(draws(), 1700000000000));
    expect(id.startsWith('r' + (1700000000000).toString(36))).toBe(true);
    expect(id).toHaveLength(1 + (1700000000000).toString(36).length + 28);
  });
});
