/**
 * The People section: the directory (`people`, top level) that turns a
 * `{{Column}}` mention's e-mail addresses into Chat user IDs: its sheet and
 * its two columns, read from the sheet's first row (shown by sheets-panel.ts).
 */
import { Choice, field, select } from './html';
import { PeopleForm } from './people-form';
import { listField } from './rule-html';
import { sheetNamed } from './sheets';
import { S, loaded } from './state';
import { esc, inert, isolated } from './words';

/** The directory's fields: its sheet, and its two columns among the headers of the sheet's row 1. */
function peopleFields(p: PeopleForm): string {
  const sheets = loaded().sheets.map((s): Choice => [s.name, isolated(s.name)]);
  const found = sheetNamed(p.sheet);
  const headers = found && found.rows[0] ? found.rows[0].filter((h) => h !== '') : [];
  return (
    field(
      'people.sheet',
      'Directory sheet',
      select('people.0.sheet', 'people.sheet', sheets, p.sheet, ' data-structural="1"'),
    ) +
    field(
      'people.emailColumn',
      'E-mail column',
      select('people.0.emailColumn', 'people.emailColumn', headers, p.emailColumn),
    ) +
    field(
      'people.idColumn',
      'Chat user ID column',
      select('people.0.idColumn', 'people.idColumn', headers, p.idColumn),
      'Numeric IDs (users/123456789 or 123456789); anything else there is ignored.',
    ) +
    '<button type="button" class="link danger" data-action="remove" data-list="people" data-index="0">Remove the directory</button>'
  );
}

/** What the saved directory holds, as settingsLoad read it (HTML), or ''. */
function savedNote(): string {
  const note = S.load && S.load.ops ? S.load.ops.people : null;
  return note ? `<br><span id="people-note">${esc(inert(note))}</span>` : '';
}

export function peopleHtml(list: PeopleForm[]): string {
  const p = list[0];
  return listField(
    'people',
    'People directory',
    'A mention may name a column of e-mail addresses, <code>{{Owner}}</code>: each address is looked up here.' +
      savedNote(),
    p ? [`<div class="rule">${peopleFields(p)}</div>`] : [],
    p ? null : { action: 'add-people', list: 'people', text: '+ Set a people directory' },
  );
}

/** A new directory: on a sheet named like People if there is one, else the last sheet. */
export function defaultPeopleSheet(): string {
  const sheets = loaded().sheets;
  const named = sheets.filter((s) => /people|team|directory/i.test(s.name))[0];
  return named ? named.name : sheets.length ? sheets[sheets.length - 1].name : 'People';
}
