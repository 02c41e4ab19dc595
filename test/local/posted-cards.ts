/**
 * Reading a message as the relay posts it in its default card format: the
 * message's one card, its header, its fields (one decoratedText per field:
 * `topLabel` is the label, `text` the value) and the link of its button.
 * Shared by the local tests that check what a run posted.
 */
import type { Card, CardWithId, Widget } from '../../src/chat/message-types';

/** A message as the emulator recorded it (only what these helpers read). */
export interface Posted {
  text?: string;
  cardsV2?: unknown[];
  fallbackText?: string;
}

/** The message's only card; throws when it has none or several. */
export function cardOf(message: Posted): Card {
  const cards = (message.cardsV2 ?? []) as CardWithId[];
  if (cards.length !== 1) {
    throw new Error(
      `expected one card, the message has ${cards.length}: ${JSON.stringify(message)}`,
    );
  }
  return cards[0].card;
}

function widgetsOf(message: Posted): Widget[] {
  return (cardOf(message).sections ?? []).flatMap((s) => s.widgets);
}

/** The card's fields in order, as [label, value]; the value as sent (HTML-escaped card text). */
export function fieldsOf(message: Posted): Array<[string, string]> {
  return widgetsOf(message).flatMap((w): Array<[string, string]> =>
    'decoratedText' in w ? [[w.decoratedText.topLabel ?? '', w.decoratedText.text]] : [],
  );
}

/** The card's fields as {label: value}. */
export function fieldMap(message: Posted): Record<string, string> {
  return Object.fromEntries(fieldsOf(message));
}

/** The URLs of the card's buttons. */
export function buttonLinks(message: Posted): string[] {
  return widgetsOf(message).flatMap((w) =>
    'buttonList' in w ? w.buttonList.buttons.map((b) => b.onClick.openLink.url) : [],
  );
}
