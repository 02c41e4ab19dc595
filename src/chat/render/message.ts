/**
 * The one renderer of a Chat message body for every preview: the Settings
 * sidebar's (src/app/settings/client/) and the Chat emulator's page
 * (local/chat-emulator/preview.ts) both show a body through renderMessageBody,
 * so the two cannot show a body differently, and neither shows anything but
 * what Chat would: the `text` with Chat's formatting above the cards, each
 * card with only Chat's subset of HTML (text.ts, card-html.ts, card.ts).
 *
 * Pure string functions, ES2019, no DOM: they run in the browser (bundled
 * into the sidebar) and in Node (the emulator's server) alike. Class names
 * are the same words as the data-testid hooks the browser tests use:
 *   .text .mention[data-user] .link .inline-code .code-block .card
 *   .card-header .card-title .card-subtitle .card-header-image .section
 *   .section-header .decorated-text .top-label .decorated-text-text
 *   .bottom-label .known-icon .text-paragraph .button-list .button
 *   .divider .card-image .card-html
 */
import { renderCard } from './card';
import { tag } from './html';
import { renderChatText } from './text';

export { renderCard } from './card';
export { decodeEntities, renderCardHtml, renderCardPlainText } from './card-html';
export { renderChatText } from './text';

/** What a body holds that Chat shows: its text and its cards (a ChatMessage, or a stored one). */
export interface MessageBody {
  text?: string;
  cardsV2?: unknown[];
}

/** A message body as Chat shows it: the text (if any), then each card. */
export function renderMessageBody(message: MessageBody): string {
  const text = message.text ? tag('div', 'text', renderChatText(message.text)) : '';
  return text + (message.cardsV2 || []).map(renderCard).join('');
}
