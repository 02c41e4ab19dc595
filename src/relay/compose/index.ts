/**
 * The message composer: one row's message, as data (types.ts), becomes the
 * Chat message as sent, thread included, as a card (the default, card.ts) or
 * as text (text.ts), sized on its JSON body as posted (size.ts). Pure
 * functions: no Apps Script service.
 */
import { ChatMessage } from '../../chat/message-types';
import { composeCard } from './card';
import { composeText } from './text';
import { MessageContext, RowMessage } from './types';

export type { Change, Field, MessageContext, RowMessage } from './types';
export { fallbackLine, renderTemplate } from './template';

/**
 * The Chat message for one row, in the format the context asks for, with its thread: the body
 * exactly as the client posts it, within Chat's limits whatever the cells hold.
 */
export function composeMessage(message: RowMessage, ctx: MessageContext): ChatMessage {
  return ctx.format === 'text' ? composeText(message, ctx) : composeCard(message, ctx);
}
