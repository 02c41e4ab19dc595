/**
 * A digest's message: the rows of a sheet that match its condition, one line
 * each, as a card (the default) or as text, in its own thread.
 *
 *   card   header     title: `Open this morning`
 *                     subtitle: `3 rows match · Tickets · Monday 15 January 2024`
 *          section    one decoratedText per row: its title, then
 *                     `Open in Sheets · Chat thread` (links; the thread when it has one)
 *                     `… and N more` (a link to the sheet) past the rows listed
 *   text   <users/all>                                   the digest's mentions, if any
 *          *Open this morning*
 *          _3 rows match · Tickets · Monday 15 January 2024_
 *          • T-1 · Printer on fire · <…|Open in Sheets> · <…|Chat thread>
 *          <…|… and N more>
 *
 * The count is of every matching row; at most {@link MAX_DIGEST_ROWS} are
 * listed. Titles come from cells (or the title template) and are neutralised
 * and put on one line by titleOf; here they are escaped for card HTML. Links
 * are ours only (the row's, the sheet's, the thread's), made safe by safeLink.
 * Within Chat's limits, whatever the cells hold: titles are cut shorter (down
 * to {@link MIN_TITLE_CHARS}), then rows go into the "… and N more" line, each
 * step a bisection over the body as sent (size.ts); the last resort, no row
 * and no link, is the header, the mentions and the count line: a few hundred
 * bytes.
 */
import { truncateText } from '../../chat/limits';
import { ChatMessage, Widget } from '../../chat/message-types';
import { escapeCardText } from '../../chat/safety';
import { mentionLines, safeLink } from './common';
import { fits, largest, withThread } from './size';
import { MAX_FALLBACK_CHARS, MAX_TITLE_CHARS, plainLine } from './template';

/** A digest lists at most this many rows, then says how many more match. */
export const MAX_DIGEST_ROWS = 50;
/** While the message is too large, titles are cut shorter, down to this; then rows are dropped. */
const MIN_TITLE_CHARS = 40;
export const DIGEST_CARD_ID = 'digest';
export const ROW_LINK_TEXT = 'Open in Sheets';
export const THREAD_LINK_TEXT = 'Chat thread';
export const NO_ROWS = 'No rows match';
const SEPARATOR = ' \u00b7 ';

/** One row of a digest: its title (already one neutralised line, as titleOf makes it) and its links. */
export interface DigestLine {
  title: string;
  /** The row in the sheet. */
  rowLink: string | null;
  /** The row's Chat thread, when it has one. */
  threadLink: string | null;
}

export interface DigestContext {
  format: 'card' | 'text';
  /** The digest's name, as configured. */
  name: string;
  sheet: string;
  /** `Monday 15 January 2024`. */
  date: string;
  /** How many rows match (all of them, listed or not). */
  total: number;
  /** The first matching rows, in sheet order (at most MAX_DIGEST_ROWS are listed). */
  lines: DigestLine[];
  /** The sheet, for the rows not listed. */
  sheetLink: string | null;
  /** From the configuration, or the people directory's numeric IDs: "all" or "users/<numeric id>". */
  mentions: string[];
  /** The people a `{{Column}}` mention could not ping, in words ('' or absent: none); neutralised here. */
  mentionNote?: string;
  threadKey: string;
}

/** How much goes in: titles cut at `cap`, the first `keep` rows, links or none. */
interface Shape {
  cap: number;
  keep: number;
  links: boolean;
}

/** `3 rows match`, `1 row matches`, `No rows match`. */
export function matchCount(total: number): string {
  if (total === 0) return NO_ROWS;
  return total === 1 ? '1 row matches' : `${total} rows match`;
}

/** The line under the name: the count, the sheet, the date. */
function countLine(ctx: DigestContext): string {
  return truncateText(
    [matchCount(ctx.total), plainLine(ctx.sheet), ctx.date].join(SEPARATOR),
    MAX_TITLE_CHARS,
  );
}

function nameLine(ctx: DigestContext): string {
  return truncateText(plainLine(ctx.name), MAX_TITLE_CHARS);
}

/** The links of a row, each made safe (null when there is no usable one). */
function linksOf(line: DigestLine): Array<{ url: string; text: string }> {
  const out: Array<{ url: string; text: string }> = [];
  const row = safeLink(line.rowLink);
  const thread = safeLink(line.threadLink);
  if (row) out.push({ url: row, text: ROW_LINK_TEXT });
  if (thread) out.push({ url: thread, text: THREAD_LINK_TEXT });
  return out;
}

