import { validateMessageBody } from '../../local/chat-emulator/message-schema';
import { handleFormSubmit } from '../../src/app/handle-form-submit';
import { runScheduled } from '../../src/app/run-scheduled';
import { sendPendingRows } from '../../src/app/send-pending-rows';
import { sendSelectedRows } from '../../src/app/send-selected-rows';
import { LOCK_WAIT_MS, menuReport } from '../../src/app/relay-under-lock';
import { describeSummary } from '../../src/app/wording';
import { threadKeyFor } from '../../src/relay/ids';
import { RunSummary } from '../../src/relay/run';
import { FakeHttp, WEBHOOK, created, expectNoSecrets, rpcError } from '../chat/fakes';
import { Cell, FakeSheet, FakeWorld, WorldOptions, bodies, fakeWorld, requestIds } from './fakes';

const HEADERS = ['ID', 'Title', 'Owner'];
const LEDGER_HEADERS = [
  'Chat Status',
  'Chat Thread',
  'Chat Sent At',
  'Chat Error',
  'Chat Version',
  'Chat Ledger',
];

function ticket(n: number): Cell[] {
  return [`T-${n}`, `Printer ${n} is jammed`, `owner${n}@example.com`];
}

function tickets(count: number, name = 'Tickets', sheetId = 101): FakeSheet {
  const rows: Cell[][] = [HEADERS];
  for (let n = 1; n <= count; n++) rows.push(ticket(n));
  return new FakeSheet(name, sheetId, rows);
}

function world(sheets: FakeSheet[], options: WorldOptions = {}): FakeWorld {
  return fakeWorld({
    sheets,
    ...options,
    properties: options.properties ?? { CHAT_WEBHOOK_URL: WEBHOOK },
  });
}

/** The thread key each body names, turned back into the row key it stands for. */
function keysPosted(w: FakeWorld, sheet: FakeSheet, candidates: string[]): string[] {
  const byThread = new Map(
    candidates.map((key) => [
      threadKeyFor({ spreadsheetId: w.spreadsheet.getId(), sheetId: sheet.getSheetId() }, key),
      key,
    ]),
  );
  return bodies(w.http).map((b) => byThread.get(b.thread?.threadKey ?? '') ?? '?');
}

const KEYS = Array.from({ length: 30 }, (_v, i) => `T-${i + 1}`);

/** Every cell of every sheet, as shown. */
function allCells(w: FakeWorld): string[] {
  return w.spreadsheet.getSheets().flatMap((s) => s.display().flat());
}

