/**
 * A reminder: a short text message in the row's own thread, whatever the
 * sheet's format (a reply of one line reads best under a card too).
 *
 *   <users/123> Reminder: Status is New, for 35 minutes
 *   <https://docs.google.com/…|Open in Sheets>
 *
 * The mentions come from the configuration only; the line (the rule's text
 * template, or the default) is plain text, neutralised like every title, so a
 * cell can neither ping nor link; the link back to the row is the one the
 * composer makes for every message. Always within Chat's limits: the line is
 * cut at {@link MAX_REMINDER_CHARS}.
 */
import { truncateText } from '../../chat/limits';
import { ChatMessage } from '../../chat/message-types';
import { mentionLines, mentionText } from './common';
import { withThread } from './size';
import { linkLine } from './text';

/** The longest a reminder's line may be, before it is cut with the mark. */
export const MAX_REMINDER_CHARS = 1000;

export interface ReminderMessage {
  /** The reminder's line: plain text, already neutralised (see compose/template.ts). */
  line: string;
  /** From the configuration, or the people directory's numeric IDs: "all" or "users/<numeric id>". */
  mentions: string[];
  /** The people a `{{Column}}` mention could not ping, in words ('' or absent: none); neutralised here. */
  mentionNote?: string;
  /** The link back to the row, or null. */
  rowLink: string | null;
  threadKey: string;
}

/** The reminder as sent, thread included. */
export function composeReminder(reminder: ReminderMessage): ChatMessage {
  const first = [mentionText(reminder.mentions), truncateText(reminder.line, MAX_REMINDER_CHARS)]
    .filter((part) => part !== '')
    .join(' ');
  const note = mentionLines({ mentions: [], mentionNote: reminder.mentionNote || '' });
  const text = [first, note, linkLine(reminder.rowLink)].filter((l) => l !== '').join('\n');
  return withThread({ text }, reminder.threadKey);
}
