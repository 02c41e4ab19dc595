import { parsePeople } from '../../src/config/people';
import { ConfigProblem } from '../../src/config/problems';
import { parseSettings } from '../../src/config/settings';

function parse(value: unknown) {
  const problems: ConfigProblem[] = [];
  return { people: parsePeople(value, 'people', problems), problems: problems.map((p) => p.text) };
}

describe('parsePeople', () => {
  it('reads the sheet and its two columns, "Email" and "Chat user ID" by default', () => {
    expect(parse({ sheet: ' People ' }).people).toEqual({
      sheet: 'People',
      emailColumn: 'Email',
      idColumn: 'Chat user ID',
      path: 'people',
    });
    expect(parse({ sheet: 'Staff', emailColumn: 'Mail', idColumn: 'ID' }).people).toMatchObject({
      emailColumn: 'Mail',
      idColumn: 'ID',
    });
  });

  it('names what is wrong, at its path', () => {
    expect(parse('People').problems).toEqual([
      'CHAT_RELAY_CONFIG key "people" must be an object such as {"sheet": "People", "emailColumn": "Email", "idColumn": "Chat user ID"}, not "People"',
    ]);
    expect(parse({ emailColumn: '', idColum: 'ID' })).toEqual({
      people: null,
      problems: [
        'CHAT_RELAY_CONFIG key "people" has an unknown key "idColum" (known keys: sheet, emailColumn, idColumn)',
        'CHAT_RELAY_CONFIG key "people.sheet" is missing: name the sheet of the people directory',
        'CHAT_RELAY_CONFIG key "people.emailColumn" must be a non-empty string, not ""',
      ],
    });
  });
});

describe('CHAT_RELAY_CONFIG with people', () => {
  const OWNER = { when: { column: 'Status', equals: 'Open' }, mention: '{{Owner}}' };

  it('is a top-level key', () => {
    const parsed = parseSettings(
      JSON.stringify({ people: { sheet: 'People' }, mentions: [OWNER] }),
    );
    expect(parsed.ok && parsed.value.people && parsed.value.people.sheet).toBe('People');
    expect(parsed.ok && parsed.value.defaults.mentions[0].columns).toEqual([
      { column: 'Owner', path: 'mentions[0].mention' },
    ]);
  });

  it('is needed by a {{Column}} mention: each one without it is a problem, naming its sheet', () => {
    const parsed = parseSettings(
      JSON.stringify({
        mentions: [OWNER],
        sheets: [
          { sheet: 'Tickets' },
          { sheet: 'Orders', mentions: [{ ...OWNER, mention: ['all', '{{Buyer}}'] }] },
        ],
      }),
    );
    expect(!parsed.ok && parsed.error.map((p) => p.text)).toEqual([
      'CHAT_RELAY_CONFIG key "mentions[0].mention" (default for sheets "Tickets", "Orders") names the column "Owner", whose e-mail addresses are looked up in the people directory: add "people": {"sheet": "People", "emailColumn": "Email", "idColumn": "Chat user ID"} at the top level',
      'CHAT_RELAY_CONFIG key "sheets[1].mentions[0].mention[1]" (sheet "Orders") names the column "Buyer", whose e-mail addresses are looked up in the people directory: add "people": {"sheet": "People", "emailColumn": "Email", "idColumn": "Chat user ID"} at the top level',
    ]);
  });

  it('refuses people inside a sheet entry: it is one directory for all', () => {
    const parsed = parseSettings(JSON.stringify({ sheets: [{ sheet: 'T', people: {} }] }));
    expect(!parsed.ok && parsed.error[0].path).toBe('sheets[0].people');
  });
});
