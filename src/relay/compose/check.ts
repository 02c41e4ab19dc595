/**
 * Checking a message read back from a row's Chat Outbox cell before it is
 * sent again. The cell can be edited by hand, so what it holds is taken
 * only if it is a message the composer could have made: its shape (text or
 * card, the thread) and its markup, which may be no more than what the
 * composer adds itself: the configured mentions (`<users/all>`), the link
 * back to the row (`<url|Open in Sheets>` in text, an "Open in Sheets"
 * button in a card) and the links of the row's actions (`<url|Claim>`, a
 * "Claim" button), each checked to be the web app's signed link for this
 * row and that action. Everything else the composer puts in a message comes
 * from cells and is neutralised, so it never holds `<` or `>` (a card's
 * field values are HTML and keep their line breaks as `<br>`).
 */
import { ChatMessage, Widget } from '../../chat/message-types';
import { OPEN_BUTTON_TEXT } from './card';
import { mentionTags } from './common';

/** What markup a message of one row may carry. */
export interface AllowedMarkup {
  /** The mentions the configuration gives the row ("all", "users/123"), as the composer takes them. */
  mentions: string[];
  /** Whether a URL is a link back to a row of the table, as the composer makes it. */
  isRowLink(url: string): boolean;
  /** Whether a URL is the signed link of this row's action `label`, as the app makes it. */
  isActionLink(url: string, label: string): boolean;
}

type Check = (value: unknown) => boolean;

const text: Check = (v) => typeof v === 'string';
const flag: Check = (v) => typeof v === 'boolean';

function has(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key);
}

/** An object with these keys (the optional ones may be left out) and no other. */
function record(
  required: { [key: string]: Check },
  optional: { [key: string]: Check } = {},
): Check {
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const o = v as { [key: string]: unknown };
    return (
      Object.keys(o).every((k) => has(required, k) || has(optional, k)) &&
      Object.keys(required).every((k) => has(o, k) && required[k](o[k])) &&
      Object.keys(optional).every((k) => !has(o, k) || optional[k](o[k]))
    );
  };
}

function list(item: Check): Check {
  return (v) => Array.isArray(v) && v.length > 0 && v.every(item);
}

/** Exactly one of the widget kinds the composer makes. */
function oneOf(kinds: { [kind: string]: Check }): Check {
  return (v) => Object.keys(kinds).some((kind) => record({ [kind]: kinds[kind] })(v));
}

const button = record({ text, onClick: record({ openLink: record({ url: text }) }) });

const widget = oneOf({
  decoratedText: record({ text }, { topLabel: text, wrapText: flag }),
  textParagraph: record({ text }),
  buttonList: record({ buttons: list(button) }),
});

const card = record(
  { sections: list(record({ widgets: list(widget) }, { header: text })) },
  { header: record({ title: text }, { subtitle: text }) },
);

const message = record(
  {},
  {
    text,
    cardsV2: list(record({ card }, { cardId: text })),
    fallbackText: text,
    thread: record({ threadKey: text }),
  },
);

/** The message, if `value` has the shape of one the composer makes; else null. */
export function composedShape(value: unknown): ChatMessage | null {
  if (!message(value)) return null;
  const m = value as ChatMessage;
  return m.text !== undefined || m.cardsV2 !== undefined ? m : null;
}

const MARKUP = /[<>]/;

/** Text with no markup at all: what the composer makes of cells, labels and templates. */
function plain(value: string | undefined): boolean {
  return value === undefined || !MARKUP.test(value);
}

/** `<url|label>`: the link back to the row, or the link of one of the row's actions. */
function linkAllowed(inner: string, allowed: AllowedMarkup): boolean {
  const bar = inner.indexOf('|');
  if (bar < 0) return false;
  const url = inner.slice(0, bar);
  const label = inner.slice(bar + 1);
  if (label === OPEN_BUTTON_TEXT) return allowed.isRowLink(url);
  return label !== '' && allowed.isActionLink(url, label);
}

/** A message's `text`: its only markup the allowed mentions, the row's link and its actions'. */
function textAllowed(value: string, allowed: AllowedMarkup): boolean {
  const tags = mentionTags(allowed.mentions);
  const rest = value.replace(/<([^<>]*)>/g, (token: string, inner: string) =>
    tags.indexOf(token) >= 0 || linkAllowed(inner, allowed) ? '' : token,
  );
  return plain(rest);
}

function widgetAllowed(w: Widget, allowed: AllowedMarkup): boolean {
  if ('decoratedText' in w) {
    const d = w.decoratedText;
    return plain(d.topLabel) && plain(d.text.replace(/<br>/g, ''));
  }
  if ('textParagraph' in w) return plain(w.textParagraph.text);
  if ('buttonList' in w) {
    return w.buttonList.buttons.every((b) => {
      const url = b.onClick.openLink.url;
      return plain(b.text) && (allowed.isRowLink(url) || allowed.isActionLink(url, b.text || ''));
    });
  }
  return false;
}

/** A card: plain text everywhere, line breaks in field values, buttons only to the row or its actions. */
function cardAllowed(m: ChatMessage, allowed: AllowedMarkup): boolean {
  return (m.cardsV2 || []).every(({ card: c }) => {
    const header = c.header;
    if (header && !(plain(header.title) && plain(header.subtitle))) return false;
    return (c.sections || []).every(
      (s) => plain(s.header) && s.widgets.every((w) => widgetAllowed(w, allowed)),
    );
  });
}

/**
 * True when the message (of the composer's shape, see composedShape) carries no markup but
 * what the composer adds for this row: a cell edited by hand cannot add a mention or a link.
 */
export function markupAllowed(m: ChatMessage, allowed: AllowedMarkup): boolean {
  return (
    (m.text === undefined || textAllowed(m.text, allowed)) &&
    plain(m.fallbackText) &&
    cardAllowed(m, allowed)
  );
}
