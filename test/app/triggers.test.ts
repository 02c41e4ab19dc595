import { installTriggers } from '../../src/app/install-triggers';
import { removeTriggers } from '../../src/app/remove-triggers';
import {
  FORM_HANDLER,
  SCHEDULED_HANDLER,
  installRelayTriggers,
  removeRelayTriggers,
} from '../../src/app/triggers';
import { FakeScriptApp, FakeSpreadsheet, fakeScriptApp, fakeSpreadsheet, fakeWorld } from './fakes';

const FORM_URL = 'https://docs.google.com/forms/d/FORM-ID/viewform';
const WEBHOOK = 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k3y&token=t0ken';

function world(formUrl: string | null): { app: FakeScriptApp; spreadsheet: FakeSpreadsheet } {
  return { app: fakeScriptApp(), spreadsheet: fakeSpreadsheet([], { id: 'ss-42', formUrl }) };
}

/** Triggers of other handler functions, which must survive everything. */
function seedOthers(app: FakeScriptApp) {
  return [
    app.seed('myOtherJob', 'CLOCK', { everyMinutes: 15 }),
    app.seed('myOtherJob', 'ON_FORM_SUBMIT', { sourceId: 'ss-42' }),
    app.seed('onEditHandler', 'ON_EDIT', { sourceId: 'ss-42' }),
  ];
}

function ofHandler(app: FakeScriptApp, handler: string) {
  return app.records.filter((r) => r.handler === handler);
}

describe('installRelayTriggers', () => {
  it('installs one clock trigger every scheduleMinutes and one form trigger when a form is linked', () => {
    const { app, spreadsheet } = world(FORM_URL);
    const report = installRelayTriggers(app, spreadsheet, 10);

    expect(ofHandler(app, SCHEDULED_HANDLER)).toEqual([
      expect.objectContaining({ eventType: 'CLOCK', everyMinutes: 10 }),
    ]);
    expect(ofHandler(app, FORM_HANDLER)).toEqual([
      expect.objectContaining({ eventType: 'ON_FORM_SUBMIT', sourceId: 'ss-42' }),
    ]);
    expect(report.join('\n')).toMatch(/runScheduled every 10 minutes/);
    expect(report.join('\n')).toMatch(/form-submit trigger: handleFormSubmit/);
  });

  it('replaces our existing clock triggers (duplicates too), so a new period takes effect', () => {
    const { app, spreadsheet } = world(null);
    app.seed(SCHEDULED_HANDLER, 'CLOCK', { everyMinutes: 5 });
    app.seed(SCHEDULED_HANDLER, 'CLOCK', { everyMinutes: 5 });
    const report = installRelayTriggers(app, spreadsheet, 1);

    expect(ofHandler(app, SCHEDULED_HANDLER)).toEqual([
      expect.objectContaining({ eventType: 'CLOCK', everyMinutes: 1 }),
    ]);
    expect(report[0]).toBe('Replaced the time-driven trigger: runScheduled every 1 minute.');
  });

  it('keeps exactly one of our form triggers, removing duplicates', () => {
    const { app, spreadsheet } = world(FORM_URL);
    const kept = app.seed(FORM_HANDLER, 'ON_FORM_SUBMIT', { sourceId: 'ss-42' });
    app.seed(FORM_HANDLER, 'ON_FORM_SUBMIT', { sourceId: 'ss-42' });
    app.seed(FORM_HANDLER, 'ON_FORM_SUBMIT', { sourceId: 'ss-42' });
    const report = installRelayTriggers(app, spreadsheet, 5);

    expect(ofHandler(app, FORM_HANDLER)).toEqual([kept]);
    expect(report.join('\n')).toMatch(/already installed/);
  });

  it('removes our form triggers and installs none when no form is linked', () => {
    const { app, spreadsheet } = world(null);
    app.seed(FORM_HANDLER, 'ON_FORM_SUBMIT', { sourceId: 'ss-42' });
    const report = installRelayTriggers(app, spreadsheet, 5);

    expect(ofHandler(app, FORM_HANDLER)).toEqual([]);
    expect(app.operations).not.toContain(`create ${FORM_HANDLER} ON_FORM_SUBMIT`);
    expect(report.join('\n')).toMatch(/No form is linked/);
  });

  it('never deletes or alters triggers of other handler functions', () => {
    for (const formUrl of [FORM_URL, null]) {
      const { app, spreadsheet } = world(formUrl);
      const others = seedOthers(app);
      app.seed(SCHEDULED_HANDLER, 'CLOCK', { everyMinutes: 30 });
      app.seed(FORM_HANDLER, 'ON_FORM_SUBMIT', { sourceId: 'ss-42' });
      installRelayTriggers(app, spreadsheet, 5);
      installRelayTriggers(app, spreadsheet, 15);

      for (const other of others) expect(app.records).toContainEqual(other);
      expect(app.operations.filter((op) => !/ (runScheduled|handleFormSubmit) /.test(op))).toEqual(
        [],
      );
    }
  });

  it('leaves our handler alone under another event type (only ours by handler AND type)', () => {
    const { app, spreadsheet } = world(FORM_URL);
    // Not something we install, so not something install may quietly drop.
    const odd = app.seed(SCHEDULED_HANDLER, 'ON_OPEN', { sourceId: 'ss-42' });
    installRelayTriggers(app, spreadsheet, 5);
    expect(app.records).toContainEqual(odd);
  });

  it('is idempotent: installing twice leaves the same set of triggers', () => {
    for (const formUrl of [FORM_URL, null]) {
      const { app, spreadsheet } = world(formUrl);
      seedOthers(app);
      installRelayTriggers(app, spreadsheet, 5);
      const once = app.shape();
      installRelayTriggers(app, spreadsheet, 5);
      expect(app.shape()).toEqual(once);
      expect(ofHandler(app, SCHEDULED_HANDLER)).toHaveLength(1);
      expect(ofHandler(app, FORM_HANDLER)).toHaveLength(formUrl ? 1 : 0);
    }
  });

  it('compares event types by name, not by object identity', () => {
    // getEventType() hands out a fresh enum object each call, as Apps Script may.
    const { app, spreadsheet } = world(FORM_URL);
    app.seed(SCHEDULED_HANDLER, 'CLOCK', { everyMinutes: 5 });
    const [t] = app.getProjectTriggers();
    expect(t.getEventType()).not.toBe(app.EventType.CLOCK);
    expect(String(t.getEventType())).toBe(String(app.EventType.CLOCK));

    installRelayTriggers(app, spreadsheet, 5);
    expect(ofHandler(app, SCHEDULED_HANDLER)).toHaveLength(1);
  });
});

