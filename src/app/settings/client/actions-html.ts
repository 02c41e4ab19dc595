/**
 * A card's "Actions" section (docs/actions.md): up to three buttons that
 * write into the row, each with its label, its `when` conditions (the same
 * condition rows as sendWhen) and its `set` pairs (a header of the sheet, a
 * value, `{{_user}}` and `{{_now}}` offered), then `actionLinkDays`. `a` is
 * the entry's address in the state (`entries.0.`), `p` its path in the
 * configuration (`sheets[0].` or ''), as in entry-html.ts.
 */
import { esc } from './words';
import { ActionForm, ActionKeys, MAX_ACTIONS, SET_PLACEHOLDERS, SetForm } from './actions-form';
import { condsHtml } from './conditions-html';
import { Choice, field, select, textInput } from './html';

/** Where the section is: the entry's address and path, its headers, its card's index. */
export interface ActionsPlace {
  a: string;
  p: string;
  labels: string[];
  i: number;
}

/** What the section says when the web app the buttons open is not deployed. */
export const NOT_DEPLOYED =
  'Chat Relay is not deployed as a web app yet, so these buttons would have nothing to open: run "npm run deploy" once, which creates it (see docs/actions.md).';

const SET_HINT =
  'Text is written as text (never a formula); {{_user}}: the address of who confirms; {{_now}}, alone: when, as a date; empty clears the cell.';

/** One pair of `set`: the header (its path names it, as the validator's errors do) and its value. */
function pairHtml(
  pair: SetForm,
  list: string,
  j: number,
  path: string,
  place: ActionsPlace,
): string {
  const addr = `${list}.${j}`;
  const at = pair.header === '' ? path : `${path}.${pair.header}`;
  const headers = ([['', 'Column…']] as Choice[]).concat(place.labels);
  const value = textInput(`${addr}.value`, at, pair.value, 'text, {{_user}} or {{_now}}').replace(
    /^<input /,
    `<input list="action-values-${place.i}" aria-label="Value" `,
  );
  return (
    `<div class="cond field" data-path="${esc(at)}"><div class="wide">` +
    select(`${addr}.header`, at, headers, pair.header, ' data-structural="1" aria-label="Column"') +
    `</div><div class="wide">${value}</div>` +
    '<div class="wide"><button type="button" class="link danger" data-action="remove" ' +
    `data-list="${esc(list)}" data-index="${j}">` +
    'Remove this cell</button></div><div class="field-error wide"></div></div>'
  );
}

/** Action `k`: label, conditions, pairs, Remove. */
function actionHtml(action: ActionForm, k: number, place: ActionsPlace): string {
  const addr = `${place.a}actions.${k}`;
  const path = `${place.p}actions[${k}]`;
  const pairs = action.set.map((pair, j) => pairHtml(pair, `${addr}.set`, j, `${path}.set`, place));
  return (
    `<div class="rule field action" data-path="${esc(path)}">` +
    field(
      `${path}.label`,
      'Label',
      textInput(`${addr}.label`, `${path}.label`, action.label, 'Claim'),
    ) +
    `<div class="field" data-path="${esc(`${path}.when`)}"><span class="label">Shown when</span>` +
    condsHtml(`${addr}.when`, `${path}.when`, action.when, place.labels) +
    '<p class="hint">All conditions hold when the message is built. None: on every row.</p>' +
    '<div class="field-error"></div></div>' +
    `<div class="field" data-path="${esc(`${path}.set`)}"><span class="label">Writes</span>` +
    pairs.join('') +
    `<button type="button" class="link" data-action="add-set" data-list="${esc(`${addr}.set`)}">+ Add a cell</button>` +
    `<p class="hint">${esc(SET_HINT)}</p><div class="field-error"></div></div>` +
    `<button type="button" class="link danger" data-action="remove" data-list="${esc(`${place.a}actions`)}" data-index="${k}">` +
    'Remove this action</button><div class="field-error"></div></div>'
  );
}

/** The list of actions, or what the JSON holds when the form cannot show it. */
function actionsList(
  e: ActionKeys & { extra: { [key: string]: unknown } },
  place: ActionsPlace,
): string {
  if ('actions' in e.extra) {
    return '<p class="hint">The Advanced JSON holds these actions in a form this editor cannot show: edit them there.</p>';
  }
  const actions = e.actions || [];
  const add =
    actions.length < MAX_ACTIONS
      ? `<button type="button" class="link" data-action="add-action" data-list="${esc(`${place.a}actions`)}">+ Add an action</button>`
      : `<p class="hint">At most ${MAX_ACTIONS} actions per sheet.</p>`;
  return actions.map((action, k) => actionHtml(action, k, place)).join('') + add;
}

/** The card's Actions section; `deployed`: whether the web app has a URL (settingsLoad's `webApp`). */
export function actionsHtml(
  e: ActionKeys & { extra: { [key: string]: unknown } },
  place: ActionsPlace,
  deployed: boolean,
): string {
  const { a, p, i } = place;
  const options = SET_PLACEHOLDERS.map((v) => `<option value="${esc(v)}"></option>`).join('');
  return (
    `<details data-key="act-${i}"><summary>Actions</summary>` +
    `<div class="field" data-path="${esc(`${p}actions`)}"><span class="label">Actions</span>` +
    `<p class="hint">Buttons beside "Open in Sheets" that write into the row once someone confirms (at most ${MAX_ACTIONS}).</p>` +
    (deployed ? '' : `<p class="warning" data-testid="not-deployed">${esc(NOT_DEPLOYED)}</p>`) +
    actionsList(e, place) +
    `<datalist id="action-values-${i}">${options}</datalist>` +
    '<div class="field-error"></div></div>' +
    field(
      `${p}actionLinkDays`,
      'Links work for (days)',
      textInput(`${a}actionLinkDays`, `${p}actionLinkDays`, e.actionLinkDays, '14'),
      '1 to 365. Empty: 14.',
    ) +
    '</details>'
  );
}
