/**
 * A cardsV2 card as Chat shows it: its header (title, subtitle, image), its
 * sections (header, widgets, the collapsed ones behind "Show more"), and the
 * widgets a message can hold: decoratedText (labels above and below the
 * text, icons, a button), textParagraph, buttonList with openLink buttons,
 * divider, image, chipList and columns. An unknown widget shows as its
 * name in brackets. Which fields are HTML and which plain: card-html.ts.
 */
import { renderCardHtml, renderCardPlainText } from './card-html';
import { anchor, arr, escapeHtml, obj, safeHref, str, tag } from './html';

function image(url: string | undefined, alt: string | undefined, cls: string): string {
  if (!url) return '';
  const src = safeHref(url) ? escapeHtml(url) : '';
  return `<img class="${cls}" data-testid="${cls}" src="${src}" alt="${escapeHtml(alt || '')}" loading="lazy" referrerpolicy="no-referrer">`;
}

function icon(value: unknown): string {
  const i = obj(value);
  if (!i) return '';
  const known = str(i.knownIcon);
  if (known) return tag('span', 'known-icon', escapeHtml(known), ` title="${escapeHtml(known)}"`);
  const material = str((obj(i.materialIcon) || {}).name);
  if (material) return tag('span', 'known-icon', escapeHtml(material));
  return image(str(i.iconUrl), str(i.altText), 'icon-image');
}

/** The openLink URL of a button or chip, or undefined. */
function openLinkUrl(b: { [key: string]: unknown }): string | undefined {
  return str((obj((obj(b.onClick) || {}).openLink) || {}).url);
}

function button(value: unknown): string {
  const b = obj(value) || {};
  const inner = icon(b.icon) + renderCardPlainText(str(b.text) || str(b.altText) || 'Button');
  const url = openLinkUrl(b);
  if (url && safeHref(url) && b.disabled !== true) return anchor('button', escapeHtml(url), inner);
  return `<span class="button button-disabled" data-testid="button">${inner}</span>`;
}

function decoratedText(d: { [key: string]: unknown }): string {
  const top = str(d.topLabel) || str((obj(d.topLabelText) || {}).text);
  const text = str(d.text) || str((obj(d.contentText) || {}).text) || '';
  const bottom = str(d.bottomLabel) || str((obj(d.bottomLabelText) || {}).text);
  // The labels are plain text (Chat documents no formatting for them); the text is card HTML.
  // topLabel always truncates; the text wraps only with wrapText, as in Chat.
  const wrap = d.wrapText === true ? '' : ' data-nowrap';
  const body =
    (top ? tag('div', 'top-label', renderCardPlainText(top)) : '') +
    tag('div', 'decorated-text-text', renderCardHtml(text), wrap) +
    (bottom ? tag('div', 'bottom-label', renderCardPlainText(bottom)) : '');
  const trailing = d.button ? button(d.button) : icon(d.endIcon);
  return tag(
    'div',
    'decorated-text',
    icon(d.startIcon || d.icon) + `<div class="decorated-body">${body}</div>` + trailing,
  );
}

function chips(list: { [key: string]: unknown }): string {
  const asButtons = arr(list.chips).map((chip) => {
    const c = obj(chip) || {};
    return button({ ...c, text: str(c.label) });
  });
  return tag('div', 'button-list', asButtons.join(''));
}

function columns(value: { [key: string]: unknown }): string {
  const items = arr(value.columnItems).map((column) =>
    tag(
      'div',
      'column',
      arr((obj(column) || {}).widgets)
        .map(widget)
        .join(''),
    ),
  );
  return tag('div', 'columns', items.join(''));
}

/** The first key of a widget that names its kind (not its id or layout). */
function kindOf(w: { [key: string]: unknown }): string | undefined {
  return Object.keys(w).filter(
    (k) => ['id', 'horizontalAlignment', 'visibility'].indexOf(k) < 0,
  )[0];
}

function widget(value: unknown): string {
  const w = obj(value) || {};
  const decorated = obj(w.decoratedText);
  if (decorated) return decoratedText(decorated);
  const paragraph = obj(w.textParagraph);
  if (paragraph) return tag('div', 'text-paragraph', renderCardHtml(str(paragraph.text) || ''));
  const buttons = obj(w.buttonList);
  if (buttons) return tag('div', 'button-list', arr(buttons.buttons).map(button).join(''));
  if (w.divider !== undefined) return '<hr class="divider" data-testid="divider">';
  const img = obj(w.image);
  if (img) {
    return tag('div', 'image-widget', image(str(img.imageUrl), str(img.altText), 'card-image'));
  }
  const chipList = obj(w.chipList);
  if (chipList) return chips(chipList);
  const cols = obj(w.columns);
  if (cols) return columns(cols);
  return tag('div', 'widget-unsupported', `[${escapeHtml(kindOf(w) || 'empty widget')}]`);
}

function section(value: unknown): string {
  const s = obj(value) || {};
  const header = str(s.header);
  const widgets = arr(s.widgets).map(widget);
  const keep =
    s.collapsible === true && typeof s.uncollapsibleWidgetsCount === 'number'
      ? Math.max(0, s.uncollapsibleWidgetsCount)
      : widgets.length;
  const hidden = widgets.slice(keep).join('');
  return tag(
    'div',
    'section',
    (header ? tag('div', 'section-header', renderCardHtml(header)) : '') +
      widgets.slice(0, keep).join('') +
      (hidden
        ? `<details class="collapsed" data-testid="collapsed"><summary>Show more</summary>${hidden}</details>`
        : ''),
  );
}

function cardHeader(header: { [key: string]: unknown }): string {
  const subtitle = str(header.subtitle);
  return tag(
    'div',
    'card-header',
    image(str(header.imageUrl), str(header.imageAltText), 'card-header-image') +
      '<div class="card-header-text">' +
      tag('div', 'card-title', renderCardPlainText(str(header.title) || '')) +
      (subtitle ? tag('div', 'card-subtitle', renderCardPlainText(subtitle)) : '') +
      '</div>',
  );
}

/** One cardsV2 entry ({cardId, card}) as HTML. */
export function renderCard(value: unknown): string {
  const entry = obj(value) || {};
  const card = obj(entry.card) || {};
  const header = obj(card.header);
  const cardId = str(entry.cardId);
  return tag(
    'div',
    'card',
    (header ? cardHeader(header) : '') + arr(card.sections).map(section).join(''),
    cardId ? ` data-card-id="${escapeHtml(cardId)}"` : '',
  );
}
