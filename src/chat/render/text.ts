/**
 * A message's `text` as Chat shows it: HTML-escaped first, then Chat's
 * formatting applied: *bold*, _italic_, ~strike~, `code`, ```code blocks```,
 * <url|label>, <url> and bare http(s) URLs as links, and mentions
 * (`<users/all>` as an "@all" chip, `<users/123>` as "@user 123"). Text the
 * relay made inert (`‹users/all›`) is no markup, and stays text.
 */
import { anchor, escapeHtml, safeHref } from './html';

/** Characters that mark an already-rendered fragment while the rest is formatted. */
const STASH_OPEN = '\u0000';
const STASH_CLOSE = '\u0001';
const STASHED = new RegExp(`${STASH_OPEN}(\\d+)${STASH_CLOSE}`, 'g');

/** Rendered fragments (code, links, mentions), kept out of the formatting of the rest. */
class Stash {
  private readonly parts: string[] = [];

  put(html: string): string {
    this.parts.push(html);
    return `${STASH_OPEN}${this.parts.length - 1}${STASH_CLOSE}`;
  }

  restore(text: string): string {
    // Fragments may hold stashed fragments (a link's formatted label): a few rounds.
    let out = text;
    for (let i = 0; i < 5 && out.indexOf(STASH_OPEN) >= 0; i++) {
      out = out.replace(STASHED, (_, index: string) => this.parts[Number(index)]);
    }
    return out;
  }
}

/** One emphasis rule: markers hug non-space text and sit at word boundaries, as in Chat. */
function emphasisRule(marker: string, element: string, source: string): string {
  const m = marker.replace(/[*~]/g, '\\$&');
  const pattern = new RegExp(
    `(^|[^\\w${m}])${m}([^\\s${m}](?:[^${m}\\n]*?[^\\s${m}])?)${m}(?=$|[^\\w${m}])`,
    'g',
  );
  return source.replace(pattern, (_, before: string, inner: string) => {
    return `${before}<${element}>${inner}</${element}>`;
  });
}

function applyEmphasis(html: string): string {
  return emphasisRule('~', 's', emphasisRule('_', 'em', emphasisRule('*', 'strong', html)));
}

function link(url: string, labelHtml: string): string {
  return anchor('link', url, labelHtml);
}

/** Code blocks, then inline code: their content is shown verbatim. */
function stashCode(text: string, stash: Stash): string {
  return text
    .replace(/```\n?([\s\S]*?)```/g, (_, code: string) =>
      stash.put(`<pre class="code-block" data-testid="code-block">${code}</pre>`),
    )
    .replace(/`([^`\n]+)`/g, (_, code: string) =>
      stash.put(`<code class="inline-code" data-testid="inline-code">${code}</code>`),
    );
}

/** `<url|label>` and `<url>` (escaped as &lt;…&gt;), http(s) and mailto only. */
function stashMarkupLinks(text: string, stash: Stash): string {
  return text.replace(
    /&lt;((?:https?:\/\/|mailto:)(?:(?!&gt;)[^\s|])+)(?:\|((?:(?!&gt;).)+))?&gt;/g,
    (whole: string, url: string, label: string | undefined) =>
      safeHref(url)
        ? stash.put(link(url, label !== undefined ? applyEmphasis(label) : url))
        : whole,
  );
}

/** `<users/all>` and `<users/123>` as chips "@all" and "@user 123". */
function stashMentions(text: string, stash: Stash): string {
  return text.replace(/&lt;users\/([\w.@-]+)&gt;/g, (_, user: string) =>
    stash.put(
      `<span class="mention" data-testid="mention" data-user="${user}">@${user === 'all' ? 'all' : `user ${user}`}</span>`,
    ),
  );
}

/** Bare http(s) URLs, which Chat links by itself (trailing punctuation left out). */
function stashBareUrls(text: string, stash: Stash): string {
  return text.replace(
    /\bhttps?:\/\/(?:(?!&gt;|&lt;|&quot;|&#39;)[^\s\u0000\u0001])+/g,
    (match: string) => {
      const url = match.replace(/[.,;:!?)\]]+$/, '');
      return stash.put(link(url, url)) + match.slice(url.length);
    },
  );
}

/** A message's `text` as HTML, as Chat shows it. */
export function renderChatText(raw: string): string {
  const stash = new Stash();
  let text = stashCode(escapeHtml(raw), stash);
  text = stashMarkupLinks(text, stash);
  text = stashMentions(text, stash);
  text = stashBareUrls(text, stash);
  return stash.restore(applyEmphasis(text));
}
