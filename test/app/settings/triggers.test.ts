/**
 * The sidebar's schedule (src/app/settings/triggers.ts): started, stopped and recorded.
 * Run directly on the local runtime's service implementations (./world).
 */
import {
  SCHEDULE_RECORD_PROPERTY,
  installTriggersAndRecord,
  startSchedule,
  stopSchedule,
} from '../../../src/app/settings/triggers';
import { world } from './world';

describe('schedule', () => {
  it('startSchedule records the period and the trigger in this user’s properties; stopSchedule forgets it', () => {
    const w = world({ properties: { CHAT_RELAY_CONFIG: '{"scheduleMinutes": 30}' } });
    expect(startSchedule(w.services)).toMatchObject({
      ok: true,
      triggers: { scheduled: true, minutes: 30 },
    });
    const [trigger] = w.triggers.getProjectTriggers();
    expect(JSON.parse(w.user.getProperty(SCHEDULE_RECORD_PROPERTY) as string)).toEqual({
      minutes: 30,
      triggerId: trigger.getUniqueId(),
    });
    expect(stopSchedule(w.services)).toMatchObject({
      ok: true,
      triggers: { scheduled: false, minutes: null },
    });
    expect(w.user.getProperty(SCHEDULE_RECORD_PROPERTY)).toBeNull();
  });

  it('installTriggersAndRecord (the menu) reports in an alert and records the period', () => {
    const w = world();
    const alerts: string[] = [];
    w.services.ui = () => ({ alert: (text: string) => alerts.push(text) }) as never;
    installTriggersAndRecord(w.services);
    expect(alerts[0]).toMatch(/^Chat Relay triggers:/);
    expect(JSON.parse(w.user.getProperty(SCHEDULE_RECORD_PROPERTY) as string).minutes).toBe(5);
  });
});
