import { Button } from '../../local/runtime/services';
import { markAllRowsSent, rowsToMark } from '../../src/app/mark-all-rows-sent';
import { sendPendingRows } from '../../src/app/send-pending-rows';
import { appRig } from '../support/rig';
import { column } from '../support/tables';

const HEADERS = ['ID', 'Title'];
const rows = (prefix: string, n: number) =>
  [HEADERS].concat(Array.from({ length: n }, (_v, i) => [`${prefix}-${i + 1}`, `Row ${i + 1}`]));

function twoSheets() {
  const rig = appRig({
    properties: (hook) => ({
      CHAT_WEBHOOK_URL: hook('AAAA'),
      CHAT_RELAY_CONFIG: JSON.stringify({ sheets: [{ sheet: 'Tickets' }, { sheet: 'Orders' }] }),
    }),
  });
  const tickets = rig.workbook.addSheet('Tickets', rows('T', 3));
  const orders = rig.workbook.addSheet('Orders', rows('O', 1));
  return { rig, tickets, orders };
}

describe('markAllRowsSent', () => {
  it('asks first, naming the rows of each sheet, then marks them without a message', () => {
    const { rig, tickets, orders } = twoSheets();
    markAllRowsSent(rig.services);
    expect(rig.shown.alerts).toHaveLength(2);
    expect(rig.shown.alerts[0]).toBe(
      'Chat Relay: mark 3 rows of sheet "Tickets", 1 row of sheet "Orders" as already sent? Nothing is posted for them now; only their later changes, and new rows, will be.',
    );
    const report = rig.shown.alerts[1].split('\n');
    expect(report[0]).toBe('Chat Relay:');
    expect(report[2]).toMatch(/^Sheet "Tickets": .*3 rows marked as sent without a message\.$/);
    expect(report[3]).toMatch(/^Sheet "Orders": .*1 row marked as sent without a message\.$/);
    expect(rig.http.requests).toEqual([]);
    expect(column(tickets, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(column(orders, 'Chat Status')).toEqual(['SENT']);
    // Only later changes are posted.
    tickets.setRowValues(3, ['Row 2 (changed)'], 2);
    sendPendingRows(rig.services);
    expect(rig.chat.messages('AAAA')).toHaveLength(1);
  });

  it('counts only the rows still to mark, and leaves out the sheets with none', () => {
    const { rig, tickets } = twoSheets();
    sendPendingRows(rig.services);
    rig.workbook.sheet('Orders').setRowValues(3, ['O-2', 'new']);
    tickets.setRowValues(2, ['T-1', 'edited']);
    rig.shown.alerts.length = 0;
    rig.ui.alertAnswers.push(Button.NO);
    markAllRowsSent(rig.services);
    expect(rig.shown.alerts[0]).toBe(
      'Chat Relay: mark 1 row of sheet "Tickets", 1 row of sheet "Orders" as already sent? Nothing is posted for them now; only their later changes, and new rows, will be.',
    );
  });

  it('changes nothing when the answer is No', () => {
    const { rig, tickets } = twoSheets();
    rig.ui.alertAnswers.push(Button.NO);
    markAllRowsSent(rig.services);
    expect(rig.shown.alerts[1]).toBe('Chat Relay: nothing was changed.');
    expect(tickets.displayRows()[0]).toEqual(HEADERS);
    expect(rig.workbook.calls.cellsWritten).toBe(0);
  });

  it('says when every row is already sent', () => {
    const { rig } = twoSheets();
    sendPendingRows(rig.services);
    rig.shown.alerts.length = 0;
    markAllRowsSent(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Chat Relay: every row of "Tickets", "Orders" is already sent or up to date; nothing to mark.',
    ]);
  });

  it('names the configuration problems, changing nothing', () => {
    const rig = appRig({
      properties: (hook) => ({
        CHAT_WEBHOOK_URL: hook('AAAA'),
        CHAT_RELAY_CONFIG: JSON.stringify({ sheet: 'Tikets' }),
      }),
    });
    rig.workbook.addSheet('Tickets', rows('T', 1));
    markAllRowsSent(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Chat Relay cannot mark the rows as sent: nothing was changed.\n\n• CHAT_RELAY_CONFIG key "sheet" is "Tikets", but that sheet does not exist (sheets: Tickets)',
    ]);
  });
});

describe('rowsToMark', () => {
  it('counts the rows of each followed sheet, reading only', () => {
    const { rig } = twoSheets();
    expect(rowsToMark(rig.services)).toEqual({
      ok: true,
      counts: [
        { sheet: 'Tickets', rows: 3 },
        { sheet: 'Orders', rows: 1 },
      ],
    });
    expect(rig.workbook.calls.cellsWritten).toBe(0);
    expect(rig.touched.lock).toBe(0);
  });
});
