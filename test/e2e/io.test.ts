/** Batched I/O: constant range calls per run, statuses written in blocks, never cell by cell. */
import { harness } from '../../local/harness';

const rows = (n: number) => [
  ['ID', 'Title', 'Owner'],
  ...Array.from({ length: n }, (_, i) => [`T-${i + 1}`, `row ${i + 1}`, i % 2 ? 'ana' : 'bob']),
];

function idleCalls(n: number) {
  const h = harness({ sheets: [{ name: 'Tickets', rows: rows(n) }], latencyMs: 10 });
  // Deliver everything first (several runs when the time budget cuts one short).
  for (let i = 0; i < 10 && h.column('Chat Status').some((s) => s !== 'SENT'); i++) {
    h.run('runScheduled');
  }
  expect(h.column('Chat Status').every((s) => s === 'SENT')).toBe(true);
  h.workbook.calls.reset();
  const fetches = h.runtime.urlFetch.requests.length;
  h.run('runScheduled');
  return {
    calls: { ...h.workbook.calls.byMethod },
    fetches: h.runtime.urlFetch.requests.length - fetches,
  };
}

describe('batched I/O', () => {
  it('an idle run makes the same Spreadsheet calls over 10 or 400 rows, and no fetch', () => {
    const small = idleCalls(10);
    const large = idleCalls(400);
    expect(large.calls).toEqual(small.calls);
    expect(large.fetches).toBe(0);
    expect(Object.values(large.calls).reduce((a, b) => a + b, 0)).toBeLessThan(15);
  });

  it('a busy run writes statuses in blocks: never setValue, a few setValues per chunk of rows', () => {
    const h = harness({ sheets: [{ name: 'Tickets', rows: rows(100) }], latencyMs: 10 });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(100);
    const calls = h.workbook.calls.byMethod;
    expect(calls['Range.setValue'] ?? 0).toBe(0);
    // One header write, then the write-ahead and an outcome write per chunk of 20 rows, each in
    // two ranges (the columns left and right of Chat Thread, which is written as links).
    expect(calls['Range.setValues']).toBeLessThanOrEqual(1 + 2 * (1 + 5));
    expect(calls['Range.setRichTextValues']).toBeLessThanOrEqual(5);
    // On a first run the header row is read typed once (a data row is refused as a header);
    // the ledger cells are read once before the write-ahead, then once per outcome batch,
    // where each batch checks its rows are still where they were (by their row IDs).
    expect(calls['Range.getValues']).toBeLessThanOrEqual(2 + 5);
    // At most one Spreadsheet round trip per message. Building a rich text value
    // (SpreadsheetApp.newRichTextValue) is no round trip: Apps Script builds it in memory.
    const builders = calls['SpreadsheetApp.newRichTextValue'] ?? 0;
    expect(h.workbook.calls.total - builders).toBeLessThanOrEqual(100);
  });
});
