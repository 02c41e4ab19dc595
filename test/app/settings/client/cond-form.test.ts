/**
 * Conditions and mentions as the sidebar's form holds them (src/app/settings/client/cond-form.ts).
 */
import {
  condsFrom,
  condsJson,
  extraOf,
  mentionJson,
  mentionText,
} from '../../../../src/app/settings/client/cond-form';

describe('conditions in the form', () => {
  it('reads one condition or a list, and writes each operator’s value as the configuration takes it', () => {
    expect(condsFrom({ column: 'Due', onOrBefore: 'today+3d' })).toEqual([
      { column: 'Due', op: 'onOrBefore', value: 'today+3d' },
    ]);
    expect(condsFrom(undefined)).toEqual([]);
    expect(
      condsJson([
        { column: 'A', op: 'in', value: 'x, y,' },
        { column: 'B', op: 'empty', value: 'false' },
        { column: 'C', op: 'lessThan', value: '7' },
        { column: 'D', op: 'after', value: 'now-30m' },
      ]),
    ).toEqual([
      { column: 'A', in: ['x', 'y'] },
      { column: 'B', empty: false },
      { column: 'C', lessThan: 7 },
      { column: 'D', after: 'now-30m' },
    ]);
  });

  it('a mention: one stays one, several become a list; unknown keys are kept', () => {
    expect(mentionJson(' {{Owner}} ')).toBe('{{Owner}}');
    expect(mentionJson('all, users/1')).toEqual(['all', 'users/1']);
    expect(mentionText(['users/1', '{{Owner}}'])).toBe('users/1, {{Owner}}');
    expect(mentionText(undefined)).toBe('');
    expect(extraOf({ name: 'x', future: 1 }, ['name'])).toEqual({ future: 1 });
  });
});
