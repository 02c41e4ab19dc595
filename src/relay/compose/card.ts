/**
 * The card format (the default): a row as one Chat card.
 *
 *   header     title: `T-3 · Badge reader at door B` (template or default)
 *              subtitle: `New row in Tickets` (what happened and where)
 *   section    one decoratedText per shown field: topLabel = label, text = value
 *              (the key first, or with `columns` the listed fields in their order)
 *              (an update: one per changed field, `Open → Closed`)
 *              `… and N more fields` when not all of them fit
 *              [Open in Sheets] (an openLink button, when the row's link is known)
 *              [Claim] [Resolve] (beside it: the row's actions whose `when` holds)
 *
 * Configured mentions go in the message's `text` (shown above the card), with
 * the note naming the people a `{{Column}}` mention could not ping, and
 * `fallbackText` sums the message up in one line for phone notifications.
 *
 * Subtitle: the header's second line says what happened ("Row updated in
 * Tickets"). When a subtitle template is configured, its output takes that
 * line and the event moves to the header of the card's first section, a small
 * line right under the header, so the reader still sees what happened.
 *
 * Safety: `decoratedText.text`, `textParagraph.text` and section headers are
 * simple HTML, so every cell value and template output there is neutralised
 * (`<` → `‹`, `>` → `›`) and then escaped as HTML text needs it: `&`, `<`
 * and `>` only (escapeCardText), so `O'Brien "quoted"` reads as typed whether
 * or not Chat decodes `&#39;`. Markdown is not interpreted in card text, so
 * `*bold*` typed in a cell shows as typed. The header's `title` and
 * `subtitle` are plain text (the API documents no formatting for them, unlike
 * the fields above): they are neutralised but not escaped, or an `&` would
 * show as `&amp;`. The `topLabel` is documented as neither: it is treated like
 * the header, neutralised and not escaped. With no `<` or `>` left no tag can
 * form, so a header `R&D` reads "R&D" whether Chat parses it as HTML or not.
 *
 * Webhooks are one-way: only `openLink` buttons, no actions, footers or card
 * actions. An action's button opens the web app's confirmation page (a
 * signed link the app builds; see src/app/actions/link.ts).
 *
 * Limits: at most {@link MAX_WIDGETS} widgets; values cut at
 * {@link MAX_VALUE_CHARS} characters with a visible mark; and the body as
 * sent (thread included, measured on its JSON by size.ts) within Chat's
 * 32,000 bytes: values are cut shorter (the longest cut that fits, down to
 * {@link MIN_VALUE_CHARS}), then fields are dropped into the `… and N more
 * fields` line, then (only if the links alone are too long) the buttons go.
 * Each step is a bisection over the real body, so it ends after a few dozen
 * measurements, and the card it ends with fits. The last resort, a card with
 * no field and no button, is bounded whatever the cells hold: its title,
 * subtitle, event line and fallback are at most 200 UTF-16 units each, which
 * the HTML and JSON escaping make at most 6 bytes each (`&amp;` is 5, `\u0001` 6),
 * plus at most 20 mentions, the note of people they could not ping (250 units)
 * and two `… and N more` lines: under 7,000 bytes before the thread key. A
 * thread key Chat takes (4,000 characters at most, so 24,000 bytes of JSON at
 * worst; the relay's are 43) leaves room for it:
 * the card always fits.
 */
import { truncateText } from '../../chat/limits';
import { ChatMessage, Section, Widget } from '../../chat/message-types';
import { escapeCardText, neutralizeText } from '../../chat/safety';
import { mentionLines, safeActionLink, safeLink, shownFields } from './common';
import { fits, largest, withThread } from './size';
import { eventLine, fallbackLine, plainLine, subtitleOf, titleOf } from './template';
import { ActionButton, Change, Field, MessageContext, RowMessage } from './types';

/** The one card of a message. */
export const CARD_ID = 'row';
/** Chat's limit on the widgets of one card. */
export const MAX_WIDGETS = 100;
/** The longest a value may be in a card, before it is cut with the mark. */
export const MAX_VALUE_CHARS = 1000;
/** While the body is too large, values are cut shorter, down to this; then entries are dropped. */
const MIN_VALUE_CHARS = 40;
/** A label shows on one truncated line. */
const MAX_LABEL_CHARS = 200;
const EMPTY = '(empty)';
const ARROW = ' → ';
export const OPEN_BUTTON_TEXT = 'Open in Sheets';
export const MOVED_BY_HEADER = 'What moved it';

