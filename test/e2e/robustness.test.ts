/**
 * End-to-end robustness: what users do to a sheet between and during runs
 * (copy rows, insert or delete rows and columns, sort, add a title row, edit
 * the hidden columns), Chat refusing the webhook itself, secrets pasted into
 * the configuration, the 50,000-character cell limit, and the I/O of an idle run.
 */
import { FakeRange, type Transport } from '../../local/runtime';
import { harness, type Harness } from '../../local/harness';

const HEADERS = ['Chat Status', 'Chat Thread', 'Chat Sent At', 'Chat Error', 'Chat Version'];

/** The header row as the sheet shows it. */
const headerRow = (h: Harness) => h.sheet().displayRows()[0];

/** Parses every non-empty Chat Ledger cell (throws on one that is not JSON). */
function ledgers(h: Harness): Array<{ id: string } | null> {
  return h.column('Chat Ledger').map((cell) => (cell === '' ? null : JSON.parse(cell)));
}

/** Calls `onFetch(n)` on the nth POST, before it reaches Chat; `ref.h` is set once the harness exists. */
function duringRun(onFetch: (n: number, h: Harness) => void) {
  const ref: { h: Harness | null; fetches: number } = { h: null, fetches: 0 };
  const wrapTransport =
    (t: Transport): Transport =>
    (req) => {
      ref.fetches++;
      if (ref.h) onFetch(ref.fetches, ref.h);
      return t(req);
    };
  return { ref, wrapTransport };
}

/** Runs the scheduled relay until nothing is left (at most `max` runs). */
function runUntilSettled(h: Harness, max = 5) {
  for (let i = 0; i < max; i++) {
    const before = h.runtime.urlFetch.requests.length;
    h.run('runScheduled');
    if (h.runtime.urlFetch.requests.length === before) return;
  }
}

/** How many messages consist of exactly these lines. */
const countLines = (h: Harness, line: string) =>
  h.texts().filter((t) => t.split('\n').includes(line)).length;

/** Text messages open with the title line, then the event line. */
const eventOf = (t: string) => t.split('\n')[1];
const isNew = (t: string) => eventOf(t) === '_New row in Tickets_';
const isUpdate = (t: string) => eventOf(t).startsWith('_Row updated in Tickets');

function thrownBy(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  return null;
}

describe('copied and duplicated rows', () => {
  it('a SENT row copied with its hidden Chat columns and edited into another ticket is a new row', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['T-1', 'Printer on fire'],
            ['T-2', 'Coffee'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(2);
    const s = h.sheet();
    const width = s.lastColumn();
    expect(headerRow(h)[width - 1]).toBe('Chat Outbox');
    expect(headerRow(h)[width - 2]).toBe('Chat Ledger');
    // Copy row 2 (T-1) whole, hidden columns included, to row 4, and make it T-9.
    s.setRowValues(
      4,
      Array.from({ length: width }, (_, c) => s.typedValue(2, c + 1)),
    );
    s.setRowValues(4, ['T-9', 'Brand new ticket']);

    h.run('runScheduled');
    const added = h.texts().slice(2);
    expect(added).toEqual([
      `*T-9 · Brand new ticket*\n_New row in Tickets_\n*ID*: T-9\n*Title*: Brand new ticket\n${h.linkLine(4, 'B')}`,
    ]);
    expect(added.some((t) => t.includes('T-1'))).toBe(false);

    const table = h.table();
    const t1 = table[0];
    const t9 = table[2];
    expect(t1.ID).toBe('T-1');
    expect(t9.ID).toBe('T-9');
    expect(t1['Chat Status']).toBe('SENT');
    expect(t9['Chat Status']).toBe('SENT');
    expect(t9['Chat Thread']).not.toBe(t1['Chat Thread']);
    const [l1, , l9] = ledgers(h);
    expect(l1?.id).toEqual(expect.any(String));
    expect(l9?.id).toEqual(expect.any(String));
    expect(l9?.id).not.toBe(l1?.id);

    // Settled: the next run has nothing to send and posts nothing at all.
    const posts = h.runtime.urlFetch.requests.length;
    h.run('runScheduled');
    expect(h.runtime.urlFetch.requests.length).toBe(posts);
    expect(h.texts()).toHaveLength(3);
  });

  it('two identical never-sent rows are two messages, both SENT', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['T-1', 'same'],
            ['T-1', 'same'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    expect(h.texts()).toEqual([
      `*T-1 · same*\n_New row in Tickets_\n*ID*: T-1\n*Title*: same\n${h.linkLine(2, 'B')}`,
      `*T-1 · same*\n_New row in Tickets_\n*ID*: T-1\n*Title*: same\n${h.linkLine(3, 'B')}`,
    ]);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT']);
    const [a, b] = ledgers(h);
    expect(a?.id).not.toBe(b?.id);
    const posts = h.runtime.urlFetch.requests.length;
    h.run('runScheduled');
    expect(h.runtime.urlFetch.requests.length).toBe(posts);
  });
});

