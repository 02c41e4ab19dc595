import { installTriggers } from '../../src/app/install-triggers';
import { onOpen } from '../../src/app/on-open';
import { testWebhooks } from '../../src/app/test-webhooks';
import { appRig } from '../support/rig';

/** onOpen runs as a simple trigger: AuthMode.LIMITED (test/support/rig.ts, context 'simple'). */
const simpleTrigger = () => appRig({ context: 'simple' });

describe('onOpen', () => {
  it('adds the Chat Relay menu', () => {
    const rig = simpleTrigger();
    onOpen(rig.services);
    expect(rig.shown.menus.map((m) => m.caption)).toEqual(['Chat Relay']);
    expect(rig.shown.menus[0].items).toHaveLength(10);
  });

  it('touches nothing but the UI (a simple trigger may not use authorised services)', () => {
    const rig = simpleTrigger();
    onOpen(rig.services);
    expect(rig.touched).toEqual({
      http: 0,
      properties: 0,
      spreadsheet: 0,
      ui: 1,
      lock: 0,
      triggers: 0,
    });
    expect(rig.workbook.calls.total).toBe(1); // SpreadsheetApp.getUi
  });

  it('runs where a use case that needs authorisation fails, as it would in Apps Script', () => {
    const rig = simpleTrigger();
    rig.workbook.addSheet('Tickets', [['ID'], ['T-1']]);
    expect(() => installTriggers(rig.services)).toThrow(
      'You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    expect(rig.scriptApp.triggers).toEqual([]);
    testWebhooks(rig.services);
    expect(rig.http.requests).toEqual([]);
    expect(rig.shown.alerts.join('\n')).toContain(
      'You do not have permission to call UrlFetchApp.fetch',
    );
  });
});
