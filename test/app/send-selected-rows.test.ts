import { Button } from '../../local/runtime/services';
import { sendPendingRows } from '../../src/app/send-pending-rows';
import {
  CONFIRM_ABOVE_ROWS,
  selectedPositions,
  sendSelectedRows,
} from '../../src/app/send-selected-rows';
import { DEFAULT_LIMITS } from '../../src/relay/run';
import { openTable } from '../../src/relay/table';
import { appRig } from '../support/rig';
import { column } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Owner'];
const tickets = (n: number) =>
  [HEADERS].concat(Array.from({ length: n }, (_v, i) => [`T-${i + 1}`, `Printer ${i + 1}`, 'ana']));

/** A rig where the rows of Tickets were all sent once already. */
function sentOnce(n = 4, config?: Record<string, unknown>) {
  const rig = appRig(
    config
      ? {
          properties: (hook) => ({
            CHAT_WEBHOOK_URL: hook('AAAA'),
            CHAT_RELAY_CONFIG: JSON.stringify(config),
          }),
        }
      : {},
  );
  const sheet = rig.workbook.addSheet('Tickets', tickets(n));
  sendPendingRows(rig.services);
  rig.shown.alerts.length = 0;
  rig.clock.advance(60000);
  return { rig, sheet };
}

describe('sendSelectedRows', () => {
  it('asks for a selection when there is none', () => {
    const { rig } = sentOnce();
    rig.workbook.selection = null;
    sendSelectedRows(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Chat Relay: select the rows to send first (several ranges are fine).',
    ]);
  });

  it('sends the selected rows of a followed sheet again, unchanged or not, in every range', () => {
    const { rig, sheet } = sentOnce(5);
    sheet.setSelection(['B3:C3', 'A5:A6']);
    sendSelectedRows(rig.services);
    const threads = rig.chat.threads('AAAA');
    expect(threads.map((t) => t.messages.length)).toEqual([1, 2, 1, 2, 2]);
    expect(rig.shown.alerts).toEqual(['Chat Relay, sheet "Tickets": Sent 3 messages.']);
    expect(column(sheet, 'Chat Status')).toEqual(Array(5).fill('SENT'));
  });

  it('refuses a sheet it does not follow, sending nothing', () => {
    const { rig } = sentOnce(2);
    const notes = rig.workbook.addSheet('Notes', [['Note'], ['n1']]);
    notes.setSelection(['A2']);
    const before = rig.http.requests.length;
    sendSelectedRows(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Chat Relay does not follow sheet "Notes" (it follows: "Tickets"). Select rows of a followed sheet, or add the sheet to CHAT_RELAY_CONFIG. Nothing was sent.',
    ]);
    expect(rig.http.requests).toHaveLength(before);
    expect(notes.displayRows()).toEqual([['Note'], ['n1']]);
  });

  it('sends the selection of a listed sheet, and nothing of the other followed sheets', () => {
    const rig = appRig({
      properties: (hook) => ({
        CHAT_WEBHOOK_URL: hook('AAAA'),
        CHAT_RELAY_CONFIG: JSON.stringify({ sheets: [{ sheet: 'Tickets' }, { sheet: 'Other' }] }),
      }),
    });
    const sheet = rig.workbook.addSheet('Tickets', tickets(2));
    const other = rig.workbook.addSheet('Other', tickets(1));
    sheet.setSelection(['A2']);
    sendSelectedRows(rig.services);
    expect(rig.shown.alerts).toEqual(['Chat Relay, sheet "Tickets": Sent 1 message.']);
    expect(rig.chat.messages('AAAA')).toHaveLength(1);
    expect(column(other, 'Chat Status')).toEqual(['']);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', '']);
  });

  it('says the selection holds no data row when it holds the header or blank rows only', () => {
    const { rig, sheet } = sentOnce(2);
    sheet.setSelection(['A1:C1', 'A10:C12']);
    sendSelectedRows(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Chat Relay: the selection holds no data rows of sheet "Tickets". Select rows below its header row.',
    ]);
  });

  it(`asks first above ${CONFIRM_ABOVE_ROWS} selected rows; No sends nothing`, () => {
    const { rig, sheet } = sentOnce(3);
    sheet.setSelection(['A:A']);
    rig.ui.alertAnswers.push(Button.NO);
    const before = rig.http.requests.length;
    sendSelectedRows(rig.services);
    expect(rig.shown.alerts).toEqual([
      'Chat Relay: send up to 1000 selected rows to Chat now, changed or not? Each non-blank row becomes a message (about one a second).',
      'Chat Relay: nothing was sent.',
    ]);
    expect(rig.http.requests).toHaveLength(before);
  });

  it('sends a large selection once confirmed, every non-blank row once', () => {
    const { rig, sheet } = sentOnce(3);
    sheet.setSelection(['A1:C40']);
    sendSelectedRows(rig.services);
    expect(rig.shown.alerts[0]).toMatch(/^Chat Relay: send up to 40 selected rows/);
    expect(rig.shown.alerts[1]).toBe('Chat Relay, sheet "Tickets": Sent 3 messages.');
  });
});

describe('the time budget of Send selected rows', () => {
  /** 30 rows sent once; the user then selects them all and takes `thinkMs` to answer Yes. */
  function slowConfirmation(thinkMs: number) {
    const { rig, sheet } = sentOnce(30);
    sheet.setSelection(['A2:C31']);
    const alert = rig.ui.alert.bind(rig.ui);
    jest.spyOn(rig.ui, 'alert').mockImplementation((...args: unknown[]) => {
      const answer = alert(...args);
      // The confirmation is the first alert: the dialog stays open while the user thinks.
      if (rig.shown.alerts.length === 1) rig.clock.advance(thinkMs);
      return answer;
    });
    const started = rig.clock.now();
    const before = rig.chat.messages('AAAA').length;
    sendSelectedRows(rig.services);
    const posts = rig.http.requests.filter((r) => r.at > started);
    return { rig, started, sent: rig.chat.messages('AAAA').length - before, posts };
  }

  it('counts from the start of the execution, so the time spent answering the confirmation is spent', () => {
    const quick = slowConfirmation(1000);
    expect(quick.sent).toBe(30);
    const slow = slowConfirmation(DEFAULT_LIMITS.budgetMs - 10000);
    expect(slow.sent).toBeGreaterThan(0);
    expect(slow.sent).toBeLessThan(11);
    expect(slow.rig.shown.alerts[1]).toContain(
      `Apps Script's time limit for one run was reached; ${30 - slow.sent} rows go out with the next run.`,
    );
    // No send starts after the budget, counted from the start of the execution.
    slow.posts.forEach((p) => expect(p.at).toBeLessThan(slow.started + DEFAULT_LIMITS.budgetMs));
  });
});

describe('selectedPositions', () => {
  it('turns ranges of the table sheet into data positions, clipped to the data', () => {
    const { rig, sheet } = sentOnce(5);
    const table = openTable(sheet, { headerRow: 1, keyColumn: null });
    if (!table.ok) throw new Error(table.error.text);
    const other = rig.workbook.addSheet('Other', tickets(5));
    const ranges = [sheet.getRange(1, 1, 3, 1), sheet.getRange(5, 2, 10, 1), other.getRange(2, 1)];
    expect(selectedPositions(ranges, table.value)).toEqual([0, 1, 3, 4]);
  });
});
