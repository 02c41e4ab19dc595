/**
 * Parsing, normalising and redacting Google Chat incoming-webhook URLs.
 *
 * Apps Script has no `URL` class, so the URL is taken apart by hand, strictly: only the exact
 * shape Chat hands out (`https://chat.googleapis.com/v1/spaces/{SPACE}/messages?key=…&token=…`)
 * is accepted. The key and token are secrets: no error, log line or result may contain them.
 */

import { err, ok, Result } from '../result';
import { ReplyOption } from './message-types';

/** A validated webhook. `key` and `token` are percent-decoded; never log or return them. */
export interface WebhookUrl {
  /** The space ID, e.g. `AAAAGCYeSRY`. Not a secret. */
  space: string;
  key: string;
  token: string;
  /** `{origin}/v1/spaces/{space}/messages`, without any query string. */
  endpoint: string;
}

/** Options of {@link parseWebhookUrl}. */
export interface ParseWebhookUrlOptions {
  /**
   * Accepted `scheme://host[:port]` origins. Defaults to `['https://chat.googleapis.com']`; when
   * given it replaces the default (e.g. `['http://127.0.0.1:8085']` for a local emulator).
   */
  allowedOrigins?: string[];
}

const DEFAULT_ORIGINS = ['https://chat.googleapis.com'];
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?]*)([^?]*)(?:\?(.*))?$/;
const PATH_SHAPE = /^\/v1\/spaces\/([A-Za-z0-9_-]+)\/messages$/;
const SECRET_VALUE_SHAPE = /^[\x21-\x7e]+$/;
export const REDACTED = 'REDACTED';

function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, '');
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** A URL's parts, once its characters and shape are known to be a webhook's. */
interface WebhookParts {
  origin: string;
  space: string;
  query: string | undefined;
}

/** Checks everything but the query: characters, scheme, host, port and path. */
function webhookParts(url: string, allowedOrigins: string[]): Result<WebhookParts, string> {
  if (url === '') return err('is empty');
  if (/[\s\x00-\x1f\x7f\\]/.test(url)) {
    return err('contains whitespace, control characters or backslashes');
  }
  if (url.indexOf('#') !== -1) return err('must not contain a fragment (#...)');

  const shape = URL_SHAPE.exec(url);
  if (!shape) return err('is not an absolute URL');
  const [, scheme, authority, path, query] = shape;
  if (authority.indexOf('@') !== -1) return err('must not contain credentials before the host');

  const allowed = allowedOrigins.map(normalizeOrigin);
  const origin = `${scheme.toLowerCase()}://${authority.toLowerCase()}`;
  if (allowed.indexOf(origin) === -1) {
    return err(`must start with ${allowed.join(' or ')} (another scheme, host or port was given)`);
  }

  const pathMatch = PATH_SHAPE.exec(path);
  if (!pathMatch) return err('must have the path /v1/spaces/{space}/messages');
  return ok({ origin, space: pathMatch[1], query });
}

type Secrets = { key?: string; token?: string };

/** Reads one query segment into `secrets` when it is the key or the token; anything else is dropped. */
function readSegment(segment: string, secrets: Secrets): string | null {
  if (segment === '') return null;
  const eq = segment.indexOf('=');
  const name = decode(eq === -1 ? segment : segment.slice(0, eq));
  if (name === null) return 'has a query parameter name with invalid percent-encoding';
  if (name !== 'key' && name !== 'token') return null; // threadKey, messageReplyOption...: dropped.
  if (secrets[name] !== undefined) return `has more than one ${name} parameter`;
  const value = decode(eq === -1 ? '' : segment.slice(eq + 1));
  if (value === null) return `has a ${name} parameter with invalid percent-encoding`;
  if (value === '') return `has an empty ${name} parameter`;
  if (!SECRET_VALUE_SHAPE.test(value)) {
    return `has a ${name} parameter with characters that are not allowed`;
  }
  secrets[name] = value;
  return null;
}

/** The key and token of a webhook's query, each exactly once. */
function webhookSecrets(query: string | undefined): Result<{ key: string; token: string }, string> {
  if (query === undefined || query === '') return err('is missing its key and token parameters');
  const secrets: Secrets = {};
  for (const segment of query.split('&')) {
    const problem = readSegment(segment, secrets);
    if (problem !== null) return err(problem);
  }
  if (secrets.key === undefined) return err('is missing the key parameter');
  if (secrets.token === undefined) return err('is missing the token parameter');
  return ok({ key: secrets.key, token: secrets.token });
}

/**
 * Parses and normalises a webhook URL as pasted by a user.
 *
 * Surrounding whitespace is trimmed; `key` and `token` may come in any order. Any other query
 * parameter (a pasted `threadKey`, `messageReplyOption`, `requestId`...) is dropped: the client
 * adds what it needs, so nothing is ever sent twice. Rejected: another scheme, host, port or
 * path; a missing, empty or repeated `key`/`token`; a fragment; credentials before the host;
 * whitespace, control characters or backslashes inside the URL; malformed percent-encoding.
 * The error describes the problem without quoting the URL, so it never contains a secret.
 */
