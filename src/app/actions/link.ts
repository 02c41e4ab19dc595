/**
 * The link behind an action's button: the web app's URL and a signed query.
 *
 *   <web app URL>?a=<action>&s=<sheet>&r=<row>&t=<issued>&sig=<signature>
 *
 * - `a`: the action's label ("Claim"), percent-encoded (encodeURIComponent).
 * - `s`: the sheet's permanent ID (Sheet.getSheetId()), in decimal.
 * - `r`: the row's permanent row ID (the `id` of its Chat Ledger, `r` and base-36 digits), which
 *   sorting or inserting rows does not change.
 * - `t`: when the message was built, in whole seconds since the epoch. A link works for the
 *   sheet's `actionLinkDays` after it (14 by default), and not at all if `t` is later than
 *   {@link MAX_SKEW_S} from now.
 * - `sig`: HMAC-SHA256 over `chat-relay-action-v1`, a, s, r and t (decoded, one per line) with
 *   the secret in the Script Property CHAT_RELAY_ACTION_SECRET (secret.ts), as base64url
 *   without padding (43 characters).
 *
 * The parameters stand in this order, each once. The web app reads them from `e.parameter`
 * (decoded) and ignores any other; its page hands `e.parameter` back to actionConfirm as it is.
 * Checking compares the signature in constant time, after the shape of every parameter.
 */
import { safeActionLink } from '../../relay/compose/common';
import { SigningUtilities } from '../ports';

/** The parameters of a link, in their order. */
export const LINK_PARAMS = ['a', 's', 'r', 't', 'sig'] as const;

/** What a link says: which action, on which row of which sheet, issued when. */
export interface LinkFacts {
  action: string;
  sheetId: number;
  rowId: string;
  /** Epoch seconds. */
  issued: number;
}

/** A link's facts and its signature, as read from its parameters. */
export interface SignedFacts extends LinkFacts {
  sig: string;
}

/** A link issued up to this far in the future (clocks differ a little) is still taken. */
export const MAX_SKEW_S = 300;
const DAY_S = 24 * 60 * 60;
const VERSION = 'chat-relay-action-v1';

const SHEET_ID = /^[0-9]{1,12}$/;
const ROW_ID = /^r[0-9a-z]{1,80}$/;
const SECONDS = /^[0-9]{1,12}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes (as Apps Script gives them, -128 to 127) in base64url, without padding. */
export function base64url(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] & 0xff;
    const b1 = i + 1 < bytes.length ? bytes[i + 1] & 0xff : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] & 0xff : 0;
    const n = (b0 << 16) | (b1 << 8) | b2;
    out += BASE64URL.charAt((n >> 18) & 63) + BASE64URL.charAt((n >> 12) & 63);
    if (i + 1 < bytes.length) out += BASE64URL.charAt((n >> 6) & 63);
    if (i + 2 < bytes.length) out += BASE64URL.charAt(n & 63);
  }
  return out;
}

/** The signature of a link's facts with `secret`. */
export function signatureOf(facts: LinkFacts, secret: string, utilities: SigningUtilities): string {
  const value = [VERSION, facts.action, facts.sheetId, facts.rowId, facts.issued].join('\n');
  return base64url(utilities.computeHmacSha256Signature(value, secret));
}

/** The link of an action for a row, signed with `secret`. */
export function actionLink(
  webAppUrl: string,
  facts: LinkFacts,
  secret: string,
  utilities: SigningUtilities,
): string {
  const query = [
    `a=${encodeURIComponent(facts.action)}`,
    `s=${facts.sheetId}`,
    `r=${facts.rowId}`,
    `t=${facts.issued}`,
    `sig=${signatureOf(facts, secret, utilities)}`,
  ].join('&');
  return `${webAppUrl}?${query}`;
}

/** Whether two strings are equal, in a time that does not depend on where they differ. */
export function sameSecretly(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1));
  return diff === 0;
}

/** The link's facts from `e.parameter` (decoded values), or null when any is missing or malformed. */
export function readLink(parameter: unknown): SignedFacts | null {
  if (typeof parameter !== 'object' || parameter === null) return null;
  const p = parameter as { [key: string]: unknown };
  const [a, s, r, t, sig] = LINK_PARAMS.map((k) => (typeof p[k] === 'string' ? p[k] : null));
  if (a === null || s === null || r === null || t === null || sig === null) return null;
  if (a.trim() === '' || a.length > 100 || /[\u0000-\u001f]/.test(a)) return null;
  if (!SHEET_ID.test(s) || !ROW_ID.test(r) || !SECONDS.test(t) || !SIGNATURE.test(sig)) return null;
  return { action: a, sheetId: Number(s), rowId: r, issued: Number(t), sig };
}

/** Whether the link's signature is the one `secret` gives its facts (constant-time comparison). */
export function signedWith(
  facts: SignedFacts,
  secret: string,
  utilities: SigningUtilities,
): boolean {
  return sameSecretly(facts.sig, signatureOf(facts, secret, utilities));
}

/** Whether a link issued at `issued` (epoch seconds) still works at `now` (epoch ms). */
export function linkAge(issued: number, now: number, days: number): 'fresh' | 'expired' | 'future' {
  const nowS = Math.floor(now / 1000);
  if (issued > nowS + MAX_SKEW_S) return 'future';
  return nowS > issued + days * DAY_S ? 'expired' : 'fresh';
}

/** The query of a link as actionLink writes it: the label encoded, then four plain fields. */
const QUERY =
  /^a=([^&]*)&s=([0-9]{1,12})&r=(r[0-9a-z]{1,80})&t=([0-9]{1,12})&sig=([A-Za-z0-9_-]{43})$/;

/**
 * Whether `url` is exactly the link, as a message carries it (made safe for markup, see
 * safeActionLink), that actionLink makes of action `label` for row `rowId` of sheet `sheetId`
 * at the time it names, signed with `secret`: nothing else (another host, another parameter,
 * another row, a forged signature) passes.
 */
export function isActionLinkOf(
  url: string,
  expected: { webAppUrl: string; label: string; sheetId: number; rowId: string },
  secret: string,
  utilities: SigningUtilities,
): boolean {
  const query = QUERY.exec(url.slice(url.indexOf('?') + 1));
  if (!query) return false;
  const facts = {
    action: expected.label,
    sheetId: expected.sheetId,
    rowId: expected.rowId,
    issued: Number(query[4]),
  };
  const canonical = safeActionLink(actionLink(expected.webAppUrl, facts, secret, utilities));
  return canonical !== null && url === canonical;
}
