/**
 * The checks Google's front end applies to `POST /v1/spaces/{space}/messages`
 * before a message is created, in Chat's order: the API key, the space and
 * the webhook token; the query parameters; the body (size, content type,
 * JSON, the `Message` schema); the content rules (text length, an empty
 * message, card ids). Each check answers with Chat's own error.
 *
 * Pure: nothing here changes the store.
 */
import { validateMessageBody } from './message-schema';
import type { EmulatorRequest, EmulatorResponse, Space, Webhook } from './model';
import { badRequest, rpcError } from './responses';

export const MAX_TEXT_CHARS = 4096;
export const MAX_MESSAGE_BYTES = 32000;

const REPLY_OPTIONS = [
  'MESSAGE_REPLY_OPTION_UNSPECIFIED',
  'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
  'REPLY_MESSAGE_OR_FAIL',
] as const;
/** Query parameters Google's front end accepts on this method (anything else is a 400). */
const KNOWN_QUERY_PARAMS = new Set([
  'key',
  'token',
  'messageReplyOption',
  'requestId',
  'threadKey',
  'messageId',
  'alt',
  'prettyPrint',
  'fields',
  '$.xgafv',
  'quotaUser',
  'callback',
  'upload_protocol',
  'uploadType',
  'access_token',
  'oauth_token',
]);

/** A check's outcome: the value, or the error response to send. */
export type Checked<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

const pass = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(response: EmulatorResponse): Checked<T> => ({ ok: false, response });

/** What the query string asks for, once valid. */
export interface CreateOptions {
  /** As sent (`MESSAGE_REPLY_OPTION_UNSPECIFIED` included). */
  replyOptionParam?: string;
  /** The option in effect (UNSPECIFIED is no option). */
  replyOption?: string;
  messageId?: string;
  requestId?: string;
  /** The deprecated `?threadKey=` parameter. */
  deprecatedThreadKey?: string;
}

/** The message content, once valid. */
export interface CreateContent {
  body: Record<string, unknown>;
  text?: string;
  cardsV2?: unknown[];
  cards?: unknown[];
}

/** A request that passed every check. */
export interface CheckedCreate {
  space: Space;
  webhook: Webhook;
  options: CreateOptions;
  content: CreateContent;
}

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Every check, in Chat's order. `findSpace` looks a space up by id. */
export function checkCreate(
  spaceId: string,
  request: EmulatorRequest,
  apiKey: string,
  findSpace: (id: string) => Space | undefined,
): Checked<CheckedCreate> {
  const auth = checkAuth(request.query, apiKey, findSpace(spaceId));
  if (!auth.ok) return auth;
  const options = checkQuery(request.query);
  if (!options.ok) return options;
  const body = checkBody(request);
  if (!body.ok) return body;
  const content = checkContent(body.value);
  if (!content.ok) return content;
  return pass({ ...auth.value, options: options.value, content: content.value });
}

/** The `key` (API key), then the space, then the webhook's `token`. */
export function checkAuth(
  query: EmulatorRequest['query'],
  apiKey: string,
  space: Space | undefined,
): Checked<{ space: Space; webhook: Webhook }> {
  const key = first(query.key);
  if (!key || key !== apiKey) {
    return fail(
      rpcError(400, 'API key not valid. Please pass a valid API key.', {
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'API_KEY_INVALID',
            domain: 'googleapis.com',
            metadata: { service: 'chat.googleapis.com' },
          },
        ],
      }),
    );
  }
  if (!space) return fail(rpcError(404, 'Requested entity was not found.'));
  const token = first(query.token);
  const webhook = space.webhooks.find((w) => w.token === token);
  if (!webhook) return fail(rpcError(403, 'The caller does not have permission'));
  return pass({ space, webhook });
}

function cannotBind(names: string[]): EmulatorResponse {
  return badRequest(
    names.map(
      (name) =>
        `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`,
    ),
  );
}

