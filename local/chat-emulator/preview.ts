/**
 * HTML preview of the emulator's spaces, rendered roughly as Google Chat shows them:
 * threads in creation order, replies in order, Chat text formatting and cardsV2 cards.
 *
 * A message's `text` is Chat text: HTML-escaped first, then *bold*, links and
 * mentions (`<users/all>` as an "@all" chip, `<users/123>` as "@user 123") are
 * applied; it is shown above the message's cards. Card text (decoratedText,
 * textParagraph, section headers) is HTML as Chat reads it: entities decoded
 * once, only Chat's tags kept (renderCardHtml); a card header's title and
 * subtitle and a button's label are plain text. Only http(s)/mailto links
 * become anchors, opening in a new tab. No scripts, no external assets.
 *
 * Stable hooks for browser tests (class and data-testid are the same word):
 *   .space[data-space]  .thread[data-thread][data-thread-key]  .message(.root|.reply)
 *   .sender .time .text .mention[data-user]  .card .card-header .card-title
 *   .card-subtitle .section .section-header .decorated-text .top-label
 *   .decorated-text-text .bottom-label .known-icon .text-paragraph .button-list
 *   .button .divider .card-image
 */
import escapeHtml from 'escape-html';
import type { EmulatorReader, MessageView, ThreadView } from './model';

/** Characters used to stash already-rendered fragments while formatting. */
const STASH_OPEN = '\u0000';
const STASH_CLOSE = '\u0001';

class Stash {
  private readonly parts: string[] = [];
  put(html: string): string {
    this.parts.push(html);
    return `${STASH_OPEN}${this.parts.length - 1}${STASH_CLOSE}`;
  }
  restore(text: string): string {
    // Fragments may contain stashed fragments (e.g. formatted link text): loop.
    let out = text;
    const pattern = new RegExp(`${STASH_OPEN}(\\d+)${STASH_CLOSE}`, 'g');
    for (let i = 0; i < 5 && pattern.test(out); i++) {
      out = out.replace(pattern, (_, index: string) => this.parts[Number(index)]);
    }
    return out;
  }
}

/** Only these URL schemes become links. `url` is already HTML-escaped. */
function safeHref(escapedUrl: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(escapedUrl);
}

function link(escapedUrl: string, escapedLabel: string): string {
  return `<a class="link" data-testid="link" href="${escapedUrl}" target="_blank" rel="noopener noreferrer">${escapedLabel}</a>`;
}

function applyEmphasis(text: string): string {
  // Chat rules: markers hug non-space text and sit at word boundaries.
  const rule = (marker: string, tag: string, source: string): string => {
    const m = marker.replace(/[*~]/g, '\\$&');
    const pattern = new RegExp(
      `(^|[^\\w${m}])${m}([^\\s${m}](?:[^${m}\\n]*?[^\\s${m}])?)${m}(?=$|[^\\w${m}])`,
      'g',
    );
    return source.replace(pattern, (_, before: string, inner: string) => {
      return `${before}<${tag}>${inner}</${tag}>`;
    });
  };
  let out = rule('*', 'strong', text);
  out = rule('_', 'em', out);
  out = rule('~', 's', out);
  return out;
}

/**
 * Renders Chat message text: *bold*, _italic_, ~strike~, `code`, ```code blocks```,
 * <url|label>, <url> and bare http(s) URLs, <users/…> mentions. Input is escaped first.
 */
export function renderChatText(raw: string): string {
  const stash = new Stash();
  let text = escapeHtml(raw);
  // Code blocks, then inline code: their content is shown verbatim.
  text = text.replace(/```\n?([\s\S]*?)```/g, (_, code: string) =>
    stash.put(`<pre class="code-block" data-testid="code-block">${code}</pre>`),
  );
  text = text.replace(/`([^`\n]+)`/g, (_, code: string) =>
    stash.put(`<code class="inline-code" data-testid="inline-code">${code}</code>`),
  );
  // <url|label> and <url> (escaped as &lt;…&gt;).
  text = text.replace(
    /&lt;((?:https?:\/\/|mailto:)(?:(?!&gt;)[^\s|])+)(?:\|((?:(?!&gt;).)+))?&gt;/g,
    (whole: string, url: string, label: string | undefined) =>
      safeHref(url)
        ? stash.put(link(url, label !== undefined ? applyEmphasis(label) : url))
        : whole,
  );
  // Mentions: <users/all> and <users/123>, shown as chips "@all" and "@user 123". Text made
  // inert (‹users/all›, or &lt;users/all&gt; typed as text) is not markup, and stays text.
  text = text.replace(/&lt;users\/([\w.@-]+)&gt;/g, (_, user: string) =>
    stash.put(
      `<span class="mention" data-testid="mention" data-user="${user}">@${user === 'all' ? 'all' : `user ${user}`}</span>`,
    ),
  );
  // Bare URLs (Chat auto-links them).
  text = text.replace(
    /\bhttps?:\/\/(?:(?!&gt;|&lt;|&quot;|&#39;)[^\s\u0000\u0001])+/g,
    (match: string) => {
      const url = match.replace(/[.,;:!?)\]]+$/, '');
      return stash.put(link(url, url)) + match.slice(url.length);
    },
  );
  return stash.restore(applyEmphasis(text));
}

const NAMED_ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
]);

/**
 * Decodes the character references of card text once, as a browser reads HTML:
 * `&amp;` is `&`, `&#39;` is `'`, and `&amp;lt;` is the text `&lt;`. Unknown
 * names stay as written.
 */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));/g,
    (whole: string, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      if (name !== undefined) return NAMED_ENTITIES.get(name) ?? whole;
      const code = dec !== undefined ? parseInt(dec, 10) : parseInt(hex ?? '', 16);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    },
  );
}

