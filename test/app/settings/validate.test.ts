/**
 * Checking a proposed configuration as a run would (src/app/settings/validate.ts),
 * on the local runtime's service implementations (./world).
 */
import { OpenedSheet } from '../../../src/app/followed-sheets';
import {
  PROPERTY_VALUE_MAX_BYTES,
  checkConfig,
  fallbacksOf,
  fromProblems,
  settingsError,
  withConfig,
} from '../../../src/app/settings/validate';
import { PROPERTY_VALUE_LIMIT_BYTES } from '../../../local/runtime/properties';
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

describe('a webhook that is not set, in the sidebar', () => {
  const messages = (properties: Record<string, string>, json: string) => {
    const w = world({ properties });
    w.script.deleteProperty('CHAT_WEBHOOK_URL');
    const checked = checkConfig(w.services, json);
    return checked.ok ? [] : checked.error.map((e) => [e.path, e.message, e.text]);
  };

  it('the default one: its problem, beside the paste box, points to that box', () => {
    expect(messages({}, '')).toEqual([
      [
        'CHAT_WEBHOOK_URL',
        'is not set: paste the webhook URL copied from the Chat space (Apps & integrations → Webhooks) in the box above, then press Save URL',
        'CHAT_WEBHOOK_URL is not set: paste the webhook URL copied from the Chat space (Apps & integrations → Webhooks) in the box above, then press Save URL',
      ],
    ]);
  });

  it('a named one: Add a webhook', () => {
    const [[path, message]] = messages({ CHAT_WEBHOOK_URL: 'x' }, '{"webhook": "INFRA"}');
    expect(path).toBe('webhook');
    expect(message).toBe(
      'names the webhook "INFRA", but the Script Property CHAT_WEBHOOK_URL_INFRA is not set: add it under Webhooks, below: Add a webhook, with that NAME and the URL copied from the Chat space',
    );
    expect(message).not.toContain('Project Settings');
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

  it("checks quietHours as a run does, naming the key's path, the value and the sheet", () => {
    const w = world();
    const texts = (quietHours: unknown) => {
      const json = JSON.stringify({ sheets: [{ sheet: 'Tickets', quietHours }] });
      const checked = checkConfig(w.services, json);
      return checked.ok ? [] : checked.error.map((e) => e.text);
    };
    expect(texts({ from: '7pm', to: '08:00' })).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[0].quietHours.from" (sheet "Tickets") must be a time "HH:MM" on a 24-hour clock, from "00:00" to "23:59", not "7pm"',
    ]);
    expect(texts({ from: '19:00', to: '08:00', days: ['fri', 'Sunday'] })).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[0].quietHours.days[1]" (sheet "Tickets") must be one of mon, tue, wed, thu, fri, sat, sun, not "Sunday" (did you mean "sun"?)',
    ]);
    expect(
      texts({ from: '19:00', to: '08:00', except: { column: 'Priority', equals: 'Urgent' } }),
    ).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[0].quietHours.except.column" names "Priority", which is not a header of sheet "Tickets" (headers: ID, Title, Amount, Due)',
    ]);
    expect(texts({ from: '19:00', to: '08:00', except: { column: 'Title', equals: 'x' } })).toEqual(
      [],
    );
  });

  it('checks reminders as a run does: each problem with its key path, its value and its sheet', () => {
    const w = world();
    const texts = (config: unknown) => {
      const checked = checkConfig(w.services, JSON.stringify(config));
      return checked.ok ? [] : checked.error.map((e) => e.text);
    };
    const when = { column: 'Title', equals: 'x' };
    expect(
      texts({
        sheets: [{ sheet: 'Tickets', reminders: [{ when, after: '3 days', every: '0m' }] }],
      }),
    ).toEqual([
      'CHAT_RELAY_CONFIG key "sheets[0].reminders[0].after" (sheet "Tickets") must be a duration such as "30m", "4h" or "1d" (a whole number and m, h or d), not "3 days" (did you mean "3d"?)',
      'CHAT_RELAY_CONFIG key "sheets[0].reminders[0].every" (sheet "Tickets") must be a duration of more than 0 such as "30m", "4h" or "1d" (a whole number and m, h or d), not "0m"',
    ]);
    expect(texts({ reminders: [{ when: { column: 'Stattus', equals: 'New' } }] })).toEqual([
      expect.stringMatching(
        /^CHAT_RELAY_CONFIG key "reminders\[0\]\.when\.column" names "Stattus", which is not a header of sheet "Tickets"/,
      ),
    ]);
    expect(texts({ reminders: [{ when, every: '1d', text: 'Open for {{_since}}' }] })).toEqual([]);
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

describe('the size of CHAT_RELAY_CONFIG', () => {
  /** A valid configuration of exactly `bytes` UTF-8 bytes, its title padded with `pad`, then x. */
  const sized = (bytes: number, pad = 'x') => {
    const size = (title: string) => Buffer.byteLength(JSON.stringify({ title }), 'utf8');
    const room = bytes - size('{{ID}} ');
    const pads = Math.floor(room / Buffer.byteLength(pad, 'utf8'));
    const title = `{{ID}} ${pad.repeat(pads)}`;
    const json = JSON.stringify({ title: title + 'x'.repeat(bytes - size(title)) });
    expect(Buffer.byteLength(json, 'utf8')).toBe(bytes);
    return json;
  };

  it('is the local runtime’s limit, which is Apps Script’s: 9 KB per value', () => {
    expect(PROPERTY_VALUE_MAX_BYTES).toBe(PROPERTY_VALUE_LIMIT_BYTES);
    expect(PROPERTY_VALUE_MAX_BYTES).toBe(9216);
  });

  it('refuses a value over 9 KB, naming its size and the limit, beside every other problem', () => {
    const w = world();
    const json = JSON.stringify({ keyColumn: 'Nope', title: `{{ID}} ${'x'.repeat(9300)}` });
    const checked = checkConfig(w.services, json);
    if (checked.ok) throw new Error('expected problems');
    const bytes = Buffer.byteLength(json, 'utf8');
    expect(checked.error).toEqual([
      {
        path: '',
        message: `is ${bytes} bytes long: a Script Property holds at most 9216 bytes (9 KB), so Save would fail. Shorten it: fewer sheets, shorter templates or lists`,
        text: `CHAT_RELAY_CONFIG is ${bytes} bytes long: a Script Property holds at most 9216 bytes (9 KB), so Save would fail. Shorten it: fewer sheets, shorter templates or lists`,
      },
      expect.objectContaining({ path: 'keyColumn' }),
    ]);
  });

  it('counts UTF-8 bytes, as Apps Script does, not characters', () => {
    const w = world();
    const json = sized(9300, 'é'); // about 4,650 characters
    expect(json.length).toBeLessThan(PROPERTY_VALUE_MAX_BYTES);
    const checked = checkConfig(w.services, json);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.error[0].message).toMatch(/^is 9300 bytes long/);
  });

  it('takes a value of exactly 9 KB, as the store does, and not one byte more', () => {
    const w = world();
    expect(checkConfig(w.services, sized(9216)).ok).toBe(true);
    expect(() => w.script.setProperty('CHAT_RELAY_CONFIG', sized(9216))).not.toThrow();
    const over = checkConfig(w.services, sized(9217));
    expect(!over.ok && over.error.map((e) => e.message)).toEqual([
      expect.stringMatching(/^is 9217 bytes long/),
    ]);
    expect(() => w.script.setProperty('CHAT_RELAY_CONFIG', sized(9217))).toThrow();
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