describe('rows inserted, deleted or sorted while a run is sending', () => {
  // Fifteen never-sent rows, most of them for one ticket (repeated entries share a key).
  const entries = () => [
    ['ID', 'Title'],
    ...Array.from({ length: 15 }, (_, i) => [i % 5 === 4 ? 'T-2' : 'T-1', `entry ${i + 1}`]),
  ];
  const entryLine = (i: number) => `*Title*: entry ${i}`;

  it.each([
    ['an empty row', null],
    ['a filled row', ['T-1', 'inserted at the top']],
  ])('%s inserted at the top after the 3rd POST: every row posted once, as new', (_, filled) => {
    const { ref, wrapTransport } = duringRun((n, h) => {
      if (n !== 3) return;
      h.sheet().userInsertRowsBefore(2, 1);
      if (filled) h.sheet().setRowValues(2, filled);
    });
    const h = harness({ sheets: [{ name: 'Tickets', rows: entries() }], wrapTransport });
    ref.h = h;
    runUntilSettled(h);

    for (let i = 1; i <= 15; i++) expect([i, countLines(h, entryLine(i))]).toEqual([i, 1]);
    if (filled) expect(countLines(h, '*Title*: inserted at the top')).toBe(1);
    expect(h.texts()).toHaveLength(filled ? 16 : 15);
    expect(h.texts().filter(isUpdate)).toEqual([]);
    expect(h.texts().every(isNew)).toBe(true);

    const table = h.table();
    expect(table).toHaveLength(16);
    for (const row of table) {
      if (row.ID === '' && row.Title === '') expect(row['Chat Status']).toBe('');
      else expect([row.Title, row['Chat Status']]).toEqual([row.Title, 'SENT']);
    }
    const ids = ledgers(h)
      .filter((l) => l !== null)
      .map((l) => l.id);
    expect(new Set(ids).size).toBe(filled ? 16 : 15);
  });

  it('a row deleted and the rows sorted mid-run: no duplicate, no lost row', () => {
    const { ref, wrapTransport } = duringRun((n, h) => {
      // The first row (entry 1, already posted) is deleted; then, while the second chunk
      // of rows is being sent, the sheet is sorted by Title, descending.
      if (n === 3) h.sheet().userDeleteRows(2, 1);
      if (n === 12) h.sheet().sortRows(2, false);
    });
    const h = harness({ sheets: [{ name: 'Tickets', rows: entries() }], wrapTransport });
    ref.h = h;
    runUntilSettled(h);

    for (let i = 1; i <= 15; i++) expect([i, countLines(h, entryLine(i))]).toEqual([i, 1]);
    expect(h.texts()).toHaveLength(15);
    expect(h.texts().filter(isUpdate)).toEqual([]);
    const table = h.table();
    expect(table.map((r) => r.Title)).not.toContain('entry 1');
    expect(table).toHaveLength(14);
    for (const row of table) expect([row.Title, row['Chat Status']]).toEqual([row.Title, 'SENT']);
    const ids = ledgers(h).map((l) => l?.id);
    expect(new Set(ids).size).toBe(14);
    const posts = h.runtime.urlFetch.requests.length;
    h.run('runScheduled');
    expect(h.runtime.urlFetch.requests.length).toBe(posts);
  });
});

