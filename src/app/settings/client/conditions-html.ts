/** A list of conditions (sendWhen, a route's or a mention's `when`) as form controls. */
import { esc } from './words';
import { CondForm, OPERATOR_CHOICES } from './cond-form';
import { Choice, select, textInput } from './html';

/** What the value of an operator looks like, as the text input shows it. */
const EXAMPLES: { [op: string]: string } = {
  in: 'Open, Pending',
  notIn: 'Open, Pending',
  matches: '^urgent',
  before: 'today, now-30m, 2026-12-24',
  after: 'today, now-30m, 2026-12-24',
  onOrBefore: 'today, now-30m, 2026-12-24',
  onOrAfter: 'today, now-30m, 2026-12-24',
  greaterThan: '100',
  lessThan: '100',
};

/** The value's control: yes/no for `empty`, else a text with an example of what it takes. */
function valueControl(c: CondForm, addr: string, path: string): string {
  if (c.op === 'empty') {
    const yesNo: Choice[] = [
      ['true', 'yes'],
      ['false', 'no'],
    ];
    return select(`${addr}.value`, `${path}.empty`, yesNo, c.value === 'false' ? 'false' : 'true');
  }
  const example = EXAMPLES[c.op] || 'value';
  return textInput(`${addr}.value`, `${path}.${c.op}`, c.value, example);
}

/** Condition `k` of the list at `list` in the state; `path`: its place in the configuration. */
function conditionHtml(
  c: CondForm,
  list: string,
  k: number,
  path: string,
  labels: string[],
): string {
  const addr = `${list}.${k}`;
  const columns = ([['', 'Column…']] as Choice[]).concat(labels);
  return (
    `<div class="cond field" data-path="${esc(path)}"><div class="wide">` +
    select(`${addr}.column`, `${path}.column`, columns, c.column) +
    '</div>' +
    select(`${addr}.op`, path, OPERATOR_CHOICES, c.op, ' data-structural="1"') +
    valueControl(c, addr, path) +
    '<div class="wide"><button type="button" class="link danger" data-action="remove" ' +
    `data-list="${esc(list)}" data-index="${k}">` +
    'Remove condition</button></div><div class="field-error wide"></div></div>'
  );
}

/** The conditions at `addr` of the state (`path` in the configuration), and "+ Add a condition". */
export function condsHtml(addr: string, path: string, list: CondForm[], labels: string[]): string {
  const html = list.map((c, k) => conditionHtml(c, addr, k, `${path}[${k}]`, labels)).join('');
  return (
    html +
    `<button type="button" class="link" data-action="add-cond" data-list="${esc(addr)}">` +
    '+ Add a condition</button>'
  );
}
