/** Small helpers of the sidebar's page: elements by id, escaping, words. */
import { escapeHtml } from '../../../chat/safety';
import type { SettingsError } from '../types';

/** The element with that id (the page's own markup: it is there). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

/** Every element the selector matches, as an array. */
export function all<T extends Element = HTMLElement>(
  selector: string,
  root: ParentNode = document,
): T[] {
  return Array.prototype.slice.call(root.querySelectorAll(selector)) as T[];
}

/** Text or an attribute value, escaped for the page's HTML. */
export function esc(value: unknown): string {
  return escapeHtml(String(value));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function isObject(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A failure's problems as one line. */
export function errorsText(errors: SettingsError[]): string {
  return errors.map((e) => e.text || e.message).join(' ');
}