/** Unknown parameters, `messageReplyOption` and `messageId`. */
export function checkQuery(query: EmulatorRequest['query']): Checked<CreateOptions> {
  // Unknown query parameters are bound to request fields by Google's front end: 400.
  const unknownParams = Object.keys(query).filter((name) => !KNOWN_QUERY_PARAMS.has(name));
  if (unknownParams.length > 0) return fail(cannotBind(unknownParams));

  const replyOptionParam = first(query.messageReplyOption);
  if (
    replyOptionParam !== undefined &&
    !(REPLY_OPTIONS as readonly string[]).includes(replyOptionParam)
  ) {
    return fail(
      badRequest(
        [
          `Invalid value at 'message_reply_option' (type.googleapis.com/google.chat.v1.CreateMessageRequest.MessageReplyOption), "${replyOptionParam}"`,
        ],
        ['message_reply_option'],
      ),
    );
  }
  const messageId = first(query.messageId);
  if (messageId !== undefined && !/^client-[a-z0-9-]{1,56}$/.test(messageId)) {
    return fail(
      badRequest([
        'Invalid message_id. The custom ID must begin with "client-", contain only lowercase letters, numbers and hyphens, and be at most 63 characters.',
      ]),
    );
  }
  const replyOption =
    replyOptionParam === 'MESSAGE_REPLY_OPTION_UNSPECIFIED' ? undefined : replyOptionParam;
  const requestId = first(query.requestId);
  const deprecatedThreadKey = first(query.threadKey);
  return pass({
    ...(replyOptionParam !== undefined ? { replyOptionParam } : {}),
    ...(replyOption !== undefined ? { replyOption } : {}),
    ...(messageId !== undefined ? { messageId } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
    ...(deprecatedThreadKey !== undefined ? { deprecatedThreadKey } : {}),
  });
}

function jsonSyntaxError(body: string, error: Error): string {
  const match = /position (\d+)/.exec(error.message);
  const position = match ? Number(match[1]) : body.length;
  const lineStart = body.lastIndexOf('\n', position - 1) + 1;
  const lineEnd = body.indexOf('\n', position);
  const line = body.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  return `Invalid JSON payload received. Unexpected token.\n${line}\n${' '.repeat(
    Math.max(0, position - lineStart),
  )}^`;
}

/** Size, content type, JSON syntax and the `Message` schema of the discovery document. */
export function checkBody(request: EmulatorRequest): Checked<Record<string, unknown>> {
  const size = Buffer.byteLength(request.body, 'utf8');
  if (size > MAX_MESSAGE_BYTES) {
    return fail(
      badRequest([`Message size ${size} bytes exceeds the maximum of ${MAX_MESSAGE_BYTES} bytes.`]),
    );
  }
  const contentType = Object.entries(request.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  let parsed: unknown = {};
  if (contentType && /^application\/x-www-form-urlencoded/i.test(contentType)) {
    // What Apps Script's UrlFetchApp sends when `contentType` is forgotten.
    const names = [...new URLSearchParams(request.body).keys()];
    if (names.length > 0) return fail(cannotBind(names));
  } else if (request.body.trim() !== '') {
    try {
      parsed = JSON.parse(request.body);
    } catch (error) {
      return fail(badRequest([jsonSyntaxError(request.body, error as Error)]));
    }
  }
  const schemaErrors = validateMessageBody(parsed);
  if (schemaErrors.length > 0) return fail(badRequest(schemaErrors));
  return pass(parsed as Record<string, unknown>);
}

/** Text length, an empty message, and card ids when a message has several cards. */
export function checkContent(body: Record<string, unknown>): Checked<CreateContent> {
  const text = typeof body.text === 'string' ? body.text : undefined;
  if (text !== undefined && [...text].length > MAX_TEXT_CHARS) {
    return fail(
      badRequest(
        [
          `Invalid argument: text is ${[...text].length} characters long; the maximum is ${MAX_TEXT_CHARS}.`,
        ],
        ['text'],
      ),
    );
  }
  const cardsV2 = Array.isArray(body.cardsV2) ? body.cardsV2 : undefined;
  const cards = Array.isArray(body.cards) ? body.cards : undefined;
  if (!text && !cardsV2?.length && !cards?.length) {
    return fail(
      badRequest(['Message cannot be empty. Discarded message must contain either text or cards.']),
    );
  }
  if (cardsV2 && cardsV2.length > 1) {
    const missing = cardsV2.findIndex(
      (card) => typeof (card as { cardId?: unknown })?.cardId !== 'string',
    );
    if (missing !== -1) {
      return fail(
        badRequest(
          [
            `Invalid argument: cards_v2[${missing}].card_id is required when a message has several cards.`,
          ],
          [`cards_v2[${missing}].card_id`],
        ),
      );
    }
  }
  return pass({
    body,
    ...(text !== undefined ? { text } : {}),
    ...(cardsV2 ? { cardsV2 } : {}),
    ...(cards ? { cards } : {}),
  });
}
