import { TRIGGERS_PROPERTY, readInstalls } from '../../src/app/health/installers';
import { STATE_PROPERTY } from '../../src/app/health/state';
import { installTriggers, installTriggersReport } from '../../src/app/install-triggers';
import { appRig } from '../support/rig';

const FORM = 'https://docs.google.com/forms/d/FORM/viewform';

function rig(config?: Record<string, unknown>) {
  const r = appRig({
    properties: (hook) => ({
      CHAT_WEBHOOK_URL: hook('AAAA'),
      ...(config ? { CHAT_RELAY_CONFIG: JSON.stringify(config) } : {}),
    }),
  });
  r.workbook.addSheet('Tickets', [['ID', 'Title']]);
  return r;
}

const triggers = (r: ReturnType<typeof rig>) =>
  r.scriptApp
    .getProjectTriggers()
    .map((t) => [t.handlerFunction, String(t.eventType), t.periodMs, t.sourceId]);

describe('installTriggers', () => {
  it('installs the time-driven trigger only when no followed sheet is a form sheet', () => {
    const r = rig({ scheduleMinutes: 15 });
    installTriggers(r.services);
    expect(triggers(r)).toEqual([['runScheduled', 'CLOCK', 900000, null]]);
    expect(r.shown.alerts).toEqual([
      "Chat Relay triggers:\n\nInstalled a time-driven trigger: runScheduled every 15 minutes.\nNo followed sheet is a form's, so no form-submit trigger was installed. Link a form (or follow its sheet) and install again to relay responses at once.\nThey run as you (user@example.com): Apps Script e-mails a summary of their failures to the user who installed them, not to the spreadsheet's owner.\nTime per run: not measured yet (it is measured from the first runs of the triggers).",
    ]);
  });

  it('installs the form-submit trigger when a followed sheet is a form sheet', () => {
    const r = rig();
    r.workbook.addSheet('Form Responses 1', [['Timestamp', 'Name']], [], { formUrl: FORM });
    installTriggers(r.services);
    expect(triggers(r)).toEqual([
      ['runScheduled', 'CLOCK', 300000, null],
      ['handleFormSubmit', 'ON_FORM_SUBMIT', null, 'spreadsheet-1'],
    ]);
    expect(r.shown.alerts[0]).toContain(
      'Installed a form-submit trigger: handleFormSubmit relays each response to "Form Responses 1" at once.',
    );
  });

  it('installs no form-submit trigger for a form sheet that is not followed', () => {
    const r = rig({ sheets: [{ sheet: 'Tickets' }] });
    r.workbook.addSheet('Form Responses 1', [['Timestamp', 'Name']], [], { formUrl: FORM });
    installTriggers(r.services);
    expect(triggers(r).map((t) => t[0])).toEqual(['runScheduled']);
  });

  it('is idempotent', () => {
    const r = rig();
    r.workbook.addSheet('Form', [['Timestamp']], [], { formUrl: FORM });
    installTriggers(r.services);
    installTriggers(r.services);
    expect(
      triggers(r)
        .map((t) => t[0])
        .sort(),
    ).toEqual(['handleFormSubmit', 'runScheduled']);
    expect(r.shown.alerts[1]).toContain('Replaced the time-driven trigger');
    expect(r.shown.alerts[1]).toContain('was already installed');
  });

  it('changes no trigger while the configuration is wrong, and says what to fix', () => {
    const r = rig({ sheets: [{ sheet: 'Tikets' }] });
    r.scriptApp.newTrigger('runScheduled').timeBased().everyMinutes(30).create();
    installTriggers(r.services);
    expect(triggers(r)).toEqual([['runScheduled', 'CLOCK', 1800000, null]]);
    expect(r.shown.alerts).toEqual([
      'Chat Relay: fix the configuration first; no trigger was changed.\n\n• CHAT_RELAY_CONFIG key "sheets[0].sheet" is "Tikets", but that sheet does not exist (sheets: Tickets)',
    ]);
    const missing = appRig({ properties: () => ({}) });
    expect(installTriggersReport(missing.services)).toEqual({
      ok: false,
      lines: ['CHAT_WEBHOOK_URL is not set: add it under Project Settings → Script properties'],
    });
    expect(missing.scriptApp.triggers).toEqual([]);
  });

  it('records who installed them, and with what period, for every editor to see', () => {
    const r = rig({ scheduleMinutes: 10 });
    r.clock.advance(1000);
    installTriggers(r.services);
    expect(readInstalls(r.properties)).toEqual([
      { email: 'user@example.com', minutes: 10, at: r.clock.now() },
    ]);
    // Installing again replaces this user's record instead of adding one.
    installTriggers(r.services);
    expect(readInstalls(r.properties)).toHaveLength(1);
    // Nothing is recorded when the configuration stops the install.
    const bad = rig({ sheets: [{ sheet: 'Nope' }] });
    installTriggers(bad.services);
    expect(bad.properties.getProperty(TRIGGERS_PROPERTY)).toBeNull();
  });

  it("says what the period costs of the daily trigger budget, from the runs' measured time", () => {
    const r = rig({ scheduleMinutes: 1 });
    const runs = Array.from({ length: 6 }, (_, i) => [1700000000 + i * 60, 40000]);
    r.properties.setProperty(STATE_PROPERTY, JSON.stringify({ r: runs }));
    installTriggers(r.services);
    expect(r.shown.alerts[0].split('\n').pop()).toBe(
      "About 40 s a run, every minute: ~16 h a day, over Apps Script's 6 h cap. Choose 10 minutes or more. Apps Script allows a user's triggers 6 h a day on Google Workspace (90 min on a consumer account); once spent, every trigger fails until the next day, form submissions included.",
    );
    const calm = rig({ scheduleMinutes: 15 });
    calm.properties.setProperty(STATE_PROPERTY, JSON.stringify({ r: [[1700000000, 2000]] }));
    installTriggers(calm.services);
    expect(calm.shown.alerts[0].split('\n').pop()).toBe(
      "About 2 s a run, every 15 minutes: ~3 min a day, within Apps Script's 6 h daily cap for triggers.",
    );
  });

  it('reads the Script Properties once', () => {
    const r = rig();
    const getProperties = jest.spyOn(r.properties, 'getProperties');
    const getProperty = jest.spyOn(r.properties, 'getProperty');
    installTriggers(r.services);
    expect(getProperties).toHaveBeenCalledTimes(1);
    expect(getProperty).not.toHaveBeenCalled();
  });
});
