/**
 * Card text as Chat shows it. The fields Chat documents as simple HTML
 * (`decoratedText.text`, `textParagraph.text`, a section's header) are read
 * as HTML: character references decoded once, and only Chat's subset of tags
 * is markup (<b>, <i>, <u>, <s>, <strike>, <br>, <font color>, <a href> with
 * an http(s) or mailto link). Every other character is written escaped, so no
 * markup of a message reaches the page but those tags, rebuilt here (their
 * attributes too), and balanced. The other fields (a card header's title and
 * subtitle, a decoratedText's labels, a button's label) are plain text.
 */
import { escapeHtml, safeHref } from './html';

const NAMED_ENTITIES: { [name: string]: string } = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** A numeric character reference's character; U+FFFD for a code point that is none. */
function codePoint(code: number): string {
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return valid ? String.fromCodePoint(code) : '\ufffd';
}

/**
 * Decodes the character references of card text once, as a browser reads HTML: `&amp;` is `&`,
 * `&#39;` is `'`, and `&amp;lt;` is the text `&lt;`. Unknown names stay as written.
 */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g,
    (whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) {
        return Object.prototype.hasOwnProperty.call(NAMED_ENTITIES, name)
          ? NAMED_ENTITIES[name]
          : whole;
      }
      return codePoint(dec !== undefined ? parseInt(dec, 10) : parseInt(hex || '', 16));
    },
  );
}

/** A tag of card text: `<b>`, `</font>`, `<br/>`, `<a href="…">`… (attributes hold no `<` or `>`). */
const CARD_TAG = /<(\/?)([a-zA-Z]+)(\s[^<>]*)?\/?>/g;

/** The element each tag of Chat's card HTML becomes in the page. */
const CARD_ELEMENTS: { [tag: string]: string } = {
  b: 'b',
  i: 'i',
  u: 'u',
  s: 's',
  font: 'span',
  a: 'a',
};

/** An element open in the rendered card text: the tag it came from and the element written. */
interface OpenElement {
  tag: string;
  element: string;
}

/** The value of an attribute of a tag, entities decoded; null when absent. */
function attribute(attrs: string, name: string): string | null {
  const m = new RegExp(
    `(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'=<>\`]+))`,
    'i',
  ).exec(attrs);
  if (!m) return null;
  const value = m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2] : m[3];
  return decodeEntities(value);
}

/** Closes the innermost element of that tag, and those opened inside it; a stray closer is dropped. */
function closeTag(tag: string, open: OpenElement[]): string {
  const at = open.map((o) => o.tag).lastIndexOf(tag);
  if (at < 0) return '';
  return open
    .splice(at)
    .reverse()
    .map((o) => `</${o.element}>`)
    .join('');
}

/** `<font color>`: a colour name or #hex only; anything else, no colour. */
function openFont(attrs: string, open: OpenElement[]): string {
  const color = attribute(attrs, 'color');
  open.push({ tag: 'font', element: 'span' });
  return color !== null && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30})$/.test(color)
    ? `<span style="color:${color}">`
    : '<span>';
}

/** `<a href>`: a link only for http(s) and mailto, never inside another link. */
function openLink(attrs: string, open: OpenElement[]): string {
  const href = attribute(attrs, 'href');
  const nested = open.some((o) => o.element === 'a');
  if (href === null || nested || !safeHref(href.trim())) {
    open.push({ tag: 'a', element: 'span' });
    return '<span>';
  }
  open.push({ tag: 'a', element: 'a' });
  return `<a class="link" href="${escapeHtml(href.trim())}" target="_blank" rel="noopener noreferrer">`;
}

/** The HTML that one tag of card text becomes, or null when it is not a tag Chat knows (shown as text). */
function cardTag(close: boolean, name: string, attrs: string, open: OpenElement[]): string | null {
  const tag = name.toLowerCase() === 'strike' ? 's' : name.toLowerCase();
  if (tag === 'br') return close ? null : '<br>';
  if (!Object.prototype.hasOwnProperty.call(CARD_ELEMENTS, tag)) return null;
  if (close) return closeTag(tag, open);
  if (tag === 'font') return openFont(attrs, open);
  if (tag === 'a') return openLink(attrs, open);
  open.push({ tag, element: CARD_ELEMENTS[tag] });
  return `<${CARD_ELEMENTS[tag]}>`;
}

/** Card HTML (decoratedText.text, textParagraph.text, a section's header) as the page shows it. */
export function renderCardHtml(raw: string): string {
  const out: string[] = [];
  const open: OpenElement[] = [];
  const text = (part: string) => out.push(escapeHtml(decodeEntities(part)));
  const pattern = new RegExp(CARD_TAG.source, 'g');
  let last = 0;
  for (let m = pattern.exec(raw); m; m = pattern.exec(raw)) {
    const html = cardTag(m[1] === '/', m[2], (m[3] || '').replace(/\/$/, ''), open);
    if (html === null) continue; // not a card tag: stays text, escaped with what surrounds it
    text(raw.slice(last, m.index));
    out.push(html);
    last = m.index + m[0].length;
  }
  text(raw.slice(last));
  out.push(
    ...open
      .splice(0)
      .reverse()
      .map((o) => `</${o.element}>`),
  );
  return `<span class="card-html">${out.join('')}</span>`;
}

/** Plain card text (a header's title and subtitle, a label, a button's text): shown as written. */
export function renderCardPlainText(raw: string): string {
  return escapeHtml(raw);
}
