/**
 * One card of the Sheets section: a sheet's settings (or every followed
 * sheet's) as form controls. `a` is the entry's address in the state
 * (`entries.0.`), `p` its path in the configuration (`sheets[0].`, or '' for
 * the top level), each ending with a dot when not empty.
 */
import { bdi, esc, isolated } from './words';
import { actionsHtml } from './actions-html';
import { condsHtml } from './conditions-html';
import { digestsHtml } from './digests-panel';
import { EntryForm, MentionForm, RouteForm } from './form';
import { Choice, checksHtml, field, select, textInput } from './html';
import { quietHtml } from './quiet-hours-panel';
import { remindersHtml } from './reminders-panel';
import { Place, Rule, ruleHtml } from './rule-html';
import { entrySheet, headerRowOf, labelsOf } from './sheets';
import { S, loaded } from './state';

/** Every webhook NAME a sheet or a route can post to, and whether it is set and usable. */
export function webhookChoices(): Choice[] {
  const names = ['default'];
  S.webhooks.forEach((w) => {
    if (names.indexOf(w.name) < 0) names.push(w.name);
  });
  return names.map((n): Choice => {
    const hook = S.webhooks.filter((w) => w.name === n)[0];
    let text =
      n === 'default' ? 'default (CHAT_WEBHOOK_URL)' : n + (hook && hook.ok ? '' : ' (unusable)');
    if (!hook) text += ' — not set';
    return [n, text];
  });
}

/** A row's cells as an option shows them: each isolated, 44 characters at most. */
function rowText(cells: string[]): string {
  const filled = cells.filter((c) => c !== '');
  const long = filled.join(' · ').length > 44;
  let room = long ? 43 : 44;
  const parts: string[] = [];
  for (const cell of filled) {
    const sep = parts.length ? 3 : 0;
    if (room - sep <= 0) break;
    parts.push(isolated(cell.slice(0, room - sep)));
    room -= sep + cell.length;
  }
  return parts.join(' · ') + (long ? '…' : '');
}

function headerRowChoices(e: EntryForm): Choice[] {
  const sheet = entrySheet(e);
  const list = (sheet ? sheet.rows : []).map((cells, i): Choice => {
    return [String(i + 1), `Row ${i + 1}: ${rowText(cells) || '(empty)'}`];
  });
  if (!list.length) list.push(['1', 'Row 1']);
  return list;
}

/** The card's title, its Remove button, and the slots for its errors and fallbacks. */
function cardTop(e: EntryForm, i: number): string {
  const remove = S.auto
    ? ''
    : `<button type="button" class="link danger" data-action="remove" data-list="entries" data-index="${i}">Remove</button>`;
  const title = S.auto ? 'Every followed sheet' : e.sheet || 'A sheet';
  return (
    `<div class="title"><span title="${esc(title)}">${bdi(title)}</span>` +
    `${remove}</div><div class="field-error"></div>` +
    `<div class="fallbacks warning" data-sheet="${esc(S.auto ? '' : e.sheet || '')}"></div>`
  );
}

/** Sheet (when listed), header row, key column and webhook. */
function sheetFields(e: EntryForm, { a, p, labels }: Place): string {
  const sheet = entrySheet(e);
  const sheets = loaded().sheets.map((s): Choice => [
    s.name,
    isolated(s.name) + (s.form ? ' (form responses)' : ''),
  ]);
  const structural = ' data-structural="1"';
  const headers = labels.length ? labels.map(bdi).join(', ') : 'none';
  const firstColumn = `The first column${labels.length ? ` (${isolated(labels[0])})` : ''}`;
  return (
    (S.auto
      ? ''
      : field(
          `${p}sheet`,
          'Sheet',
          select(`${a}sheet`, `${p}sheet`, sheets, e.sheet, structural),
        )) +
    field(
      `${p}headerRow`,
      'Header row',
      select(
        `${a}headerRow`,
        `${p}headerRow`,
        headerRowChoices(e),
        String(headerRowOf(e)),
        structural,
      ),
      `Headers found${S.auto && sheet ? ` in ${bdi(sheet.name)}` : ''}: ${headers}`,
    ) +
    field(
      `${p}keyColumn`,
      'Key column',
      select(
        `${a}keyColumn`,
        `${p}keyColumn`,
        ([['', firstColumn]] as Choice[]).concat(labels),
        e.keyColumn || '',
      ),
      'Rows with the same key share one Chat thread.',
    ) +
    field(
      `${p}webhook`,
      'Webhook',
      select(`${a}webhook`, `${p}webhook`, webhookChoices(), e.webhook || 'default'),
    )
  );
}

