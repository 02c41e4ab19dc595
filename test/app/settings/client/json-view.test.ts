/** The Advanced section: the configuration as JSON, which follows the form and which it follows. */
import { syncJson, wireJsonView } from '../../../../src/app/settings/client/json-view';
import { S, configJson, setForm } from '../../../../src/app/settings/client/state';
import { installPage, loadResult } from './page';

describe('json view', () => {
  const page = installPage();
  S.load = loadResult();
  wireJsonView();
  const type = (text: string) => {
    page.el('json').value = text;
    page.el('json').dispatch('input');
  };

  it("shows the form's configuration as indented JSON", () => {
    setForm({ scheduleMinutes: 10 });
    syncJson();
    expect(page.el('json').value).toBe('{\n  "scheduleMinutes": 10\n}');
  });

  it('a JSON object typed: the form takes it (and the text typed before it is dropped)', () => {
    type('{"sheets": [');
    expect(S.jsonOverride).toBe('{"sheets": [');
    type('{"scheduleMinutes": 30, "sheets": [{"sheet": "Tickets"}]}');
    expect(S.jsonOverride).toBeNull();
    expect(S.scheduleMinutes).toBe(30);
    expect(S.auto).toBe(false);
    expect(JSON.parse(configJson())).toEqual({
      scheduleMinutes: 30,
      sheets: [{ sheet: 'Tickets' }],
    });
    type('');
    expect(S.jsonOverride).toBeNull();
    expect(S.auto).toBe(true);
  });

  it('text that is no JSON object is kept as typed, and shown so', () => {
    for (const text of ['{"sheets": [', '[1, 2]', '“smart”']) {
      type(text);
      expect(S.jsonOverride).toBe(text);
      expect(configJson()).toBe(text);
      syncJson();
      expect(page.el('json').value).toBe(text);
    }
    S.jsonOverride = null;
  });
});
