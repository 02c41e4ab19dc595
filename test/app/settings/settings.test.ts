/**
 * The sidebar's use cases (src/app/settings), run directly on the local
 * runtime's service implementations: each server function's contract.
 */
import { countRowsToMark, markRowsSent } from '../../../src/app/settings/adopt';
import { loadSettings } from '../../../src/app/settings/load';
import { openSettings } from '../../../src/app/settings/open';
import { previewSettings } from '../../../src/app/settings/preview';
import { saveSettings } from '../../../src/app/settings/save';
import {
  SCHEDULE_RECORD_PROPERTY,
  installTriggersAndRecord,
  startSchedule,
  stopSchedule,
} from '../../../src/app/settings/triggers';
import {
  maskedLabel,
  removeWebhook,
  setWebhook,
  testWebhook,
} from '../../../src/app/settings/webhooks';
import { sendPendingRows } from '../../../src/app/send-pending-rows';
import { world } from './world';

const INFRA = 'https://chat.googleapis.com/v1/spaces/BBBB/messages?key=k-1&token=t-1';

describe('openSettings', () => {
  it('shows the embedded sidebar HTML, titled Chat Relay, 300 px wide', () => {
    const w = world();
    openSettings(w.services);
    expect(w.sidebars).toHaveLength(1);
    expect(w.sidebars[0]).toMatchObject({ title: 'Chat Relay', width: 300 });
    expect(w.sidebars[0].html).toContain('<h2>Webhooks</h2>');
  });
});

describe('loadSettings', () => {
  it('masks every webhook: its space, never its key or token', () => {
    const w = world({ properties: { CHAT_WEBHOOK_URL_INFRA: INFRA } });
    const load = loadSettings(w.services);
    expect(load.webhooks.map((h) => h.label)).toEqual([
      'space AAAA…, token set',
      'space BBBB…, token set',
    ]);
    const text = JSON.stringify(load);
    for (const secret of [w.token, 'k-1', 't-1']) expect(text).not.toContain(secret);
  });

  it('says what a run would say of a saved configuration that is wrong', () => {
    const w = world({ properties: { CHAT_RELAY_CONFIG: '{"keyColumn": "Nope"}' } });
    const load = loadSettings(w.services);
    expect(load.source).toBe('property');
    expect(load.problems).toEqual([expect.objectContaining({ path: 'keyColumn' })]);
  });
});

describe('maskedLabel', () => {
  it('shows the start of the space ID', () => {
    expect(maskedLabel('AAAAGCYeSRY')).toBe('space AAAAGCYe…, token set');
  });
});

describe('saveSettings', () => {
  it('changes CHAT_RELAY_CONFIG only when valid', () => {
    const w = world();
    expect(saveSettings(w.services, '{"keyColumn": "Title"}')).toEqual({ ok: true });
    expect(w.script.getProperty('CHAT_RELAY_CONFIG')).toBe('{"keyColumn": "Title"}');
    const bad = saveSettings(w.services, '{"keyColumn": "Titel"}');
    expect(bad.ok).toBe(false);
    expect(w.script.getProperty('CHAT_RELAY_CONFIG')).toBe('{"keyColumn": "Title"}');
    expect(saveSettings(w.services, 42).ok).toBe(false);
  });

  it('a value Script Properties refuse (over 9 KB) is an error, not an exception', () => {
    const w = world();
    const big = JSON.stringify({ title: `{{ID}} ${'x'.repeat(10000)}` });
    const result = saveSettings(w.services, big);
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          path: '',
          message: expect.stringContaining('could not be saved'),
        }),
      ],
    });
    expect(w.script.getProperty('CHAT_RELAY_CONFIG')).toBeNull();
  });
});

describe('webhooks', () => {
  it('setWebhook refuses a quoted URL with the hint to drop the quotes', () => {
    const w = world();
    expect(setWebhook(w.services, 'INFRA', `'${INFRA}'`)).toEqual({
      ok: false,
      errors: [
        {
          path: 'url',
          message: "has '…' around the URL: paste the URL alone, without quotes",
          text: "CHAT_WEBHOOK_URL_INFRA has '…' around the URL: paste the URL alone, without quotes",
        },
      ],
    });
    expect(w.script.getProperty('CHAT_WEBHOOK_URL_INFRA')).toBeNull();
  });

  it('setWebhook stores a valid URL; removeWebhook removes it once no sheet posts to it', () => {
    const w = world();
    expect(setWebhook(w.services, 'INFRA', INFRA)).toMatchObject({ ok: true, space: 'BBBB' });
    expect(saveSettings(w.services, '{"webhook": "INFRA"}')).toEqual({ ok: true });
    expect(removeWebhook(w.services, 'INFRA').ok).toBe(false);
    expect(saveSettings(w.services, '')).toEqual({ ok: true });
    expect(removeWebhook(w.services, 'INFRA')).toEqual({
      ok: true,
      name: 'INFRA',
      property: 'CHAT_WEBHOOK_URL_INFRA',
    });
  });

  it('testWebhook sends one request, to that webhook', () => {
    const w = world();
    expect(testWebhook(w.services, 'default')).toMatchObject({ ok: true, space: 'AAAA' });
    expect(w.http.requests).toHaveLength(1);
    expect(w.chat.messages('AAAA')).toHaveLength(1);
  });
});

describe('previewSettings', () => {
  it('is the body the next run posts, and sends nothing', () => {
    const w = world();
    const preview = previewSettings(w.services, '{"format": "text"}', 'Tickets', 2);
    expect(w.http.requests).toHaveLength(0);
    if (!preview.ok || !preview.message) throw new Error('expected a preview');
    expect(saveSettings(w.services, '{"format": "text"}')).toEqual({ ok: true });
    w.services.ui = () => ({ alert: () => undefined }) as never;
    sendPendingRows(w.services);
    expect(JSON.parse(w.http.requests[0].payload)).toEqual(preview.message);
  });

  it('a row whose key is empty: no message, and the Chat Error a run would write', () => {
    const w = world({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['', 'No key'],
          ],
        },
      ],
    });
    expect(previewSettings(w.services, '', 'Tickets', 2)).toMatchObject({
      ok: true,
      message: null,
      note: 'A run would mark this row FAILED without posting it: The key column "ID" is empty: fill it in to send this row',
    });
  });

  it('no active cell: says to select one', () => {
    const w = world();
    expect(previewSettings(w.services, '', null, null)).toMatchObject({
      ok: true,
      message: null,
      note: 'Select a cell in a followed sheet to preview its row.',
    });
  });
});

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

describe('adopt', () => {
  it('counts, then marks, posting nothing', () => {
    const w = world();
    expect(countRowsToMark(w.services)).toEqual({
      ok: true,
      counts: [{ sheet: 'Tickets', rows: 3 }],
      total: 3,
    });
    expect(markRowsSent(w.services)).toMatchObject({ ok: true, marked: 3 });
    expect(w.http.requests).toHaveLength(0);
    expect(countRowsToMark(w.services)).toMatchObject({ ok: true, total: 0 });
  });
});