function cardLink(url: string, text: string): string {
  return `<a href="${escapeCardText(url)}">${escapeCardText(text)}</a>`;
}

function cardRow(line: DigestLine, shape: Shape): Widget {
  const title = escapeCardText(truncateText(line.title, shape.cap));
  const links = shape.links ? linksOf(line).map((l) => cardLink(l.url, l.text)) : [];
  const text = links.length ? `${title}<br>${links.join(SEPARATOR)}` : title;
  return { decoratedText: { text, wrapText: true } };
}

function cardWidgets(ctx: DigestContext, shape: Shape): Widget[] {
  if (ctx.total === 0) return [{ textParagraph: { text: NO_ROWS } }];
  const widgets = ctx.lines.slice(0, shape.keep).map((l) => cardRow(l, shape));
  const more = ctx.total - Math.min(shape.keep, ctx.lines.length);
  if (more > 0) {
    const words = `\u2026 and ${more} more`;
    const sheet = shape.links ? safeLink(ctx.sheetLink) : null;
    widgets.push({ textParagraph: { text: sheet ? cardLink(sheet, words) : words } });
  }
  return widgets;
}

function buildCard(ctx: DigestContext, shape: Shape): ChatMessage {
  const message: ChatMessage = {};
  const mentions = mentionLines({ mentions: ctx.mentions, mentionNote: ctx.mentionNote || '' });
  if (mentions !== '') message.text = mentions;
  const header = { title: nameLine(ctx), subtitle: countLine(ctx) };
  const sections = [{ widgets: cardWidgets(ctx, shape) }];
  message.cardsV2 = [{ cardId: DIGEST_CARD_ID, card: { header, sections } }];
  message.fallbackText = truncateText(
    `${nameLine(ctx)} \u2014 ${countLine(ctx)}`,
    MAX_FALLBACK_CHARS,
  );
  return withThread(message, ctx.threadKey);
}

function textRow(line: DigestLine, shape: Shape): string {
  const links = shape.links ? linksOf(line).map((l) => `<${l.url}|${l.text}>`) : [];
  return `\u2022 ${[truncateText(line.title, shape.cap)].concat(links).join(SEPARATOR)}`;
}

function buildText(ctx: DigestContext, shape: Shape): ChatMessage {
  const who = mentionLines({ mentions: ctx.mentions, mentionNote: ctx.mentionNote || '' });
  const lines = [who, `*${nameLine(ctx)}*`, `_${countLine(ctx)}_`];
  ctx.lines.slice(0, shape.keep).forEach((l) => lines.push(textRow(l, shape)));
  const more = ctx.total - Math.min(shape.keep, ctx.lines.length);
  if (more > 0 && ctx.total > 0) {
    const words = `\u2026 and ${more} more`;
    const sheet = shape.links ? safeLink(ctx.sheetLink) : null;
    lines.push(sheet ? `<${sheet}|${words}>` : words);
  }
  return withThread({ text: lines.filter((l) => l !== '').join('\n') }, ctx.threadKey);
}

/**
 * The largest message that fits, links given or not: every row listed with titles cut as little
 * as possible, else titles at the shortest cut and as many rows as fit. Null if even no row fits.
 */
function fitWith(
  build: (shape: Shape) => ChatMessage,
  most: number,
  links: boolean,
): ChatMessage | null {
  const at = (cap: number, keep: number) => build({ cap, keep, links });
  const whole = at(MAX_TITLE_CHARS, most);
  if (fits(whole)) return whole;
  if (fits(at(MIN_TITLE_CHARS, most)))
    return at(
      largest(MIN_TITLE_CHARS, MAX_TITLE_CHARS, (cap) => fits(at(cap, most))),
      most,
    );
  if (!fits(at(MIN_TITLE_CHARS, 0))) return null;
  return at(
    MIN_TITLE_CHARS,
    largest(0, most, (keep) => fits(at(MIN_TITLE_CHARS, keep))),
  );
}

/** The digest's message as sent, thread included, within Chat's limits. */
export function composeDigest(ctx: DigestContext): ChatMessage {
  const build = (shape: Shape) =>
    ctx.format === 'text' ? buildText(ctx, shape) : buildCard(ctx, shape);
  const most = Math.min(MAX_DIGEST_ROWS, ctx.lines.length);
  return (
    fitWith(build, most, true) ||
    fitWith(build, most, false) ||
    build({ cap: MIN_TITLE_CHARS, keep: 0, links: false })
  );
}
