/**
 * An action on its row: the cells it writes (before and after), whether it
 * can still be done, and what each outcome says. Pure: the row is as
 * target.ts read it.
 */
import { actionText, namesUser } from '../../config/actions';
import { pastParticiple } from '../../relay/compose/action-words';
import { Target } from './target';

/** One cell an action writes. */
export interface PlannedCell {
  label: string;
  /** The cell's display value now ('' when empty). */
  before: string;
  /** The text written; null for the date of confirming ({{_now}}). */
  text: string | null;
}

/** Where the row stands for the action. */
export type Standing = 'ready' | 'already-done' | 'no-longer';

const EMPTY = '(empty)';

/** The cells the action writes on the row, for `user` (the person's e-mail address). */
export function plannedCells(target: Target, user: string): PlannedCell[] {
  return target.action.set.map((w) => ({
    label: w.label,
    before: target.row.valueOf(w.label),
    text: actionText(w.value, user),
  }));
}

/**
 * Already done when every cell holds what the action would write (a date cell: anything);
 * else no longer possible when its `when` does not hold; else ready.
 */
export function standingOf(target: Target, cells: PlannedCell[]): Standing {
  const done = cells.every((c) =>
    c.text === null ? c.before.trim() !== '' : c.before.trim() === c.text.trim(),
  );
  if (done) return 'already-done';
  return target.action.holds(target.row) ? 'ready' : 'no-longer';
}

/** `Owner: ana@example.com · Status: Claimed`: the cells the action writes or reads, as they are. */
export function rowHolds(target: Target): string {
  const labels: string[] = [];
  target.action.set
    .map((w) => w.label)
    .concat(target.action.whenColumns)
    .forEach((l) => labels.indexOf(l) < 0 && labels.push(l));
  return labels.map((l) => `${l}: ${target.row.valueOf(l).trim() || EMPTY}`).join(' \u00b7 ');
}

/** Who the row names in the cell the action would fill with the person's address, or ''. */
function namedUser(target: Target): string {
  const cell = target.action.set.filter((w) => namesUser(w.value))[0];
  return cell ? target.row.valueOf(cell.label).trim() : '';
}

/** What the row holds instead: "Already claimed by ana@example.com: nothing was written. …" */
export function noLongerMessage(target: Target): string {
  const who = namedUser(target);
  const done = pastParticiple(target.action.label);
  const lead = !who
    ? `This row no longer matches \u201c${target.action.label}\u201d`
    : done
      ? `Already ${done} by ${who}`
      : `\u201c${target.action.label}\u201d was already done by ${who}`;
  return `${lead}: nothing was written. The row holds ${rowHolds(target)}.`;
}

export function alreadyDoneMessage(target: Target): string {
  return `Already done: nothing was written. The row holds ${rowHolds(target)}.`;
}

/** "Done: Owner is now ana@example.com, Status is now Claimed." */
export function doneMessage(cells: PlannedCell[]): string {
  const parts = cells.map(
    (c) => `${c.label} is now ${c.text === null ? 'the time you confirmed' : c.text || EMPTY}`,
  );
  return `Done: ${parts.join(', ')}.`;
}

/** How a cell reads on the confirmation page: `(empty) → ana@example.com`. */
export function changeText(cell: PlannedCell): { before: string; after: string } {
  return {
    before: cell.before.trim() || EMPTY,
    after: cell.text === null ? 'the date and time you confirm' : cell.text || EMPTY,
  };
}
