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
