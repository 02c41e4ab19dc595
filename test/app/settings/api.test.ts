/**
 * SETTINGS_API (src/app/settings/api.ts): the sidebar's server functions, each
 * on the real services (here the local runtime's, as Apps Script globals).
 */
import { SETTINGS_API } from '../../../src/app/settings/api';
import { appsScriptGlobals } from './world';

const SECRET_URL =
  'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k-secret1&token=t-secret1';

let globals: ReturnType<typeof appsScriptGlobals>;
beforeEach(() => (globals = appsScriptGlobals()));
afterEach(() => globals.remove());

/** Every member google.script.run calls (openSettings is the menu's), with valid arguments. */
const SERVER_CALLS: { [K in Exclude<keyof typeof SETTINGS_API, 'openSettings'>]: unknown[] } = {
  settingsLoad: [],
  settingsSave: ['{}'],
  settingsSetWebhook: ['INFRA', SECRET_URL, false],
  settingsRemoveWebhook: ['INFRA'],
  settingsTestWebhook: ['default'],
  settingsPreview: ['{}', 'Tickets', 2],
  settingsPreviewDigest: ['{"digests": [{"name": "Open", "at": "09:00"}]}', 'Tickets', 'Open'],
  settingsPreviewReminders: [
    '{"reminders": [{"when": {"column": "Status", "equals": "Open"}}]}',
    'Tickets',
    2,
  ],
  settingsInstallTriggers: [],
  settingsRemoveTriggers: [],
  settingsCountRowsToMark: [],
  settingsMarkAllRowsSent: [],
  settingsReplaceActionSecret: [],
};

describe('SETTINGS_API', () => {
  it('runs each use case on the real services', () => {
    expect(SETTINGS_API.settingsSave('{"format": "text"}')).toEqual({ ok: true });
    expect(globals.script.getProperty('CHAT_RELAY_CONFIG')).toBe('{"format": "text"}');
    expect(SETTINGS_API.settingsLoad()).toMatchObject({ ok: true, source: 'property' });
    SETTINGS_API.openSettings();
    expect(globals.shown.dialogs.map((d) => d.kind)).toEqual(['sidebar']);
  });

  it('turns an exception into a failure, redacted, so no call rejects with a secret', () => {
    jest.spyOn(globals.propertiesService, 'getScriptProperties').mockImplementation(() => {
      throw new Error(`Exception: could not read ${SECRET_URL}`);
    });
    const result = SETTINGS_API.settingsLoad();
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          path: '',
          text: expect.stringMatching(/^Chat Relay could not do that: Exception: could not read/),
        }),
      ],
    });
    expect(JSON.stringify(result)).not.toMatch(/k-secret1|t-secret1/);
  });

  it('says what was thrown when it is not an Error', () => {
    jest.spyOn(globals.propertiesService, 'getScriptProperties').mockImplementation(() => {
      throw 'no properties';
    });
    expect(SETTINGS_API.settingsCountRowsToMark()).toEqual({
      ok: false,
      errors: [expect.objectContaining({ text: 'Chat Relay could not do that: no properties' })],
    });
  });

  it.each(Object.entries(SERVER_CALLS))(
    '%s returns a failure, never throws, without Apps Script',
    (name, args) => {
      globals.remove();
      const call = SETTINGS_API[name as keyof typeof SERVER_CALLS] as (...a: unknown[]) => unknown;
      let result: unknown;
      expect(() => (result = call(...args))).not.toThrow();
      expect(result).toMatchObject({
        ok: false,
        errors: [expect.objectContaining({ text: expect.stringMatching(/is not defined$/) })],
      });
    },
  );

  it('lists every server function', () => {
    expect(Object.keys(SERVER_CALLS).concat('openSettings').sort()).toEqual(
      Object.keys(SETTINGS_API).sort(),
    );
  });
});
