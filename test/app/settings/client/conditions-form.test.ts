/**
 * Conditions as the sidebar's form holds them, and back
 * (src/app/settings/client/conditions-form.ts): `in`/`notIn` lists as
 * comma-separated text, `empty` as 'true'/'false', one object as a list.
 */
import {
  condsFrom,
  condsJson,
  listOf,
  newCondition,
} from '../../../../src/app/settings/client/conditions-form';

describe('condsFrom', () => {
  it('reads each operator: lists joined with commas, `empty` as text', () => {
    expect(
      condsFrom([
        { column: 'Status', equals: 'New' },
        { column: 'Status', notEquals: 'Closed' },
        { column: 'Team', in: ['IT', 'HR'] },
        { column: 'Team', notIn: ['Legal'] },
        { column: 'Title', matches: '^VPN' },
        { column: 'Owner', empty: false },
      ]),
    ).toEqual([
      { column: 'Status', op: 'equals', value: 'New' },
      { column: 'Status', op: 'notEquals', value: 'Closed' },
      { column: 'Team', op: 'in', value: 'IT, HR' },
      { column: 'Team', op: 'notIn', value: 'Legal' },
      { column: 'Title', op: 'matches', value: '^VPN' },
      { column: 'Owner', op: 'empty', value: 'false' },
    ]);
  });

  it('takes one condition as a list of one, and nothing as none', () => {
    expect(condsFrom({ column: 'Status', equals: 'New' })).toEqual([
      { column: 'Status', op: 'equals', value: 'New' },
    ]);
    expect(condsFrom(undefined)).toEqual([]);
    expect(condsFrom(null)).toEqual([]);
  });

  it('reads what is not a condition as a new, empty one', () => {
    expect(condsFrom(['Status', { column: 5, equals: 'x' }])).toEqual([
      newCondition(),
      { column: '', op: 'equals', value: 'x' },
    ]);
    expect(newCondition()).toEqual({ column: '', op: 'equals', value: '' });
  });
});

describe('listOf', () => {
  it('splits on commas, trimmed, without blanks', () => {
    expect(listOf(' IT ,HR,, ,Legal ')).toEqual(['IT', 'HR', 'Legal']);
    expect(listOf('')).toEqual([]);
  });
});

describe('condsJson', () => {
  it('writes each operator back: lists as arrays, `empty` as a boolean, the rest as text', () => {
    expect(
      condsJson([
        { column: 'Status', op: 'equals', value: 'New' },
        { column: 'Team', op: 'in', value: 'IT, HR,' },
        { column: 'Team', op: 'notIn', value: 'Legal' },
        { column: 'Owner', op: 'empty', value: 'true' },
        { column: 'Owner', op: 'empty', value: 'false' },
        { column: 'Title', op: 'matches', value: '^VPN' },
      ]),
    ).toEqual([
      { column: 'Status', equals: 'New' },
      { column: 'Team', in: ['IT', 'HR'] },
      { column: 'Team', notIn: ['Legal'] },
      { column: 'Owner', empty: true },
      { column: 'Owner', empty: false },
      { column: 'Title', matches: '^VPN' },
    ]);
  });

  it('takes "is empty" as true unless it says false', () => {
    expect(condsJson([{ column: 'Owner', op: 'empty', value: '' }])).toEqual([
      { column: 'Owner', empty: true },
    ]);
  });

  it('round-trips what condsFrom reads', () => {
    const conditions = [
      { column: 'Team', in: ['IT', 'HR'] },
      { column: 'Owner', empty: true },
      { column: 'Status', notEquals: 'Closed' },
    ];
    expect(condsJson(condsFrom(conditions))).toEqual(conditions);
  });
});