/**
 * A label and its value, or its old and new values, prepared once for every cut that is tried:
 * the label on one line, each value neutralised and no longer than the longest cut shows
 * ('' for a blank value).
 */
interface Entry {
  label: string;
  values: string[];
}

/** A group of entries, shown as one section. */
interface Part {
  header: string | null;
  noun: 'field' | 'change';
  entries: Entry[];
}

/** Everything a card shows, before it is cut to size. */
interface CardView {
  title: string;
  subtitle: string;
  /** The event, when a configured subtitle took its place in the header. */
  eventHeader: string | null;
  parts: Part[];
  mentions: string;
  fallback: string;
  threadKey: string | null;
}

/** How much of the view goes in: values cut at `cap`, the first `keep` entries, the buttons. */
interface Shape {
  cap: number;
  keep: number;
  /** "Open in Sheets" and the actions' buttons, in one row ([] for none). */
  buttons: ActionButton[];
}

/**
 * A cell value as every cut of it starts: neutralised (`<` → `‹`, one character for one), and
 * only its first {@link MAX_VALUE_CHARS} + 1 characters, which is all that any cut shows or needs
 * to know it cuts; '' when the value is blank.
 */
function preparedValue(value: string): string {
  return value.trim() === '' ? '' : neutralizeText(value.slice(0, MAX_VALUE_CHARS + 1));
}

function entry(label: string, values: string[]): Entry {
  return { label: plainLine(label), values: values.map(preparedValue) };
}

function fieldEntry(f: Field): Entry {
  return entry(f.label, [f.value]);
}

function changeEntry(c: Change): Entry {
  return entry(c.label, [c.before, c.after]);
}

function partsOf(message: RowMessage, ctx: MessageContext): Part[] {
  const fields = (list: Field[]): Part => ({
    header: null,
    noun: 'field',
    entries: shownFields(ctx, list).map(fieldEntry),
  });
  const changes = (list: Change[], header: string | null): Part => ({
    header,
    noun: 'change',
    entries: list.map(changeEntry),
  });
  switch (message.kind) {
    case 'update':
      return [changes(message.changes, null)];
    case 'moved-out':
      return [changes(message.changes, MOVED_BY_HEADER)];
    case 'moved-in':
      return [changes(message.changes, MOVED_BY_HEADER), fields(message.fields)];
    default:
      return [fields(message.fields)];
  }
}

function viewOf(message: RowMessage, ctx: MessageContext): CardView {
  const event = eventLine(message, ctx.sheet);
  const subtitle = subtitleOf(ctx);
  return {
    title: titleOf(ctx),
    subtitle: subtitle === null ? event : subtitle,
    eventHeader: subtitle === null ? null : event,
    parts: partsOf(message, ctx),
    mentions: mentionLines(ctx),
    fallback: fallbackLine(message, ctx),
    threadKey: ctx.threadKey,
  };
}

/** A prepared value as card text: cut with the mark, `& < >` escaped, line breaks kept. */
function cardValue(value: string, cap: number): string {
  if (value === '') return EMPTY;
  return escapeCardText(truncateText(value, cap)).replace(/\r\n?|\n/g, '<br>');
}

/** The label (`topLabel`) is plain like the header: neutralised (see plainLine), not escaped. */
function entryWidget(entry: Entry, cap: number): Widget {
  const label = truncateText(entry.label, Math.min(cap, MAX_LABEL_CHARS));
  const text = entry.values.map((v) => cardValue(v, cap)).join(ARROW);
  return {
    decoratedText:
      label === '' ? { text, wrapText: true } : { topLabel: label, text, wrapText: true },
  };
}

function moreWidget(hidden: number, noun: string): Widget {
  return { textParagraph: { text: `\u2026 and ${hidden} more ${noun}${hidden === 1 ? '' : 's'}` } };
}

function buttonWidget(buttons: ActionButton[]): Widget {
  return {
    buttonList: {
      buttons: buttons.map((b) => ({ text: b.label, onClick: { openLink: { url: b.url } } })),
    },
  };
}

