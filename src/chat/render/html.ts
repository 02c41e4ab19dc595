/**
 * The small HTML helpers the renderer shares: an element with its class (the
 * same word as its data-testid, the hook the browser tests use), which links
 * may become anchors, and reading the untyped JSON of a message body.
 */
import { escapeHtml } from '../safety';

/** `<name class="testid" data-testid="testid" …>inner</name>`; `inner` is HTML already. */
export function tag(name: string, testid: string, inner: string, extraAttrs = ''): string {
  return `<${name} class="${testid}" data-testid="${testid}"${extraAttrs}>${inner}</${name}>`;
}

/** Only these links become anchors: http(s) and mailto (never javascript:, data:, …). */
export function safeHref(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url);
}

/** An anchor that opens in a new tab; `href` and `innerHtml` are HTML already. */
export function anchor(testid: string, href: string, innerHtml: string): string {
  return `<a class="${testid}" data-testid="${testid}" href="${href}" target="_blank" rel="noopener noreferrer">${innerHtml}</a>`;
}

export { escapeHtml };

type Json = { [key: string]: unknown };

/** The value as a JSON object, or undefined. */
export function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** The value as a string, or undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The value as an array, or []. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