describe('sendPendingRows', () => {
  it('sends every new row once, records SENT in appended ledger columns and alerts a summary', () => {
    const sheet = tickets(3);
    const w = world([sheet, tickets(1, 'Other', 202)]);
    sendPendingRows(w.services);

    expect(w.http.calls).toHaveLength(3);
    expect(keysPosted(w, sheet, KEYS)).toEqual(['T-1', 'T-2', 'T-3']);
    expect(w.ui.alerts).toEqual(['Chat Relay, sheet "Tickets": Sent 3 messages.']);

    expect(sheet.headers()).toEqual(HEADERS.concat(LEDGER_HEADERS));
    expect(sheet.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(sheet.column('Chat Error')).toEqual(['', '', '']);
    sheet.column('Chat Thread').forEach((t) => expect(t).toMatch(/^spaces\/AAAASpace1\/threads\//));
    // Only "Chat Version" and "Chat Ledger" (columns H and I) are hidden.
    expect([...sheet.hidden].sort()).toEqual([8, 9]);
    // The user's cells are untouched.
    expect(sheet.display().map((r) => r.slice(0, 3))).toEqual(
      [HEADERS].concat([1, 2, 3].map((n) => ticket(n).map(String))),
    );
  });

  it('posts valid bodies, one per row and thread, with distinct requestIds, and no secret anywhere', () => {
    const sheet = tickets(3);
    const w = world([sheet]);
    sendPendingRows(w.services);

    for (const body of bodies(w.http)) {
      expect(validateMessageBody(body)).toEqual([]);
      expect(body.text).toMatch(/^\*New row in Tickets\*/);
    }
    expect(new Set(bodies(w.http).map((b) => b.thread?.threadKey)).size).toBe(3);
    expect(new Set(requestIds(w.http)).size).toBe(3);
    expect(bodies(w.http)[1].text).toContain('Printer 2 is jammed');
    expectNoSecrets(w.ui.alerts, w.logger.lines, allCells(w), w.spreadsheet.toasts);
  });

  it('takes and releases the script lock, waiting the menu time', () => {
    const w = world([tickets(1)]);
    sendPendingRows(w.services);
    expect(w.locks.waits).toEqual([LOCK_WAIT_MS.menu]);
    expect(w.locks.heldByUs).toBe(false);
  });

  it('sends nothing the second time and says so', () => {
    const sheet = tickets(3);
    const w = world([sheet]);
    sendPendingRows(w.services);
    const after = sheet.display();
    sendPendingRows(w.services);

    expect(w.http.calls).toHaveLength(3);
    expect(w.ui.alerts[1]).toBe(
      'Chat Relay, sheet "Tickets": nothing to send: every row is up to date.',
    );
    expect(sheet.display()).toEqual(after);
  });

  it('reads an idle sheet in the same number of range calls whatever its size', () => {
    const counts = [3, 30].map((n) => {
      const sheet = tickets(n);
      const w = world([sheet]);
      sendPendingRows(w.services);
      const before = sheet.rangeCalls();
      sendPendingRows(w.services);
      return sheet.rangeCalls() - before;
    });
    expect(counts[0]).toBe(counts[1]);
  });

  it('sends an edited row again, as an update in the same thread', () => {
    const sheet = tickets(2);
    const w = world([sheet]);
    sendPendingRows(w.services);
    sheet.edit(3, 3, 'someone.else@example.com');
    sendPendingRows(w.services);

    expect(w.http.calls).toHaveLength(3);
    const [, second, update] = bodies(w.http);
    expect(update.thread?.threadKey).toBe(second.thread?.threadKey);
    expect(update.text).toMatch(/^\*Row updated in Tickets\*/);
    expect(update.text).toContain('owner2@example.com → someone.else@example.com');
    expect(w.ui.alerts[1]).toBe('Chat Relay, sheet "Tickets": Sent 1 message.');
  });

  it('inserts grid columns when the sheet is too narrow, and none when it has room', () => {
    const narrow = tickets(1);
    sendPendingRows(world([narrow]).services);
    expect(narrow.calls.insertColumnsAfter).toBe(1);
    expect(narrow.getMaxColumns()).toBe(9);

    const wide = new FakeSheet('Tickets', 1, [HEADERS, ticket(1)], { maxColumns: 26 });
    sendPendingRows(world([wide]).services);
    expect(wide.calls.insertColumnsAfter).toBe(0);
    expect(wide.headers()).toEqual(HEADERS.concat(LEDGER_HEADERS));
  });

  it('toasts progress as "Sent N of M…", throttled, ending with the total', () => {
    const w = world([tickets(12)]);
    sendPendingRows(w.services);
    const messages = w.spreadsheet.toasts.map((t) => t.msg);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.length).toBeLessThan(12);
    messages.forEach((m) => expect(m).toMatch(/^Sent \d+ of 12…$/));
    expect(messages[messages.length - 1]).toBe('Sent 12 of 12…');
    w.spreadsheet.toasts.forEach((t) => expect(t.title).toBe('Chat Relay'));
  });

  it('reports rows Chat refused as FAILED with the reason in Chat Error', () => {
    const sheet = tickets(3);
    const w = world([sheet], {
      http: (clock) =>
        new FakeHttp(clock, (call, i) =>
          JSON.parse(call.params.payload).text.includes('T-2')
            ? rpcError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.')
            : created('AAAASpace1', i),
        ),
    });
    sendPendingRows(w.services);

    expect(w.ui.alerts[0]).toBe(
      'Chat Relay, sheet "Tickets": Sent 2 messages, 1 FAILED (see Chat Error).',
    );
    expect(sheet.column('Chat Status')).toEqual(['SENT', 'FAILED', 'SENT']);
    expect(sheet.column('Chat Error')[1]).toBe(
      'HTTP 400 INVALID_ARGUMENT: Invalid JSON payload received.',
    );
  });

  it('leaves rows PENDING while Chat is down, stops early, and retries them with the same requestIds', () => {
    const sheet = tickets(5);
    let down = true;
    const w = world([sheet], {
      http: (clock) =>
        new FakeHttp(clock, (_call, i) =>
          down ? { throw: 'Exception: Address unavailable: {url}' } : created('AAAASpace1', i),
        ),
    });
    sendPendingRows(w.services);

    expect(w.ui.alerts[0]).toBe(
      'Chat Relay, sheet "Tickets": Sent 0 messages, 3 PENDING (Chat failed for now; retried by the next run), ' +
        '2 rows left for the next run. Stopped early: Chat is not accepting messages ' +
        '(gave up after 5 attempts; last error: request failed: Exception: Address unavailable: ' +
        'https://chat.googleapis.com/v1/spaces/AAAASpace1/messages?key=REDACTED&token=REDACTED' +
        `&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD&requestId=${requestIds(w.http)[10]}).`,
    );
    // The whole chunk was written ahead as PENDING; only the rows tried carry an error.
    expect(sheet.column('Chat Status')).toEqual([
      'PENDING',
      'PENDING',
      'PENDING',
      'PENDING',
      'PENDING',
    ]);
    sheet
      .column('Chat Error')
      .slice(0, 3)
      .forEach((e) => expect(e).toMatch(/^Will retry: /));
    expect(sheet.column('Chat Error').slice(3)).toEqual(['', '']);
    expectNoSecrets(w.ui.alerts, w.logger.lines, allCells(w));

    const tried = Array.from(new Set(requestIds(w.http)));
    expect(tried).toHaveLength(3);
    down = false;
    const before = w.http.calls.length;
    sendPendingRows(w.services);
    expect(requestIds(w.http).slice(before, before + 3)).toEqual(tried);
    expect(w.ui.alerts[1]).toBe('Chat Relay, sheet "Tickets": Sent 5 messages.');
    expect(sheet.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
    expect(sheet.column('Chat Error')).toEqual(['', '', '', '', '']);
  });

  it('marks a row with an empty key FAILED, naming the key column, and sends the others', () => {
    const sheet = new FakeSheet('Tickets', 101, [
      HEADERS,
      ticket(1),
      ['', 'No id', 'x@example.com'],
      ticket(3),
    ]);
    const w = world([sheet]);
    sendPendingRows(w.services);
    expect(w.http.calls).toHaveLength(2);
    expect(w.ui.alerts[0]).toBe(
      'Chat Relay, sheet "Tickets": Sent 2 messages, 1 FAILED (see Chat Error).',
    );
    expect(sheet.column('Chat Status')).toEqual(['SENT', 'FAILED', 'SENT']);
    expect(sheet.column('Chat Error')[1]).toMatch(/The key column "ID" is empty/);
  });

  it('says there is nothing to send on a sheet with headers only', () => {
    const w = world([new FakeSheet('Tickets', 101, [HEADERS])]);
    sendPendingRows(w.services);
    expect(w.ui.alerts[0]).toBe(
      'Chat Relay, sheet "Tickets": nothing to send: every row is up to date.',
    );
    expect(w.http.calls).toHaveLength(0);
  });

  it('names the missing header row of an empty sheet', () => {
    const w = world([new FakeSheet('Tickets', 101, [])]);
    sendPendingRows(w.services);
    expect(w.ui.alerts[0]).toMatch(/^Chat Relay cannot send pending rows: nothing was sent\./);
    expect(w.ui.alerts[0]).toMatch(/Sheet "Tickets" has no headers in row 1/);
    expect(w.locks.heldByUs).toBe(false);
  });

  it('tells the user another run holds the lock, and touches neither Chat nor the sheet', () => {
    const sheet = tickets(3);
    const before = sheet.display();
    const w = world([sheet]);
    w.locks.heldByOther = true;
    sendPendingRows(w.services);

    expect(w.ui.alerts).toHaveLength(1);
    expect(w.ui.alerts[0]).toMatch(/^Another Chat Relay run is in progress/);
    expect(w.ui.alerts[0]).toMatch(/nothing was sent/);
    expect(w.http.calls).toHaveLength(0);
    expect(sheet.display()).toEqual(before);
  });

  describe.each([
    ['no CHAT_WEBHOOK_URL', {}, /CHAT_WEBHOOK_URL is not set/],
    [
      'only a named webhook',
      { CHAT_WEBHOOK_URL_OPS: WEBHOOK },
      /CHAT_WEBHOOK_URL is not set: add it under Project Settings → Script properties/,
    ],
    [
      'CHAT_RELAY_CONFIG is not JSON',
      { CHAT_WEBHOOK_URL: WEBHOOK, CHAT_RELAY_CONFIG: "{sheet: 'Tickets'}" },
      /CHAT_RELAY_CONFIG is not valid JSON/,
    ],
    [
      'an unknown sheet',
      { CHAT_WEBHOOK_URL: WEBHOOK, CHAT_RELAY_CONFIG: '{"sheet": "Tikets"}' },
      /CHAT_RELAY_CONFIG sheet "Tikets" does not exist \(sheets: Tickets, Other\)/,
    ],
    [
      'an unknown keyColumn',
      { CHAT_WEBHOOK_URL: WEBHOOK, CHAT_RELAY_CONFIG: '{"keyColumn": "Ref"}' },
      /CHAT_RELAY_CONFIG keyColumn "Ref" is not a header in row 1 of sheet "Tickets" \(headers: ID, Title, Owner\)/,
    ],
    [
      'a broken webhook URL',
      { CHAT_WEBHOOK_URL: 'https://chat.googleapis.com/v1/spaces/AAAA/messages?key=k' },
      /CHAT_WEBHOOK_URL is not a Chat webhook URL: is missing the token parameter/,
    ],
  ])('when misconfigured (%s)', (_name, properties: Record<string, string>, problem) => {
    function sheets() {
      return [tickets(3), tickets(1, 'Other', 202)];
    }

    it('the menu alerts the problem, posts nothing and marks no row SENT', () => {
      const w = world(sheets(), { properties });
      const before = allCells(w);
      sendPendingRows(w.services);

      expect(w.ui.alerts).toHaveLength(1);
      expect(w.ui.alerts[0]).toMatch(/^Chat Relay cannot send pending rows: nothing was sent\./);
      expect(w.ui.alerts[0]).toMatch(problem);
      expect(w.http.calls).toHaveLength(0);
      expect(allCells(w)).not.toContain('SENT');
      expect(allCells(w)).not.toContain('PENDING');
      // Nothing is written either: not even the ledger headers.
      expect(allCells(w)).toEqual(before);
      expect(w.locks.heldByUs).toBe(false);
      expectNoSecrets(w.ui.alerts, w.logger.lines);
    });

    it('the schedule throws an Error naming the problem (so the owner is e-mailed)', () => {
      const w = world(sheets(), { properties, context: 'trigger' });
      let thrown: unknown;
      try {
        runScheduled(w.services);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toMatch(/^Chat Relay is misconfigured: /);
      expect((thrown as Error).message).toMatch(problem);
      expect(w.http.calls).toHaveLength(0);
      expect(allCells(w)).not.toContain('SENT');
      expect(w.locks.heldByUs).toBe(false);
    });

    it('a form submission throws too', () => {
      const w = world(sheets(), { properties, context: 'trigger' });
      const sheet = w.spreadsheet.getSheets()[0];
      expect(() => handleFormSubmit(w.services, { range: sheet.getRange(4, 1, 1, 3) })).toThrow(
        problem,
      );
      expect(w.http.calls).toHaveLength(0);
    });
  });
});

describe('runScheduled', () => {
  it('sends what is due without touching the UI, waiting the scheduled lock time', () => {
    const sheet = tickets(3);
    const w = world([sheet], { context: 'trigger' });
    runScheduled(w.services);

    expect(w.http.calls).toHaveLength(3);
    expect(sheet.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(w.touched.ui).toBe(0);
    expect(w.spreadsheet.toasts).toEqual([]);
    expect(w.locks.waits).toEqual([LOCK_WAIT_MS.scheduled]);
    expect(w.logger.lines.join('\n')).toMatch(
      /Chat Relay scheduled run on "Tickets": Sent 3 messages\./,
    );
  });

  it('returns quietly without posting when another run holds the lock', () => {
    const sheet = tickets(3);
    const before = sheet.display();
    const w = world([sheet], { context: 'trigger' });
    w.locks.heldByOther = true;

    expect(() => runScheduled(w.services)).not.toThrow();
    expect(w.http.calls).toHaveLength(0);
    expect(sheet.display()).toEqual(before);
    expect(w.touched.ui).toBe(0);
  });

  it('uses the sheet named by CHAT_RELAY_CONFIG, else the first sheet', () => {
    const first = tickets(1, 'First', 1);
    const second = tickets(2, 'Second', 2);
    const w = world([first, second], {
      context: 'trigger',
      properties: { CHAT_WEBHOOK_URL: WEBHOOK, CHAT_RELAY_CONFIG: '{"sheet": "Second"}' },
    });
    runScheduled(w.services);
    expect(w.http.calls).toHaveLength(2);
    expect(first.headers()).toEqual(HEADERS);

    const w2 = world([tickets(1, 'First', 1), tickets(2, 'Second', 2)], { context: 'trigger' });
    runScheduled(w2.services);
    expect(w2.http.calls).toHaveLength(1);
  });
});

describe('handleFormSubmit', () => {
  function formSheets() {
    // The form writes to its own sheet, which is not the first one.
    return [new FakeSheet('Notes', 1, [['Note'], ['keep me']]), tickets(3, 'Form Responses 1', 77)];
  }

  it('sends the submitted row first, then anything else due, on the event sheet', () => {
    const [notes, responses] = formSheets();
    const w = world([notes, responses], { context: 'trigger' });
    handleFormSubmit(w.services, {
      range: responses.getRange(4, 1, 1, 3),
      values: ticket(3).map(String),
    });

    expect(keysPosted(w, responses, KEYS)).toEqual(['T-3', 'T-1', 'T-2']);
    expect(responses.column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(notes.headers()).toEqual(['Note']);
    expect(w.locks.waits).toEqual([LOCK_WAIT_MS.formSubmit]);
    expect(w.touched.ui).toBe(0);
  });

  it('puts the submitted row ahead of older PENDING rows', () => {
    const sheet = tickets(3);
    const w = world([sheet], { context: 'trigger' });
    runScheduled(w.services);
    // Two earlier sends are left PENDING by a failed run; a new response arrives.
    const status = sheet.headers().indexOf('Chat Status') + 1;
    sheet.edit(2, status, 'PENDING');
    sheet.edit(3, status, 'PENDING');
    for (let c = 1; c <= 3; c++) sheet.edit(5, c, ticket(4)[c - 1]);
    handleFormSubmit(w.services, { range: sheet.getRange(5, 1, 1, 3) });

    expect(keysPosted(w, sheet, KEYS).slice(3)).toEqual(['T-4', 'T-1', 'T-2']);
  });

  it('without an event range, sends what is due', () => {
    const sheet = tickets(2);
    const w = world([sheet], { context: 'trigger' });
    handleFormSubmit(w.services, undefined);
    expect(w.http.calls).toHaveLength(2);
  });

  it('logs and returns quietly when another run holds the lock', () => {
    const [notes, responses] = formSheets();
    const w = world([notes, responses], { context: 'trigger' });
    w.locks.heldByOther = true;
    expect(() =>
      handleFormSubmit(w.services, { range: responses.getRange(4, 1, 1, 3) }),
    ).not.toThrow();
    expect(w.http.calls).toHaveLength(0);
    expect(w.logger.lines.join('\n')).toMatch(/next scheduled run sends this response/);
  });
});

describe('sendSelectedRows', () => {
  /** Rows 2-4 and 6 hold tickets; row 5 is blank. */
  function gappy(): FakeSheet {
    return new FakeSheet('Tickets', 101, [
      HEADERS,
      ticket(1),
      ticket(2),
      ticket(3),
      ['', '', ''],
      ticket(4),
    ]);
  }

  it('re-sends exactly the selected non-blank data rows, in their threads, with new requestIds', () => {
    const sheet = gappy();
    const other = tickets(5, 'Other', 202);
    const w = world([sheet, other]);
    sendPendingRows(w.services);
    expect(w.http.calls).toHaveLength(4);
    const firstIds = requestIds(w.http);
    const firstThreads = bodies(w.http).map((b) => b.thread?.threadKey);

    w.spreadsheet.selection = [
      sheet.getRange(1, 1, 3, 2), // header + T-1, T-2
      sheet.getRange(5, 2, 2, 1), // blank row + T-4
      sheet.getRange(3, 1, 1, 3), // T-2 again
      other.getRange(2, 1, 5, 3), // another sheet: ignored
    ];
    sendSelectedRows(w.services);

    expect(keysPosted(w, sheet, KEYS).slice(4)).toEqual(['T-1', 'T-2', 'T-4']);
    const again = bodies(w.http).slice(4);
    again.forEach((b) => expect(b.text).toMatch(/^\*Row re-sent from Tickets\*/));
    expect(again.map((b) => b.thread?.threadKey)).toEqual([0, 1, 3].map((i) => firstThreads[i]));
    const newIds = requestIds(w.http).slice(4);
    newIds.forEach((id) => expect(firstIds).not.toContain(id));
    expect(new Set(newIds).size).toBe(3);
    expect(w.ui.alerts[1]).toBe('Chat Relay, sheet "Tickets": Sent 3 messages.');
    expect(other.headers()).toEqual(HEADERS);
  });

  it('sends selected rows never sent before as new', () => {
    const sheet = tickets(3);
    const w = world([sheet]);
    w.spreadsheet.selection = [sheet.getRange(3, 1, 1, 1)];
    sendSelectedRows(w.services);
    expect(keysPosted(w, sheet, KEYS)).toEqual(['T-2']);
    expect(bodies(w.http)[0].text).toMatch(/^\*New row in Tickets\*/);
    expect(sheet.column('Chat Status')).toEqual(['', 'SENT', '']);
  });

  it("uses the selection's sheet when CHAT_RELAY_CONFIG names none", () => {
    const first = tickets(2, 'First', 1);
    const second = tickets(2, 'Second', 2);
    const w = world([first, second]);
    w.spreadsheet.selection = [second.getRange(2, 1, 2, 3)];
    sendSelectedRows(w.services);
    expect(keysPosted(w, second, KEYS)).toEqual(['T-1', 'T-2']);
    expect(w.ui.alerts[0]).toBe('Chat Relay, sheet "Second": Sent 2 messages.');
  });

  it.each([
    ['nothing selected', null],
    ['an empty range list', []],
  ])('asks the user to select rows when there is %s', (_name, selection) => {
    const w = world([tickets(3)]);
    w.spreadsheet.selection = selection;
    sendSelectedRows(w.services);
    expect(w.ui.alerts).toEqual([
      'Chat Relay: select the rows to send first (several ranges are fine).',
    ]);
    expect(w.http.calls).toHaveLength(0);
    expect(w.locks.waits).toEqual([]);
  });

  it.each([
    ['the header row', [[1, 1]]],
    [
      'the header and a blank row',
      [
        [1, 1],
        [5, 1],
      ],
    ],
    ['rows below the data', [[7, 3]]],
  ])('says the selection holds no data rows when it covers only %s', (_name, ranges) => {
    const sheet = gappy();
    const w = world([sheet]);
    w.spreadsheet.selection = ranges.map(([row, rows]) => sheet.getRange(row, 1, rows, 3));
    sendSelectedRows(w.services);
    expect(w.http.calls).toHaveLength(0);
    expect(w.ui.alerts).toHaveLength(1);
    expect(w.ui.alerts[0]).toMatch(
      /^Chat Relay: the selection holds no data rows of sheet "Tickets"/,
    );
  });

  it('tells the user another run holds the lock', () => {
    const sheet = tickets(3);
    const w = world([sheet]);
    w.locks.heldByOther = true;
    w.spreadsheet.selection = [sheet.getRange(2, 1, 2, 3)];
    sendSelectedRows(w.services);
    expect(w.ui.alerts[0]).toMatch(/^Another Chat Relay run is in progress/);
    expect(w.http.calls).toHaveLength(0);
  });
});

describe('describeSummary', () => {
  const base: RunSummary = {
    planned: 0,
    sent: 0,
    pending: 0,
    failed: 0,
    quiet: 0,
    marked: 0,
    notReached: 0,
    stopped: null,
    refused: null,
  };

  it('says when there is nothing to send', () => {
    expect(describeSummary(base)).toBe('nothing to send: every row is up to date.');
  });

  it('counts messages with the right plural', () => {
    expect(describeSummary({ ...base, planned: 1, sent: 1 })).toBe('Sent 1 message.');
    expect(describeSummary({ ...base, planned: 2, sent: 2 })).toBe('Sent 2 messages.');
    expect(describeSummary({ ...base, planned: 1, failed: 1 })).toBe(
      'Sent 0 messages, 1 FAILED (see Chat Error).',
    );
  });

  it('names pending, failed, quiet and not-reached rows, and why the run stopped', () => {
    expect(
      describeSummary({
        planned: 9,
        sent: 2,
        pending: 3,
        failed: 1,
        quiet: 1,
        marked: 0,
        notReached: 2,
        stopped: 'Chat is not accepting messages (HTTP 503 UNAVAILABLE)',
        refused: null,
      }),
    ).toBe(
      'Sent 2 messages, 3 PENDING (Chat failed for now; retried by the next run), ' +
        '1 FAILED (see Chat Error), 1 row updated without a message (nothing visible changed), ' +
        '2 rows left for the next run. ' +
        'Stopped early: Chat is not accepting messages (HTTP 503 UNAVAILABLE).',
    );
  });

  it('reports a time-budget stop with the rows left over', () => {
    expect(
      describeSummary({
        ...base,
        planned: 5,
        sent: 4,
        notReached: 1,
        stopped: 'time budget reached',
      }),
    ).toBe('Sent 4 messages, 1 row left for the next run. Stopped early: time budget reached.');
  });

  it('menuReport frames it with the sheet name', () => {
    expect(
      menuReport(
        { kind: 'done', sheet: 'Tickets', summary: { ...base, planned: 1, pending: 1 } },
        'x',
      ),
    ).toBe(
      'Chat Relay, sheet "Tickets": Sent 0 messages, 1 PENDING (Chat failed for now; retried by the next run).',
    );
  });
});
