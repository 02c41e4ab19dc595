/**
 * Text for the page: escaped for its HTML, counted in words, a failure's
 * problems in a line; and the people's own strings (sheet names, headers)
 * isolated, so that a right-to-left name, or a direction override in one,
 * never turns the text around it.
 */
import { escapeHtml } from '../../../chat/safety';
import type { SettingsError } from '../types';

/** Text or an attribute value, escaped for the page's HTML. */
export function esc(value: unknown): string {
  return escapeHtml(String(value));
}

/** A person's string as HTML, in an element of its own whose direction stops at its end. */
export function bdi(value: unknown): string {
  return `<bdi>${esc(value)}</bdi>`;
}

/** A person's string in plain text where no element can go (an option, a line): between FSI and PDI. */
export function isolated(value: unknown): string {
  return `\u2068${String(value)}\u2069`;
}

/** The explicit directional formatting characters: embeddings, overrides, isolates, their ends. */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * A text the server wrote, which may quote names (`"Tickets"`, `headers: ID, Owner`): its
 * direction controls are shown, [U+202E], not obeyed, so that none turns the names after it.
 */
export function inert(text: string): string {
  return String(text).replace(
    DIRECTION_CONTROLS,
    (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`,
  );
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A failure's problems as one line (direction controls shown, not obeyed). */
export function errorsText(errors: SettingsError[]): string {
  return inert(errors.map((e) => e.text || e.message).join(' '));
}
