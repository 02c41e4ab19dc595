/** End-to-end: the built bundle, run by the local Apps Script runtime, against Chat's semantics. */
import { RELAY_HEADERS, harness } from '../../local/harness';

describe('relay: new rows', () => {
  it('posts each row once, threads them by key, and records the ledger in the row', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['T-1', 'first'],
            ['T-2', 'second'],
            ['T-1', 'same key again'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    const threads = h.threads();
    expect(threads).toHaveLength(2);
    expect(threads.map((t) => t.messages.length).sort()).toEqual([1, 2]);
    const rows = h.table();
    expect(rows.map((r) => r['Chat Status'])).toEqual(['SENT', 'SENT', 'SENT']);
    expect(rows[0]['Chat Thread']).toBe(rows[2]['Chat Thread']);
    expect(rows[0]['Chat Thread']).not.toBe(rows[1]['Chat Thread']);
    expect(rows.every((r) => r['Chat Sent At'] !== '' && r['Chat Error'] === '')).toBe(true);
    // Appended at the right, machine columns hidden.
    const header = h.sheet().displayRows()[0];
    expect(header).toEqual(['ID', 'Title', ...RELAY_HEADERS]);
    expect(RELAY_HEADERS.slice(-3)).toEqual(['Chat Version', 'Chat Ledger', 'Chat Outbox']);
    expect(h.sheet().isColumnHiddenByUser(7)).toBe(true);
    expect(h.sheet().isColumnHiddenByUser(8)).toBe(true);
    expect(h.sheet().isColumnHiddenByUser(9)).toBe(true);
    expect(h.sheet().isColumnHiddenByUser(3)).toBe(false);
  });

  it('shows every non-empty field as displayed (currency, dates, percentages, emoji), key first', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['Title', 'Amount', 'ID', 'Due', 'Empty'],
            ['Printer 🔥 on fire', 1234.5, 'T-1', new Date(Date.UTC(2026, 0, 2)), ''],
            ['Half done', 0.5, 'T-2', '', ''],
          ],
          formats: [
            [null, null, null, null, null],
            [null, '$#,##0.00', null, 'yyyy-mm-dd', null],
            [null, '0%', null, null, null],
          ],
        },
      ],
      config: { keyColumn: 'ID' },
    });
    h.run('runScheduled');
    expect(h.texts()).toEqual([
      `*T-1 · Printer 🔥 on fire*\n_New row in Tickets_\n*ID*: T-1\n*Title*: Printer 🔥 on fire\n*Amount*: $1,234.50\n*Due*: 2026-01-02\n${h.linkLine(2, 'E')}`,
      `*T-2 · Half done*\n_New row in Tickets_\n*ID*: T-2\n*Title*: Half done\n*Amount*: 50%\n${h.linkLine(3, 'E')}`,
    ]);
  });

  it('never lets a cell ping the space or form a link', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Note'],
            ['<users/all>', 'hi <users/123> see <https://evil.example|here>'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    const [text] = h.texts();
    // The only markup is the relay's own link back to the row, on the last line.
    const lines = text.split('\n');
    expect(lines.pop()).toBe(h.linkLine(2, 'B'));
    expect(lines.join('\n')).not.toMatch(/</);
    expect(text).toContain('users/all');
    expect(text).toContain('here');
  });

  it('truncates a 50,000-character cell visibly and stays within Chat limits', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Body', 'After'],
            ['T-1', 'é'.repeat(50000), 'tail'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    const [message] = h.messages();
    const text = String(message.text);
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(JSON.stringify({ text }), 'utf8')).toBeLessThanOrEqual(32000);
    expect(text).toContain('[truncated]');
    expect(text).toContain('*After*: tail');
    expect(h.column('Chat Status')).toEqual(['SENT']);
  });

  it('ignores blank rows and fails a row whose key is empty, naming the key column', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['T-1', 'a'],
            ['', ''],
            ['', 'no key'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(1);
    const rows = h.table();
    expect(rows[1]['Chat Status']).toBe('');
    expect(rows[2]['Chat Status']).toBe('FAILED');
    expect(rows[2]['Chat Error']).toMatch(/key column "ID" is empty/);
    // Not retried until the row changes.
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(1);
    h.sheet().setRowValues(4, ['T-9', 'no key']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(2);
    expect(h.table()[2]['Chat Status']).toBe('SENT');
  });
});

describe('relay: changes', () => {
  it('replies in the thread with old → new for each changed field; unchanged rows send nothing', () => {
    const h = harness();
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);

    h.sheet().setRowValues(2, ['T-1', 'Printer fixed', 1234.5, '']);
    h.sheet().setRowValues(3, ['T-2', 'Coffee machine', 3, 'soon']);
    h.run('runScheduled');
    const texts = h.texts();
    expect(texts).toHaveLength(5);
    expect(texts[3]).toBe(
      `*T-1 · Printer fixed*\n_Row updated in Tickets_\n*ID*: T-1\n*Title*: Printer on fire → Printer fixed\n*Due*: 2026-01-02 → (empty)\n${h.linkLine(2, 'D')}`,
    );
    expect(texts[4]).toBe(
      `*T-2 · Coffee machine*\n_Row updated in Tickets_\n*ID*: T-2\n*Due*: (empty) → soon\n${h.linkLine(3, 'D')}`,
    );
    const threads = h.threads();
    expect(threads).toHaveLength(3);
    const t1 = threads.find((t) =>
      t.messages.some((m) => String(m.text).includes('Printer fixed')),
    )!;
    expect(t1.messages).toHaveLength(2);
  });

  it('keeps every row ledger through a sort and inserted rows', () => {
    const h = harness();
    h.run('runScheduled');
    const before = h.table();
    h.sheet().sortRows(2, false); // by Title, descending
    h.sheet().userInsertRowsBefore(2, 1);
    h.sheet().setRowValues(2, ['T-4', 'Inserted', 1, '']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(4);
    expect(h.texts()[3]).toContain('*ID*: T-4');
    const after = h.table();
    for (const row of before) {
      const moved = after.find((r) => r.ID === row.ID)!;
      expect(moved['Chat Thread']).toBe(row['Chat Thread']);
      expect(moved['Chat Ledger']).toBe(row['Chat Ledger']);
      expect(moved['Chat Status']).toBe('SENT');
    }
    // An edit after the sort still replies in the right thread.
    const t2 = after.findIndex((r) => r.ID === 'T-2');
    h.sheet().setRowValues(t2 + 2, ['T-2', 'Coffee machine', 4, '']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(5);
    const thread = h.threads().find((t) => t.name === after[t2]['Chat Thread'])!;
    expect(thread.messages.map((m) => String(m.text))).toEqual([
      expect.stringContaining('Coffee machine'),
      expect.stringContaining('*Amount*: $3.00 → $4.00'),
    ]);
  });

  it('treats a moved column as no change', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'A', 'B'],
            ['T-1', 'a', 'b'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    // Swap the two data columns, values and headers together.
    h.sheet().setRowValues(1, ['ID', 'B', 'A']);
    h.sheet().setRowValues(2, ['T-1', 'b', 'a']);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(1);
  });
});
