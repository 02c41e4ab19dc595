import { newRowId, reminderRequestIdFor, requestIdFor, threadKeyFor } from '../../src/relay/ids';

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

describe('reminderRequestIdFor', () => {
  const T0 = Date.UTC(2026, 0, 5, 9, 0);

  it('is the same for a retry, and its own for each reminder of each rule of each row', () => {
    const id = reminderRequestIdFor(sheet, 'r1', 'rule-a', T0, 1);
    expect(reminderRequestIdFor({ ...sheet }, 'r1', 'rule-a', T0, 1)).toBe(id);
    const others = [
      reminderRequestIdFor(sheet, 'r1', 'rule-a', T0, 2),
      // The rule started over: its first reminder again, but not the same one.
      reminderRequestIdFor(sheet, 'r1', 'rule-a', T0 + 60000, 1),
      reminderRequestIdFor(sheet, 'r1', 'rule-b', T0, 1),
      reminderRequestIdFor(sheet, 'r2', 'rule-a', T0, 1),
      reminderRequestIdFor({ ...sheet, sheetId: 7 }, 'r1', 'rule-a', T0, 1),
      requestIdFor(sheet, 'T-1', 'r1', 'v1:x', 1),
    ];
    expect(new Set([id, ...others]).size).toBe(others.length + 1);
    expect(id).toMatch(/^chat-relay-[0-9a-f]{32}-r1$/);
  });
});
