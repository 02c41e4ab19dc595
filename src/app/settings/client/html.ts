/**
 * The form's controls as HTML: a field with its label, hint and error slot;
 * selects, text inputs and lists of checkboxes, each bound to a place in the
 * state (`data-bind`, `data-check`) and naming its configuration path
 * (`data-path`), where errors are shown.
 */
import { bdi, esc, isolated } from './words';

/** A choice: its value, or [value, text]. */
export type Choice = string | [string, string];

/**
 * `<option>`s; a selected value not in the list is shown first, marked "(not found)". A plain
 * string is a person's (a sheet, a header) and is isolated; a [value, text] isolates its own.
 */
export function options(list: Choice[], selected: unknown): string {
  let found = false;
  let html = list
    .map((o) => {
      const value = Array.isArray(o) ? o[0] : o;
      const text = Array.isArray(o) ? o[1] : isolated(o);
      const sel = String(value) === String(selected);
      if (sel) found = true;
      return `<option value="${esc(value)}"${sel ? ' selected' : ''}>${esc(text)}</option>`;
    })
    .join('');
  if (!found && selected !== undefined && selected !== null && selected !== '') {
    html = `<option value="${esc(selected)}" selected>${esc(isolated(selected))} (not found)</option>${html}`;
  }
  return html;
}

/** A field: its label, the control, a hint (HTML), and the slot for its errors. */
export function field(path: string, label: string, control: string, hint?: string): string {
  // The label names the field's first control for assistive technology.
  const named = label
    ? control.replace(/^<(select|input)\b/, `<$1 aria-label="${esc(label)}"`)
    : control;
  return (
    `<div class="field" data-path="${esc(path)}">` +
    (label ? `<span class="label">${esc(label)}</span>` : '') +
    named +
    (hint ? `<p class="hint">${hint}</p>` : '') +
    '<div class="field-error"></div></div>'
  );
}

/** The text of the selected choice, as its option shows it. */
function choiceText(list: Choice[], selected: unknown): string {
  const found = list.filter((o) => String(Array.isArray(o) ? o[0] : o) === String(selected))[0];
  if (found === undefined)
    return selected === undefined || selected === null ? '' : String(selected);
  return Array.isArray(found) ? found[1] : found;
}

/**
 * A select bound to `addr` in the state; `extra`: more attributes (HTML). Its title is the
 * selected choice's whole text, which a narrow select cuts (kept so by wireFit, fit.ts).
 */
export function select(
  addr: string,
  path: string,
  list: Choice[],
  selected: unknown,
  extra?: string,
): string {
  return (
    `<select data-bind="${esc(addr)}" data-path="${esc(path)}" ` +
    `title="${esc(choiceText(list, selected))}"${extra || ''}>` +
    `${options(list, selected)}</select>`
  );
}

export function textInput(
  addr: string,
  path: string,
  value: unknown,
  placeholder?: string,
): string {
  return (
    `<input type="text" data-bind="${esc(addr)}" data-path="${esc(path)}" ` +
    `value="${esc(value === undefined ? '' : value)}" placeholder="${esc(placeholder || '')}">`
  );
}

/** The place of each chosen label in `chosen`, 1-based, for ordered checks. */
export function orderMark(chosen: string[], label: string): string {
  const at = chosen.indexOf(label);
  return at < 0 ? '' : String(at + 1);
}

/** Checkboxes for a list of headers; `ordered`: the list's order shows next to each. */
export function checksHtml(
  addr: string,
  path: string,
  labels: string[],
  chosen: string[],
  ordered?: boolean,
): string {
  const shown = labels.slice();
  chosen.forEach((c) => {
    if (shown.indexOf(c) < 0) shown.push(c);
  });
  if (!shown.length) return '<p class="hint">No headers in this row.</p>';
  const boxes = shown.map((label) => {
    const missing = labels.indexOf(label) < 0;
    return (
      `<label title="${esc(label)}"><input type="checkbox" data-check="${esc(addr)}" value="${esc(label)}"` +
      `${chosen.indexOf(label) >= 0 ? ' checked' : ''}>${bdi(label)}` +
      (missing ? ' <span class="error">(not a header)</span>' : '') +
      (ordered ? `<span class="order">${orderMark(chosen, label)}</span>` : '') +
      '</label>'
    );
  });
  return `<div class="checks" data-path="${esc(path)}">${boxes.join('')}</div>`;
}
