/**
 * Editing the form: each control names its place in the state (`data-bind`
 * for a value, `data-check` for a list of checked headers, `data-list` for
 * the list a button adds to or removes from); a change updates the state,
 * the JSON view and the buttons, re-renders the cards when it changes their
 * structure, and has the settings checked again.
 */
import { byId } from './dom';
import { clone } from './json';
import { newDigest } from './digests-panel';
import { entryFrom, newCondition } from './form';
import { newPeople } from './people-form';
import { defaultPeopleSheet } from './people-panel';
import { newQuietHours } from './quiet-hours-panel';
import { newReminder } from './reminders-panel';
import { orderMark } from './html';
import { syncJson } from './json-view';
import { touched } from './live-check';
import { renderTriggers } from './schedule-panel';
import { autoSheets } from './sheets';
import { renderSheets } from './sheets-panel';
import { S, loaded } from './state';

type Node = { [key: string]: unknown };

/** The object and key a dotted address of the state names (`entries.0.sendWhen.1.op`). */
export function walk(addr: string): { target: Node; key: string } {
  const parts = addr.split('.');
  let target = S as unknown as Node;
  for (let i = 0; i < parts.length - 1; i++) target = target[parts[i]] as Node;
  return { target, key: parts[parts.length - 1] };
}

/** After a change of the form: the JSON view and the buttons follow; `structural` re-renders. */
export function changed(structural: boolean): void {
  S.jsonOverride = null;
  if (structural) renderSheets();
  syncJson();
  touched();
}

function bound(el: HTMLInputElement | HTMLSelectElement): void {
  const at = walk(el.getAttribute('data-bind') || '');
  at.target[at.key] = el.value;
  if (at.key === 'op') at.target.value = el.value === 'empty' ? 'true' : '';
  changed(el.hasAttribute('data-structural'));
}

/** A header checked or unchecked: the list keeps the order of checking, shown beside each. */
function checked(el: HTMLInputElement): void {
  const list = walk(el.getAttribute('data-check') || '');
  const chosen = list.target[list.key] as string[];
  const i = chosen.indexOf(el.value);
  if (el.checked && i < 0) chosen.push(el.value);
  if (!el.checked && i >= 0) chosen.splice(i, 1);
  const box = el.closest('.checks');
  if (box) {
    box.querySelectorAll<HTMLInputElement>('input[data-check]').forEach((input) => {
      const order = input.parentElement && input.parentElement.querySelector('.order');
      if (order) order.textContent = orderMark(chosen, input.value);
    });
  }
  changed(false);
}

/** Following the sheets by default, or listing them (each starts with the same settings). */
function toggleAuto(auto: boolean): void {
  const first = S.entries[0] || entryFrom({});
  if (auto) {
    const kept = clone(first);
    delete kept.sheet;
    S.entries = [kept];
  } else {
    S.entries = autoSheets().map((s) => {
      const e = clone(first);
      e.sheet = s.name;
      return e;
    });
  }
  S.auto = auto;
  // What fell back was for the other way of following sheets; the next check says anew.
  S.fallbacks = [];
  changed(true);
}

function onChange(event: Event): void {
  const el = event.target as HTMLInputElement;
  if (el.hasAttribute('data-bind')) bound(el);
  else if (el.hasAttribute('data-check')) checked(el);
  else if (el.id === 'schedule-minutes') {
    S.scheduleMinutes = Number(el.value);
    changed(false);
    renderTriggers();
  } else if (el.id === 'auto') toggleAuto(el.checked);
}

function onInput(event: Event): void {
  const el = event.target as HTMLInputElement;
  if (el.tagName === 'INPUT' && el.type === 'text' && el.hasAttribute('data-bind')) {
    const at = walk(el.getAttribute('data-bind') || '');
    at.target[at.key] = el.value;
    changed(false);
  }
}

/** The list buttons: remove an item, add a condition, a route, a mention, a digest, a reminder, quiet hours, the people directory. */
function onClick(event: Event): void {
  const target = event.target as Element;
  const el = target.closest ? target.closest('button[data-action][data-list]') : null;
  if (!el) return;
  const action = el.getAttribute('data-action');
  const list = walk(el.getAttribute('data-list') || '');
  const items = list.target[list.key] as unknown[];
  if (action === 'remove') items.splice(Number(el.getAttribute('data-index')), 1);
  else if (action === 'add-cond') items.push(newCondition());
  else if (action === 'add-route') items.push({ when: [newCondition()], webhook: 'default' });
  else if (action === 'add-mention') items.push({ when: [newCondition()], mention: '' });
  else if (action === 'add-digest') items.push(newDigest());
  else if (action === 'add-reminder') items.push(newReminder());
  else if (action === 'add-quiet' && !items.length) items.push(newQuietHours());
  else if (action === 'add-people' && !items.length) items.push(newPeople(defaultPeopleSheet()));
  else return;
  changed(true);
}

/** Add a sheet: the first one not listed yet (else the first). */
function addSheet(): void {
  const sheets = loaded().sheets;
  const used = S.entries.map((e) => String(e.sheet).toLowerCase());
  const free = sheets.filter((s) => used.indexOf(s.name.toLowerCase()) < 0)[0];
  S.entries.push(entryFrom({ sheet: free ? free.name : sheets[0].name }));
  changed(true);
}

export function wireEditing(): void {
  document.addEventListener('change', onChange);
  document.addEventListener('input', onInput);
  document.addEventListener('click', onClick);
  byId('add-sheet').addEventListener('click', addSheet);
}
