/**
 * What both formats share and that never comes from a cell: the configured
 * mentions and the link back to the row.
 */

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
  const out: string[] = [];
  mentions.forEach((m) => {
    if (!MENTION.test(m)) return;
    const tag = `<${m === 'all' ? 'users/all' : m}>`;
    if (out.indexOf(tag) < 0 && out.length < MAX_MENTIONS) out.push(tag);
  });
  return out.join(' ');
}

/**
 * The row's link, made safe for a text message's `<url|label>` markup and for a button: HTTPS
 * only (anything else gives null), and the characters that could end or split the markup
 * (`|`, `<`, `>`), quotes, backslashes and whitespace are percent-encoded.
 */
export function safeLink(url: string | null): string | null {
  if (url === null || !/^https:\/\/[^\s/?#|<>]+/i.test(url)) return null;
  return url.replace(/[\u0000-\u0020|<>"'\\^`{}\u007f]/g, (ch) => {
    const hex = ch.charCodeAt(0).toString(16).toUpperCase();
    return `%${hex.length < 2 ? '0' : ''}${hex}`;
  });
}
