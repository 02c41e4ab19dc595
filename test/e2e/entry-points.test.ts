/** End-to-end: menu, triggers, form submissions and bad configuration, through the built bundle. */
import { TriggerBuilderFake } from '../../local/runtime';
import { Button } from '../../local/runtime/services';
import { harness } from '../../local/harness';

const FORM = {
  name: 'Form Responses 1',
  rows: [['Timestamp', 'Email Address', 'Request']],
};
const FORM_URL = 'https://docs.google.com/forms/d/local-form/edit';

describe('menu', () => {
  it('onOpen adds a Chat Relay menu whose items name existing functions', () => {
    const h = harness();
    expect(h.open()).toBe(true);
    const [menu] = h.runtime.ui.menus;
    expect(menu.caption).toBe('Chat Relay');
    const items = menu.items.filter(
      (i): i is { caption: string; functionName: string } => i !== 'separator',
    );
    expect(items.map((i) => i.functionName).sort()).toEqual(
      [
        'installTriggers',
        'markAllRowsSent',
        'openSettings',
        'removeTriggers',
        'sendPendingRows',
        'sendSelectedRows',
        'testWebhooks',
      ].sort(),
    );
    for (const item of items) expect(h.runtime.hasFunction(item.functionName)).toBe(true);
  });

  it('onOpen runs as a simple trigger: it only builds the menu, within 30 s, with no authorised service', () => {
    const h = harness();
    const before = h.clock.now();
    h.open(); // AuthMode.LIMITED: UrlFetchApp, ScriptApp's triggers, openById... would throw
    expect(h.runtime.serviceCalls).toEqual(['SpreadsheetApp.getUi']);
    expect(h.clock.now() - before).toBe(5000); // the harness's pause after the run: onOpen took no time
    expect(h.runtime.ui.alerts).toEqual([]);
    expect(h.runtime.scriptApp.triggers).toEqual([]);
  });

  it('sendPendingRows shows progress toasts and a summary alert', () => {
    const h = harness();
    h.run('sendPendingRows');
    expect(h.workbook.toasts.map((t) => t.msg)).toContain('Sent 3 of 3…');
    expect(h.lastAlert()).toBe('Chat Relay, sheet "Tickets": Sent 3 messages.');
  });

  it('sendSelectedRows sends every range of a multi-range selection now, re-sends as replies', () => {
    const h = harness();
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    h.sheet().setSelection(['A1:B2', 'C4']);
    h.run('sendSelectedRows');
    const texts = h.texts();
    expect(texts).toHaveLength(5);
    expect(texts[3]).toMatch(/^\*T-1 · Printer on fire\*\n_Row re-sent from Tickets_\n\*ID\*: T-1/);
    expect(texts[4]).toMatch(/^\*T-3 · Badge reader\*\n_Row re-sent from Tickets_\n\*ID\*: T-3/);
    const t1 = h.threads().find((t) => t.messages.some((m) => String(m.text).includes('T-1')))!;
    expect(t1.messages).toHaveLength(2);
    expect(h.lastAlert()).toMatch(/Sent 2 messages/);
    // A deliberate re-send is never swallowed by requestId deduplication.
    h.run('sendSelectedRows');
    expect(h.texts()).toHaveLength(7);
  });

  it('sendSelectedRows with only the header selected says so', () => {
    const h = harness();
    h.sheet().setSelection(['A1:D1']);
    h.run('sendSelectedRows');
    expect(h.texts()).toHaveLength(0);
    expect(h.lastAlert()).toMatch(/holds no data rows/);
  });
});

