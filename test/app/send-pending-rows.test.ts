import { sendPendingRows } from '../../src/app/send-pending-rows';
import { appRig, expectNoSecrets, secretsOf } from '../support/rig';
import { LEDGER_HEADERS, column } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Owner'];
const tickets = (n: number) =>
  [HEADERS].concat(Array.from({ length: n }, (_v, i) => [`T-${i + 1}`, `Printer ${i + 1}`, 'ana']));

describe('sendPendingRows', () => {
  it('sends every new row once, records SENT in the appended relay columns, and says so', () => {
    const rig = appRig();
    const sheet = rig.workbook.addSheet('Tickets', tickets(3));
    sendPendingRows(rig.services);
    expect(rig.chat.messages('AAAA')).toHaveLength(3);
    expect(rig.chat.threads('AAAA')).toHaveLength(3);
    expect(rig.shown.alerts).toEqual(['Chat Relay, sheet "Tickets": Sent 3 messages.']);
    expect(sheet.displayRows()[0]).toEqual(HEADERS.concat(LEDGER_HEADERS));
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    column(sheet, 'Chat Thread').forEach((t) => expect(t).toMatch(/^spaces\/AAAA\/threads\//));
    // The user's cells are untouched.
    expect(sheet.displayRows().map((r) => r.slice(0, 3))).toEqual(tickets(3));
  });

  it('sends nothing the second time and says so', () => {
    const rig = appRig();
    const sheet = rig.workbook.addSheet('Tickets', tickets(2));
    sendPendingRows(rig.services);
    const after = sheet.displayRows();
    sendPendingRows(rig.services);
    expect(rig.chat.messages('AAAA')).toHaveLength(2);
    expect(rig.shown.alerts[1]).toBe(
      'Chat Relay, sheet "Tickets": Nothing to send: every row is up to date.',
    );
    expect(sheet.displayRows()).toEqual(after);
  });

  it('sends the changes of a row in its thread', () => {
    const rig = appRig();
    const sheet = rig.workbook.addSheet('Tickets', tickets(2));
    sendPendingRows(rig.services);
    sheet.setRowValues(3, ['Printer 2 (on fire)'], 2);
    rig.clock.advance(60000);
    sendPendingRows(rig.services);
    const threads = rig.chat.threads('AAAA');
    expect(threads.map((t) => t.messages.length)).toEqual([1, 2]);
    expect(rig.shown.alerts[1]).toBe('Chat Relay, sheet "Tickets": Sent 1 message.');
  });

  it('reports every followed sheet', () => {
    const rig = appRig({
      properties: (hook) => ({
        CHAT_WEBHOOK_URL: hook('AAAA'),
        CHAT_RELAY_CONFIG: JSON.stringify({ sheets: [{ sheet: 'Tickets' }, { sheet: 'Other' }] }),
      }),
    });
    rig.workbook.addSheet('Tickets', tickets(2));
    rig.workbook.addSheet('Other', tickets(1));
    rig.workbook.addSheet('Ignored', tickets(1));
    sendPendingRows(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Chat Relay:\n\nSheet "Tickets": Sent 2 messages.\nSheet "Other": Sent 1 message.',
    ]);
    expect(rig.workbook.sheet('Ignored').displayRows()[0]).toEqual(HEADERS);
  });

  it('says another run is in progress, and sends nothing', () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', tickets(1));
    rig.locks.holdForOtherExecution();
    sendPendingRows(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Another Chat Relay run is in progress. Try again in a minute; nothing was sent.',
    ]);
    expect(rig.http.requests).toEqual([]);
  });

  it('names the configuration problems, writing nothing', () => {
    const rig = appRig({
      properties: (hook) => ({
        CHAT_WEBHOOK_URL: hook('AAAA'),
        CHAT_RELAY_CONFIG: '{"keyColumn": "Ticket"}',
      }),
    });
    const sheet = rig.workbook.addSheet('Tickets', tickets(1));
    sendPendingRows(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Chat Relay cannot send pending rows: nothing was sent.\n\n• CHAT_RELAY_CONFIG key "keyColumn" is "Ticket", which is not a header in row 1 of sheet "Tickets" (headers: ID, Title, Owner)',
    ]);
    expect(sheet.displayRows()[0]).toEqual(HEADERS);
  });

  it('shows its progress in toasts', () => {
    const rig = appRig();
    rig.workbook.addSheet('Tickets', tickets(8));
    sendPendingRows(rig.services);
    expect(rig.workbook.toasts.length).toBeGreaterThan(1);
    expect(rig.workbook.toasts[rig.workbook.toasts.length - 1]).toEqual({
      msg: 'Sent 8 of 8…',
      title: 'Chat Relay',
      timeoutSeconds: 5,
    });
  });

  it('names the broken webhook that keeps rows PENDING', () => {
    const rig = appRig({
      properties: (hook) => ({
        CHAT_WEBHOOK_URL: hook('AAAA'),
        CHAT_WEBHOOK_URL_INFRA: '"https://chat.googleapis.com/v1/spaces/I/messages?key=k&token=t"',
        CHAT_RELAY_CONFIG: JSON.stringify({
          routes: [{ when: { column: 'Owner', equals: 'infra' }, webhook: 'INFRA' }],
        }),
      }),
    });
    const sheet = rig.workbook.addSheet('Tickets', [
      HEADERS,
      ['T-1', 'Printer', 'infra'],
      ['T-2', 'Badge', 'ana'],
    ]);
    sendPendingRows(rig.services);
    expect(column(sheet, 'Chat Status')).toEqual(['PENDING', 'SENT']);
    expect(rig.shown.alerts[0].split('\n')).toEqual([
      'Chat Relay, sheet "Tickets": Sent 1 message, 1 row kept PENDING until its webhook is fixed (see Chat Error).',
      'CHAT_WEBHOOK_URL_INFRA has "…" around the URL: paste the URL alone, without quotes. Rows routed to it stay PENDING until it is fixed.',
    ]);
  });

  it('never shows, logs or writes a secret', () => {
    const rig = appRig({
      properties: (hook) => ({
        CHAT_WEBHOOK_URL: hook('AAAA').replace(/token=[^&]+/, 'token=wrong'),
      }),
    });
    const sheet = rig.workbook.addSheet('Tickets', tickets(2));
    sendPendingRows(rig.services);
    expect(rig.shown.alerts[0]).toMatch(/Chat refused the webhook in CHAT_WEBHOOK_URL/);
    expectNoSecrets(
      secretsOf(rig.properties.getProperties()).concat(rig.chat.apiKey),
      rig.shown.alerts,
      rig.logs.lines,
      sheet.displayRows(),
    );
  });
});
