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

  it('says when there is nothing to remove', () => {
    const rig = appRig();
    removeTriggers(rig.services);
    expect(rig.shown.alerts).toEqual(['Chat Relay: there were no Chat Relay triggers to remove.']);
    expect(rig.touched.properties).toBe(0);
  });
});