/** A tag of card text: `<b>`, `</font>`, `<br/>`, `<a href="…">`… (attributes hold no `<` or `>`). */
const CARD_TAG = /<(\/?)([a-zA-Z]+)(\s[^<>]*)?\/?>/g;

/** The element each tag of Chat's card HTML becomes in the page. */
const CARD_ELEMENTS: Record<string, string> = {
  b: 'b',
  i: 'i',
  u: 'u',
  s: 's',
  strike: 's',
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
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3]) : null;
}

/** The HTML that one tag of card text becomes, or null when it is not a tag Chat knows (shown as text). */
function cardTag(close: boolean, name: string, attrs: string, open: OpenElement[]): string | null {
  const tag = name.toLowerCase() === 'strike' ? 's' : name.toLowerCase();
  if (tag === 'br') return close ? null : '<br>';
  if (!Object.prototype.hasOwnProperty.call(CARD_ELEMENTS, tag)) return null;
  const element = CARD_ELEMENTS[tag];
  if (close) {
    // Closes the innermost element of that tag, and those opened inside it; a stray closer is dropped.
    const at = open.map((o) => o.tag).lastIndexOf(tag);
    if (at < 0) return '';
    return open
      .splice(at)
      .reverse()
      .map((o) => `</${o.element}>`)
      .join('');
  }
  if (tag === 'font') {
    const color = attribute(attrs, 'color');
    open.push({ tag, element: 'span' });
    return color !== null && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{1,30})$/.test(color)
      ? `<span style="color:${color}">`
      : '<span>';
  }
  if (tag === 'a') {
    const href = attribute(attrs, 'href');
    const nested = open.some((o) => o.element === 'a');
    if (href === null || nested || !/^(https?:\/\/|mailto:)/i.test(href.trim())) {
      open.push({ tag, element: 'span' });
      return '<span>';
    }
    open.push({ tag, element: 'a' });
    return `<a class="link" href="${escapeHtml(href.trim())}" target="_blank" rel="noopener noreferrer">`;
  }
  open.push({ tag, element });
  return `<${element}>`;
}

/**
 * Card text (decoratedText, textParagraph, section headers) is HTML, as Chat
 * reads it: its character references are decoded once, and only Chat's
 * subset of tags is markup (<b>, <i>, <u>, <s>, <strike>, <br>,
 * <font color>, <a href> with an http(s) or mailto link). Every other
 * character is written escaped, so no markup of a message reaches the page
 * but those tags, rebuilt here, and balanced.
 */
