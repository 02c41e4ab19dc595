/** Text for the page: escaped for its HTML, counted in words, a failure's problems in a line. */
import { escapeHtml } from '../../../chat/safety';
import type { SettingsError } from '../types';

/** Text or an attribute value, escaped for the page's HTML. */
export function esc(value: unknown): string {
  return escapeHtml(String(value));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A failure's problems as one line. */
export function errorsText(errors: SettingsError[]): string {
  return errors.map((e) => e.text || e.message).join(' ');
}
