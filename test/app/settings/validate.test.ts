/**
 * Checking a proposed configuration as a run would (src/app/settings/validate.ts),
 * on the local runtime's service implementations (./world).
 */
import { OpenedSheet } from '../../../src/app/followed-sheets';
import {
  checkConfig,
  fallbacksOf,
  fromProblems,
  settingsError,
  withConfig,
} from '../../../src/app/settings/validate';
import { configProblem } from '../../../src/config/problems';
import { TICKETS } from '../../../local/harness';
import { world } from './world';

const SECRET_URL =
  'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k-secret1&token=t-secret1';

describe('settingsError', () => {
  it('words a problem by its path, or by its message alone', () => {
    expect(settingsError('keyColumn', 'is missing')).toEqual({
      path: 'keyColumn',
      message: 'is missing',
      text: 'keyColumn is missing',
    });
    expect(settingsError('', 'must be JSON')).toEqual({
      path: '',
      message: 'must be JSON',
      text: 'must be JSON',
    });
    expect(settingsError('a', 'b', 'The whole text').text).toBe('The whole text');
  });

  it('never carries a webhook key or token, wherever it is', () => {
    const error = settingsError(SECRET_URL, `is ${SECRET_URL}`, `text ${SECRET_URL}`);
    const json = JSON.stringify(error);
    expect(json).not.toContain('k-secret1');
    expect(json).not.toContain('t-secret1');
    expect(json).toContain('REDACTED');
  });
});

describe('fromProblems', () => {
  it('keeps the path, the message and the text of each problem', () => {
    const problem = configProblem('sheets[0].sheet', 'is empty');
    expect(fromProblems([problem])).toEqual([
      { path: 'sheets[0].sheet', message: 'is empty', text: problem.text },
    ]);
  });
});

describe('withConfig', () => {
  const store = () => {
    const w = world({ properties: { CHAT_RELAY_CONFIG: '{"format": "text"}', OTHER: 'x' } });
    return w.script;
  };

  it('is the Script Properties with the proposed CHAT_RELAY_CONFIG instead of the saved one', () => {
    const script = store();
    const proposed = withConfig(script, '{"format": "card"}');
    expect(proposed.getProperty('CHAT_RELAY_CONFIG')).toBe('{"format": "card"}');
    expect(proposed.getProperty('OTHER')).toBe('x');
    expect(proposed.getProperty('NOT_SET')).toBeNull();
    expect(proposed.getProperties()).toMatchObject({
      OTHER: 'x',
      CHAT_WEBHOOK_URL: expect.any(String),
    });
    // The store itself is not changed.
    expect(script.getProperty('CHAT_RELAY_CONFIG')).toBe('{"format": "text"}');
  });

  it('has no CHAT_RELAY_CONFIG when the proposed one is blank', () => {
    const proposed = withConfig(store(), '  ');
    expect(proposed.getProperty('CHAT_RELAY_CONFIG')).toBeNull();
    expect(Object.keys(proposed.getProperties())).not.toContain('CHAT_RELAY_CONFIG');
  });
});

describe('fallbacksOf', () => {
  it('names each sheet whose settings fell back, with the note redacted', () => {
    const opened = [
      { note: null, table: { name: 'Tickets' } },
      { note: `uses ${SECRET_URL}`, table: { name: 'Form Responses 1' } },
    ] as unknown as OpenedSheet[];
    const fallbacks = fallbacksOf(opened);
    expect(fallbacks.map((f) => f.sheet)).toEqual(['Form Responses 1']);
    expect(fallbacks[0].note).not.toContain('t-secret1');
  });
});

describe('checkConfig', () => {
  it('refuses anything but the JSON text', () => {
    const w = world();
    expect(checkConfig(w.services, { keyColumn: 'ID' })).toEqual({
      ok: false,
      error: [expect.objectContaining({ message: 'must be the JSON text of CHAT_RELAY_CONFIG' })],
    });
  });

  it('finds every problem a run would: in the settings, the followed sheets, or a sheet opened', () => {
    const w = world();
    const paths = (json: string) => {
      const checked = checkConfig(w.services, json);
      return checked.ok ? [] : checked.error.map((e) => e.path);
    };
    expect(paths('{"format": "html"}')).toEqual(['format']);
    expect(paths('{"webhook": "INFRA"}')).toEqual(['webhook']);
    expect(paths('{"sheet": "Orders"}')).toEqual(['sheet']);
    expect(paths('{"keyColumn": "Nope"}')).toEqual(['keyColumn']);
  });

  it('checks the proposed configuration, not the saved one, and writes nothing', () => {
    const w = world({ properties: { CHAT_RELAY_CONFIG: '{"keyColumn": "Nope"}' } });
    const headers = w.workbook.getSheetByName('Tickets')?.getDataRange().getValues()[0];
    const checked = checkConfig(w.services, '{"keyColumn": "Title"}');
    if (!checked.ok) throw new Error(JSON.stringify(checked.error));
    expect(checked.value.configuration.settings.defaults.keyColumn).toBe('Title');
    expect(checked.value.opened.map((o) => [o.table.name, o.table.keyColumn.label])).toEqual([
      ['Tickets', 'Title'],
    ]);
    expect(w.workbook.getSheetByName('Tickets')?.getDataRange().getValues()[0]).toEqual(headers);
    expect(w.workbook.calls.cellsWritten).toBe(0);
    expect(w.script.getProperty('CHAT_RELAY_CONFIG')).toBe('{"keyColumn": "Nope"}');
  });
});

describe('checkConfig: the people directory', () => {
  const PEOPLE = {
    name: 'People',
    rows: [
      ['Email', 'Chat user ID'],
      ['ana@example.com', 'users/111'],
      ['bob@example.com', 'Bob'],
    ],
  };
  const config = (people: unknown) =>
    JSON.stringify({
      sheet: 'Tickets',
      people,
      mentions: [{ when: { column: 'Title', empty: false }, mention: '{{Title}}' }],
    });

  it('checks its sheet and columns, as a run reads it only when a mention needs it', () => {
    const w = world({ sheets: [TICKETS, PEOPLE] });
    const problems = (people: unknown) => {
      const checked = checkConfig(w.services, config(people));
      return checked.ok ? [] : checked.error.map((e) => e.text);
    };
    expect(problems({ sheet: 'Peple' })).toEqual([
      'CHAT_RELAY_CONFIG key "people.sheet" is "Peple", but that sheet does not exist (sheets: Tickets, People)',
    ]);
    expect(problems({ sheet: 'People', emailColumn: 'Mail' })).toEqual([
      'CHAT_RELAY_CONFIG key "people.emailColumn" is "Mail", which is not a header in row 1 of sheet "People" (did you mean "Email"?) (headers: Email, Chat user ID)',
    ]);
    expect(problems({ sheet: 'people' })).toEqual([]);
  });

  it('says what it read: the addresses it lists, and the rows it ignores', () => {
    const w = world({ sheets: [TICKETS, PEOPLE] });
    const checked = checkConfig(w.services, config({ sheet: 'People' }));
    expect(checked.ok && checked.value.people).toEqual({
      sheet: 'People',
      size: 1,
      ignored: [{ row: 3, value: 'Bob' }],
      problem: null,
    });
    const without = checkConfig(w.services, '{"sheet": "Tickets"}');
    expect(without.ok && without.value.people).toBeNull();
  });
});
