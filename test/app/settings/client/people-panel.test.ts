/**
 * The People section (src/app/settings/client/people-panel.ts): the directory's sheet, and its
 * columns from that sheet's first row, each at its configuration path.
 */
import { newPeople } from '../../../../src/app/settings/client/people-form';
import { defaultPeopleSheet, peopleHtml } from '../../../../src/app/settings/client/people-panel';
import { S } from '../../../../src/app/settings/client/state';
import type { LoadResult, SheetInfo } from '../../../../src/app/settings/types';

const sheet = (name: string, rows: string[][]): SheetInfo => ({
  name,
  followed: false,
  form: false,
  headerRow: 1,
  headers: rows[0] || [],
  rows,
  lastRow: rows.length,
  lastColumn: 3,
});

beforeEach(() => {
  S.load = {
    sheets: [sheet('Tickets', [['ID', 'Owner']]), sheet('Team', [['Name', 'Mail', 'Chat ID']])],
  } as unknown as LoadResult;
});

describe('the People section', () => {
  it('offers to set a directory when there is none', () => {
    expect(peopleHtml([])).toContain('data-action="add-people" data-list="people"');
  });

  it('shows the sheet and the columns of its first row, at their paths', () => {
    const p = newPeople('Team');
    p.emailColumn = 'Mail';
    const html = peopleHtml([p]);
    expect(html).toContain('data-bind="people.0.sheet" data-path="people.sheet"');
    expect(html).toContain('<option value="Mail" selected>');
    expect(html).toContain('<option value="Chat ID"');
    expect(html).not.toContain('<option value="Owner"');
    // Its default column is not a header there: shown, and marked so.
    expect(html).toContain('Chat user ID (not found)');
    expect(html).toContain('data-action="remove" data-list="people" data-index="0"');
  });

  it('a new directory goes on a sheet named like one, else the last sheet', () => {
    expect(defaultPeopleSheet()).toBe('Team');
    (S.load as LoadResult).sheets = [sheet('A', []), sheet('B', [])];
    expect(defaultPeopleSheet()).toBe('B');
  });
});
