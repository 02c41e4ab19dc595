/**
 * A rule of a list (a mention, a route, a digest, a reminder) as the form
 * shows it: its conditions, its own fields, its Remove button; and the list
 * with its label and its "+ Add" button.
 */
import { condsHtml } from './conditions-html';
import { CondForm } from './cond-form';
import { esc } from './words';

/** An entry's address in the state and its path in the configuration (each '' or ending with a dot). */
export interface Place {
  a: string;
  p: string;
  labels: string[];
  /** The sheet the entry's rows are read from ('' when none). */
  sheet: string;
}

/** Rule `r` of a list at `list` in the state and `path` in the configuration. */
export interface Rule {
  list: string;
  r: number;
  path: string;
  when: CondForm[];
  noun: string;
  /** The key of its conditions: `when` (quiet hours: `except`). */
  whenKey?: string;
}

/** A rule: its conditions, its own fields (`own`, HTML), its Remove button. */
export function ruleHtml(rule: Rule, labels: string[], own: string): string {
  const { list, r, path, when, noun } = rule;
  const key = rule.whenKey || 'when';
  return (
    `<div class="rule field" data-path="${esc(path)}">` +
    condsHtml(`${list}.${r}.${key}`, `${path}.${key}`, when, labels) +
    own +
    `<button type="button" class="link danger" data-action="remove" data-list="${esc(list)}" data-index="${r}">` +
    `Remove this ${noun}</button><div class="field-error"></div></div>`
  );
}

/** A list of rules under its label and hint (HTML), with its "+ Add" button (`action`, `text`). */
export function listField(
  path: string,
  label: string,
  hint: string,
  rules: string[],
  add: { action: string; list: string; text: string } | null,
): string {
  const button = add
    ? `<button type="button" class="link" data-action="${esc(add.action)}" data-list="${esc(add.list)}">${esc(add.text)}</button>`
    : '';
  return (
    `<div class="field" data-path="${esc(path)}"><span class="label">${esc(label)}</span>` +
    (hint ? `<p class="hint">${hint}</p>` : '') +
    rules.join('') +
    button +
    '<div class="field-error"></div></div>'
  );
}

/** The days of the week a rule names, Monday first; none or all: left out (every day). */
export function daysJson(days: string[], week: readonly string[]): string[] | undefined {
  // A day the week does not know is kept as typed: the check names it.
  if (days.some((d) => week.indexOf(d) < 0)) return days.slice();
  const chosen = week.filter((d) => days.indexOf(d) >= 0);
  return chosen.length && chosen.length < week.length ? chosen : undefined;
}

/** The days a rule names, as the form's checks hold them (lower case, as the week spells them). */
export function daysFrom(value: unknown): string[] {
  return Array.isArray(value) ? value.map((d) => String(d).trim().toLowerCase()) : [];
}
