/**
 * A sheet's reminder rules as a run uses them: bound to the sheet's headers
 * (relay/rules.ts binds them), each with its stable id and its condition in
 * words, and which of them hold for a row.
 */
import { ConditionRow, ConditionTime, conditionsHold } from '../config/conditions';
import { ReminderRule, describeConditions } from '../config/reminders';
import { reminderRuleIds } from './reminder-schedule';

/** A reminder rule whose columns are the sheet's labels. */
export interface BoundReminder extends ReminderRule {
  /** Stable id, from its conditions (see reminderRuleIds): the key of its clock in a row's ledger. */
  id: string;
  /** Its condition in words, for the default text: `Status is New`. */
  words: string;
  /** Whether `when` holds for a row, at the run's time. */
  holds(row: ConditionRow): boolean;
}

/** The rules with their ids and words (their conditions already bound to the sheet's labels). */
export function boundReminders(rules: ReminderRule[], time: ConditionTime): BoundReminder[] {
  const ids = reminderRuleIds(rules.map((r) => r.when));
  return rules.map((r, i) => ({
    ...r,
    id: ids[i],
    words: describeConditions(r.when),
    holds: (row) => conditionsHold(r.when, row, time),
  }));
}

/** The rules whose `when` holds for a row's values (by label). */
export function holdingReminders(rules: BoundReminder[], row: ConditionRow): BoundReminder[] {
  return rules.filter((r) => r.holds(row));
}

/**
 * The mentions a reminder of `rule` carries for a row. Today the rule's own, from the
 * configuration; the one place to resolve mentions that depend on the row (`{{Owner}}`).
 */
export function reminderMentions(
  rule: BoundReminder,
  valueOf: (label: string) => string,
): string[] {
  void valueOf;
  return rule.mentions;
}
