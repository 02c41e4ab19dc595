/**
 * Idempotent creates: a repeated `requestId` is answered with the message
 * already created (no new message, no quota used), and a client-assigned
 * `messageId` can be used once per space.
 */
import type { EmulatorResponse, MessageView, Space } from './model';
import { rpcError } from './responses';

/** The message an earlier create with this requestId made in this space, if any. */
export function earlierCreate(
  space: Space,
  requestId: string | undefined,
): MessageView | undefined {
  return requestId === undefined ? undefined : space.messagesByRequestId.get(requestId);
}

/** 409 ALREADY_EXISTS when the space already holds a message with this client id. */
export function messageIdTaken(
  space: Space,
  messageId: string | undefined,
): EmulatorResponse | undefined {
  if (messageId === undefined || !space.clientMessageIds.has(messageId)) return undefined;
  return rpcError(409, `Message with ID ${messageId} already exists.`, {
    status: 'ALREADY_EXISTS',
  });
}
