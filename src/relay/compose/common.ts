/**
 * What both formats share: which fields a message shows and in what order,
 * and what never comes from a cell: the configured mentions and the link
 * back to the row.
 */
import { truncateText } from '../../chat/limits';
import { neutralizeText } from '../../chat/safety';
import { Field, MessageContext } from './types';

/** Mentions beyond this many are left out (a space has no use for more in one message). */
export const MAX_MENTIONS = 20;

/** `all` or `users/all` notifies everyone; `users/<numeric id>` one person. */
const MENTION = /^(?:all|users\/(?:all|[0-9]{1,40}))$/;

/**
 * The mention markup for the configured mentions, space-separated (`<users/all> <users/123>`),
 * or '' when there is none. Only well-formed entries are kept (the configuration checks them
 * first; this keeps the composer safe on its own). A mention is never built from a cell value:
 * `mentions` comes from the configuration only.
 */
export function mentionText(mentions: string[]): string {
  return mentionTags(mentions).join(' ');
}

/** The longest the note of people not pinged may be (the relay makes it shorter; a safety net). */
export const MAX_NOTE_CHARS = 250;

/**
 * What goes above a card (in a text message, first): the mention markup, then the note naming
 * the people a mention could not ping, neutralised (it holds cell values), on one line, cut
 * short. '' when there is neither.
 */
export function mentionLines(ctx: Pick<MessageContext, 'mentions' | 'mentionNote'>): string {
  const note = ctx.mentionNote
    ? truncateText(
        neutralizeText(ctx.mentionNote.replace(/[\u0000-\u001f\u007f]+/g, ' ')),
        MAX_NOTE_CHARS,
      )
    : '';
  return [mentionText(ctx.mentions), note].filter((l) => l !== '').join('\n');
}

/** The mention markup of each configured mention (`<users/all>`), once each, at most MAX_MENTIONS. */
export function mentionTags(mentions: string[]): string[] {
  const out: string[] = [];
  mentions.forEach((m) => {
    if (!MENTION.test(m)) return;
    const tag = `<${m === 'all' ? 'users/all' : m}>`;
    if (out.indexOf(tag) < 0 && out.length < MAX_MENTIONS) out.push(tag);
  });
  return out;
}

/**
 * The row's link, made safe for a text message's `<url|label>` markup and for a button: HTTPS
 * only (anything else gives null), and the characters that could end or split the markup
 * (`|`, `<`, `>`), quotes, backslashes and whitespace are percent-encoded.
 */
export function safeLink(url: string | null): string | null {
  if (url === null || !/^https:\/\/[^\s/?#|<>]+/i.test(url)) return null;
  return markupSafe(url);
}

/** The characters that could end or split a link's markup, percent-encoded. */
function markupSafe(url: string): string {
  return url.replace(/[\u0000-\u0020|<>"'\\^`{}\u007f]/g, (ch) => {
    const hex = ch.charCodeAt(0).toString(16).toUpperCase();
    return `%${hex.length < 2 ? '0' : ''}${hex}`;
  });
}

/** A web app on this machine (`npm start` serves one): the only plain HTTP an action may link to. */
const LOOPBACK = /^http:\/\/(?:127\.0\.0\.1|localhost)(?::[0-9]{1,5})?\//i;

/**
 * An action's link made safe like the row's (see safeLink): HTTPS, or plain HTTP to this
 * machine only (the local web app); else null.
 */
export function safeActionLink(url: string): string | null {
  if (LOOPBACK.test(url)) return markupSafe(url);
  return safeLink(url);
}

/**
 * The items whose label is listed, in the listed order (each once); every item, as it is, when
 * there is no list.
 */
export function inListedOrder<T extends { label: string }>(
  items: T[],
  labels: string[] | null,
): T[] {
  if (labels === null) return items;
  const out: T[] = [];
  labels.forEach((label, i) => {
    if (labels.indexOf(label) !== i) return;
    const item = items.filter((x) => x.label === label)[0];
    if (item) out.push(item);
  });
  return out;
}

/** Whether the key is one of the fields shown: always without `columns`, else only if listed. */
export function keyShown(ctx: Pick<MessageContext, 'key' | 'shown'>): boolean {
  return ctx.shown === null || ctx.shown.indexOf(ctx.key.label) >= 0;
}

/**
 * The fields a message shows of a row: with `columns`, exactly the listed ones (non-empty) in
 * the listed order, the key only if listed and where listed; without, the key then every field.
 */
export function shownFields(ctx: Pick<MessageContext, 'key' | 'shown'>, fields: Field[]): Field[] {
  return inListedOrder([ctx.key].concat(fields), ctx.shown);
}
