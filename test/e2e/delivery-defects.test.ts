/**
 * Five ways to lose or double a message, found by trying the relay as a new
 * user or an unlucky admin would. The built bundle in the local runtime,
 * against the Chat emulator.
 */
import { harness, type SheetSpec } from '../../local/harness';

const ONE: SheetSpec = {
  name: 'Tickets',
  rows: [
    ['ID', 'Title', 'Status'],
    ['T-1', 'Printer on fire', 'Open'],
  ],
};

const event = (text: string) => text.split('\n')[1];

describe('1. a lost response, then an edit', () => {
  it('retries the in-flight message first, with its own requestId and content; the edit goes out as a reply', () => {
    const h = harness({ sheets: [ONE] });
    // Chat commits the row's first message, but every response of the run is lost.
    h.chat.injectFault({ drop: 'after-commit', times: Infinity });
    h.run('runScheduled');
    expect(h.messages()).toHaveLength(1);
    expect(h.column('Chat Status')).toEqual(['PENDING']);
    const inFlight = h.runtime.urlFetch.requests[0];

    // The row is edited before the next run, and Chat answers again.
    h.chat.clearFaults();
    h.sheet().setRowValues(2, ['T-1', 'Printer on fire', 'Closed']);
    h.run('runScheduled');

    const texts = h.texts();
    expect(texts.filter((t) => event(t) === '_New row in Tickets_')).toHaveLength(1);
    expect(texts).toHaveLength(2);
    expect(event(texts[1])).toBe('_Row updated in Tickets_');
    expect(texts[1]).toContain('*Status*: Open → Closed');
    expect(h.threads()).toHaveLength(1);
    expect(h.threads()[0].messages).toHaveLength(2);
    // The retry repeated the very request in flight: same requestId, same body.
    const retried = h.runtime.urlFetch.requests.filter((r) => r.url === inFlight.url);
    expect(retried.length).toBeGreaterThan(1);
    expect(new Set(retried.map((r) => r.payload))).toEqual(new Set([inFlight.payload]));
    expect(h.chat.stats().deduplicated).toBeGreaterThan(0);
    expect(h.column('Chat Status')).toEqual(['SENT']);
    // Nothing left to send.
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(2);
  });
});

describe('2. a hidden relay column cleared or deleted', () => {
  const five: SheetSpec = {
    name: 'Tickets',
    rows: [['ID', 'Title'], ...Array.from({ length: 5 }, (_, i) => [`T-${i + 1}`, `row ${i + 1}`])],
  };

  function clearColumn(h: ReturnType<typeof harness>, header: string) {
    const sheet = h.sheet();
    const column = sheet.displayRows()[0].indexOf(header) + 1;
    for (let row = 2; row <= 6; row++) sheet.setCell(row, column, '');
  }

  it('Chat Version lost: no SENT row is posted again; the run rebuilds it and says so once', () => {
    const h = harness({ sheets: [five] });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(5);
    clearColumn(h, 'Chat Version');
    h.run('sendPendingRows');
    expect(h.texts()).toHaveLength(5);
    expect(h.lastAlert()).toMatch(
      /5 rows whose hidden Chat Version or Chat Ledger cells were lost had them rebuilt/,
    );
    expect(h.column('Chat Status')).toEqual(Array(5).fill('SENT'));
    expect(h.column('Chat Version').every((v) => v.startsWith('v1:'))).toBe(true);
    // Rebuilt, then settled: later runs post only real changes, as replies.
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/Nothing to send/);
    h.sheet().setRowValues(3, ['T-2', 'row 2, edited']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(6);
    expect(event(h.texts()[5])).toBe('_Row updated in Tickets_');
  });

  it('Chat Version and Chat Ledger both lost: the current values are taken as delivered', () => {
    const h = harness({ sheets: [five] });
    h.run('runScheduled');
    clearColumn(h, 'Chat Version');
    clearColumn(h, 'Chat Ledger');
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(5);
    expect(h.column('Chat Status')).toEqual(Array(5).fill('SENT'));
    const logs = h.runtime.logs.join('\n');
    expect(logs).toMatch(/5 rows whose hidden Chat Version or Chat Ledger cells were lost/);
  });

  it('Chat Ledger lost: an edited SENT row is a reply in its thread, never a new row', () => {
    const h = harness({ sheets: [five] });
    h.run('runScheduled');
    const thread = h.table()[1]['Chat Thread'];
    clearColumn(h, 'Chat Ledger');
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(5);
    h.sheet().setRowValues(3, ['T-2', 'row 2, edited']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(6);
    expect(event(h.texts()[5])).toMatch(/^_Row updated in Tickets/);
    expect(h.threads().find((t) => t.name === thread)?.messages).toHaveLength(2);
  });
});

describe('3. "Mark all rows as sent" and identical rows', () => {
  it('marked rows are never posted unless they change, identical ones included', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['T-1', 'same'],
            ['T-1', 'same'],
            ['T-2', 'other'],
          ],
        },
      ],
    });
    h.run('markAllRowsSent');
    h.run('runScheduled');
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(0);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    h.sheet().setRowValues(3, ['T-1', 'changed']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(1);
    expect(h.texts()[0]).toContain('*Title*: same → changed');
  });
});

describe('4. a title row inserted above the header', () => {
  it('the error names the row where the relay’s columns now are, also when keyColumn is set', () => {
    const h = harness({ sheets: [ONE], config: { keyColumn: 'ID' } });
    h.run('runScheduled');
    h.sheet().userInsertRowsBefore(1, 1);
    h.sheet().setRowValues(1, ['Weekly tickets']);
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(/nothing was sent/);
    expect(h.lastAlert()).toMatch(
      /Chat Relay's columns are in row 2 of sheet "Tickets": set headerRow to 2/,
    );
    expect(h.lastAlert()).not.toMatch(/keyColumn/);
    expect(h.texts()).toHaveLength(1);
  });
});

describe('5. a wrong headerRow', () => {
  it('a header row holding numbers or dates is refused, naming the row; nothing is sent or written', () => {
    const sheet: SheetSpec = {
      name: 'Tickets',
      rows: [
        ['ID', 'Title', 'Amount'],
        ['T-1', 'Printer', 12.5],
        ['T-2', 'Coffee', 3],
      ],
    };
    const h = harness({ sheets: [sheet], config: { headerRow: 2 } });
    const before = h.sheet().displayRows();
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(
      /key "headerRow" is 2, but row 2 of sheet "Tickets" holds a number in cell C2: it looks like a data row/,
    );
    expect(h.sheet().displayRows()).toEqual(before);
    expect(h.runtime.urlFetch.requests).toHaveLength(0);
  });

  it('a header row below the row where the relay’s columns already are is refused, naming both', () => {
    const h = harness({ sheets: [ONE] });
    h.run('runScheduled');
    h.properties.setProperty('CHAT_RELAY_CONFIG', JSON.stringify({ format: 'text', headerRow: 2 }));
    const before = h.sheet().displayRows();
    h.run('sendPendingRows');
    expect(h.lastAlert()).toMatch(
      /key "headerRow" is 2, but Chat Relay's columns are in row 1 of sheet "Tickets", above it/,
    );
    expect(h.sheet().displayRows()).toEqual(before);
    expect(h.texts()).toHaveLength(1);
  });
});