/** The card's buttons: "Open in Sheets" when the row's link is known, then the actions'. */
function buttonsOf(ctx: MessageContext): ActionButton[] {
  const open = safeLink(ctx.rowLink);
  const buttons: ActionButton[] = open === null ? [] : [{ label: OPEN_BUTTON_TEXT, url: open }];
  (ctx.actions || []).forEach((a) => {
    const url = safeActionLink(a.url);
    if (url !== null) buttons.push({ label: plainLine(a.label), url });
  });
  return buttons;
}

/** The entries shown of each part, when the first `keep` entries of the view are. */
function shownCounts(view: CardView, keep: number): number[] {
  let left = Math.max(0, keep);
  return view.parts.map((p) => {
    const shown = Math.min(p.entries.length, left);
    left -= shown;
    return shown;
  });
}

function widgetCount(view: CardView, keep: number, button: boolean): number {
  const shown = shownCounts(view, keep);
  return view.parts.reduce(
    (n, p, i) => n + shown[i] + (shown[i] < p.entries.length ? 1 : 0),
    button ? 1 : 0,
  );
}

/** The most entries that fit within {@link MAX_WIDGETS}, the "more" lines and button included. */
function maxKeep(view: CardView, button: boolean): number {
  let keep = view.parts.reduce((n, p) => n + p.entries.length, 0);
  while (keep > 0 && widgetCount(view, keep, button) > MAX_WIDGETS) keep--;
  return keep;
}

function sectionsOf(view: CardView, shape: Shape): Section[] {
  const shown = shownCounts(view, shape.keep);
  const sections: Section[] = [];
  view.parts.forEach((part, i) => {
    const widgets = part.entries.slice(0, shown[i]).map((e) => entryWidget(e, shape.cap));
    const hidden = part.entries.length - shown[i];
    if (hidden > 0) widgets.push(moreWidget(hidden, part.noun));
    if (!widgets.length) return;
    sections.push(
      part.header === null ? { widgets } : { header: escapeCardText(part.header), widgets },
    );
  });
  if (shape.buttons.length) {
    if (!sections.length) sections.push({ widgets: [] });
    sections[sections.length - 1].widgets.push(buttonWidget(shape.buttons));
  }
  if (!sections.length) {
    // A card needs a section and a section a widget: with nothing else, the event is its line.
    const event = view.eventHeader === null ? view.subtitle : view.eventHeader;
    return [{ widgets: [{ textParagraph: { text: escapeCardText(event) } }] }];
  }
  if (view.eventHeader !== null) sections[0].header = escapeCardText(view.eventHeader);
  return sections;
}

function build(view: CardView, shape: Shape): ChatMessage {
  const message: ChatMessage = {};
  if (view.mentions !== '') message.text = view.mentions;
  const header = { title: view.title, subtitle: view.subtitle };
  message.cardsV2 = [{ cardId: CARD_ID, card: { header, sections: sectionsOf(view, shape) } }];
  message.fallbackText = view.fallback;
  return withThread(message, view.threadKey);
}

/**
 * The largest card that fits with these buttons (or none): every entry with values cut as little
 * as possible, else values at the shortest cut and as many entries as fit. Null if even a card
 * without entries is too large (links far longer than any of ours).
 */
function fitWith(view: CardView, buttons: ActionButton[]): ChatMessage | null {
  const most = maxKeep(view, buttons.length > 0);
  const at = (cap: number, keep: number) => build(view, { cap, keep, buttons });
  const whole = at(MAX_VALUE_CHARS, most);
  if (fits(whole)) return whole;
  if (fits(at(MIN_VALUE_CHARS, most))) {
    return at(
      largest(MIN_VALUE_CHARS, MAX_VALUE_CHARS, (cap) => fits(at(cap, most))),
      most,
    );
  }
  if (!fits(at(MIN_VALUE_CHARS, 0))) return null;
  return at(
    MIN_VALUE_CHARS,
    largest(0, most, (keep) => fits(at(MIN_VALUE_CHARS, keep))),
  );
}

/** The card message for a row, as sent: with its thread, within Chat's limits. */
export function composeCard(message: RowMessage, ctx: MessageContext): ChatMessage {
  const view = viewOf(message, ctx);
  const buttons = buttonsOf(ctx);
  const card = (buttons.length ? fitWith(view, buttons) : null) || fitWith(view, []);
  // The last resort (see the bound above): a thread key Chat refuses anyway leaves no room.
  return card || build(view, { cap: MIN_VALUE_CHARS, keep: 0, buttons: [] });
}