export function parseWebhookUrl(
  raw: string,
  options?: ParseWebhookUrlOptions,
): Result<WebhookUrl, string> {
  if (typeof raw !== 'string') return err('is not a string');
  const parts = webhookParts(
    raw.trim(),
    options && options.allowedOrigins ? options.allowedOrigins : DEFAULT_ORIGINS,
  );
  if (!parts.ok) return parts;
  const secrets = webhookSecrets(parts.value.query);
  if (!secrets.ok) return secrets;
  const { origin, space } = parts.value;
  return ok({
    space,
    key: secrets.value.key,
    token: secrets.value.token,
    endpoint: `${origin}/v1/spaces/${space}/messages`,
  });
}

/**
 * The URL of one create-message attempt:
 * `endpoint?key=…&token=…&messageReplyOption=…&requestId=…`, every value percent-encoded.
 * The thread key travels in the body (`thread.threadKey`), never as a query parameter.
 */
export function requestUrl(
  webhook: WebhookUrl,
  requestId: string,
  replyOption: ReplyOption,
): string {
  return (
    `${webhook.endpoint}?key=${encodeURIComponent(webhook.key)}` +
    `&token=${encodeURIComponent(webhook.token)}` +
    `&messageReplyOption=${encodeURIComponent(replyOption)}` +
    `&requestId=${encodeURIComponent(requestId)}`
  );
}

const URL_LIKE = [
  /^\s*[A-Za-z][A-Za-z0-9+.-]*:\/\//, // a scheme: https://, http://
  /chat\.googleapis\.com|\/v1\/spaces\//i, // Chat's host or a webhook's path, without the scheme
  /(?:^|[^A-Za-z0-9])(?:key|token)(?:=|%3D)/i, // a key= or token= parameter
];

/**
 * Whether a value looks like a URL, or a piece of a webhook URL (its host, its
 * path, a key= or token= parameter). Such a value is never quoted or
 * transformed into a suggestion where a name is expected: it may hold a secret
 * in a form that redaction no longer recognises.
 */
export function looksLikeUrl(value: string): boolean {
  return URL_LIKE.some((shape) => shape.test(String(value)));
}

// Query parameters of a webhook URL whose values are not secret and help diagnostics.
const NON_SECRET_PARAMS = ['messageReplyOption', 'requestId'];
const WEBHOOK_URL_IN_TEXT =
  /(https?:\/\/[^\s"'<>\\/?#]+\/v1\/spaces\/[^\s"'<>\\/?#]*\/messages)\?([^\s"'<>\\#]*)/gi;
const SECRET_PARAM_IN_TEXT =
  /((?:^|[^A-Za-z0-9]|%3F|%26|%253F|%2526)(?:key|token)(?:=|%3D|%253D))[^&#\s"'<>\\]*/gi;
/** A quoted field and its quoted value, straight or smart quotes (a JSON typed in a word processor). */
const JSON_FIELD_IN_TEXT = /(["'“”‘’])([^"'“”‘’\n]{1,80}?)(["'“”‘’]\s*:\s*["'“”‘’])([^"'“”‘’]*)/g;

/**
 * Whether a field of that name may hold a webhook's secret: a key (`key`, `apiKey`), a token,
 * a secret or password, a URL (`url`, `webhookUrl`, `CHAT_WEBHOOK_URL`), or webhooks other
 * than by NAME (`webhooks`, `webhookToken`). No key of CHAT_RELAY_CONFIG is such a name.
 */
export function isSecretName(name: string): boolean {
  return /key$|token|secret|passw|url|^webhook./i.test(String(name));
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((segment) => {
      if (segment === '') return segment;
      const eq = segment.indexOf('=');
      if (eq === -1) return REDACTED;
      const name = segment.slice(0, eq);
      return NON_SECRET_PARAMS.indexOf(name) !== -1 ? segment : `${name}=${REDACTED}`;
    })
    .join('&');
}

/**
 * Redacts secrets anywhere inside arbitrary text, such as an exception message from
 * UrlFetchApp that quotes the request URL. In every webhook URL found, all query values except
 * `messageReplyOption` and `requestId` become `REDACTED`; elsewhere, any `key=`/`token=` value
 * (also percent-encoded `key%3D…`) and the string of any quoted field whose name may hold a
 * secret ({@link isSecretName}: `"key"`, `"token"`, `“webhookUrl”`…) is redacted. Errs on the
 * side of redacting too much. Never throws.
 */
export function redactSecrets(text: string): string {
  try {
    return String(text)
      .replace(
        WEBHOOK_URL_IN_TEXT,
        (_m, base: string, query: string) => `${base}?${redactQuery(query)}`,
      )
      .replace(SECRET_PARAM_IN_TEXT, `$1${REDACTED}`)
      .replace(JSON_FIELD_IN_TEXT, (field: string, open: string, name: string, colon: string) =>
        isSecretName(name) ? `${open}${name}${colon}${REDACTED}` : field,
      );
  } catch {
    return '[unprintable text]';
  }
}