describe('a column inserted left of the Chat columns while a run is sending', () => {
  it('never overwrites the new column; statuses land under the Chat headers; no duplicate', () => {
    const notes = (r: number) => `note ${r - 1}`;
    const { ref, wrapTransport } = duringRun((n, h) => {
      if (n !== 3) return;
      // Someone inserts a "Notes" column after Title and starts typing notes.
      const s = h.sheet();
      s.insertColumnsBefore(3, 1);
      s.setRowValues(1, ['Notes'], 3);
      for (let r = 2; r <= 13; r++) s.setRowValues(r, [notes(r)], 3);
    });
    const rows = [
      ['ID', 'Title'],
      ...Array.from({ length: 12 }, (_, i) => [`T-${i + 1}`, `row ${i + 1}`]),
    ];
    const h = harness({ sheets: [{ name: 'Tickets', rows }], wrapTransport });
    ref.h = h;
    const expectedNotes = Array.from({ length: 12 }, (_, i) => notes(i + 2));

    h.run('runScheduled');
    expect(headerRow(h).slice(0, 3)).toEqual(['ID', 'Title', 'Notes']);
    expect(h.column('Notes')).toEqual(expectedNotes);
    expect(h.column('Title')).toEqual(rows.slice(1).map((r) => r[1]));

    runUntilSettled(h);
    expect(headerRow(h)).toEqual([
      'ID',
      'Title',
      'Notes',
      ...HEADERS,
      'Chat Ledger',
      'Chat Outbox',
    ]);
    expect(h.column('Notes')).toEqual(expectedNotes);
    expect(h.column('ID')).toEqual(rows.slice(1).map((r) => r[0]));
    expect(h.column('Chat Status')).toEqual(Array(12).fill('SENT'));
    expect(h.column('Chat Error')).toEqual(Array(12).fill(''));
    for (const thread of h.column('Chat Thread'))
      expect(thread).toMatch(/^spaces\/AAAA\/threads\//);
    for (const version of h.column('Chat Version')) expect(version).toMatch(/^v1:/);
    for (const ledger of ledgers(h)) expect(ledger?.id).toEqual(expect.any(String));
    // Each ticket posted as new exactly once; the notes may add one update each at most.
    for (let i = 1; i <= 12; i++) {
      const about = h.texts().filter((t) => t.split('\n')[2] === `*ID*: T-${i}`);
      expect([i, about.filter(isNew).length]).toEqual([i, 1]);
      expect(about.length).toBeLessThanOrEqual(2);
    }
    // Only the notes changed after a row was posted: nothing else shows up as changed.
    for (const t of h.texts().filter(isUpdate)) {
      expect(t.split('\n').slice(3, -1)).toEqual([
        expect.stringMatching(/^\*Notes\*: \(empty\) → note \d+$/),
      ]);
    }
  });
});

describe('a damaged Chat Ledger cell', () => {
  it('a SENT row whose ledger is garbage and that is then edited is delivered and settles', () => {
    const h = harness({
      sheets: [
        {
          name: 'Tickets',
          rows: [
            ['ID', 'Title'],
            ['T-1', 'Printer on fire'],
            ['T-2', 'Coffee'],
          ],
        },
      ],
    });
    h.run('runScheduled');
    const s = h.sheet();
    const ledgerColumn = headerRow(h).indexOf('Chat Ledger') + 1;
    s.setRowValues(2, ['garbage'], ledgerColumn);
    s.setRowValues(2, ['T-1', 'Printer STILL on fire']);

    h.run('runScheduled');
    const added = h.texts().slice(2);
    expect(added).toHaveLength(1);
    expect(added[0]).toContain('*ID*: T-1');
    expect(added[0]).toContain('Printer STILL on fire');
    expect(h.table()[0]['Chat Status']).toBe('SENT');
    expect(h.table()[0]['Chat Error']).toBe('');
    const [ledger] = ledgers(h);
    expect(ledger?.id).toEqual(expect.any(String));

    const posts = h.runtime.urlFetch.requests.length;
    h.run('runScheduled');
    expect(h.runtime.urlFetch.requests.length).toBe(posts);
  });
});

describe('a Chat Outbox cell edited by hand', () => {
  it.each(['card', 'text'])(
    'as %s, a mention added to the message in flight never reaches Chat: the row goes out rebuilt, once',
    (format) => {
      const h = harness({
        sheets: [
          {
            name: 'Tickets',
            rows: [
              ['ID', 'Title'],
              ['T-1', 'Printer on fire'],
            ],
          },
        ],
        config: { format },
      });
      // Chat creates the message, but its answer is lost: the row stays PENDING, its outbox kept.
      h.chat.injectFault({ drop: 'after-commit', times: 1000 });
      h.run('sendPendingRows');
      expect(h.column('Chat Status')).toEqual(['PENDING']);
      expect(h.chat.messages(h.chat.spaces()[0].space)).toHaveLength(1);
      const s = h.sheet();
      const outboxColumn = headerRow(h).indexOf('Chat Outbox') + 1;
      const entries = JSON.parse(h.column('Chat Outbox')[0]);
      entries[0].msg.text = '<users/all> please look';
      s.setRowValues(2, [JSON.stringify(entries)], outboxColumn);

      h.chat.clearFaults();
      h.clock.advance(60000);
      h.run('sendPendingRows');
      const posted = h.chat.messages(h.chat.spaces()[0].space);
      expect(posted).toHaveLength(1);
      expect(JSON.stringify(posted)).not.toContain('<users/all>');
      expect(h.runtime.urlFetch.requests.map((r) => JSON.stringify(r)).join()).not.toContain(
        'users/all',
      );
      expect(h.column('Chat Status')).toEqual(['SENT']);
      expect(h.lastAlert()).toMatch(
        /1 row whose hidden Chat Outbox cell did not hold messages as Chat Relay wrote them/,
      );
      const posts = h.runtime.urlFetch.requests.length;
      h.run('runScheduled');
      expect(h.runtime.urlFetch.requests.length).toBe(posts);
    },
  );
});

describe('the 50,000-character cell limit', () => {
  it('keeps every Chat Ledger cell within 50,000 characters; a later edit is still an update reply', () => {
    const columns = 100;
    const header = Array.from({ length: columns }, (_, i) => `Q${i + 1} `.padEnd(200, 'x'));
    const paragraph = (n: number) => 'He said "ok" \\ {"a": [1]}\n'.repeat(n).slice(0, 300);
    const rows = [
      header,
      Array.from({ length: columns }, (_, i) => `${i}`.padEnd(300, 'y')),
      Array.from({ length: columns }, (_, i) => `${i} ${paragraph(20)}`.slice(0, 300)),
      Array.from({ length: columns }, (_, i) => `${i}${'"'.repeat(299)}`),
    ];
    const h = harness({ sheets: [{ name: 'Tickets', rows }] });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    expect(h.texts().every(isNew)).toBe(true);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    const lengths = h.column('Chat Ledger').map((cell) => cell.length);
    for (const length of lengths) {
      expect(length).toBeGreaterThan(0);
      expect(length).toBeLessThanOrEqual(50000);
    }
    for (const ledger of ledgers(h)) expect(ledger?.id).toEqual(expect.any(String));

    // Edit one cell of the first row (the second column, so that it shows whether the reply
    // lists the changes or, when the ledger could not keep the old values, every field as
    // it is now): the next run replies in that row's thread.
    const thread = h.table()[0]['Chat Thread'];
    h.sheet().setRowValues(2, ['changed value'], 2);
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(4);
    const reply = h.messages()[3];
    expect(isUpdate(String(reply.text))).toBe(true);
    expect(String(reply.text)).toContain('changed value');
    expect(h.table()[0]['Chat Thread']).toBe(thread);
    expect(h.threads().find((t) => t.name === thread)?.messages).toHaveLength(2);
    expect(h.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    for (const cell of h.column('Chat Ledger')) expect(cell.length).toBeLessThanOrEqual(50000);
  });
});

describe('Chat refuses the webhook itself', () => {
  const rows = [
    ['ID', 'Title'],
    ...Array.from({ length: 5 }, (_, i) => [`T-${i + 1}`, `row ${i + 1}`]),
  ];
  const cases: Array<[number, string, RegExp]> = [
    [404, 'NOT_FOUND', /404|NOT_FOUND|not found/i],
    [403, 'PERMISSION_DENIED', /403|PERMISSION_DENIED|permission/i],
  ];

  it.each(cases)(
    '%i %s: a menu run stops at the first refusal, fails no row, and names CHAT_WEBHOOK_URL',
    (status, _, refusal) => {
      const h = harness({ sheets: [{ name: 'Tickets', rows }] });
      h.chat.injectFault({ status, times: 1000 });
      h.run('sendPendingRows');
      expect(h.runtime.urlFetch.requests.length).toBe(1);
      expect(h.texts()).toHaveLength(0);
      for (const s of h.column('Chat Status')) expect(['', 'PENDING']).toContain(s);
      const alert = h.lastAlert();
      expect(alert).toMatch(/CHAT_WEBHOOK_URL/);
      expect(alert).toMatch(refusal);
      expect(alert).not.toContain(h.token);

      h.chat.clearFaults();
      h.run('sendPendingRows');
      expect(h.texts()).toHaveLength(5);
      expect(new Set(h.texts()).size).toBe(5);
      expect(h.texts().every(isNew)).toBe(true);
      expect(h.column('Chat Status')).toEqual(Array(5).fill('SENT'));
      expect(h.column('Chat Error')).toEqual(Array(5).fill(''));
    },
  );

  it.each(cases)(
    '%i %s: a trigger run stops at the first refusal and throws, naming CHAT_WEBHOOK_URL',
    (status, _, refusal) => {
      const h = harness({ sheets: [{ name: 'Tickets', rows }] });
      h.chat.injectFault({ status, times: 1000 });
      const error = thrownBy(() => h.runtime.callAsTrigger('runScheduled', {}));
      h.clock.advance(5000);
      expect(error).not.toBeNull();
      expect(error).toMatch(/CHAT_WEBHOOK_URL/);
      expect(error).toMatch(refusal);
      expect(error).not.toContain(h.token);
      expect(h.runtime.urlFetch.requests.length).toBe(1);
      for (const s of h.column('Chat Status')) expect(['', 'PENDING']).toContain(s);

      h.chat.clearFaults();
      h.runtime.callAsTrigger('runScheduled', {});
      expect(h.texts()).toHaveLength(5);
      expect(new Set(h.texts()).size).toBe(5);
      expect(h.column('Chat Status')).toEqual(Array(5).fill('SENT'));
    },
  );
});

describe('a webhook that fails every message the same way (a deleted webhook answering 400?)', () => {
  it('holds its rows PENDING and names it; the other spaces’ rows go out; the next run sends them once it works', () => {
    const rows = [
      ['ID', 'Title', 'Team'],
      ...Array.from({ length: 5 }, (_, i) => [`O-${i + 1}`, `ops ${i + 1}`, 'Ops']),
      ['D-1', 'desk 1', 'Desk'],
      ['D-2', 'desk 2', 'Desk'],
    ];
    const h = harness({
      sheets: [{ name: 'Tickets', rows }],
      config: { routes: [{ when: { column: 'Team', equals: 'Ops' }, webhook: 'OPS' }] },
    });
    h.addWebhook('OPS', 'OPS1');
    h.chat.injectFault({ status: 400, space: 'OPS1', times: 1000 });
    h.run('sendPendingRows');
    expect(h.texts('OPS1')).toHaveLength(0);
    expect(h.texts()).toHaveLength(2);
    expect(h.column('Chat Status')).toEqual([...Array(5).fill('PENDING'), 'SENT', 'SENT']);
    h.column('Chat Error')
      .slice(0, 3)
      .forEach((e) =>
        expect(e).toMatch(
          /^Chat refused 3 messages to this webhook with the same error and accepted none: the webhook itself looks broken \(HTTP 400/,
        ),
      );
    const alert = h.lastAlert();
    expect(alert).toMatch(/Chat refused the webhook in CHAT_WEBHOOK_URL_OPS: HTTP 400/);
    expect(alert).toMatch(/the same error for 3 messages, none accepted/);
    expect(alert).toMatch(/stay PENDING/);
    expect(alert).not.toMatch(/FAILED/);
    expect(alert).not.toContain(h.token);

    h.chat.clearFaults();
    h.clock.advance(60000);
    h.run('sendPendingRows');
    expect(h.texts('OPS1')).toHaveLength(5);
    expect(new Set(h.texts('OPS1')).size).toBe(5);
    expect(h.column('Chat Status')).toEqual(Array(7).fill('SENT'));
    expect(h.column('Chat Error')).toEqual(Array(7).fill(''));
  });

  it('a single message Chat refuses still fails its own row only', () => {
    const rows = [
      ['ID', 'Title'],
      ...Array.from({ length: 4 }, (_, i) => [`T-${i + 1}`, `row ${i + 1}`]),
    ];
    const h = harness({ sheets: [{ name: 'Tickets', rows }] });
    h.chat.injectFault({ status: 400, times: 1 });
    h.run('sendPendingRows');
    expect(h.column('Chat Status')).toEqual(['FAILED', 'SENT', 'SENT', 'SENT']);
    expect(h.lastAlert()).toMatch(/1 FAILED/);
    expect(h.lastAlert()).not.toMatch(/refused the webhook/);
  });
});

describe('secrets pasted into CHAT_RELAY_CONFIG', () => {
  const url = 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=SECRETKEY&token=SECRETTOKEN';
  const cases: Array<[string, Record<string, unknown>]> = [
    ['keyColumn', { keyColumn: url }],
    ['sheet', { sheet: url }],
  ];

  it.each(cases)('a webhook URL as %s is never echoed', (setting, config) => {
    const h = harness({ config });
    h.run('sendPendingRows');
    const alert = h.lastAlert();
    expect(alert).toMatch(/CHAT_RELAY_CONFIG/);
    expect(alert).toMatch(new RegExp(`\\b${setting}\\b`));
    expect(alert).not.toMatch(/SECRETKEY|SECRETTOKEN/);

    const error = thrownBy(() => h.runtime.callAsTrigger('runScheduled', {}));
    expect(error).not.toBeNull();
    expect(error).toMatch(/CHAT_RELAY_CONFIG/);
    expect(error).toMatch(new RegExp(`\\b${setting}\\b`));
    expect(error).not.toMatch(/SECRETKEY|SECRETTOKEN/);
    expect(h.runtime.logs.join('\n')).not.toMatch(/SECRETKEY|SECRETTOKEN/);
    expect(h.runtime.urlFetch.requests.length).toBe(0);
  });
});

describe('a title row inserted above the header', () => {
  it('posts nothing, appends no Chat columns, and names row 2 and headerRow', () => {
    const rows = [
      ['ID', 'Title'],
      ...Array.from({ length: 5 }, (_, i) => [`T-${i + 1}`, `row ${i + 1}`]),
    ];
    const h = harness({ sheets: [{ name: 'Tickets', rows }] });
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(5);
    const s = h.sheet();
    const width = s.lastColumn();
    s.userInsertRowsBefore(1, 1);
    s.setRowValues(1, ['Support tickets 2026']);
    const posts = h.runtime.urlFetch.requests.length;

    h.run('sendPendingRows');
    expect(h.runtime.urlFetch.requests.length).toBe(posts);
    expect(s.lastColumn()).toBe(width);
    expect(s.displayRows()[0].filter((v) => v !== '')).toEqual(['Support tickets 2026']);
    const alert = h.lastAlert();
    expect(alert).toMatch(/headerRow/);
    expect(alert).toMatch(/\b2\b/);

    thrownBy(() => h.runtime.callAsTrigger('runScheduled', {}));
    expect(h.runtime.urlFetch.requests.length).toBe(posts);
    expect(s.lastColumn()).toBe(width);
    expect(h.texts()).toHaveLength(5);
  });
});

describe('Spreadsheet I/O around a run', () => {
  it('flushes the sheet after sending, before releasing the lock; an idle run does not flush', () => {
    const events: Array<{ what: 'post' | 'release'; at: number }> = [];
    const ref: { h: Harness | null } = { h: null };
    const at = () => ref.h?.runtime.serviceCalls.length ?? -1;
    const h = harness({
      wrapTransport: (t) => (req) => {
        events.push({ what: 'post', at: at() });
        return t(req);
      },
    });
    ref.h = h;
    const lock = h.runtime.lock.getScriptLock();
    const release = lock.releaseLock.bind(lock);
    lock.releaseLock = () => {
      events.push({ what: 'release', at: at() });
      release();
    };

    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    const calls = h.runtime.serviceCalls;
    const flush = calls.lastIndexOf('SpreadsheetApp.flush');
    expect(flush).toBeGreaterThanOrEqual(0);
    const lastPost = Math.max(...events.filter((e) => e.what === 'post').map((e) => e.at));
    const released = events.filter((e) => e.what === 'release').map((e) => e.at);
    expect(released).toHaveLength(1);
    // serviceCalls[flush] was recorded after the last POST and before releaseLock.
    expect(flush).toBeGreaterThanOrEqual(lastPost);
    expect(flush).toBeLessThan(released[0]);

    const before = calls.length;
    h.run('runScheduled');
    expect(h.texts()).toHaveLength(3);
    expect(calls.slice(before)).not.toContain('SpreadsheetApp.flush');
  });

  it('an idle run reads no Chat Ledger cell when no row is FAILED or PENDING', () => {
    const n = 50;
    const long = (i: number, c: string) => `${i} `.padEnd(400, c);
    const rows = [
      ['ID', 'Title', 'Body', 'Notes'],
      ...Array.from({ length: n }, (_, i) => [
        `T-${i + 1}`,
        long(i, 't'),
        long(i, '"'),
        long(i, '\n'),
      ]),
    ];
    const h = harness({ sheets: [{ name: 'Tickets', rows }], latencyMs: 10 });
    runUntilSettled(h, 10);
    expect(h.column('Chat Status')).toEqual(Array(n).fill('SENT'));
    const header = headerRow(h);
    const totalColumns = header.length;
    const ledgerColumn = header.indexOf('Chat Ledger') + 1;
    expect(totalColumns).toBe(11);
    expect(h.column('Chat Ledger').every((c) => c.length > 1000)).toBe(true);

    // Every range read during the idle run, by position.
    const reads: Array<{ row: number; column: number; numRows: number; numColumns: number }> = [];
    const proto = FakeRange.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
    const originals: Record<string, (...a: unknown[]) => unknown> = {};
    for (const method of ['getValues', 'getDisplayValues', 'getValue', 'getDisplayValue']) {
      originals[method] = proto[method];
      proto[method] = function (this: FakeRange, ...args: unknown[]) {
        reads.push({
          row: this.row,
          column: this.column,
          numRows: this.numRows,
          numColumns: this.numColumns,
        });
        return originals[method].apply(this, args);
      };
    }
    const posts = h.runtime.urlFetch.requests.length;
    h.workbook.calls.reset();
    try {
      h.run('runScheduled');
    } finally {
      Object.assign(proto, originals);
    }
    expect(h.runtime.urlFetch.requests.length).toBe(posts);
    const ledgerCellsRead = reads.filter(
      (r) =>
        r.row + r.numRows - 1 >= 2 &&
        r.column <= ledgerColumn &&
        r.column + r.numColumns - 1 >= ledgerColumn,
    );
    expect(ledgerCellsRead).toEqual([]);
    const cellsRead = h.workbook.calls.cellsRead;
    expect(cellsRead).toBeLessThan(n * totalColumns);
    expect(cellsRead).toBeLessThanOrEqual((n + 1) * (totalColumns - 1) + totalColumns);
  });
});
