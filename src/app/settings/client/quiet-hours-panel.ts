/**
 * A sheet's quiet hours (`quietHours`) in the form: from, to, the days they
 * start on, and the rows that go out anyway (`except`). The form holds them
 * as a list of none or one, so that "Set quiet hours" and "Remove" are the
 * list buttons every rule has.
 */
import { WEEKDAYS } from '../../../config/clock';
import { CondForm, JsonObject, condsFrom, condsJson, extraOf, textOf } from './cond-form';
import { checksHtml, field, textInput } from './html';
import { isObject } from './json';
import { Place, daysFrom, daysJson, listField } from './rule-html';
import { condsHtml } from './conditions-html';
import { esc } from './words';

export interface QuietForm {
  from: string;
  to: string;
  days: string[];
  except: CondForm[];
  extra: JsonObject;
}

const KNOWN = ['from', 'to', 'days', 'except'];

export function newQuietHours(): QuietForm {
  return { from: '19:00', to: '08:00', days: [], except: [], extra: {} };
}

/** The key's value as the form holds it: [] when unset. */
export function quietFrom(value: unknown): QuietForm[] {
  if (!isObject(value)) return [];
  return [
    {
      from: textOf(value.from),
      to: textOf(value.to),
      days: daysFrom(value.days),
      except: condsFrom(value.except),
      extra: extraOf(value, KNOWN),
    },
  ];
}

/** The key's value as the configuration takes it; undefined when unset. */
export function quietJson(list: QuietForm[]): JsonObject | undefined {
  const q = list[0];
  if (!q) return undefined;
  const o: JsonObject = { from: q.from, to: q.to };
  const days = daysJson(q.days, WEEKDAYS);
  if (days) o.days = days;
  if (q.except.length) o.except = condsJson(q.except);
  return Object.assign(o, q.extra);
}

export function quietHtml(list: QuietForm[], place: Place): string {
  const addr = `${place.a}quietHours`;
  const path = `${place.p}quietHours`;
  const q = list[0];
  if (!q) {
    return listField(path, 'Quiet hours', 'None: messages go out at any hour.', [], {
      action: 'add-quiet',
      list: addr,
      text: '+ Set quiet hours',
    });
  }
  const at = `${addr}.0.`;
  const body =
    field(`${path}.from`, 'From', textInput(`${at}from`, `${path}.from`, q.from, '19:00')) +
    field(`${path}.to`, 'To', textInput(`${at}to`, `${path}.to`, q.to, '08:00')) +
    field(
      `${path}.days`,
      'Days',
      checksHtml(`${at}days`, `${path}.days`, WEEKDAYS.slice(), q.days),
      'The days they start on. None checked: every day.',
    ) +
    `<div class="field" data-path="${esc(`${path}.except`)}"><span class="label">Except rows where</span>` +
    condsHtml(`${at}except`, `${path}.except`, q.except, place.labels) +
    '<div class="field-error"></div></div>' +
    `<button type="button" class="link danger" data-action="remove" data-list="${esc(addr)}" data-index="0">` +
    'Remove quiet hours</button>';
  return listField(
    path,
    'Quiet hours',
    'Messages, reminders and digests wait until they end (in the spreadsheet’s time zone).',
    [`<div class="rule">${body}</div>`],
    null,
  );
}
