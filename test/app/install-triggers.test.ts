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
      "Chat Relay triggers:\n\nInstalled a time-driven trigger: runScheduled every 15 minutes.\nNo followed sheet is a form's, so no form-submit trigger was installed. Link a form (or follow its sheet) and install again to relay responses at once.",
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
});
