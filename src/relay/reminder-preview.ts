/**
 * Which reminders a row would get next, and when: for the Settings
 * sidebar's preview. Reads the row and its ledger (never writes, never
 * sends) and answers with the run's own rules (reminder-schedule.ts) and
 * the run's own composer, so what it shows is what a run would post.
 */
import { ChatMessage } from '../chat/message-types';
import { STATUS } from './columns';
import { threadKeyFor } from './ids';
import { LedgerStore } from './ledger-store';
import { PreviewContext } from './preview';
import { BoundReminder, holdingReminders, reminderMentions } from './reminder-rules';
import { ReminderState, clocksOf, dueAt } from './reminder-schedule';
import { ReminderHold } from './reminders';
import { RowState } from './row-state';
import { rowReader } from './rows';

export interface ReminderPreview {
  /** Where the rule is configured: `reminders[0]`, `sheets[1].reminders[0]`. */
  path: string;
  /** Whether its condition holds for the row now. */
  holds: boolean;
  /**
   * When its next reminder goes out: at the first run at or after this time (epoch ms; at or
   * before now: the next run); null when none is to go out (see `why`).
   */
  at: number | null;
  why:
    /** The row has no thread yet: reminders are replies in it. */
    | 'no-thread'
    /** The row is not SENT (FAILED, or never posted): it gets no reminder until it is. */
    | 'not-sent'
    /** The condition does not hold now. */
    | 'not-holding'
    /** A rule without `every` whose reminder went out: none again while the condition holds. */
    | 'done'
    /** Held by quiet hours until `at`. */
    | 'held'
    | 'scheduled';
  /** The reminder as it would be posted at `at` ({{_since}} as it will be then), or null. */
  message: ChatMessage | null;
}

/**
 * The reminders the row at `position` (0-based data position) would get next and when, one per
 * rule of its sheet, in order. `held` is quiet hours' hook, as the run has it.
 */
export function previewReminders(
  ctx: PreviewContext,
  position: number,
  held: ReminderHold = () => null,
): ReminderPreview[] {
  const { table, rules } = ctx;
  const cells = table.rows[position];
  if (!cells || !rules.reminders.length) return [];
  const reader = rowReader(table);
  const values = reader.values(position);
  const holding = holdingReminders(rules.reminders, values);
  const none = (rule: BoundReminder, why: ReminderPreview['why']): ReminderPreview => ({
    path: rule.path,
    holds: holding.indexOf(rule) >= 0,
    at: null,
    why,
    message: null,
  });
  if (reader.shown(cells, 'thread') === '') return rules.reminders.map((r) => none(r, 'no-thread'));
  const status = reader.status(cells);
  if (status !== STATUS.SENT && status !== STATUS.PENDING)
    return rules.reminders.map((r) => none(r, 'not-sent'));
  const read = new LedgerStore(table).readRows([position]).get(position) as RowState;
  const clocks = read.ledger ? clocksOf(read.ledger) : {};
  const threadKey =
    (read.ledger && read.ledger.threadKey) || threadKeyFor(ctx.identity, values.key);
  const now = ctx.now();
  return rules.reminders.map((rule) => {
    if (holding.indexOf(rule) < 0) return none(rule, 'not-holding');
    // A clock not started yet starts at the next run.
    const state: ReminderState = clocks[rule.id] || { since: now, last: 0, count: 0 };
    const due = dueAt(rule, state);
    if (due === Infinity) return none(rule, 'done');
    const heldUntil = held(values, Math.max(due, now));
    const at = heldUntil !== null && heldUntil > due ? heldUntil : due;
    const text = {
      template: rule.text,
      words: rule.words,
      heldMs: Math.max(at, now) - state.since,
    };
    const who = reminderMentions(rule, values);
    const message = ctx.composer.reminder(values, text, who.mentions, threadKey, who.note);
    return { path: rule.path, holds: true, at, why: at === due ? 'scheduled' : 'held', message };
  });
}
