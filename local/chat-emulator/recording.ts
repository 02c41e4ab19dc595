/**
 * Recording a create: the Message returned to the webhook, and the view kept
 * for the read API and the preview, stored in the space, its thread and its
 * requestId and messageId indexes.
 */
import { randomId } from './ids';
import { clone, type ChatMessage, type MessageView, type Space, type Thread } from './model';
import type { CheckedCreate } from './request-checks';

export interface Placement {
  thread: Thread;
  reply: boolean;
  createTime: string;
}

function chatMessage(create: CheckedCreate, name: string, where: Placement): ChatMessage {
  const { space, webhook, options, content } = create;
  const { text, cardsV2, cards, body } = content;
  return {
    name,
    sender: { name: webhook.senderName, displayName: webhook.displayName, type: 'BOT' },
    createTime: where.createTime,
    ...(text !== undefined ? { text, formattedText: text, argumentText: text } : {}),
    ...(cardsV2 ? { cardsV2: clone(cardsV2) } : {}),
    ...(cards ? { cards: clone(cards) } : {}),
    ...(typeof body.fallbackText === 'string' ? { fallbackText: body.fallbackText } : {}),
    annotations: [],
    thread: {
      name: where.thread.name,
      ...(where.thread.threadKey !== undefined ? { threadKey: where.thread.threadKey } : {}),
    },
    threadReply: where.reply,
    space: {
      name: `spaces/${space.id}`,
      type: 'ROOM',
      spaceType: 'SPACE',
      displayName: space.displayName,
    },
    ...(options.messageId !== undefined ? { clientAssignedMessageId: options.messageId } : {}),
  };
}

function messageView(create: CheckedCreate, message: ChatMessage, where: Placement): MessageView {
  const { space, webhook, options, content } = create;
  return {
    name: message.name,
    space: space.id,
    thread: where.thread.name,
    ...(where.thread.threadKey !== undefined ? { threadKey: where.thread.threadKey } : {}),
    threadReply: where.reply,
    senderDisplayName: webhook.displayName,
    createTime: where.createTime,
    ...(content.text !== undefined ? { text: content.text } : {}),
    ...(content.cardsV2 ? { cardsV2: clone(content.cardsV2) } : {}),
    ...(typeof content.body.fallbackText === 'string'
      ? { fallbackText: content.body.fallbackText }
      : {}),
    ...(options.requestId !== undefined ? { requestId: options.requestId } : {}),
    ...(options.replyOptionParam !== undefined
      ? { messageReplyOption: options.replyOptionParam }
      : {}),
    request: clone(content.body),
    message,
  };
}

/** Message names: `spaces/S/messages/T.T` for a thread's first message, `R.T` for a reply. */
function messageName(space: Space, where: Placement, messageId: string | undefined): string {
  const id = where.thread.id;
  return `spaces/${space.id}/messages/${messageId ?? (where.reply ? `${randomId(8)}.${id}` : `${id}.${id}`)}`;
}

/** Stores the message and returns it as Chat answers it. */
export function recordMessage(create: CheckedCreate, where: Placement, now: number): ChatMessage {
  const { space, options } = create;
  const message = chatMessage(create, messageName(space, where, options.messageId), where);
  const view = messageView(create, message, where);
  where.thread.messages.push(view);
  space.messages.push(view);
  if (options.requestId !== undefined) space.messagesByRequestId.set(options.requestId, view);
  if (options.messageId !== undefined) space.clientMessageIds.add(options.messageId);
  space.lastCreateAt = now;
  return message;
}
