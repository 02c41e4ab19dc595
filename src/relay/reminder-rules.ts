/**
 * A sheet's reminder rules as a run uses them: bound to the sheet's headers
 * (relay/rules.ts binds them), each with its stable id and its condition in
 * words, and which of them hold for a row.
 */
import { ConditionRow, ConditionTime, conditionsHold } from '../config/conditions';
import { ReminderRule, describeConditions } from '../config/reminders';
import { notFoundNote } from './people';
import { reminderRuleIds } from './reminder-schedule';
import type { RowMentions } from './rules';

/** A reminder rule whose columns are the sheet's labels. */
export interface BoundReminder extends ReminderRule {
  /** Stable id, from its conditions (see reminderRuleIds): the key of its clock in a row's ledger. */
  id: string;
  /** Its condition in words, for the default text: `Status is New`. */
  words: string;
  /** Whether `when` holds for a row, at the run's time. */
  holds(row: ConditionRow): boolean;
  /**
   * Whom a reminder of the rule pings for a row: its `mention`, a `{{Column}}` entry looked up
   * in the people directory for the row's cell, exactly as `mentions` does (relay/rules.ts).
   */
  whom(row: ConditionRow): RowMentions;
}

/** The rules with their ids and words (their conditions already bound to the sheet's labels). */
export function boundReminders(
  rules: ReminderRule[],
  time: ConditionTime,
  whom: (rule: ReminderRule) => (row: ConditionRow) => RowMentions,
): BoundReminder[] {
  const ids = reminderRuleIds(rules.map((r) => r.when));
  return rules.map((r, i) => ({
    ...r,
    id: ids[i],
    words: describeConditions(r.when),
    holds: (row) => conditionsHold(r.when, row, time),
    whom: whom(r),
  }));
}

/** The rules whose `when` holds for a row's values (by label). */
export function holdingReminders(rules: BoundReminder[], row: ConditionRow): BoundReminder[] {
  return rules.filter((r) => r.holds(row));
}

/** Whom a reminder of `rule` pings for a row, and the note naming who it could not ping. */
export interface ReminderMentions {
  mentions: string[];
  /** `Owner ana@example.com has no Chat ID in People`, or why the directory could not be read; '' for none. */
  note: string;
}

/**
 * The mentions a reminder of `rule` carries for a row: the rule's own and, for a `{{Column}}`
 * entry, the people directory's IDs for the addresses in the row's cell (never anything else).
 * An address the directory does not list pings no one and is named in the note; a directory
 * that cannot be read pings no one from it, and the note says so.
 */
export function reminderMentions(rule: BoundReminder, row: ConditionRow): ReminderMentions {
  const who = rule.whom(row);
  const note =
    who.unreadable !== null
      ? `Not pinged: the people directory cannot be read (${who.unreadable})`
      : notFoundNote(who.notFound);
  return { mentions: who.mentions, note };
}