/** Format, title and subtitle. */
function messageFields(e: EntryForm, { a, p, labels }: Place): string {
  const formats: Choice[] = [
    ['card', 'Card'],
    ['text', 'Text'],
  ];
  const titleExample = `{{${labels[0] || 'ID'}}} · {{${labels[1] || 'Title'}}}`;
  return (
    field(`${p}format`, 'Format', select(`${a}format`, `${p}format`, formats, e.format || 'card')) +
    field(
      `${p}title`,
      'Title',
      textInput(`${a}title`, `${p}title`, e.title, titleExample),
      'Empty: the key and the first field. {{Header}} inserts a cell; also {{_key}}, {{_sheet}}, {{_row}}.',
    ) +
    field(
      `${p}subtitle`,
      'Subtitle',
      textInput(`${a}subtitle`, `${p}subtitle`, e.subtitle, 'Optional'),
    )
  );
}

/** Shown columns, watched columns and sendWhen. */
function columnFields(e: EntryForm, { a, p, labels }: Place): string {
  return (
    field(
      `${p}columns`,
      'Shown columns',
      checksHtml(`${a}columns`, `${p}columns`, labels, e.columns, true),
      'Shown in the order you check them (the number), the key only if checked. None checked: the key, then every non-empty column.',
    ) +
    field(
      `${p}watchColumns`,
      'Watched columns',
      checksHtml(`${a}watchColumns`, `${p}watchColumns`, labels, e.watchColumns),
      'Only changes in these post an update, which shows them. None checked: every shown column.',
    ) +
    field(
      `${p}sendWhen`,
      'Send when',
      condsHtml(`${a}sendWhen`, `${p}sendWhen`, e.sendWhen, labels),
      'A row gets its first message once all conditions hold. None: every row.',
    )
  );
}

function mentionsField(mentions: MentionForm[], { a, p, labels }: Place): string {
  const list = `${a}mentions`;
  const rules = mentions.map((m, r) => {
    const rule: Rule = { list, r, path: `${p}mentions[${r}]`, when: m.when, noun: 'mention' };
    const own = field(
      `${rule.path}.mention`,
      'Mention',
      textInput(`${list}.${r}.mention`, `${rule.path}.mention`, m.mention, 'all, users/123456789'),
    );
    return ruleHtml(rule, labels, own);
  });
  return (
    `<div class="field" data-path="${esc(`${p}mentions`)}"><span class="label">Mentions</span>` +
    rules.join('') +
    `<button type="button" class="link" data-action="add-mention" data-list="${esc(list)}">+ Add a mention</button>` +
    '<div class="field-error"></div></div>'
  );
}

function routesField(routes: RouteForm[], { a, p, labels }: Place): string {
  const list = `${a}routes`;
  const rules = routes.map((route, r) => {
    const rule: Rule = { list, r, path: `${p}routes[${r}]`, when: route.when, noun: 'route' };
    const own = field(
      `${rule.path}.webhook`,
      'Post to',
      select(`${list}.${r}.webhook`, `${rule.path}.webhook`, webhookChoices(), route.webhook),
    );
    return ruleHtml(rule, labels, own);
  });
  return (
    `<div class="field" data-path="${esc(`${p}routes`)}"><span class="label">Routes</span>` +
    '<p class="hint">The first route whose conditions hold sends the row to its webhook; otherwise the sheet\'s webhook.</p>' +
    rules.join('') +
    `<button type="button" class="link" data-action="add-route" data-list="${esc(list)}">+ Add a route</button>` +
    '<div class="field-error"></div></div>'
  );
}

/** The card of entry `i`. */
export function entryHtml(e: EntryForm, i: number): string {
  const shown = entrySheet(e);
  const place: Place = {
    a: `entries.${i}.`,
    p: S.auto ? '' : `sheets[${i}].`,
    labels: labelsOf(e),
    sheet: shown ? shown.name : e.sheet || '',
  };
  return (
    `<div class="card-box field" data-path="${esc(S.auto ? '#all' : `sheets[${i}]`)}">` +
    cardTop(e, i) +
    sheetFields(e, place) +
    `<details data-key="msg-${i}"><summary>Message options</summary>` +
    messageFields(e, place) +
    columnFields(e, place) +
    mentionsField(e.mentions, place) +
    routesField(e.routes, place) +
    '</details>' +
    actionsHtml(e, { ...place, i }, loaded().webApp) +
    `<details data-key="ops-${i}"><summary>Digests, reminders, quiet hours</summary>` +
    quietHtml(e.quietHours, place) +
    digestsHtml(e.digests, place, webhookChoices()) +
    remindersHtml(e.reminders, place) +
    '</details></div>'
  );
}
