/**
 * settingsServices (src/app/settings/services.ts): the run's services plus the
 * sidebar's, fetched from the Apps Script globals (here the local runtime's).
 */
import { settingsServices } from '../../../src/app/settings/services';
import { appsScriptGlobals } from './world';

let globals: ReturnType<typeof appsScriptGlobals>;
beforeEach(() => (globals = appsScriptGlobals()));
afterEach(() => globals.remove());

describe('settingsServices', () => {
  it('reads and writes one Script Properties store, fetched once', () => {
    const fetch = jest.spyOn(globals.propertiesService, 'getScriptProperties');
    const services = settingsServices();
    expect(fetch).not.toHaveBeenCalled();
    expect(services.properties()).toBe(globals.script);
    expect(services.scriptProperties()).toBe(globals.script);
    services.scriptProperties().setProperty('CHAT_RELAY_CONFIG', '{}');
    expect(services.properties().getProperty('CHAT_RELAY_CONFIG')).toBe('{}');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps the current user’s properties apart from the script’s', () => {
    const services = settingsServices();
    expect(services.userProperties()).toBe(globals.user);
    services.userProperties().setProperty('CHAT_RELAY_SCHEDULE', '5');
    expect(globals.script.getProperty('CHAT_RELAY_SCHEDULE')).toBeNull();
  });

  it('gives the active range of the active spreadsheet, or null', () => {
    const services = settingsServices();
    expect(services.activeRange()).toBeNull();
    globals.workbook.getSheetByName('Tickets')?.setSelection(['B3']);
    const range = services.activeRange();
    expect(range && [range.getSheet().getName(), range.getRow()]).toEqual(['Tickets', 3]);
  });

  it('shows an HtmlOutput as the sidebar', () => {
    const services = settingsServices();
    services.showSidebar(
      services.createHtmlOutput('<p>Hi</p>').setTitle('Chat Relay').setWidth(300),
    );
    expect(globals.shown.dialogs).toEqual([
      { kind: 'sidebar', title: 'Chat Relay', html: '<p>Hi</p>', width: 300, height: null },
    ]);
  });

  it('has the run’s services too, on the same spreadsheet', () => {
    const services = settingsServices();
    expect(services.spreadsheet()).toBe(globals.workbook);
    expect(services.lock()).toBe(globals.lock.getScriptLock());
  });
});
