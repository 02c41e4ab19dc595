/**
 * The answers Google's front end gives: google.rpc.Status JSON errors, the
 * HTML 404 page for unknown routes, and a created Message.
 */
import escapeHtml from 'escape-html';
import type { ChatMessage, EmulatorResponse } from './model';

export const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const RPC_MESSAGE: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  401: 'Request had invalid authentication credentials.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  409: 'The operation was aborted.',
  429: 'Resource has been exhausted (e.g. check quota).',
  499: 'The operation was cancelled.',
  500: 'Internal error encountered.',
  501: 'Operation is not implemented, or supported, or enabled.',
  502: 'The service is currently unavailable.',
  503: 'The service is currently unavailable.',
  504: 'The request timed out. Please try again.',
};

/** google.rpc.Status error response. */
export function rpcError(
  code: number,
  message?: string,
  extra: { headers?: Record<string, string>; details?: unknown[]; status?: string } = {},
): EmulatorResponse {
  const error: Record<string, unknown> = {
    code,
    message: message ?? RPC_MESSAGE[code] ?? 'Unknown error.',
    status: extra.status ?? RPC_STATUS[code] ?? (code >= 500 ? 'UNKNOWN' : 'FAILED_PRECONDITION'),
  };
  if (extra.details) error.details = extra.details;
  return {
    status: code,
    headers: { 'content-type': JSON_CONTENT_TYPE, ...(extra.headers ?? {}) },
    body: JSON.stringify({ error }, null, 2),
  };
}

/** 400 INVALID_ARGUMENT with one google.rpc.BadRequest field violation per message. */
export function badRequest(messages: string[], fields: string[] = []): EmulatorResponse {
  return rpcError(400, messages.join('\n'), {
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.BadRequest',
        fieldViolations: messages.map((description, i) => ({
          ...(fields[i] ? { field: fields[i] } : {}),
          description,
        })),
      },
    ],
  });
}

/** Google front end's HTML 404 page. */
export function htmlNotFound(path: string): EmulatorResponse {
  const body =
    '<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n' +
    '  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">\n' +
    '  <title>Error 404 (Not Found)!!1</title>\n' +
    '  <a href=//www.google.com/><span id=logo aria-label=Google></span></a>\n' +
    '  <p><b>404.</b> <ins>That’s an error.</ins>\n' +
    `  <p>The requested URL <code>${escapeHtml(path)}</code> was not found on this server.  <ins>That’s all we know.</ins>\n`;
  return { status: 404, headers: { 'content-type': 'text/html; charset=UTF-8' }, body };
}

/** 200 with the Message JSON. */
export function messageResponse(message: ChatMessage): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE },
    body: JSON.stringify(message, null, 2),
  };
}
