import { FakeSheet } from '../../local/runtime';
import { handleFormSubmit } from '../../src/app/handle-form-submit';
import { LOCK_WAIT_MS } from '../../src/app/relay-under-lock';
import { threadKeyFor } from '../../src/relay/ids';
import { AppRig, appRig } from '../support/rig';
import { column } from '../support/tables';

const FORM = 'https://docs.google.com/forms/d/FORM/viewform';
const RESPONSES = [
  ['Response', 'Name', 'Request'],
  ['R-1', 'Ana', 'Printer'],
  ['R-2', 'Bob', 'Badge'],
];

function withForm(properties?: (hook: (space: string) => string) => Record<string, string>) {
  const rig = appRig({ context: 'trigger', ...(properties ? { properties } : {}) });
  const tickets = rig.workbook.addSheet('Tickets', [['ID', 'Title']]);
  const form = rig.workbook.addSheet('Form Responses 1', RESPONSES, [], { formUrl: FORM });
  return { rig, tickets, form };
}

/** A response submitted into a new last row of the sheet. */
function submit(sheet: FakeSheet, values: string[]) {
  const row = sheet.lastRow() + 1;
  sheet.setRowValues(row, values);
  return { range: sheet.getRange(row, 1, 1, values.length), values };
}

/** The keys (first column) of the messages Chat received, in order. */
function keysPosted(rig: AppRig, sheet: FakeSheet): string[] {
  const identity = { spreadsheetId: 'spreadsheet-1', sheetId: sheet.getSheetId() };
  const keys = new Map(column(sheet, 'Response').map((k) => [threadKeyFor(identity, k), k]));
  return rig.chat.messages('AAAA').map((m) => keys.get(m.threadKey ?? '') ?? '?');
}

describe('handleFormSubmit', () => {
  it('sends the submitted response first, then every other row due', () => {
    const { rig, form } = withForm();
    const event = submit(form, ['R-3', 'Cy', 'Laptop']);
    handleFormSubmit(rig.services, event);
    expect(keysPosted(rig, form)).toEqual(['R-3', 'R-1', 'R-2']);
    expect(column(form, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(rig.touched.ui).toBe(0);
  });

  it('waits longer than a menu run for the lock, then leaves the response to the next run', () => {
    const { rig, form } = withForm();
    rig.locks.holdForOtherExecution();
    const before = rig.clock.now();
    handleFormSubmit(rig.services, submit(form, ['R-3', 'Cy', 'Laptop']));
    expect(rig.clock.now() - before).toBe(LOCK_WAIT_MS.formSubmit);
    expect(LOCK_WAIT_MS.formSubmit).toBeGreaterThan(LOCK_WAIT_MS.menu);
    expect(rig.logs.lines).toEqual([
      'Chat Relay: another run holds the lock; the next scheduled run sends this response.',
    ]);
    expect(rig.http.requests).toEqual([]);
  });

  it('leaves a response to a sheet it does not follow alone, and logs why', () => {
    const { rig, form } = withForm((hook) => ({
      CHAT_WEBHOOK_URL: hook('AAAA'),
      CHAT_RELAY_CONFIG: JSON.stringify({ sheets: [{ sheet: 'Tickets' }] }),
    }));
    handleFormSubmit(rig.services, submit(form, ['R-3', 'Cy', 'Laptop']));
    expect(rig.http.requests).toEqual([]);
    expect(form.displayRows()[0]).toEqual(['Response', 'Name', 'Request']);
    expect(rig.logs.lines).toContain(
      'Chat Relay: a form response arrived in sheet "Form Responses 1", which is not followed (followed: "Tickets"); it was left alone. Add the sheet to CHAT_RELAY_CONFIG to relay its responses.',
    );
  });

  it('holds a response arriving in quiet hours, and says so; an urgent one goes at once', () => {
    const { rig, form } = withForm((hook) => ({
      CHAT_WEBHOOK_URL: hook('AAAA'),
      // The rig's clock starts at 09:00 UTC, the spreadsheet's time zone.
      CHAT_RELAY_CONFIG: JSON.stringify({
        sheets: [
          { sheet: 'Tickets' },
          {
            sheet: 'Form Responses 1',
            quietHours: {
              from: '08:00',
              to: '18:30',
              except: { column: 'Request', equals: 'Fire' },
            },
          },
        ],
      }),
    }));
    handleFormSubmit(rig.services, submit(form, ['R-3', 'Cy', 'Laptop']));
    expect(rig.http.requests).toEqual([]);
    expect(column(form, 'Chat Status')).toEqual(['', '', '']);
    expect(rig.logs.lines).toContain(
      'Chat Relay: the form response arrived in quiet hours: its message is held until 18:30 and goes out with the first run after then.',
    );
    expect(rig.logs.lines.join('\n')).toContain(
      'Sheet "Form Responses 1": 3 messages held until 18:30 (quiet hours).',
    );
    rig.logs.lines.length = 0;
    handleFormSubmit(rig.services, submit(form, ['R-4', 'Di', 'Fire']));
    expect(keysPosted(rig, form)).toEqual(['R-4']);
    expect(rig.logs.lines.join('\n')).not.toContain('the form response arrived in quiet hours');
  });

  it('runs without an event, as a scheduled run would', () => {
    const { rig, form } = withForm();
    handleFormSubmit(rig.services, undefined);
    expect(column(form, 'Chat Status')).toEqual(['SENT', 'SENT']);
  });

  it('throws on a misconfiguration', () => {
    const { rig, form } = withForm((hook) => ({
      CHAT_WEBHOOK_URL: hook('AAAA'),
      CHAT_RELAY_CONFIG: '{"format": "html"}',
    }));
    expect(() => handleFormSubmit(rig.services, submit(form, ['R-3', 'Cy', 'x']))).toThrow(
      /^Chat Relay is misconfigured: CHAT_RELAY_CONFIG key "format" \(default for every followed sheet\) must be "card" or "text", not "html"$/,
    );
  });
});
