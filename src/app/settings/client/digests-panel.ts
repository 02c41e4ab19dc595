/**
 * A sheet's digests (`digests`) in the form: each its name, time, days,
 * conditions, webhook, mention and what to do when no row matches, and a
 * button that previews it as it would be posted now (ops-preview-panel.ts).
 */
import { WEEKDAYS } from '../../../config/clock';
import {
  CondForm,
  JsonObject,
  condsFrom,
  condsJson,
  extraOf,
  mentionJson,
  mentionText,
  textOf,
} from './cond-form';
import { Choice, checksHtml, field, select, textInput } from './html';
import { isObject } from './json';
import { Place, Rule, daysFrom, daysJson, listField, ruleHtml } from './rule-html';
import { esc } from './words';

export interface DigestForm {
  name: string;
  /** `09:00`. */
  at: string;
  /** Checked days (`mon`…); none: every day. */
  days: string[];
  when: CondForm[];
  /** A webhook NAME; '': the sheet's. */
  webhook: string;
  /** Comma-separated: `all, users/123, {{Owner}}`. */
  mention: string;
  ifEmpty: string;
  extra: JsonObject;
}

const KNOWN = ['name', 'at', 'days', 'when', 'webhook', 'mention', 'ifEmpty'];

export function newDigest(): DigestForm {
  return {
    name: 'Open rows',
    at: '09:00',
    days: [],
    when: [],
    webhook: '',
    mention: '',
    ifEmpty: 'skip',
    extra: {},
  };
}

export function digestsFrom(value: unknown): DigestForm[] {
  return (Array.isArray(value) ? value : []).map((d: unknown) => {
    const o = isObject(d) ? d : {};
    return {
      name: textOf(o.name),
      at: textOf(o.at),
      days: daysFrom(o.days),
      when: condsFrom(o.when),
      webhook: textOf(o.webhook),
      mention: mentionText(o.mention),
      ifEmpty: o.ifEmpty === undefined ? 'skip' : textOf(o.ifEmpty),
      extra: extraOf(o, KNOWN),
    };
  });
}

/** The digests as the configuration takes them (defaults left out). */
export function digestsJson(list: DigestForm[]): JsonObject[] {
  return list.map((d) => {
    const o: JsonObject = { name: d.name, at: d.at };
    const days = daysJson(d.days, WEEKDAYS);
    if (days) o.days = days;
    if (d.when.length) o.when = condsJson(d.when);
    if (d.webhook) o.webhook = d.webhook;
    if (d.mention.trim()) o.mention = mentionJson(d.mention);
    if (d.ifEmpty !== 'skip') o.ifEmpty = d.ifEmpty;
    return Object.assign(o, d.extra);
  });
}

function ownFields(d: DigestForm, list: string, r: number, path: string, hooks: Choice[]) {
  const at = `${list}.${r}.`;
  const ifEmpty: Choice[] = [
    ['skip', 'post nothing'],
    ['post', 'post "No rows match"'],
  ];
  const webhooks = ([['', "The sheet's webhook"]] as Choice[]).concat(hooks);
  return (
    field(`${path}.name`, 'Digest name', textInput(`${at}name`, `${path}.name`, d.name)) +
    field(`${path}.at`, 'At', textInput(`${at}at`, `${path}.at`, d.at, '09:00')) +
    field(
      `${path}.days`,
      'Days',
      checksHtml(`${at}days`, `${path}.days`, WEEKDAYS.slice(), d.days),
      'None checked: every day.',
    ) +
    field(
      `${path}.webhook`,
      'Post to',
      select(`${at}webhook`, `${path}.webhook`, webhooks, d.webhook),
    ) +
    field(
      `${path}.mention`,
      'Mention',
      textInput(`${at}mention`, `${path}.mention`, d.mention, 'all, users/123456789, {{Owner}}'),
    ) +
    field(
      `${path}.ifEmpty`,
      'When no row matches',
      select(`${at}ifEmpty`, `${path}.ifEmpty`, ifEmpty, d.ifEmpty),
    )
  );
}

/** The digests of the entry at `place`; `hooks`: the webhook NAMEs a digest can post to. */
export function digestsHtml(list: DigestForm[], place: Place, hooks: Choice[]): string {
  const addr = `${place.a}digests`;
  const rules = list.map((d, r) => {
    const rule: Rule = {
      list: addr,
      r,
      path: `${place.p}digests[${r}]`,
      when: d.when,
      noun: 'digest',
    };
    const preview =
      `<button type="button" class="link" data-preview-digest="${esc(addr)}" data-index="${r}" ` +
      `data-sheet="${esc(place.sheet)}">Preview this digest</button>`;
    return ruleHtml(rule, place.labels, ownFields(d, addr, r, rule.path, hooks) + preview);
  });
  return listField(
    `${place.p}digests`,
    'Digests',
    'At its time on its days, one message listing the rows that match its conditions (none: every row).',
    rules,
    { action: 'add-digest', list: addr, text: '+ Add a digest' },
  );
}
