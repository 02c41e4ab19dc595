import { Workbook } from '../../local/runtime';
import { PeopleSettings } from '../../src/config/people';
import {
  NotFound,
  addressesIn,
  notFoundNote,
  peopleSource,
  readDirectory,
} from '../../src/relay/people';

const SETTINGS: PeopleSettings = {
  sheet: 'People',
  emailColumn: 'Email',
  idColumn: 'Chat user ID',
  path: 'people',
};

const DIRECTORY = [
  ['Name', 'EMAIL', 'Chat user ID'],
  ['Ana', '  Ana@Example.com ', 'users/111'],
  ['Bob', 'bob@example.com', ' 222 '],
  ['Bob again', 'BOB@example.com', '333'],
  ['Dave', 'dave@example.com', 'Dave Smith'],
  ['Eve', 'eve@example.com', 'users/all'],
  ['Fay', 'fay@example.com', ''],
  ['', '', '444'],
  ['Gus', 'gus@example.com', '<users/555>'],
];

function people(rows: unknown[][] = DIRECTORY) {
  const workbook = new Workbook();
  const sheet = workbook.addSheet('People', rows);
  workbook.calls.reset();
  return { workbook, sheet };
}

describe('readDirectory', () => {
  it('maps each address (trimmed, any case) to its numeric IDs; anything else is ignored by row', () => {
    const { sheet } = people();
    const read = readDirectory(sheet, SETTINGS);
    if (!read.ok) throw new Error(read.error.text);
    const d = read.value;
    expect(d.mentionsOf('ana@example.com')).toEqual(['users/111']);
    expect(d.mentionsOf(' ANA@EXAMPLE.COM')).toEqual(['users/111']);
    expect(d.mentionsOf('bob@example.com')).toEqual(['users/222', 'users/333']);
    expect(d.mentionsOf('dave@example.com')).toEqual([]);
    expect(d.mentionsOf('eve@example.com')).toEqual([]);
    expect(d.mentionsOf('fay@example.com')).toEqual([]);
    expect(d.mentionsOf('all')).toEqual([]);
    expect(d.mentionsOf('constructor')).toEqual([]);
    expect(d.ignored).toEqual([
      { row: 5, value: 'Dave Smith' },
      { row: 6, value: 'users/all' },
      { row: 9, value: '<users/555>' },
    ]);
    expect([d.sheet, d.size]).toEqual(['People', 2]);
  });

  it('reads the sheet in one range call after its size', () => {
    const { workbook, sheet } = people();
    readDirectory(sheet, SETTINGS);
    expect(workbook.calls.byMethod['Range.getDisplayValues']).toBe(1);
    expect(workbook.calls.byMethod['Sheet.getRange']).toBe(1);
  });

  it('names a column it cannot find, with the key, the sheet and its headers', () => {
    const { sheet } = people();
    const read = readDirectory(sheet, { ...SETTINGS, idColumn: 'Chat ID' });
    expect(!read.ok && read.error.text).toBe(
      'CHAT_RELAY_CONFIG key "people.idColumn" is "Chat ID", which is not a header in row 1 of sheet "People" (headers: Name, EMAIL, Chat user ID)',
    );
    const empty = readDirectory(people([]).sheet, SETTINGS);
    expect(!empty.ok && empty.error.path).toBe('people.emailColumn');
  });
});

describe('peopleSource', () => {
  it('reads the directory on the first call only, and reports what it read', () => {
    const { workbook, sheet } = people();
    let found = 0;
    const source = peopleSource(SETTINGS, () => (found++, { sheet }));
    expect(source.report()).toBeNull();
    expect(found).toBe(0);
    const first = source.directory();
    const calls = workbook.calls.total;
    expect(source.directory()).toBe(first);
    expect([found, workbook.calls.total]).toEqual([1, calls]);
    expect(source.report()).toEqual({
      sheet: 'People',
      size: 2,
      ignored: [
        { row: 5, value: 'Dave Smith' },
        { row: 6, value: 'users/all' },
        { row: 9, value: '<users/555>' },
      ],
      problem: null,
    });
  });

  it('names a sheet that does not exist, and the sheets there are', () => {
    const source = peopleSource(SETTINGS, () => ({ names: ['Tickets', 'Staff'] }));
    const read = source.directory();
    const problem =
      'CHAT_RELAY_CONFIG key "people.sheet" is "People", but that sheet does not exist (sheets: Tickets, Staff)';
    expect(!read.ok && read.error.text).toBe(problem);
    expect(source.report()).toEqual({ sheet: 'People', size: 0, ignored: [], problem });
  });
});

describe('addressesIn', () => {
  it('splits a cell on commas, semicolons and spaces', () => {
    expect(addressesIn(' ana@example.com, bob@example.com;carl@x.org\ndave@y.org  ')).toEqual([
      'ana@example.com',
      'bob@example.com',
      'carl@x.org',
      'dave@y.org',
    ]);
    expect(addressesIn('  ')).toEqual([]);
  });
});

describe('notFoundNote', () => {
  const nf = (label: string, address: string): NotFound => ({
    label,
    address,
    directory: 'People',
  });

  it('names the addresses that ping no one, by column', () => {
    expect(notFoundNote([])).toBe('');
    expect(notFoundNote([nf('Owner', 'ana@example.com')])).toBe(
      'Owner ana@example.com has no Chat ID in People',
    );
    expect(
      notFoundNote([nf('Owner', 'a@x.org'), nf('Reviewer', 'b@x.org'), nf('Owner', 'c@x.org')]),
    ).toBe('Owner a@x.org, c@x.org; Reviewer b@x.org have no Chat ID in People');
  });

  it('names at most three addresses, each cut short, so the line stays short', () => {
    const long = 'x'.repeat(5000);
    const many = Array.from({ length: 50 }, (_, i) => nf(long, `${long}${i}`));
    const note = notFoundNote(many);
    expect(note).toMatch(/ and 47 more have no Chat ID in People$/);
    expect(note.length).toBeLessThan(250);
  });
});
