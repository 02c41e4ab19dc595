/**
 * The text format: a row as the text of a Chat message. Every value is
 * neutralised (no mention, no link markup can come from a cell) and the whole
 * kept within Chat's limit, long values cut with a visible mark.
 *
 *   <users/all>                          the configured mentions, if any
 *   Owner ana@example.com has no Chat ID in People   people a mention could not ping, if any
 *   *T-3 · Badge reader at door B*       the title (template or default), bold
 *   _New row in Tickets_                 what happened and where
 *   Floor 2, east wing                   the subtitle template's output, if configured
 *   *ID*: T-3                            the shown fields (or the changes, old → new)
 *   *Title*: Badge reader at door B
 *   <https://docs.google.com/…|Open in Sheets>
 *   <https://script.google.com/…|Claim> · <…|Resolve>   the actions whose `when` holds, if any
 *
 * Links come only from the relay: the row's, and the actions' (signed by the app).
 */
import { MAX_TEXT_CHARS, truncateText } from '../../chat/limits';
import { ChatMessage } from '../../chat/message-types';
import { neutralizeText } from '../../chat/safety';
import { keyShown, mentionLines, safeActionLink, safeLink, shownFields } from './common';
import { fits, largest, withThread } from './size';
import { eventLine, plainLine, subtitleOf, titleOf } from './template';
import { ActionButton, Change, Field, MessageContext, RowMessage } from './types';

const EMPTY = '(empty)';
const ARROW = ' → ';
/** No single value may take more than this, even when there is room. */
const MAX_VALUE_CHARS = 1500;
/** ...and none is cut below this while others could give way. */
const MIN_VALUE_CHARS = 40;
/** A column header is a label, not content. */
const MAX_LABEL_CHARS = 200;
/** A link longer than this (never one of ours in practice) is left out rather than crowd the values. */
export const MAX_LINK_CHARS = 1000;

/** A line of the body: a label and its value (or old → new values), or a fixed note. */
type Line = { label: string; values: string[] } | { note: string };

function fieldLine(f: Field): Line {
  return { label: f.label, values: [f.value] };
}

function changeLine(c: Change): Line {
  return { label: c.label, values: [c.before, c.after] };
}

/** The body: the shown fields, or an update's changes under the key's line (when the key is shown). */
function bodyLines(message: RowMessage, ctx: MessageContext): Line[] {
  const fields = (list: Field[]) => shownFields(ctx, list).map(fieldLine);
  switch (message.kind) {
    case 'update':
      return (keyShown(ctx) ? [fieldLine(ctx.key)] : []).concat(message.changes.map(changeLine));
    case 'moved-out':
      return message.changes.map(changeLine);
    case 'moved-in':
      return ([{ note: '_What moved it:_' }] as Line[])
        .concat(message.changes.map(changeLine))
        .concat(fields(message.fields));
    default:
      return fields(message.fields);
  }
}

/** The values of the body, in the order they appear. */
function values(lines: Line[]): string[] {
  const out: string[] = [];
  lines.forEach((l) => {
    if ('values' in l) out.push(...l.values);
  });
  return out;
}

function render(lines: Line[], cut: (value: string) => string): string {
  const show = (value: string) => (value === '' ? EMPTY : cut(neutralizeText(value)));
  const label = (text: string) => `*${truncateText(neutralizeText(text), MAX_LABEL_CHARS)}*`;
  return lines
    .map((l) => ('note' in l ? l.note : `${label(l.label)}: ${l.values.map(show).join(ARROW)}`))
    .join('\n');
}

/**
 * Renders the body within `limit` characters. Values are capped so that the longest ones give
 * way first; the final cut is only a safety net for pathological headers.
 */
function fitBody(lines: Line[], limit: number): string {
  let cap = MAX_VALUE_CHARS;
  let text = render(lines, (v) => truncateText(v, cap));
  if (text.length > limit) {
    const overhead = render(lines, () => '').length;
    const lengths = values(lines)
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
    text = render(lines, (v) => truncateText(v, cap));
  }
  return text.length > limit ? truncateText(text, limit) : text;
}

/** `<url|Open in Sheets>`, or '' when there is no usable link. */
export function linkLine(rowLink: string | null): string {
  const url = safeLink(rowLink);
  const line = url ? `<${url}|Open in Sheets>` : '';
  return line.length > MAX_LINK_CHARS ? '' : line;
}

/** `<url|Claim> · <url|Resolve>`: the actions' links, or '' when there is none (or too long). */
function actionsLine(actions: ActionButton[]): string {
  const links: string[] = [];
  actions.forEach((a) => {
    const url = safeActionLink(a.url);
    if (url !== null) links.push(`<${url}|${plainLine(a.label).replace(/\|/g, '/')}>`);
  });
  const line = links.join(' \u00b7 ');
  return line.length > MAX_LINK_CHARS * Math.max(1, links.length) ? '' : line;
}

/** The lines above the body: mentions, the title (bold), the event, the subtitle. */
function headLines(message: RowMessage, ctx: MessageContext): string[] {
  const subtitle = subtitleOf(ctx);
  return [
    mentionLines(ctx),
    `*${titleOf(ctx)}*`,
    `_${eventLine(message, ctx.sheet)}_`,
    subtitle === null ? '' : subtitle,
  ].filter((l) => l !== '');
}

/** The whole text message for a row, within `limit` characters (Chat's limit by default). */
export function renderText(
  message: RowMessage,
  ctx: MessageContext,
  limit: number = MAX_TEXT_CHARS,
): string {
  const head = headLines(message, ctx);
  const links = [linkLine(ctx.rowLink), actionsLine(ctx.actions || [])].filter((l) => l !== '');
  const fixed = head.concat(links);
  // Each fixed line is followed (or preceded) by one line break.
  const room = limit - fixed.reduce((n, l) => n + l.length + 1, 0);
  const body = fitBody(bodyLines(message, ctx), room);
  return head.concat(body === '' ? [] : [body], links).join('\n');
}

/**
 * The text message for a row, as sent: with its thread, within Chat's limits. A text within
 * {@link MAX_TEXT_CHARS} UTF-16 units is at most 6 bytes of JSON per unit (`\u0001`, a lone
 * surrogate), 24,576 bytes, so with the relay's thread keys (43 bytes) it always goes whole. A
 * thread key of several kilobytes would make the text shorter: the longest that fits, found by
 * bisection over the body as sent; at the shortest, the lines above the body and the link alone.
 */
export function composeText(message: RowMessage, ctx: MessageContext): ChatMessage {
  const at = (limit: number) =>
    withThread({ text: renderText(message, ctx, limit) }, ctx.threadKey);
  const whole = at(MAX_TEXT_CHARS);
  if (fits(whole)) return whole;
  return at(largest(0, MAX_TEXT_CHARS, (limit) => fits(at(limit))));
}
