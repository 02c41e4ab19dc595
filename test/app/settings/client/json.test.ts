/** JSON values as the form reads them. */
import { clone, isObject } from '../../../../src/app/settings/client/json';

describe('json', () => {
  it('isObject: a plain JSON object only', () => {
    expect(isObject({})).toBe(true);
    expect(isObject({ a: 1 })).toBe(true);
    expect(isObject([])).toBe(false);
    expect(isObject(null)).toBe(false);
    expect(isObject('{}')).toBe(false);
  });

  it('clone: a deep copy, shared with nothing', () => {
    const value = { sheets: [{ sheet: 'Tickets', columns: ['A'] }] };
    const copy = clone(value);
    expect(copy).toEqual(value);
    copy.sheets[0].columns.push('B');
    expect(value.sheets[0].columns).toEqual(['A']);
  });
});
