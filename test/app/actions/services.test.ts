/**
 * actionServices (src/app/actions/services.ts): the run's Apps Script
 * services plus the visitor (Session.getActiveUser) and HtmlService, here
 * the local runtime's installed as the globals. Made, it calls no service.
 */
import { HtmlOutputFake, HtmlServiceFake } from '../../../local/runtime';
import { SessionFake } from '../../../local/runtime/services';
import { actionServices } from '../../../src/app/actions/services';
import { appsScriptGlobals } from '../settings/world';

let globals: ReturnType<typeof appsScriptGlobals>;
const visitor = { email: 'ana@example.com' };
// The script runs as its owner; the visitor is the active user.
const session = new SessionFake(
  'Etc/UTC',
  () => visitor.email,
  () => 'owner@example.com',
);
beforeEach(() => {
  globals = appsScriptGlobals();
  visitor.email = 'ana@example.com';
  Object.assign(globalThis, { Session: session });
});
afterEach(() => {
  globals.remove();
  delete (globalThis as Record<string, unknown>).Session;
});

describe('actionServices', () => {
  it('calls no service when made', () => {
    const spies = [
      jest.spyOn(session, 'getActiveUser'),
      jest.spyOn(globals.propertiesService, 'getScriptProperties'),
      jest.spyOn(globals.spreadsheetApp, 'getActiveSpreadsheet'),
      jest.spyOn(
        (globalThis as unknown as { HtmlService: HtmlServiceFake }).HtmlService,
        'createHtmlOutput',
      ),
    ];
    actionServices();
    spies.forEach((s) => expect(s).not.toHaveBeenCalled());
  });

  it('names the visitor Apps Script names, asked each time', () => {
    const services = actionServices();
    expect(services.activeUser()).toBe('ana@example.com');
    visitor.email = 'bo@example.com';
    expect(services.activeUser()).toBe('bo@example.com');
  });

  it('names nobody when Apps Script gives no address, or throws', () => {
    const services = actionServices();
    visitor.email = '';
    expect(services.activeUser()).toBe('');
    jest.spyOn(session, 'getActiveUser').mockImplementation(() => {
      throw new Error('no permission');
    });
    expect(services.activeUser()).toBe('');
  });

  it('answers with an HtmlService page holding the HTML', () => {
    const page = actionServices().createHtmlOutput('<p>Hi</p>').setTitle('Chat Relay');
    expect((page as unknown as HtmlOutputFake).getContent()).toBe('<p>Hi</p>');
    expect((page as unknown as HtmlOutputFake).getTitle()).toBe('Chat Relay');
  });

  it('has the run’s services, on the same spreadsheet and properties', () => {
    const services = actionServices();
    expect(services.spreadsheet()).toBe(globals.workbook);
    expect(services.properties()).toBe(globals.script);
  });
});
