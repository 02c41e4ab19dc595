import {
  CacheEntries,
  REMINDER_CACHE_PROPERTY,
  nothingDue,
  parseCache,
  serializeCache,
  signature,
} from '../../src/relay/reminder-cache';

const DUE = Date.UTC(2026, 0, 5, 9, 30);

describe('the reminder cache property', () => {
  it('is a Script Property of Chat Relay’s own', () => {
    expect(REMINDER_CACHE_PROPERTY).toBe('CHAT_RELAY_REMINDER_CACHE');
  });

  it('is written compactly, sheets in order, and read back as written', () => {
    const entries: CacheEntries = {
      Tickets: { sig: 'abc', due: DUE },
      Assets: { sig: 'def', due: null },
    };
    const raw = serializeCache(entries);
    expect(raw).toBe(`{"Assets":{"s":"def","d":null},"Tickets":{"s":"abc","d":${DUE}}}`);
    expect(parseCache(raw)).toEqual(entries);
    expect(serializeCache({})).toBe('{}');
    expect(parseCache('{}')).toEqual({});
  });

  it.each<[string, string | null]>([
    ['not set', null],
    ['empty', ''],
    ['not JSON', '{"Tickets":'],
    ['an array', '[{"s":"abc","d":1}]'],
    ['a string', '"abc"'],
    ['null', 'null'],
  ])('holds no entry when %s', (_what, raw) => {
    expect(parseCache(raw)).toEqual({});
  });

  it('drops only the entries that are damaged, keeping the others', () => {
    const raw = JSON.stringify({
      Good: { s: 'abc', d: 5 },
      NoDue: { s: 'abc' },
      TextDue: { s: 'abc', d: '5' },
      NumberSig: { s: 12, d: 5 },
      Empty: null,
      NotObject: 3,
      Never: { s: 'def', d: null },
    });
    expect(parseCache(raw)).toEqual({
      Good: { sig: 'abc', due: 5 },
      Never: { sig: 'def', due: null },
    });
    // JSON has no Infinity: a due too large to read is dropped.
    expect(parseCache('{"Big":{"s":"abc","d":1e999}}')).toEqual({});
  });
});

describe('signature', () => {
  it('is the same for the same rules and rows, in any order of the rows', () => {
    const a = signature('r1:30m', ['thread-1 r1', 'thread-2 r1']);
    expect(a).toMatch(/^[0-9a-f]+$/);
    expect(signature('r1:30m', ['thread-2 r1', 'thread-1 r1'])).toBe(a);
  });

  it('changes with the rules, a row, a rule that holds for a row, or a row more or less', () => {
    const a = signature('r1:30m', ['thread-1 r1', 'thread-2 r1']);
    const others = [
      signature('r1:1h', ['thread-1 r1', 'thread-2 r1']),
      signature('r1:30m', ['thread-1 r1', 'thread-3 r1']),
      signature('r1:30m', ['thread-1 r1', 'thread-2 r1 r2']),
      signature('r1:30m', ['thread-1 r1']),
      signature('r1:30m', ['thread-1 r1', 'thread-2 r1', 'thread-3 r1']),
      signature('r1:30m', []),
    ];
    expect(new Set([a, ...others]).size).toBe(others.length + 1);
  });

  it('leaves the rows it is given in their order', () => {
    const rows = ['b', 'a'];
    signature('r', rows);
    expect(rows).toEqual(['b', 'a']);
  });
});

describe('nothingDue', () => {
  it('says there is nothing to do for the same fingerprint before the due time', () => {
    expect(nothingDue({ sig: 'abc', due: DUE }, 'abc', DUE - 1)).toBe(true);
    expect(nothingDue({ sig: 'abc', due: null }, 'abc', DUE * 10)).toBe(true);
  });

  it('sends the run to the ledgers at the due time, for another fingerprint, or with no entry', () => {
    expect(nothingDue({ sig: 'abc', due: DUE }, 'abc', DUE)).toBe(false);
    expect(nothingDue({ sig: 'abc', due: DUE }, 'abc', DUE + 1)).toBe(false);
    expect(nothingDue({ sig: 'abc', due: DUE }, 'abd', DUE - 1)).toBe(false);
    expect(nothingDue({ sig: 'abc', due: null }, 'abd', 0)).toBe(false);
    expect(nothingDue(undefined, 'abc', 0)).toBe(false);
  });
});
