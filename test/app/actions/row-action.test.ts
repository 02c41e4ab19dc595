/**
 * What the confirmation page says when the action's `when` no longer holds
 * (src/app/actions/row-action.ts): who did it, with the action's verb when it
 * is a known one, and the label as it is otherwise (never a made-up tense).
 */
import { noLongerMessage } from '../../../src/app/actions/row-action';
import type { Target } from '../../../src/app/actions/target';
import { parseActions } from '../../../src/config/actions';

/** A target of `label` (writes {{_user}} into Owner, reads Status) on a row holding `cells`. */
function target(label: string, cells: { [label: string]: string }): Target {
  const problems: unknown[] = [];
  const parsed = parseActions(
    [{ label, set: { Owner: '{{_user}}' } }],
    'actions',
    problems as never,
  );
  expect(problems).toEqual([]);
  const set = parsed![0].set.map((w) => ({ label: w.column, value: w.value }));
  return {
    action: { label, set, whenColumns: ['Status'] },
    row: { valueOf: (l: string) => cells[l] || '' },
  } as unknown as Target;
}

const CLAIMED = { Owner: 'ana@example.com', Status: 'Claimed' };

describe('noLongerMessage', () => {
  it.each([
    ['Claim', 'Already claimed by ana@example.com'],
    ['Take', 'Already taken by ana@example.com'],
    ['Stop', 'Already stopped by ana@example.com'],
    ['Page the CTO', '“Page the CTO” was already done by ana@example.com'],
  ])('%s: %s', (label, lead) => {
    expect(noLongerMessage(target(label, CLAIMED))).toBe(
      `${lead}: nothing was written. The row holds Owner: ana@example.com · Status: Claimed.`,
    );
  });

  it('names nobody when the cell the action fills with the person is empty', () => {
    expect(noLongerMessage(target('Stop', { Status: 'Closed' }))).toBe(
      'This row no longer matches “Stop”: nothing was written. The row holds Owner: (empty) · Status: Closed.',
    );
  });
});