describe('removeRelayTriggers', () => {
  it('removes only ours and returns how many', () => {
    const { app } = world(FORM_URL);
    const others = seedOthers(app);
    app.seed(SCHEDULED_HANDLER, 'CLOCK', { everyMinutes: 5 });
    app.seed(SCHEDULED_HANDLER, 'CLOCK', { everyMinutes: 5 });
    app.seed(FORM_HANDLER, 'ON_FORM_SUBMIT', { sourceId: 'ss-42' });

    expect(removeRelayTriggers(app)).toBe(3);
    expect(app.records).toEqual(others);
    expect(removeRelayTriggers(app)).toBe(0);
    expect(app.records).toEqual(others);
  });
});

describe('installTriggers / removeTriggers', () => {
  it('refuses to schedule runs without a webhook, saying how to set it', () => {
    const w = fakeWorld({ properties: {}, formUrl: FORM_URL });
    installTriggers(w.services);
    expect(w.scriptApp.shape()).toEqual([]);
    expect(w.ui.alerts.join('\n')).toMatch(
      /no trigger was changed[\s\S]*CHAT_WEBHOOK_URL is not set/,
    );
  });

  it('alerts what was installed', () => {
    const w = fakeWorld({
      properties: { CHAT_RELAY_CONFIG: '{"scheduleMinutes": 15}', CHAT_WEBHOOK_URL: WEBHOOK },
      formUrl: FORM_URL,
    });
    installTriggers(w.services);

    expect(w.scriptApp.shape()).toEqual([
      { handler: FORM_HANDLER, eventType: 'ON_FORM_SUBMIT', sourceId: 'spreadsheet-1' },
      { handler: SCHEDULED_HANDLER, eventType: 'CLOCK', everyMinutes: 15 },
    ]);
    expect(w.ui.alerts).toHaveLength(1);
    expect(w.ui.alerts[0]).toMatch(/^Chat Relay triggers:/);
    expect(w.ui.alerts[0]).toContain('runScheduled every 15 minutes');
    expect(w.ui.alerts[0]).toContain('handleFormSubmit');
  });

  it.each([
    ['bad JSON', '{"scheduleMinutes": 5,', /CHAT_RELAY_CONFIG is not valid JSON/],
    [
      'bad period',
      '{"scheduleMinutes": 7}',
      /"scheduleMinutes" must be one of 1, 5, 10, 15, 30, not 7/,
    ],
    ['unknown key', '{"shedule": 5}', /unknown key "shedule"/],
  ])(
    'refuses when CHAT_RELAY_CONFIG is invalid (%s) and changes no trigger',
    (_name, raw, problem) => {
      const w = fakeWorld({ properties: { CHAT_RELAY_CONFIG: raw }, formUrl: FORM_URL });
      seedOthers(w.scriptApp);
      w.scriptApp.seed(SCHEDULED_HANDLER, 'CLOCK', { everyMinutes: 5 });
      const before = w.scriptApp.records.slice();

      installTriggers(w.services);

      expect(w.ui.alerts).toHaveLength(1);
      expect(w.ui.alerts[0]).toMatch(/no trigger was changed/);
      expect(w.ui.alerts[0]).toMatch(problem);
      expect(w.scriptApp.records).toEqual(before);
      expect(w.scriptApp.operations).toEqual([]);
    },
  );

  it('removeTriggers says how many it removed, or that there were none', () => {
    const w = fakeWorld();
    seedOthers(w.scriptApp);
    w.scriptApp.seed(SCHEDULED_HANDLER, 'CLOCK', { everyMinutes: 5 });
    w.scriptApp.seed(FORM_HANDLER, 'ON_FORM_SUBMIT');
    removeTriggers(w.services);
    removeTriggers(w.services);
    expect(w.ui.alerts).toEqual([
      'Chat Relay: removed 2 triggers. Other triggers were left alone.',
      'Chat Relay: there were no Chat Relay triggers to remove.',
    ]);
    expect(w.scriptApp.records).toHaveLength(3);
  });
});
