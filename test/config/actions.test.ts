/**
 * The `actions` and `actionLinkDays` keys (src/config/actions.ts): what a
 * valid action becomes, and a problem naming the key path for each thing
 * wrong in one. (Headers are checked against the sheet in relay/rules.ts.)
 */
import {
  actionText,
  namesUser,
  parseActionLinkDays,
  parseActionValue,
  parseActions,
} from '../../src/config/actions';
import { ConfigProblem } from '../../src/config/problems';

function parsed(value: unknown, path = 'actions') {
  const problems: ConfigProblem[] = [];
  const actions = parseActions(value, path, problems);
  return { actions, problems: problems.map((p) => `${p.path}: ${p.message}`) };
}

const CLAIM = {
  label: 'Claim',
  when: { column: 'Status', equals: 'New' },
  set: {
    Owner: '{{_user}}',
    Status: 'Claimed',
    'Claimed at': '{{_now}}',
    Note: 'by {{_user}} =1+1',
  },
};

describe('actions', () => {
  it('takes the issue’s example: label, when, and what set writes', () => {
    const { actions, problems } = parsed([CLAIM]);
    expect(problems).toEqual([]);
    expect(actions).toHaveLength(1);
    const [claim] = actions!;
    expect(claim.label).toBe('Claim');
    expect(claim.when).toHaveLength(1);
    expect(claim.path).toBe('actions[0]');
    expect(claim.set.map((w) => [w.column, w.path])).toEqual([
      ['Owner', 'actions[0].set.Owner'],
      ['Status', 'actions[0].set.Status'],
      ['Claimed at', 'actions[0].set.Claimed at'],
      ['Note', 'actions[0].set.Note'],
    ]);
    expect(claim.set.map((w) => actionText(w.value, 'ana@example.com'))).toEqual([
      'ana@example.com',
      'Claimed',
      null,
      'by ana@example.com =1+1',
    ]);
    expect(claim.set.map((w) => namesUser(w.value))).toEqual([true, false, false, true]);
  });

  it('without `when`, shows on every row', () => {
    expect(parsed([{ label: 'Ack', set: { Status: 'Acknowledged' } }]).actions![0].when).toBeNull();
  });

  it('takes at most 3 actions per sheet', () => {
    const four = ['A', 'B', 'C', 'D'].map((label) => ({ label, set: { Status: label } }));
    expect(parsed(four.slice(0, 3)).problems).toEqual([]);
    expect(parsed(four, 'sheets[1].actions')).toEqual({
      actions: null,
      problems: [
        expect.stringMatching(
          /^sheets\[1\]\.actions: must be an array of at most 3 actions .* not an array of 4$/,
        ),
      ],
    });
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a label missing',
      { set: { Status: 'x' } },
      /^actions\[0\]\.label: must be the button's text/,
    ],
    [
      'a label too long',
      { label: 'x'.repeat(41), set: { Status: 'x' } },
      /^actions\[0\]\.label: is longer than 40/,
    ],
    [
      'markup in a label',
      { label: '<b>Claim', set: { Status: 'x' } },
      /^actions\[0\]\.label: holds <, >, \|/,
    ],
    [
      'the label of the link back',
      { label: 'Open in Sheets', set: { Status: 'x' } },
      /is the text of the link back to the row/,
    ],
    ['no set', { label: 'Claim' }, /^actions\[0\]\.set: must be an object of headers/],
    [
      'an empty set',
      { label: 'Claim', set: {} },
      /^actions\[0\]\.set: must be an object of headers/,
    ],
    [
      'an unknown key',
      { label: 'Claim', set: { Status: 'x' }, sets: {} },
      /^actions\[0\]: has an unknown key "sets"/,
    ],
    [
      'an unknown placeholder',
      { label: 'Claim', set: { Owner: '{{_usr}}' } },
      /^actions\[0\]\.set\.Owner: has the placeholder \{\{_usr\}\}: a value may hold only \{\{_user\}\}/,
    ],
    [
      'a column placeholder',
      { label: 'Claim', set: { Owner: '{{Title}}' } },
      /^actions\[0\]\.set\.Owner: has the placeholder \{\{Title\}\}/,
    ],
    [
      '{{_now}} inside text',
      { label: 'Claim', set: { At: 'at {{_now}}' } },
      /^actions\[0\]\.set\.At: has \{\{_now\}\} beside other text/,
    ],
    [
      'a number to write',
      { label: 'Claim', set: { Count: 1 } },
      /^actions\[0\]\.set\.Count: must be text/,
    ],
    [
      'a bad when',
      { label: 'Claim', when: { column: 'Status' }, set: { Status: 'x' } },
      /^actions\[0\]\.when/,
    ],
  ])('names what is wrong with %s', (_, action, problem) => {
    const { actions, problems } = parsed([action]);
    expect(actions).toBeNull();
    expect(problems).toEqual([expect.stringMatching(problem)]);
  });

  it('refuses two buttons with one label', () => {
    expect(parsed([CLAIM, { ...CLAIM, label: 'claim' }]).problems).toEqual([
      expect.stringMatching(/^actions\[1\]\.label: is "claim" again \(already in actions\[0\]\)/),
    ]);
  });

  it('clears a cell with ""', () => {
    const problems: ConfigProblem[] = [];
    const value = parseActionValue('', 'x', problems)!;
    expect(problems).toEqual([]);
    expect(actionText(value, 'ana@example.com')).toBe('');
  });
});

describe('actionLinkDays', () => {
  it.each([1, 14, 365])('takes %s', (days) => {
    const problems: ConfigProblem[] = [];
    expect(parseActionLinkDays(days, 'actionLinkDays', problems)).toBe(days);
    expect(problems).toEqual([]);
  });

  it.each([0, 366, 1.5, '14', null])('refuses %j, naming the key', (days) => {
    const problems: ConfigProblem[] = [];
    expect(parseActionLinkDays(days, 'sheets[0].actionLinkDays', problems)).toBeNull();
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(
        /^sheets\[0\]\.actionLinkDays: must be a whole number of days from 1 to 365/,
      ),
    ]);
  });
});
