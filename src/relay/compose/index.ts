/**
 * The message composer: one row's message, as data (types.ts), becomes a Chat
 * message body, as a card (the default, card.ts) or as text (text.ts). Pure
 * functions: no Apps Script service. The body has no `thread`: the relay adds it.
 */
import { ChatMessage } from '../../chat/message-types';
import { composeCard } from './card';
import { renderText } from './text';
import { MessageContext, RowMessage } from './types';

export type { Change, Field, MessageContext, RowMessage } from './types';
export { fallbackLine, renderTemplate } from './template';

/** The body of the Chat message for one row, in the format the context asks for. */
export function composeMessage(message: RowMessage, ctx: MessageContext): ChatMessage {
  return ctx.format === 'text' ? { text: renderText(message, ctx) } : composeCard(message, ctx);
}
