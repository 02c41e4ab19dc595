import { backoffDelay, isTransientStatus, parseRetryAfter } from '../../src/chat/retry';

const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);

describe('isTransientStatus', () => {
  it('retries 429 and 500/502/503/504 only', () => {
    expect([429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 409, 413, 501, 505].some(isTransientStatus)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('uses full jitter below an exponentially growing, capped ceiling', () => {
    const top = () => 0.9999;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 1000, 32000, top))).toEqual([
      999, 1999, 3999, 7999, 15998, 31996, 31996,
    ]);
    expect(backoffDelay(3, 1000, 32000, () => 0)).toBe(0);
    expect(backoffDelay(3, 1000, 32000, () => 0.5)).toBe(2000);
  });

  it('ignores a misbehaving random source', () => {
    expect(backoffDelay(1, 1000, 32000, () => 7)).toBeLessThan(1000);
    expect(backoffDelay(1, 1000, 32000, () => NaN)).toBeLessThan(1000);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds, whatever the header name case', () => {
    expect(parseRetryAfter({ 'Retry-After': '7' }, NOW)).toBe(7000);
    expect(parseRetryAfter({ 'retry-after': ' 0 ' }, NOW)).toBe(0);
    expect(parseRetryAfter({ 'RETRY-AFTER': ['2', '9'] }, NOW)).toBe(2000);
    expect(parseRetryAfter({ 'Retry-After': 3 }, NOW)).toBe(3000);
  });

  it('reads an HTTP-date relative to now, a past date being 0', () => {
    expect(parseRetryAfter({ 'Retry-After': 'Mon, 06 Jan 2025 09:00:12 GMT' }, NOW)).toBe(12000);
    expect(parseRetryAfter({ 'Retry-After': 'Mon, 06 Jan 2025 08:00:00 GMT' }, NOW)).toBe(0);
  });

  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter({}, NOW)).toBeNull();
    expect(parseRetryAfter({ 'Retry-After': 'soon' }, NOW)).toBeNull();
    expect(parseRetryAfter({ 'Retry-After': '-5' }, NOW)).toBeNull();
    expect(parseRetryAfter({ 'X-Retry-After': '5' }, NOW)).toBeNull();
  });
});