describe('bad configuration sends nothing and names the problem', () => {
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['invalid JSON', { CHAT_RELAY_CONFIG: '{"sheet":' }, /CHAT_RELAY_CONFIG is not valid JSON/],
    [
      'an unknown key',
      { CHAT_RELAY_CONFIG: '{"shet":"Tickets"}' },
      /key "shet" is not a known key \(did you mean "sheet"\?\)/,
    ],
    [
      'an unknown sheet',
      { CHAT_RELAY_CONFIG: '{"sheet":"Nope"}' },
      /CHAT_RELAY_CONFIG key "sheet" is "Nope", but that sheet does not exist \(sheets: Tickets\)/,
    ],
    [
      'an unknown key column',
      { CHAT_RELAY_CONFIG: '{"keyColumn":"Ticket"}' },
      /CHAT_RELAY_CONFIG key "keyColumn" is "Ticket", which is not a header in row 1 of sheet "Tickets"/,
    ],
    ['a missing webhook', { CHAT_WEBHOOK_URL: '' }, /CHAT_WEBHOOK_URL is empty/],
    [
      'an invalid webhook',
      { CHAT_WEBHOOK_URL: 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k' },
      /CHAT_WEBHOOK_URL is not a Chat webhook URL/,
    ],
    [
      'a foreign webhook',
      { CHAT_WEBHOOK_URL: 'https://example.com/v1/spaces/AAAA/messages?key=k&token=SECRETTOKEN' },
      /CHAT_WEBHOOK_URL is not a Chat webhook URL/,
    ],
  ];

  it.each(cases)('%s: menu alert', (_, properties, problem) => {
    const h = harness({ properties });
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(problem);
    expect(h.lastAlert()).toMatch(/nothing was sent/);
    expect(h.lastAlert()).not.toContain('SECRETTOKEN');
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
    expect(h.column('Chat Status').filter((s) => s === 'SENT')).toEqual([]);
  });

  it.each(cases)('%s: trigger run throws', (_, properties, problem) => {
    const h = harness({ properties });
    let error: unknown = null;
    try {
      h.runtime.callAsTrigger('runScheduled', {});
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(problem);
    expect(String(error)).not.toContain('SECRETTOKEN');
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
  });

  it('a missing CHAT_WEBHOOK_URL property says how to set it', () => {
    const h = harness();
    h.properties.deleteProperty('CHAT_WEBHOOK_URL');
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(
      /CHAT_WEBHOOK_URL is not set: add it under Project Settings → Script properties/,
    );
  });
});

describe('triggers and form submissions', () => {
  it('installTriggers installs exactly one of each, idempotently, and touches no other trigger', () => {
    const h = harness({ sheets: [FORM], formUrl: FORM_URL, config: { scheduleMinutes: 15 } });
    h.runtime.scriptApp.newTrigger('myOtherJob').timeBased().everyMinutes(30).create();
    h.run('installTriggers');
    h.run('installTriggers');
    const triggers = h.runtime.scriptApp.getProjectTriggers();
    const handlers = triggers.map((t) => t.getHandlerFunction()).sort();
    expect(handlers).toEqual(['handleFormSubmit', 'myOtherJob', 'runScheduled']);
    expect(h.lastAlert()).toMatch(/runScheduled every 15 minutes/);
    h.run('removeTriggers');
    expect(h.runtime.scriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'myOtherJob',
    ]);
    expect(h.lastAlert()).toMatch(/removed 2 triggers/);
  });

  it('creates the form-submit trigger with forSpreadsheet(the active Spreadsheet), not its ID', () => {
    const h = harness({ sheets: [FORM], formUrl: FORM_URL });
    const forSpreadsheet = jest.spyOn(TriggerBuilderFake.prototype, 'forSpreadsheet');
    try {
      h.run('installTriggers');
      expect(forSpreadsheet).toHaveBeenCalledTimes(1);
      expect(forSpreadsheet.mock.calls[0][0]).toBe(h.workbook);
    } finally {
      forSpreadsheet.mockRestore();
    }
    const [form] = h.runtime.scriptApp.triggersFor(h.runtime.scriptApp.EventType.ON_FORM_SUBMIT);
    expect(form.getTriggerSourceId()).toBe(h.workbook.getId());
  });

  it('installs no form trigger without a linked form, and says so', () => {
    const h = harness();
    h.run('installTriggers');
    expect(h.runtime.scriptApp.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual([
      'runScheduled',
    ]);
    expect(h.lastAlert()).toMatch(/No followed sheet is a form's/);
  });

  it('the time-driven trigger runs the relay on schedule', () => {
    const h = harness();
    h.run('installTriggers');
    h.clock.advance(5 * 60000);
    expect(h.runtime.runDueTimeTriggers()).toBe(1);
    expect(h.texts()).toHaveLength(3);
    expect(h.runtime.triggerFailures).toEqual([]);
  });

  it('relays a form submission at once; repeat submissions of one person thread together', () => {
    const h = harness({
      sheets: [FORM],
      formUrl: FORM_URL,
      config: { keyColumn: 'Email Address' },
    });
    h.run('installTriggers');
    h.runtime.formSubmit('Form Responses 1', ['ana@example.com', 'New laptop <users/all>']);
    expect(h.texts()).toHaveLength(1);
    expect(h.texts()[0]).toContain('*Email Address*: ana@example.com');
    expect(h.texts()[0]).not.toContain('<users/all>');
    h.clock.advance(2000);
    h.runtime.formSubmit('Form Responses 1', ['bob@example.com', 'Chair']);
    h.clock.advance(2000);
    h.runtime.formSubmit('Form Responses 1', ['ana@example.com', 'Also a mouse']);
    expect(h.texts()).toHaveLength(3);
    expect(
      h
        .threads()
        .map((t) => t.messages.length)
        .sort(),
    ).toEqual([1, 2]);
    expect(h.runtime.triggerFailures).toEqual([]);
  });

  it('submissions that arrive while another run holds the lock are each relayed once, later', () => {
    const h = harness({ sheets: [FORM], formUrl: FORM_URL });
    h.run('installTriggers');
    const release = h.runtime.lock.holdForOtherExecution();
    h.runtime.formSubmit('Form Responses 1', ['a@example.com', 'one']);
    h.runtime.formSubmit('Form Responses 1', ['b@example.com', 'two']);
    h.runtime.formSubmit('Form Responses 1', ['c@example.com', 'three']);
    expect(h.texts()).toHaveLength(0);
    expect(h.runtime.triggerFailures).toEqual([]);
    release();
    h.clock.advance(5 * 60000);
    h.runtime.runDueTimeTriggers();
    h.runtime.formSubmit('Form Responses 1', ['d@example.com', 'four']);
    expect(h.texts()).toHaveLength(4);
    expect(new Set(h.texts()).size).toBe(4);
  });
});

describe('large selections', () => {
  const many = {
    name: 'Tickets',
    rows: [
      ['ID', 'Title'],
      ...Array.from({ length: 30 }, (_, i) => [`T-${i + 1}`, `row ${i + 1}`]),
    ],
  };

  it('asks before sending more than 25 selected rows, and sends nothing on No', () => {
    const h = harness({ sheets: [many], latencyMs: 10 });
    h.sheet().setSelection(['A1:B31']);
    (h.runtime.alertAnswers as unknown[]).push(Button.NO);
    h.run('sendSelectedRows');
    expect(h.runtime.ui.alerts[0]).toMatch(/send up to 31 selected rows to Chat now/);
    expect(h.lastAlert()).toMatch(/nothing was sent/);
    expect(h.texts()).toHaveLength(0);
  });

  it('sends them on Yes', () => {
    const h = harness({ sheets: [many], latencyMs: 10 });
    h.sheet().setSelection(['A1:B31']);
    (h.runtime.alertAnswers as unknown[]).push(Button.YES);
    h.run('sendSelectedRows');
    expect(h.texts()).toHaveLength(30);
  });

  it('does not ask for a few rows', () => {
    const h = harness({ sheets: [many], latencyMs: 10 });
    h.sheet().setSelection(['A2:B4']);
    h.run('sendSelectedRows');
    expect(h.runtime.ui.alerts).toHaveLength(1);
    expect(h.texts()).toHaveLength(3);
  });
});

describe('adopting an existing sheet', () => {
  it('"Mark all rows as sent" records every row as delivered without posting; later changes are posted', () => {
    const h = harness();
    h.run('markAllRowsSent');
    expect(h.runtime.ui.alerts[0]).toMatch(/mark 3 rows of sheet "Tickets" as already sent\?/);
    expect(h.lastAlert()).toMatch(/3 rows marked as sent without a message/);
    expect(h.texts()).toHaveLength(0);
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);

    h.run('runScheduled');
    expect(h.texts()).toHaveLength(0);
    h.sheet().setRowValues(3, ['T-2', 'Coffee machine', 4, '']);
    h.sheet().setRowValues(5, ['T-4', 'New one', 1, '']);
    h.run('runScheduled');
    expect(h.texts()).toEqual([
      `*T-2 · Coffee machine*\n_Row updated in Tickets_\n*ID*: T-2\n*Amount*: $3.00 → $4.00\n${h.linkLine(3, 'D')}`,
      `*T-4 · New one*\n_New row in Tickets_\n*ID*: T-4\n*Title*: New one\n*Amount*: 1\n${h.linkLine(5, 'D')}`,
    ]);
  });

  it('changes nothing when the user says No', () => {
    const h = harness();
    (h.runtime.alertAnswers as unknown[]).push(Button.NO);
    h.run('markAllRowsSent');
    expect(h.lastAlert()).toMatch(/nothing was changed/);
    expect(h.sheet().displayRows()[0]).toEqual(['ID', 'Title', 'Amount', 'Due']);
  });
});
