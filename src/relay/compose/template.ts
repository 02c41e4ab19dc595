/**
 * The words that head every message: its title (a template or the default),
 * its subtitle template, and the event line that says what happened and
 * where ("New row in Tickets"). Everything returned here is one line of plain
 * text, already neutralised (`<`/`>` replaced by look-alikes): no mention or
 * link markup can come from a cell or from the configuration's own text. Each
 * format then escapes it for its sink (card text is HTML, header text is not).
 */
import { truncateText } from '../../chat/limits';
import { neutralizeText } from '../../chat/safety';
import { Template } from '../../config/template';
import { pastParticiple } from './action-words';
import { ActedFrom, MessageContext, RowMessage } from './types';

/** What a template can read: the row's key, where it lives, and its columns. */
export type TemplateContext = Pick<
  MessageContext,
  'key' | 'sheet' | 'spreadsheet' | 'rowNumber' | 'placeholder'
>;

/** A card header shows one line per title and subtitle; longer text is cut with the mark. */
export const MAX_TITLE_CHARS = 200;
/** Phone notifications show a single short line. */
export const MAX_FALLBACK_CHARS = 200;
/** Between the key and the first field in the default title. */
export const TITLE_SEPARATOR = ' \u00b7 ';

/** Line breaks (a multi-line cell) become single spaces: titles are one line. */
function oneLine(value: string): string {
  return value.replace(/[ \t]*(?:\r\n?|\n)+[ \t]*/g, ' ');
}

/** Neutralised, on one line, trimmed. */
export function plainLine(value: string): string {
  return neutralizeText(oneLine(value)).trim();
}

function placeholderValue(name: string, ctx: TemplateContext): string {
  switch (name) {
    case '_key':
      return ctx.key.value;
    case '_sheet':
      return ctx.sheet;
    case '_spreadsheet':
      return ctx.spreadsheet;
    case '_row':
      return String(ctx.rowNumber);
    default:
      return ctx.placeholder(name);
  }
}

/**
 * Fills a title or subtitle template: `{{Header}}` is the display value of that column,
 * `{{_key}}` the key value, `{{_sheet}}`/`{{_spreadsheet}}` the names, `{{_row}}` the sheet row.
 * The whole output (the template's own text included) is neutralised and put on one line.
 */
export function renderTemplate(template: Template, ctx: TemplateContext): string {
  const text = template.parts
    .map((part) => ('text' in part ? part.text : placeholderValue(part.placeholder, ctx)))
    .join('');
  return plainLine(text);
}

/**
 * The title when none is configured: the key value, ` · `, then the first non-empty data field
 * after the key (`T-3 · Badge reader at door B`); just the key when the row has no other field.
 */
export function defaultTitle(ctx: Pick<MessageContext, 'key' | 'allFields' | 'rowNumber'>): string {
  const first = ctx.allFields.filter((f) => f.value.trim() !== '')[0];
  const parts = [ctx.key.value, first ? first.value : ''].map(plainLine).filter((p) => p !== '');
  return parts.length ? parts.join(TITLE_SEPARATOR) : `Row ${ctx.rowNumber}`;
}

/** What a row's title is made of (a digest lists rows by their titles too). */
export type TitleContext = TemplateContext & Pick<MessageContext, 'title' | 'allFields'>;

/** The message's title: the template's output, or the default when there is none or it is blank. */
export function titleOf(ctx: TitleContext): string {
  const rendered = ctx.title ? renderTemplate(ctx.title, ctx) : '';
  return truncateText(rendered !== '' ? rendered : defaultTitle(ctx), MAX_TITLE_CHARS);
}

/** The configured subtitle, rendered; null when none is configured or it renders blank. */
export function subtitleOf(ctx: MessageContext): string | null {
  const rendered = ctx.subtitle ? renderTemplate(ctx.subtitle, ctx) : '';
  return rendered !== '' ? truncateText(rendered, MAX_TITLE_CHARS) : null;
}

/**
 * An action's label as what was done: its past participle when action-words.ts knows the verb
 * ("Claim" → "claimed", "Stop" → "stopped", "Take" → "taken"); any other label quoted as it is
 * ("“Page the CTO”"), which reads right with "from Chat by …" without conjugating it.
 */
export function actionDone(label: string): string {
  const word = plainLine(label);
  return pastParticiple(word) || `\u201c${word}\u201d`;
}

/** ` · claimed from Chat by ana@example.com`: who acted from Chat. */
function actedLine(acted: ActedFrom): string {
  return ` \u00b7 ${actionDone(acted.action)} from Chat by ${plainLine(acted.user)}`;
}

/** What happened and where: the default subtitle of a card, the second line of a text. */
export function eventLine(message: RowMessage, sheet: string): string {
  const where = plainLine(sheet);
  let line: string;
  switch (message.kind) {
    case 'new':
      line = `New row in ${where}`;
      break;
    case 'resend':
      line = `Row re-sent from ${where}`;
      break;
    case 'update':
      line = `Row updated in ${where}`;
      break;
    case 'changed':
      line = `Row updated in ${where} (all fields as they are now)`;
      break;
    case 'moved-in':
      line = `Row moved here from ${where}`;
      break;
    case 'moved-out':
      line = `Row moved to ${plainLine(message.destination)}`;
      break;
  }
  if (message.actedFrom) line += actedLine(message.actedFrom);
  return truncateText(line, MAX_TITLE_CHARS);
}

/**
 * One plain line summing the message up, for phone notifications (a card's `fallbackText`):
 * `T-3 · Badge reader at door B — new row in Tickets`. The event is kept whole; the title
 * gives way first. At most {@link MAX_FALLBACK_CHARS} characters.
 */
export function fallbackLine(message: RowMessage, ctx: MessageContext): string {
  const event = eventLine(message, ctx.sheet);
  const what = event.charAt(0).toLowerCase() + event.slice(1);
  const room = Math.max(40, MAX_FALLBACK_CHARS - what.length - 3);
  return truncateText(`${truncateText(titleOf(ctx), room)} \u2014 ${what}`, MAX_FALLBACK_CHARS);
}
