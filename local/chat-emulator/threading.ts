/**
 * Which thread a create goes to, following the webhook guide:
 * - with a `messageReplyOption`, `thread.name` (same space) or `thread.threadKey`
 *   picks an existing thread; none found starts a new thread
 *   (`REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`) or fails with 404
 *   (`REPLY_MESSAGE_OR_FAIL`);
 * - the deprecated `?threadKey=` parameter replies to its thread or starts it;
 * - otherwise every message starts a new thread, and the key is ignored.
 * Thread keys belong to the Chat app (the webhook) that set them.
 */
import type { CreateOptions } from './request-checks';
import { threadKeyIndex, type Space, type Thread, type Webhook } from './model';
import { randomId } from './ids';

export interface ThreadRequest {
  replyOption?: string;
  threadKey?: string;
  threadName?: string;
  deprecatedThreadKey?: string;
}

export type ThreadChoice = { thread: Thread; reply: boolean } | { notFound: true };

/** The threading part of a create: its options and the body's `thread`. */
export function threadRequest(
  options: CreateOptions,
  body: Record<string, unknown>,
): ThreadRequest {
  const bodyThread = (body.thread ?? undefined) as
    { threadKey?: string; name?: string } | undefined;
  const threadKey = bodyThread?.threadKey || options.deprecatedThreadKey || undefined;
  const threadName = bodyThread?.name || undefined;
  return {
    ...(options.replyOption !== undefined ? { replyOption: options.replyOption } : {}),
    ...(threadKey !== undefined ? { threadKey } : {}),
    ...(threadName !== undefined ? { threadName } : {}),
    ...(options.deprecatedThreadKey !== undefined
      ? { deprecatedThreadKey: options.deprecatedThreadKey }
      : {}),
  };
}

function existingThread(
  space: Space,
  webhook: Webhook,
  request: ThreadRequest,
): Thread | undefined {
  if (request.replyOption !== undefined && request.threadName) {
    const match = /^spaces\/([^/]+)\/threads\/([^/]+)$/.exec(request.threadName);
    return match && match[1] === space.id ? space.threadsById.get(match[2]) : undefined;
  }
  if (request.replyOption === undefined && request.deprecatedThreadKey === undefined) {
    return undefined;
  }
  return request.threadKey
    ? space.threadsByKey.get(threadKeyIndex(webhook.token, request.threadKey))
    : undefined;
}

/** Picks the thread for a create, or starts one (stored in the space at once). */
export function chooseThread(
  space: Space,
  webhook: Webhook,
  request: ThreadRequest,
  createTime: string,
): ThreadChoice {
  const thread = existingThread(space, webhook, request);
  if (thread) return { thread, reply: true };
  const targeted = request.threadName !== undefined || request.threadKey !== undefined;
  if (request.replyOption === 'REPLY_MESSAGE_OR_FAIL' && targeted) return { notFound: true };
  return { thread: startThread(space, webhook, request, createTime), reply: false };
}

function startThread(
  space: Space,
  webhook: Webhook,
  request: ThreadRequest,
  createTime: string,
): Thread {
  const id = randomId(8);
  const thread: Thread = { id, name: `spaces/${space.id}/threads/${id}`, createTime, messages: [] };
  // A key binds the new thread only when threading was asked for.
  const threading = request.replyOption !== undefined || request.deprecatedThreadKey !== undefined;
  if (request.threadKey && threading && !request.threadName) {
    thread.threadKey = request.threadKey;
    thread.keyOwner = webhook.token;
    space.threadsByKey.set(threadKeyIndex(webhook.token, request.threadKey), thread);
  }
  space.threads.push(thread);
  space.threadsById.set(id, thread);
  return thread;
}
