import { onOpen } from '../../src/app/on-open';
import { appRig } from '../support/rig';

describe('onOpen', () => {
  it('adds the Chat Relay menu', () => {
    const rig = appRig();
    onOpen(rig.services);
    expect(rig.shown.menus.map((m) => m.caption)).toEqual(['Chat Relay']);
    expect(rig.shown.menus[0].items).toHaveLength(10);
  });

  it('touches nothing but the UI (a simple trigger may not use authorised services)', () => {
    const rig = appRig();
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
});
