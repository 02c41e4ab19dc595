/** The sidebar's state: what settingsLoad returned, the configuration as it stands, unsaved or not. */
import { S, configJson, dirty, loaded, setForm } from '../../../../src/app/settings/client/state';
import { loadResult } from './page';

describe('sidebar state', () => {
  it('loaded: refuses before settingsLoad answered', () => {
    S.load = null;
    expect(() => loaded()).toThrow('The settings are not loaded yet.');
    S.load = loadResult();
    expect(loaded()).toBe(S.load);
  });

  it("the configuration is the form's, or the JSON typed by hand while it is not an object", () => {
    S.load = loadResult({ defaults: { ...loadResult().defaults, scheduleMinutes: 10 } });
    setForm({ sheets: [{ sheet: 'Tickets', keyColumn: 'Ticket ID' }] });
    expect(JSON.parse(configJson())).toEqual({
      scheduleMinutes: 10,
      sheets: [{ sheet: 'Tickets', keyColumn: 'Ticket ID' }],
    });
    S.jsonOverride = '{"sheets": [';
    expect(configJson()).toBe('{"sheets": [');
    S.jsonOverride = null;
  });

  it('dirty: the configuration differs from the one saved', () => {
    S.load = loadResult();
    setForm({ scheduleMinutes: 15 });
    S.savedJson = configJson();
    expect(dirty()).toBe(false);
    setForm({ scheduleMinutes: 30 });
    expect(dirty()).toBe(true);
    S.jsonOverride = S.savedJson;
    expect(dirty()).toBe(false);
  });
});
