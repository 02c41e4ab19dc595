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

/** The explicit directional formatting characters: embeddings, overrides, isolates, their ends. */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * What can turn the text around a string: a right-to-left letter (Hebrew, Arabic, Syriac,
 * Thaana, N'Ko…, and those beyond U+FFFF), a directional mark or a formatting character.
 */
const DIRECTIONAL =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD802\uD803\uD83A\uD83B][\uDC00-\uDFFF]/;

/**
 * A person's string in plain text where no element can go (an option, a line of text): between
 * FSI and PDI when it holds anything directional, so that its direction stops at its end.
 */
export function isolated(value: unknown): string {
  const text = String(value);
  return DIRECTIONAL.test(text) ? `\u2068${text}\u2069` : text;
}

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
