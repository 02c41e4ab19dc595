/**
 * A rule of a list as the form shows it, and the days a rule names
 * (src/app/settings/client/rule-html.ts).
 */
import {
  daysFrom,
  daysJson,
  listField,
  ruleHtml,
} from '../../../../src/app/settings/client/rule-html';

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

describe('rules in the form', () => {
  it('a rule: its conditions under its key, its own fields, its Remove button', () => {
    const html = ruleHtml(
      {
        list: 'entries.0.quiet',
        r: 1,
        path: 'quiet[1]',
        when: [],
        noun: 'thing',
        whenKey: 'except',
      },
      ['A'],
      '<i>own</i>',
    );
    expect(html).toContain('data-path="quiet[1]"');
    expect(html).toContain('data-action="add-cond" data-list="entries.0.quiet.1.except"');
    expect(html).toContain('<i>own</i>');
    expect(html).toContain(
      'data-action="remove" data-list="entries.0.quiet" data-index="1">Remove this thing',
    );
  });

  it('a list: its label, its rules, its add button (none when null)', () => {
    const add = { action: 'add-x', list: 'entries.0.x', text: '+ Add' };
    expect(listField('x', 'X', '', ['<b>r</b>'], add)).toContain(
      '<b>r</b><button type="button" class="link" data-action="add-x" data-list="entries.0.x">+ Add</button>',
    );
    expect(listField('x', 'X', '', [], null)).not.toContain('<button');
  });

  it('days: in the week’s order; none or all left out; an unknown day kept as typed', () => {
    expect(daysJson(['sun', 'mon'], WEEK)).toEqual(['mon', 'sun']);
    expect(daysJson([], WEEK)).toBeUndefined();
    expect(daysJson(WEEK.slice(), WEEK)).toBeUndefined();
    expect(daysJson(['mon', 'Funday'], WEEK)).toEqual(['mon', 'Funday']);
    expect(daysFrom([' MON ', 'fri'])).toEqual(['mon', 'fri']);
    expect(daysFrom('mon')).toEqual([]);
  });
});
