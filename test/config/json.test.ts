import { parseJsonProperty, quotedValueHint, isObject } from '../../src/config/json';

describe('parseJsonProperty', () => {
  it('parses JSON', () => {
    expect(parseJsonProperty('CHAT_RELAY_CONFIG', '{"sheet": "Tickets"}')).toEqual({
      ok: true,
      value: { sheet: 'Tickets' },
    });
  });

  it('names smart double quotes, as phones and word processors type them', () => {
    const parsed = parseJsonProperty(
      'CHAT_RELAY_CONFIG',
      '{\u201csheet\u201d: \u201cTickets\u201d}',
    );
    expect(parsed).toEqual({
      ok: false,
      error:
        'CHAT_RELAY_CONFIG is not valid JSON: it contains smart quotes (“ ” or ‘ ’), which JSON does not accept. Retype them as straight quotes (")',
    });
  });

  it('names smart single quotes too', () => {
    const parsed = parseJsonProperty('CHAT_RELAY_CONFIG', '{\u2018sheet\u2019: 1}');
    expect(!parsed.ok && parsed.error).toMatch(/smart quotes/);
  });

  it('gives the line and column of a syntax error, and the engine message', () => {
    const parsed = parseJsonProperty('CHAT_RELAY_CONFIG', '{"sheet": "Tickets",\n  }');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatch(/^CHAT_RELAY_CONFIG is not valid JSON at line 2, column 3: /);
    expect(parsed.error).toContain('position 23');
  });

  it('names the property it reads', () => {
    const parsed = parseJsonProperty('OTHER', 'nope');
    expect(!parsed.ok && parsed.error).toMatch(/^OTHER is not valid JSON/);
  });
});

describe('quotedValueHint', () => {
  it.each([
    ['"https://chat.googleapis.com/v1/x"', '"…"'],
    ["'https://chat.googleapis.com/v1/x'", "'…'"],
    ['\u201chttps://chat.googleapis.com/v1/x\u201d', '\u201c…\u201d'],
    ['\u2018https://chat.googleapis.com/v1/x\u2019', '\u2018…\u2019'],
    ['<https://chat.googleapis.com/v1/x>', '<…>'],
    ['`https://chat.googleapis.com/v1/x`', '`…`'],
    ['  "https://chat.googleapis.com/v1/x"  ', '"…"'],
  ])('tells to drop the quotes of %s', (value, quotes) => {
    expect(quotedValueHint('CHAT_WEBHOOK_URL', value)).toBe(
      `CHAT_WEBHOOK_URL has ${quotes} around the URL: paste the URL alone, without quotes`,
    );
  });

  it('says nothing for a bare URL or a lone quote', () => {
    expect(quotedValueHint('CHAT_WEBHOOK_URL', 'https://chat.googleapis.com/v1/x')).toBeNull();
    expect(quotedValueHint('CHAT_WEBHOOK_URL', '"')).toBeNull();
    expect(quotedValueHint('CHAT_WEBHOOK_URL', '"https://chat.googleapis.com')).toBeNull();
  });
});

describe('isObject', () => {
  it('is true for a JSON object only: not null, an array or a scalar', () => {
    expect(isObject({ a: 1 })).toBe(true);
    expect(isObject({})).toBe(true);
    expect([null, [], [1], 'x', 1, true, undefined].map(isObject)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