export function renderCardHtml(raw: string): string {
  const out: string[] = [];
  const open: OpenElement[] = [];
  const text = (part: string) => out.push(escapeHtml(decodeEntities(part)));
  let last = 0;
  for (const m of raw.matchAll(CARD_TAG)) {
    const html = cardTag(m[1] === '/', m[2], (m[3] ?? '').replace(/\/$/, ''), open);
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

/** Plain card text (a card header's title and subtitle, a button's label): shown as written. */
export function renderCardPlainText(raw: string): string {
  return escapeHtml(raw);
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function tag(name: string, testid: string, inner: string, extraAttrs = ''): string {
  return `<${name} class="${testid}" data-testid="${testid}"${extraAttrs}>${inner}</${name}>`;
}

function image(url: string | undefined, alt: string | undefined, cls: string): string {
  if (!url) return '';
  const src = safeHref(escapeHtml(url)) ? escapeHtml(url) : '';
  return `<img class="${cls}" data-testid="${cls}" src="${src}" alt="${escapeHtml(alt ?? '')}" loading="lazy" referrerpolicy="no-referrer">`;
}

function icon(value: unknown): string {
  const i = obj(value);
  if (!i) return '';
  const known = str(i.knownIcon);
  if (known) {
    return tag('span', 'known-icon', escapeHtml(known), ` title="${escapeHtml(known)}"`);
  }
  const material = str(obj(i.materialIcon)?.name);
  if (material) return tag('span', 'known-icon', escapeHtml(material));
  return image(str(i.iconUrl), str(i.altText), 'icon-image');
}

function button(value: unknown): string {
  const b = obj(value) ?? {};
  const label = renderCardPlainText(str(b.text) ?? str(b.altText) ?? 'Button');
  const url = str(obj(obj(b.onClick)?.openLink)?.url);
  const escapedUrl = url ? escapeHtml(url) : '';
  if (url && safeHref(escapedUrl) && b.disabled !== true) {
    return `<a class="button" data-testid="button" href="${escapedUrl}" target="_blank" rel="noopener noreferrer">${icon(b.icon)}${label}</a>`;
  }
  return `<span class="button button-disabled" data-testid="button">${icon(b.icon)}${label}</span>`;
}

function widget(value: unknown): string {
  const w = obj(value) ?? {};
  const decorated = obj(w.decoratedText);
  if (decorated) {
    const top = str(decorated.topLabel) ?? str(obj(decorated.topLabelText)?.text);
    const text = str(decorated.text) ?? str(obj(decorated.contentText)?.text) ?? '';
    const bottom = str(decorated.bottomLabel) ?? str(obj(decorated.bottomLabelText)?.text);
    // topLabel always truncates; text wraps only with wrapText, as in Chat.
    const wrap = decorated.wrapText === true ? '' : ' data-nowrap';
    const body =
      (top ? tag('div', 'top-label', renderCardHtml(top)) : '') +
      tag('div', 'decorated-text-text', renderCardHtml(text), wrap) +
      (bottom ? tag('div', 'bottom-label', renderCardHtml(bottom)) : '');
    const trailing = decorated.button ? button(decorated.button) : icon(decorated.endIcon);
    return tag(
      'div',
      'decorated-text',
      icon(decorated.startIcon ?? decorated.icon) +
        `<div class="decorated-body">${body}</div>` +
        trailing,
    );
  }
  const paragraph = obj(w.textParagraph);
  if (paragraph) return tag('div', 'text-paragraph', renderCardHtml(str(paragraph.text) ?? ''));
  const buttons = obj(w.buttonList);
  if (buttons) return tag('div', 'button-list', arr(buttons.buttons).map(button).join(''));
  if (w.divider !== undefined) return '<hr class="divider" data-testid="divider">';
  const img = obj(w.image);
  if (img)
    return tag('div', 'image-widget', image(str(img.imageUrl), str(img.altText), 'card-image'));
  const chips = obj(w.chipList);
  if (chips) {
    return tag(
      'div',
      'button-list',
      arr(chips.chips)
        .map((chip) => button({ ...obj(chip), text: str(obj(chip)?.label) }))
        .join(''),
    );
  }
  const columns = obj(w.columns);
  if (columns) {
    return tag(
      'div',
      'columns',
      arr(columns.columnItems)
        .map((column) => tag('div', 'column', arr(obj(column)?.widgets).map(widget).join('')))
        .join(''),
    );
  }
  const kind = Object.keys(w).find((k) => !['id', 'horizontalAlignment', 'visibility'].includes(k));
  return tag('div', 'widget-unsupported', `[${escapeHtml(kind ?? 'empty widget')}]`);
}

function section(value: unknown): string {
  const s = obj(value) ?? {};
  const header = str(s.header);
  const widgets = arr(s.widgets).map(widget);
  const keep =
    s.collapsible === true && typeof s.uncollapsibleWidgetsCount === 'number'
      ? Math.max(0, s.uncollapsibleWidgetsCount)
      : widgets.length;
  const visible = widgets.slice(0, keep).join('');
  const hidden = widgets.slice(keep).join('');
  return tag(
    'div',
    'section',
    (header ? tag('div', 'section-header', renderCardHtml(header)) : '') +
      visible +
      (hidden
        ? `<details class="collapsed" data-testid="collapsed"><summary>Show more</summary>${hidden}</details>`
        : ''),
  );
}

/** Renders one cardsV2 entry ({cardId, card}). */
export function renderCard(value: unknown): string {
  const entry = obj(value) ?? {};
  const card = obj(entry.card) ?? {};
  const header = obj(card.header);
  const headerHtml = header
    ? tag(
        'div',
        'card-header',
        image(str(header.imageUrl), str(header.imageAltText), 'card-header-image') +
          '<div class="card-header-text">' +
          tag('div', 'card-title', renderCardPlainText(str(header.title) ?? '')) +
          (str(header.subtitle)
            ? tag('div', 'card-subtitle', renderCardPlainText(str(header.subtitle) ?? ''))
            : '') +
          '</div>',
      )
    : '';
  const sections = arr(card.sections).map(section).join('');
  const cardId = str(entry.cardId);
  return tag(
    'div',
    'card',
    headerHtml + sections,
    cardId ? ` data-card-id="${escapeHtml(cardId)}"` : '',
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return escapeHtml(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 19)} UTC`;
}

function renderMessage(message: MessageView): string {
  const kind = message.threadReply ? 'reply' : 'root';
  const text = message.text ? tag('div', 'text', renderChatText(message.text)) : '';
  const cards = (message.cardsV2 ?? []).map(renderCard).join('');
  const initial = escapeHtml((message.senderDisplayName.trim()[0] ?? '?').toUpperCase());
  return (
    `<div class="message ${kind}" data-testid="message" data-kind="${kind}" data-name="${escapeHtml(message.name)}">` +
    `<div class="avatar" aria-hidden="true">${initial}</div>` +
    '<div class="message-main">' +
    '<div class="message-meta">' +
    tag('span', 'sender', escapeHtml(message.senderDisplayName)) +
    '<span class="app-badge">App</span>' +
    tag(
      'time',
      'time',
      formatTime(message.createTime),
      ` datetime="${escapeHtml(message.createTime)}"`,
    ) +
    '</div>' +
    text +
    cards +
    '</div></div>'
  );
}

function renderThread(thread: ThreadView): string {
  const [root, ...replies] = thread.messages;
  const key =
    thread.threadKey !== undefined ? ` data-thread-key="${escapeHtml(thread.threadKey)}"` : '';
  const count = replies.length;
  return (
    `<article class="thread" data-testid="thread" data-thread="${escapeHtml(thread.name)}"${key}>` +
    (root ? renderMessage(root) : '') +
    (count > 0
      ? `<div class="replies" data-testid="replies"><div class="reply-count">${count} ${count === 1 ? 'reply' : 'replies'}</div>${replies.map(renderMessage).join('')}</div>`
      : '') +
    '</article>'
  );
}

const STYLE = `
:root { --bg:#f6f8fc; --fg:#1f1f1f; --muted:#5f6368; --line:#e0e3e7; --accent:#0b57d0; --card:#fff; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif; background:var(--bg); color:var(--fg); }
header.top { padding:12px 24px; background:#fff; border-bottom:1px solid var(--line); display:flex; gap:16px; align-items:baseline; }
header.top h1 { font-size:18px; margin:0; }
header.top .summary { color:var(--muted); }
header.top .refresh { margin-left:auto; color:var(--accent); font-size:12px; }
main { max-width:900px; margin:0 auto; padding:16px; }
.space { background:#fff; border:1px solid var(--line); border-radius:12px; margin:16px 0; overflow:hidden; }
.space > h2 { font-size:16px; margin:0; padding:12px 16px; border-bottom:1px solid var(--line); background:#fafbfd; }
.space > h2 small { color:var(--muted); font-weight:normal; margin-left:8px; }
.empty { color:var(--muted); padding:12px 16px; }
.thread { border-bottom:1px solid var(--line); padding:12px 16px; }
.thread:last-child { border-bottom:0; }
.message { display:flex; gap:10px; padding:4px 0; }
.avatar { flex:none; width:32px; height:32px; border-radius:50%; background:#c2e7ff; color:#001d35; display:flex; align-items:center; justify-content:center; font-weight:600; }
.message-main { min-width:0; flex:1; }
.message-meta { display:flex; gap:8px; align-items:baseline; }
.sender { font-weight:600; }
.app-badge { font-size:11px; border:1px solid var(--line); border-radius:4px; padding:0 4px; color:var(--muted); }
.time { color:var(--muted); font-size:12px; }
.text { white-space:pre-wrap; overflow-wrap:anywhere; }
.replies { margin-left:42px; border-left:2px solid var(--line); padding-left:12px; margin-top:4px; }
.reply-count { color:var(--accent); font-size:12px; font-weight:600; }
.inline-code { font-family:ui-monospace,Menlo,Consolas,monospace; background:#eef1f5; border-radius:4px; padding:0 3px; }
.code-block { font-family:ui-monospace,Menlo,Consolas,monospace; background:#eef1f5; border:1px solid var(--line); border-radius:6px; padding:8px; margin:4px 0; white-space:pre-wrap; }
.mention { display:inline-block; color:var(--accent); background:#e8f0fe; border-radius:12px; padding:0 8px; font-weight:500; }
a.link { color:var(--accent); }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; margin:6px 0; max-width:480px; box-shadow:0 1px 2px rgba(0,0,0,.06); }
.card-header { display:flex; gap:12px; align-items:center; padding:12px 16px; border-bottom:1px solid var(--line); }
.card-header-image { width:40px; height:40px; border-radius:50%; object-fit:cover; background:#eef1f5; }
.card-title { font-weight:600; font-size:15px; }
.card-subtitle { color:var(--muted); }
.section { padding:8px 16px; border-bottom:1px solid var(--line); }
.section:last-child { border-bottom:0; }
.section-header { color:var(--muted); font-weight:600; font-size:12px; margin-bottom:4px; }
.decorated-text { display:flex; gap:10px; align-items:center; padding:4px 0; }
.decorated-body { flex:1; }
.top-label, .bottom-label { color:var(--muted); font-size:12px; }
.top-label { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.decorated-body { min-width:0; }
.decorated-text-text { overflow-wrap:anywhere; }
.decorated-text-text[data-nowrap] { white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.known-icon { font-size:10px; letter-spacing:.04em; color:var(--muted); border:1px solid var(--line); border-radius:4px; padding:1px 4px; }
.icon-image { width:20px; height:20px; }
.text-paragraph { padding:4px 0; }
.button-list { display:flex; flex-wrap:wrap; gap:8px; padding:6px 0; }
.button { display:inline-flex; gap:6px; align-items:center; border:1px solid var(--line); border-radius:18px; padding:4px 14px; color:var(--accent); text-decoration:none; font-weight:500; }
.button-disabled { color:var(--muted); }
.divider { border:0; border-top:1px solid var(--line); margin:6px 0; }
.card-image { max-width:100%; border-radius:6px; }
.columns { display:flex; gap:12px; }
.column { flex:1; }
.widget-unsupported { color:var(--muted); font-style:italic; }
details.collapsed summary { color:var(--accent); cursor:pointer; font-size:12px; }
`;

/** The page's own link to auto-refresh uses this interval. */
export const DEFAULT_REFRESH_SECONDS = 5;

/**
 * The whole preview page: every space with its threads, messages and cards.
 * `refreshSeconds` (whole seconds, at least 1) makes the browser reload it
 * that often (`GET /?refresh=N`).
 */
export function renderPreviewPage(
  store: EmulatorReader,
  options: { refreshSeconds?: number } = {},
): string {
  const spaces = store.spaces();
  const body = spaces.length
    ? spaces
        .map((space) => {
          const threads = store.threads(space.space);
          return (
            `<section class="space" data-testid="space" data-space="${escapeHtml(space.space)}">` +
            `<h2>${escapeHtml(space.displayName)}<small>${escapeHtml(space.name)} · ${plural(space.threadCount, 'thread')} · ${plural(space.messageCount, 'message')}</small></h2>` +
            (threads.length
              ? threads.map(renderThread).join('')
              : '<div class="empty">No messages yet.</div>') +
            '</section>'
          );
        })
        .join('')
    : '<div class="empty">No spaces yet. Register a webhook with POST /__emulator/webhooks.</div>';
  const stats = store.stats();
  // Whole seconds only: a fraction would floor to 0, a reload loop.
  const every = Math.floor(options.refreshSeconds ?? 0);
  const refresh = every >= 1 ? `<meta http-equiv="refresh" content="${every}">` : '';
  const refreshLink =
    every >= 1
      ? `<a class="refresh" data-testid="refresh" href="?">Reloading every ${every} s: stop</a>`
      : `<a class="refresh" data-testid="refresh" href="?refresh=${DEFAULT_REFRESH_SECONDS}">Reload every ${DEFAULT_REFRESH_SECONDS} s</a>`;
  return (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    refresh +
    '<title>Chat emulator</title>' +
    `<style>${STYLE}</style></head><body>` +
    '<header class="top"><h1>Chat emulator</h1>' +
    `<span class="summary" data-testid="summary">${spaces.length} spaces · ${stats.creates} messages created since the emulator started · ${stats.rejected429} rejected (429)</span>` +
    refreshLink +
    '</header>' +
    `<main>${body}</main></body></html>`
  );
}
