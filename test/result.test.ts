/** Typed results of the core: ok() and err() build the two shapes Result<T, E> narrows on. */
import { Result, err, ok } from '../src/result';

function half(n: number): Result<number> {
  return n % 2 === 0 ? ok(n / 2) : err(`${n} is odd`);
}

describe('result', () => {
  it('ok carries the value, err the error, told apart by ok', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(err('bad')).toEqual({ ok: false, error: 'bad' });
    const even = half(4);
    const odd = half(3);
    expect(even.ok && even.value).toBe(2);
    expect(!odd.ok && odd.error).toBe('3 is odd');
  });

  it('holds any value as given, falsy ones and objects too (no copy)', () => {
    const value = { a: [1] };
    expect(ok(value).value).toBe(value);
    expect(ok(0)).toEqual({ ok: true, value: 0 });
    expect(ok(undefined)).toEqual({ ok: true, value: undefined });
    expect(err([{ path: 'sheets[0]' }]).error).toEqual([{ path: 'sheets[0]' }]);
  });
});
