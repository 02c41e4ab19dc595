/**
 * A sheet's reminders (`reminders`) in the form: each its conditions, how
 * long they must hold (`after`), how often again (`every`), whom it pings
 * and its text; a reply in the row's thread.
 */
import {
  CondForm,
  JsonObject,
  condsFrom,
  condsJson,
  extraOf,
  mentionJson,
  mentionText,
  newCondition,
  textOf,
} from './cond-form';
import { field, textInput } from './html';
import { isObject } from './json';
import { Place, Rule, listField, ruleHtml } from './rule-html';

export interface ReminderForm {
  when: CondForm[];
  /** `30m`, `4h`, `1d`; '': at once. */
  after: string;
  /** '': once. */
  every: string;
  mention: string;
  text: string;
  extra: JsonObject;
}

const KNOWN = ['when', 'after', 'every', 'mention', 'text'];

export function newReminder(): ReminderForm {
  return { when: [newCondition()], after: '30m', every: '', mention: '', text: '', extra: {} };
}

export function remindersFrom(value: unknown): ReminderForm[] {
  return (Array.isArray(value) ? value : []).map((v: unknown) => {
    const o = isObject(v) ? v : {};
    return {
      when: condsFrom(o.when),
      after: textOf(o.after),
      every: textOf(o.every),
      mention: mentionText(o.mention),
      text: textOf(o.text),
      extra: extraOf(o, KNOWN),
    };
  });
}

/** The reminders as the configuration takes them (what is left empty left out). */
export function remindersJson(list: ReminderForm[]): JsonObject[] {
  return list.map((m) => {
    const o: JsonObject = { when: condsJson(m.when) };
    if (m.after.trim()) o.after = m.after.trim();
    if (m.every.trim()) o.every = m.every.trim();
    if (m.mention.trim()) o.mention = mentionJson(m.mention);
    if (m.text !== '') o.text = m.text;
    return Object.assign(o, m.extra);
  });
}

function ownFields(m: ReminderForm, at: string, path: string): string {
  return (
    field(
      `${path}.after`,
      'After',
      textInput(`${at}after`, `${path}.after`, m.after, '30m, 4h, 1d'),
    ) +
    field(
      `${path}.every`,
      'Again every',
      textInput(`${at}every`, `${path}.every`, m.every, 'empty: once'),
    ) +
    field(
      `${path}.mention`,
      'Mention',
      textInput(`${at}mention`, `${path}.mention`, m.mention, 'users/123456789, {{Owner}}'),
    ) +
    field(
      `${path}.text`,
      'Text',
      textInput(`${at}text`, `${path}.text`, m.text, 'Reminder: {{Title}}, for {{_since}}'),
    )
  );
}

export function remindersHtml(list: ReminderForm[], place: Place): string {
  const addr = `${place.a}reminders`;
  const rules = list.map((m, r) => {
    const rule: Rule = {
      list: addr,
      r,
      path: `${place.p}reminders[${r}]`,
      when: m.when,
      noun: 'reminder',
    };
    return ruleHtml(rule, place.labels, ownFields(m, `${addr}.${r}.`, rule.path));
  });
  return listField(
    `${place.p}reminders`,
    'Reminders',
    'A reply in the row’s thread once its conditions have held for “After”; again every “Again every” while they hold.',
    rules,
    { action: 'add-reminder', list: addr, text: '+ Add a reminder' },
  );
}
