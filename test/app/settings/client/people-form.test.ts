/**
 * The people directory in the sidebar's form (src/app/settings/client/people-form.ts): a
 * top-level key, not a sheet's.
 */
import { configObject, formFrom } from '../../../../src/app/settings/client/form';
import { newPeople, peopleFrom, peopleJson } from '../../../../src/app/settings/client/people-form';

describe('the people directory in the form', () => {
  it('keeps it at the top level through the form, whatever the sheets', () => {
    const people = { sheet: 'People', emailColumn: 'Mail', idColumn: 'ID' };
    const form = formFrom({ people, sheets: [{ sheet: 'A' }] }, 5);
    expect(form.top).toEqual({});
    expect(form.people).toEqual([{ ...people, extra: {} }]);
    expect(configObject(form)).toEqual({ scheduleMinutes: 5, people, sheets: [{ sheet: 'A' }] });
  });

  it('a new directory names the default columns; a column left empty is left out', () => {
    const p = newPeople('Team');
    expect(peopleJson([p])).toEqual({
      sheet: 'Team',
      emailColumn: 'Email',
      idColumn: 'Chat user ID',
    });
    p.emailColumn = '';
    expect(peopleJson([p])).toEqual({ sheet: 'Team', idColumn: 'Chat user ID' });
    expect(peopleJson([])).toBeUndefined();
  });

  it('keeps a value of another shape as a top-level key, for the check to name', () => {
    expect(peopleFrom('People')).toEqual([]);
    expect(configObject(formFrom({ people: 'People' }, 5))).toEqual({
      scheduleMinutes: 5,
      people: 'People',
    });
  });
});
