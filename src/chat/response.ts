/**
 * Interpreting the HTTP response of `spaces.messages.create`.
 *
 * Success is a JSON `Message` of which a webhook gets only `name` and `thread.name`. Failures are
 * a `google.rpc.Status`, normally wrapped as `{"error": {code, message, status, details}}`; a
 * proxy or a wrong URL may instead return HTML, which is summarised, never dumped.
 */

import { err, ok, Result } from '../result';
import { truncateText } from './limits';
import { redactSecrets } from './webhook-url';

/** A failed create, as far as the response tells. */
export interface ChatError {
  /** The `google.rpc.Status` code when the body carries one, else the HTTP status. */
  code: number | null;
  /** The `google.rpc.Status` status, e.g. `INVALID_ARGUMENT`, when the body carries one. */
  status: string | null;
  /** One redacted line, e.g. `HTTP 400 INVALID_ARGUMENT: Invalid JSON payload received...`. */
  message: string;
}

/** What a successful create returns to a webhook. */
export interface ChatCreated {
  messageName: string;
  threadName: string | null;
}

const MAX_MESSAGE_CHARS = 500;

function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(body: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(body) };
  } catch {
    return null;
  }
}

/** Finds the `google.rpc.Status` in `{"error": {...}}`, `[{"error": {...}}]` or a bare status. */
function findStatus(value: unknown): { [key: string]: unknown } | null {
  const candidate = Array.isArray(value) && value.length > 0 ? value[0] : value;
  if (!isObject(candidate)) return null;
  if (isObject(candidate.error)) return candidate.error;
  if (typeof candidate.message === 'string' && ('code' in candidate || 'status' in candidate)) {
    return candidate;
  }
  return null;
}

function oneLine(text: string): string {
  return truncateText(redactSecrets(text).replace(/\s+/g, ' ').trim(), MAX_MESSAGE_CHARS);
}

/**
 * Turns a create-message response into the created names or a typed, redacted error.
 *
 * A 2xx with a JSON body naming the message succeeds; a 2xx with any other body is an error
 * (the caller cannot tell what was created). A non-2xx yields the rpc status when the body is a
 * `google.rpc.Status`, and otherwise `HTTP 404 (non-JSON response)`-style text with no body dump.
 */
export function parseChatResponse(status: number, body: string): Result<ChatCreated, ChatError> {
  const parsed = parseJson(typeof body === 'string' ? body : '');
  if (status >= 200 && status < 300) {
    const value = parsed ? parsed.value : null;
    if (!parsed) {
      return err({ code: status, status: null, message: `HTTP ${status} (non-JSON response)` });
    }
    if (!isObject(value) || typeof value.name !== 'string' || value.name === '') {
      return err({
        code: status,
        status: null,
        message: `HTTP ${status} (response does not name the created message)`,
      });
    }
    const thread = value.thread;
    const threadName = isObject(thread) && typeof thread.name === 'string' ? thread.name : null;
    return ok({ messageName: value.name, threadName });
  }

  if (!parsed) {
    return err({ code: status, status: null, message: `HTTP ${status} (non-JSON response)` });
  }
  const rpc = findStatus(parsed.value);
  if (!rpc) {
    return err({
      code: status,
      status: null,
      message: `HTTP ${status} (unexpected JSON response)`,
    });
  }
  const code = typeof rpc.code === 'number' ? rpc.code : status;
  const rpcStatus = typeof rpc.status === 'string' && rpc.status !== '' ? rpc.status : null;
  const detail = typeof rpc.message === 'string' ? oneLine(rpc.message) : '';
  const message =
    `HTTP ${status}` + (rpcStatus ? ` ${rpcStatus}` : '') + (detail ? `: ${detail}` : '');
  return err({ code, status: rpcStatus, message });
}
