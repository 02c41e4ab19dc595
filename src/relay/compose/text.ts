/**
 * Turns a row into the text of a Chat message: every value neutralised (no
 * mention, no link markup can come from a cell) and the whole kept within
 * Chat's limits, long values cut with a visible mark.
 */
import { MAX_TEXT_CHARS, truncateText } from '../chat/limits';
import { neutralizeText } from '../chat/safety';

export interface Field {
  label: string;
  value: string;
}

export interface Change {
  label: string;
  before: string;
  after: string;
}

export type RowMessage =
  | { kind: 'new'; sheet: string; key: Field; fields: Field[] }
  | { kind: 'resend'; sheet: string; key: Field; fields: Field[] }
  /** An update whose previous values were too large to keep: every field, as it is now. */
  | { kind: 'changed'; sheet: string; key: Field; fields: Field[] }
  | { kind: 'update'; sheet: string; key: Field; changes: Change[] };

const EMPTY = '(empty)';
const ARROW = ' → ';
/** No single value may take more than this, even when there is room. */
const MAX_VALUE_CHARS = 1500;
/** ...and none is cut below this while others could give way. */
const MIN_VALUE_CHARS = 40;

function headline(message: RowMessage): string {
  const where = neutralizeText(message.sheet);
  switch (message.kind) {
    case 'new':
      return `*New row in ${where}*`;
    case 'resend':
      return `*Row re-sent from ${where}*`;
    case 'update':
      return `*Row updated in ${where}*`;
    case 'changed':
      return `*Row updated in ${where}* (all fields as they are now)`;
  }
}

/** The values of a message, in the order they appear. */
function values(message: RowMessage): string[] {
  if (message.kind === 'update') {
    const out: string[] = [message.key.value];
    message.changes.forEach((c) => out.push(c.before, c.after));
    return out;
  }
  return [message.key.value].concat(message.fields.map((f) => f.value));
}

function render(message: RowMessage, cut: (value: string) => string): string {
  const show = (value: string) => (value === '' ? EMPTY : cut(neutralizeText(value)));
  const label = (text: string) => `*${neutralizeText(text)}*`;
  const lines = [headline(message), `${label(message.key.label)}: ${show(message.key.value)}`];
  if (message.kind === 'update') {
    message.changes.forEach((c) =>
      lines.push(`${label(c.label)}: ${show(c.before)}${ARROW}${show(c.after)}`),
    );
  } else {
    message.fields.forEach((f) => lines.push(`${label(f.label)}: ${show(f.value)}`));
  }
  return lines.join('\n');
}

/**
 * Renders the message within `limit` characters. Values are capped so that
 * the longest ones give way first; the final cut is only a safety net for
 * pathological headers.
 */
export function renderRowMessage(message: RowMessage, limit: number = MAX_TEXT_CHARS): string {
  let cap = MAX_VALUE_CHARS;
  let text = render(message, (v) => truncateText(v, cap));
  if (text.length > limit) {
    const overhead = render(message, () => '').length;
    const lengths = values(message)
      .map((v) => neutralizeText(v).length)
      .sort((a, b) => a - b);
    // Largest cap such that the values fit in the room left by labels.
    let room = limit - overhead;
    for (let i = 0; i < lengths.length; i++) {
      const share = Math.floor(room / (lengths.length - i));
      if (lengths[i] <= share) {
        room -= lengths[i];
      } else {
        cap = Math.max(MIN_VALUE_CHARS, share);
        break;
      }
    }
    text = render(message, (v) => truncateText(v, cap));
  }
  return text.length > limit ? truncateText(text, limit) : text;
}
