/**
 * When a row's reminders are due: pure functions of a rule, the row's
 * reminder state (kept in its ledger) and the time of the run.
 *
 * - A rule's clock starts at the first run that sees its `when` hold for the
 *   row (`since`), and stops (the state is dropped) at the first run that
 *   sees it not hold: if it holds again later, it starts over. A run that
 *   sees it still hold leaves the state as it is, whatever else changed.
 * - The first reminder is due `after` the clock started; with `every`, the
 *   next one is due `every` after the previous one was due, so a daily
 *   reminder keeps its time of day whatever the runs' jitter. A reminder
 *   sent more than `every` late (runs were lost) restarts the count from the
 *   time it went out: one reminder, never a burst of those missed.
 */
import { Condition } from '../config/conditions';
import { hashHex } from './hash';

/** One rule's clock for one row. */
export interface ReminderState {
  /** The time of the first run that saw `when` hold (epoch ms). */
  since: number;
  /** When the latest reminder was due (epoch ms); 0 before the first. */
  last: number;
  /** Reminders started while `when` has held (each with its own requestId). */
  count: number;
}

/** A row's reminder states, by rule id. */
export type ReminderStates = { [ruleId: string]: ReminderState };

/** A ledger's reminder states (none in a ledger that keeps no clock). */
export function clocksOf(ledger: { reminders?: ReminderStates }): ReminderStates {
  return ledger.reminders || {};
}

/** A reminder on its way: its rule, and the rule's clock once it is in. */
export interface FiredReminder extends ReminderState {
  rule: string;
}

/** What the schedule needs of a rule. */
export interface Schedule {
  afterMs: number;
  everyMs: number | null;
}

/**
 * The states after a run that sees the rules `holding` (their ids) hold: the clock of a rule
 * that holds is kept (or started now), that of any other rule is dropped.
 */
export function trackStates(
  previous: ReminderStates,
  holding: string[],
  now: number,
): ReminderStates {
  const next: ReminderStates = {};
  holding.forEach((id) => {
    next[id] = Object.prototype.hasOwnProperty.call(previous, id)
      ? previous[id]
      : { since: now, last: 0, count: 0 };
  });
  return next;
}

/** When the rule's next reminder is due; Infinity when none is (a rule without `every` that fired). */
export function dueAt(rule: Schedule, state: ReminderState): number {
  if (state.count === 0) return state.since + rule.afterMs;
  return rule.everyMs === null ? Infinity : state.last + rule.everyMs;
}

/** The state once the reminder due now has started (its requestId counts it). */
export function fired(rule: Schedule, state: ReminderState, now: number): ReminderState {
  const due = dueAt(rule, state);
  const onTime = rule.everyMs !== null && now - due < rule.everyMs;
  return { since: state.since, last: onTime ? due : now, count: state.count + 1 };
}

/**
 * The states once a reminder is in (or refused for good): its rule's clock counts it, unless
 * the clock stopped or started over while the reminder was on its way.
 */
export function afterReminder(states: ReminderStates, reminder: FiredReminder): ReminderStates {
  const now = states[reminder.rule];
  if (!now || now.since !== reminder.since || now.count >= reminder.count) return states;
  const next: ReminderStates = { ...states };
  next[reminder.rule] = { since: reminder.since, last: reminder.last, count: reminder.count };
  return next;
}

/** Whether two rows' states are the same (nothing to write). */
export function sameStates(a: ReminderStates, b: ReminderStates): boolean {
  const ids = Object.keys(a);
  if (ids.length !== Object.keys(b).length) return false;
  return ids.every((id) => {
    const x = a[id];
    const y = b[id];
    return !!y && x.since === y.since && x.last === y.last && x.count === y.count;
  });
}

/** A condition as its rule id reads it: the column (any case), the operator, the value. */
function canonical(when: Condition[]): string {
  return JSON.stringify(when.map((c) => [c.column.trim().toLowerCase(), c.op, c.value]));
}

/**
 * A stable id for each rule, from its conditions alone: reordering the rules, or changing a
 * rule's `after`, `every`, mention or text, keeps each row's clock. Rules with the same
 * conditions are told apart by their order among themselves (`~2`, `~3`).
 */
export function reminderRuleIds(whens: Condition[][]): string[] {
  const seen: { [id: string]: number } = {};
  return whens.map((when) => {
    const id = hashHex(canonical(when)).slice(0, 12);
    seen[id] = (seen[id] || 0) + 1;
    return seen[id] === 1 ? id : `${id}~${seen[id]}`;
  });
}
