import { TRIGGERS_PROPERTY, readInstalls } from '../../src/app/health/installers';
import { installTriggers } from '../../src/app/install-triggers';
import { removeTriggers } from '../../src/app/remove-triggers';
import { appRig } from '../support/rig';

describe('removeTriggers', () => {
  it("removes Chat Relay's triggers only, and says how many", () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', [['ID']]);
    rig.workbook.addSheet('Form', [['Timestamp']], [], {
      formUrl: 'https://docs.google.com/forms/d/F/viewform',
    });
    const other = rig.scriptApp.newTrigger('myReport').timeBased().everyMinutes(30).create();
    installTriggers(rig.services);
    removeTriggers(rig.services);
    expect(rig.scriptApp.getProjectTriggers()).toEqual([other]);
    expect(rig.shown.alerts[1]).toBe(
      'Chat Relay: removed 2 triggers. Other triggers were left alone.',
    );
  });

  it('says when there is nothing to remove, and writes no property', () => {
    const rig = appRig();
    const before = rig.properties.getProperties();
    const set = jest.spyOn(rig.properties, 'setProperty');
    const remove = jest.spyOn(rig.properties, 'deleteProperty');
    removeTriggers(rig.services);
    expect(rig.shown.alerts).toEqual(['Chat Relay: there were no Chat Relay triggers to remove.']);
    expect(set).not.toHaveBeenCalled();
    expect(remove).not.toHaveBeenCalled();
    expect(rig.properties.getProperties()).toEqual(before);
  });

  it('forgets this user as an installer, and only this user', () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', [['ID']]);
    rig.properties.setProperty(
      TRIGGERS_PROPERTY,
      JSON.stringify([{ e: 'other@example.com', m: 15, t: 1 }]),
    );
    installTriggers(rig.services);
    expect(readInstalls(rig.properties).map((i) => i.email)).toEqual([
      'other@example.com',
      'user@example.com',
    ]);
    removeTriggers(rig.services);
    expect(readInstalls(rig.properties)).toEqual([
      { email: 'other@example.com', minutes: 15, at: 1 },
    ]);
  });
});
