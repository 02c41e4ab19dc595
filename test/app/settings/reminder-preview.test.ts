/**
 * settingsPreviewReminders (src/app/settings/reminder-preview.ts): which reminders a row would
 * get next, and when. Run directly on the local runtime's services (./world).
 */
import { sendPendingRows } from '../../../src/app/send-pending-rows';
import { previewRemindersSettings } from '../../../src/app/settings/reminder-preview';
import { saveSettings } from '../../../src/app/settings/save';
import { world } from './world';

const CONFIG = JSON.stringify({
  reminders: [
    { when: { column: 'ID', notEquals: 'T-3' }, after: '30m', text: 'Still open: {{Title}}' },
  ],
});

function sent() {
  const w = world();
  expect(saveSettings(w.services, CONFIG)).toEqual({ ok: true });
  w.services.ui = () => ({ alert: () => undefined }) as never;
  sendPendingRows(w.services);
  return w;
}

describe('previewRemindersSettings', () => {
  it('says when a sent row whose condition holds gets its reminder, and shows it', () => {
    const w = sent();
    const posted = w.http.requests.length;
    const now = w.clock.now();
    const shown = previewRemindersSettings(w.services, CONFIG, 'Tickets', 2);
    expect(w.http.requests).toHaveLength(posted);
    if (!shown.ok) throw new Error('expected a preview');
    expect(shown.reminders).toHaveLength(1);
    const due = new Date(now + 30 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
    expect(shown.reminders[0]).toMatchObject({ path: 'reminders[0]', holds: true, at: due });
    expect(shown.reminders[0].note).toBe(`The first run at or after ${due} posts it.`);
    expect(JSON.stringify(shown.reminders[0].message)).toContain('Still open: Printer on fire');
  });

  it('a row whose condition does not hold, and a row without a thread, get none', () => {
    const w = sent();
    const low = previewRemindersSettings(w.services, CONFIG, 'Tickets', 4);
    expect(low).toMatchObject({ ok: true, reminders: [{ holds: false, at: '', message: null }] });
    if (low.ok) expect(low.reminders[0].note).toBe('Its condition does not hold for this row now.');
    const fresh = previewRemindersSettings(world().services, CONFIG, 'Tickets', 2);
    expect(fresh).toMatchObject({ ok: true, reminders: [{ holds: true, at: '' }] });
    if (fresh.ok) expect(fresh.reminders[0].note).toMatch(/no Chat thread yet/);
  });

  it('a sheet without reminders says so; a wrong rule names its path', () => {
    const w = world();
    expect(previewRemindersSettings(w.services, '{}', 'Tickets', 2)).toMatchObject({
      ok: true,
      reminders: [],
      note: 'Sheet "Tickets" has no reminders.',
    });
    const bad = JSON.stringify({
      reminders: [{ when: { column: 'ID', notEquals: 'T-3' }, after: '3w' }],
    });
    const refused = previewRemindersSettings(w.services, bad, 'Tickets', 2);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0].path).toBe('reminders[0].after');
  });
});
