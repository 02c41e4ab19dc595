/**
 * Reminders in runRelay: the clocks in each row's ledger, the reminders as
 * written ahead and sent, and the cache that keeps an idle run from reading
 * any ledger. The Chat emulator is behind UrlFetchApp; the sheets are the
 * local runtime's.
 */
import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { ChatStore } from '../../local/chat-emulator/store';
import {
  FakeClock,
  FakeSheet,
  UrlFetchAppFake,
  Workbook,
  type Transport,
} from '../../local/runtime';
import { createChatClient } from '../../src/chat/client';
import { Ledger, parseLedger, parseOutbox } from '../../src/relay/ledger-codec';
import { tableComposer } from '../../src/relay/message-context';
import { parseCache } from '../../src/relay/reminder-cache';
import { previewReminders } from '../../src/relay/reminder-preview';
import { ReminderHold } from '../../src/relay/reminders';
import {
  DEFAULT_LIMITS,
  ResolvedWebhook,
  RunLimits,
  RunReport,
  TableRun,
  runRelay,
} from '../../src/relay/run';
import { CHAT_ORIGIN, seededRandom, webhook } from '../support/rig';
import { column, open, zone } from '../support/tables';

const MIN = 60000;
const SPACE = 'AAAA';
const NEW_FOR_30M = {
  when: { column: 'Status', equals: 'New' },
  after: '30m',
  mention: 'users/123',
};
const NEW_HOURLY = { when: { column: 'Status', equals: 'New' }, every: '1h' };

class Bench {
  readonly clock = new FakeClock(Date.UTC(2026, 0, 5, 9, 0));
  readonly workbook = new Workbook({ id: 'spreadsheet-1', name: 'Helpdesk' });
  readonly chat = new ChatStore({ now: () => this.clock.now() });
  readonly http: UrlFetchAppFake;
  readonly hooks: { [name: string]: ResolvedWebhook } = {};
  cache: string | null = null;
  cacheWrites = 0;
  held: ReminderHold | undefined;
  wrap: (inner: Transport) => Transport = (inner) => inner;
  readonly sheet: FakeSheet;

  constructor(
    rows: string[][],
    readonly config: Record<string, unknown>,
  ) {
    const inner = inProcessTransport(this.chat);
    this.http = new UrlFetchAppFake((request) => this.wrap(inner)(request), this.clock);
    this.hooks.default = {
      ok: true,
      url: webhook(this.chat.registerWebhook(SPACE).url(CHAT_ORIGIN)),
    };
    this.sheet = this.workbook.addSheet('Tickets', [['ID', 'Title', 'Status'], ...rows]);
  }

  run(limits: Partial<RunLimits> = {}): RunReport {
    const o = open(this.workbook, this.sheet, { format: 'text', ...this.config });
    const run: TableRun = {
      table: o.table,
      rules: o.rules,
      identity: { spreadsheetId: 'spreadsheet-1', sheetId: this.sheet.getSheetId() },
      selection: { kind: 'due' },
      composer: tableComposer(o.table, o.rules, {
        spreadsheetName: 'Helpdesk',
        spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/spreadsheet-1/edit',
        sheetId: this.sheet.getSheetId(),
      }),
      holdReminders: this.held,
    };
    this.workbook.calls.reset();
    return runRelay(
      [run],
      {
        client: createChatClient(this.http, this.clock, { random: seededRandom() }),
        clock: this.clock,
        timeZone: zone('Etc/UTC'),
        random: seededRandom(3),
        flush: () => undefined,
        webhook: (name) => this.hooks[name] ?? { ok: false, reason: `no webhook "${name}"` },
        describeWebhook: (name) => `the ${name} space`,
        reminderCache: {
          read: () => this.cache,
          write: (value) => {
            this.cache = value;
            this.cacheWrites++;
          },
        },
      },
      { ...DEFAULT_LIMITS, startedAt: this.clock.now(), ...limits },
    );
  }

  /** Runs at `minutes` after the bench's start (the clock only moves forward). */
  runAt(minutes: number, limits: Partial<RunLimits> = {}): RunReport {
    this.clock.advance(Date.UTC(2026, 0, 5, 9, 0) + minutes * MIN - this.clock.now());
    return this.run(limits);
  }

  texts(): string[] {
    return this.chat.messages(SPACE).map((m) => String(m.text));
  }

  reminders(): string[] {
    return this.texts()
      .filter((t) => /Reminder|since/.test(t))
      .map((t) => t.split('\n')[0]);
  }

  ledger(row: number): Ledger {
    const c = this.sheet.displayRows()[0].indexOf('Chat Ledger');
    return parseLedger(this.sheet.rows()[row - 1][c]) as Ledger;
  }

  /** Typed range reads (the ledger cells are read typed; an idle run reads display values only). */
  ledgerReads(): number {
    return this.workbook.calls.byMethod['Range.getValues'] ?? 0;
  }
}

describe('reminders in a run', () => {
  it('starts a row’s clock in the run that posts it, and reminds once, 30 minutes after', () => {
    const b = new Bench(
      [
        ['T-1', 'Printer', 'New'],
        ['T-2', 'VPN', 'Open'],
      ],
      { reminders: [NEW_FOR_30M] },
    );
    b.runAt(0);
    const start = b.clock.now();
    expect(Object.values(b.ledger(2).reminders ?? {})).toEqual([
      { since: expect.any(Number), last: 0, count: 0 },
    ]);
    expect(b.ledger(2).reminders).not.toBeUndefined();
    expect(b.ledger(3).reminders).toBeUndefined();
    for (let m = 5; m < 30; m += 5) b.runAt(m);
    expect(b.reminders()).toEqual([]);
    const report = b.runAt(30);
    expect(b.reminders()).toEqual(['<users/123> Reminder: Status is New, for 30 minutes']);
    expect(report.sheets[0]).toMatchObject({ planned: 1, sent: 0, reminded: 1, notReached: 0 });
    expect(Object.values(b.ledger(2).reminders ?? {})[0]).toMatchObject({ count: 1 });
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT', 'SENT']);
    expect(column(b.sheet, 'Chat Outbox')).toEqual(['', '']);
    for (let m = 35; m < 600; m += 5) b.runAt(m);
    expect(b.reminders()).toHaveLength(1);
    expect(start).toBeLessThan(b.clock.now());
  });

  it('reads no ledger and writes no cache while nothing is due, and reads the rows only when one is', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_HOURLY] });
    b.runAt(0);
    b.runAt(5);
    const writes = b.cacheWrites;
    // Idle: display values only (headers, rows), no ledger read, no cache write.
    for (let m = 10; m < 60; m += 5) {
      b.runAt(m);
      expect([m, b.ledgerReads(), b.cacheWrites]).toEqual([m, 0, writes]);
    }
    b.runAt(60);
    expect(b.ledgerReads()).toBeGreaterThan(0);
    expect(b.reminders()).toHaveLength(2);
    expect(parseCache(b.cache)).toEqual({
      Tickets: { sig: expect.any(String), due: Date.UTC(2026, 0, 5, 11, 0) + 1000 * 0 },
    });
  });

  it('stops the clock when the rule stops holding, and starts over when it holds again', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_HOURLY] });
    b.runAt(0); // posts the row; its clock starts
    b.runAt(5); // the first reminder (after 0m)
    b.runAt(65); // the second
    b.sheet.setCell(2, 3, 'Open');
    b.runAt(70);
    expect(b.ledger(2).reminders ?? {}).toEqual({});
    b.runAt(130);
    b.sheet.setCell(2, 3, 'New');
    b.runAt(135);
    b.runAt(140);
    expect(b.reminders()).toEqual([
      'Reminder: Status is New, for 5 minutes',
      'Reminder: Status is New, for 1 hour',
      // Started over at 135 (the run that posts the edit): its first reminder again, next run.
      'Reminder: Status is New, for 5 minutes',
    ]);
    expect(new Set(b.http.requests.map((r) => r.url)).size).toBe(b.http.requests.length);
  });

  it('keeps the clock through an edit that does not change whether the rule holds', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    const since = b.ledger(2).reminders;
    b.sheet.setCell(2, 2, 'Printer on fire');
    b.runAt(20);
    expect(b.ledger(2).reminders).toEqual(since);
    b.runAt(30);
    expect(b.reminders()).toEqual(['<users/123> Reminder: Status is New, for 30 minutes']);
  });

  it('sends the reminder of a row that changed only where no message shows, in the same write', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], {
      reminders: [NEW_FOR_30M],
      watchColumns: ['Status'],
    });
    b.runAt(0);
    b.sheet.setCell(2, 2, 'Printer, title edited');
    const report = b.runAt(30);
    expect(report.sheets[0]).toMatchObject({ quiet: 0, reminded: 1 });
    expect(b.reminders()).toHaveLength(1);
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT']);
    // Recorded as delivered: the edit posts nothing later.
    b.runAt(35);
    expect(b.texts()).toHaveLength(2);
  });

  it('never reminds a row without a thread, or one that is not SENT', () => {
    const b = new Bench(
      [
        ['T-1', 'Printer', 'New'],
        ['T-2', 'Draft', 'New'],
      ],
      { reminders: [NEW_HOURLY], sendWhen: { column: 'Title', notEquals: 'Draft' } },
    );
    b.runAt(0);
    b.chat.injectFault({ status: 400, times: 1 });
    b.sheet.setCell(2, 2, 'Printer again');
    b.runAt(5); // T-1's update is refused: FAILED
    expect(column(b.sheet, 'Chat Status')).toEqual(['FAILED', '']);
    for (let m = 10; m < 300; m += 5) b.runAt(m);
    expect(b.reminders()).toEqual([]);
    expect(column(b.sheet, 'Chat Thread')[1]).toBe('');
  });

  it('leaves a reminder that finds no room in this run due, for the next', () => {
    const rows = Array.from({ length: 4 }, (_, i) => [`T-${i + 1}`, 'x', 'New']);
    const b = new Bench(rows, { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    b.runAt(5);
    const report = b.runAt(30, { budgetMs: 2500, minIntervalMs: 1000 });
    expect(b.reminders()).toHaveLength(2);
    expect(report.stopped).toEqual([{ kind: 'time-limit' }]);
    expect(parseCache(b.cache)).toEqual({});
    b.runAt(35);
    const line = (m: number) => `<users/123> Reminder: Status is New, for ${m} minutes`;
    expect(b.reminders()).toEqual([line(30), line(30), line(35), line(35)]);
  });

  it('holds a reminder while quiet hours say so (the hook), and sends it at the first run after', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    const quietUntil = Date.UTC(2026, 0, 5, 10, 0);
    b.held = (_valueOf, now) => (now < quietUntil ? quietUntil : null);
    for (let m = 0; m < 60; m += 5) b.runAt(m);
    expect(b.reminders()).toEqual([]);
    expect(parseCache(b.cache).Tickets.due).toBe(quietUntil);
    b.runAt(60);
    expect(b.reminders()).toEqual(['<users/123> Reminder: Status is New, for 1 hour']);
  });

  it('keeps a reminder Chat failed for PENDING in the outbox, and retries it with the same requestId', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    b.chat.injectFault({ status: 503, times: 1000 });
    b.runAt(30);
    b.chat.clearFaults();
    expect(column(b.sheet, 'Chat Status')).toEqual(['PENDING']);
    const [entry] = parseOutbox(column(b.sheet, 'Chat Outbox')[0]) ?? [];
    expect(entry).toMatchObject({ role: 'reminder' });
    const sent = b.http.requests.length;
    b.runAt(35);
    expect(b.reminders()).toHaveLength(1);
    const ids = b.http.requests.map((r) => new URL(r.url).searchParams.get('requestId'));
    expect(ids.slice(sent)).toEqual([entry.requestId]);
    expect(ids.filter((id) => id === entry.requestId).length).toBeGreaterThan(1);
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT']);
  });

  it('never posts a reminder whose outbox cell was edited to ping someone else', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    b.chat.injectFault({ status: 503, times: 1000 });
    b.runAt(30);
    b.chat.clearFaults();
    const c = b.sheet.displayRows()[0].indexOf('Chat Outbox') + 1;
    const cell = String(b.sheet.typedValue(2, c));
    expect(cell).toContain('<users/123> Reminder');
    b.sheet.setCell(2, c, cell.replace('<users/123>', '<users/all>'));
    const report = b.runAt(35);
    expect(report.sheets[0].outboxRebuilt).toBe(1);
    expect(b.texts().some((t) => t.includes('<users/all>'))).toBe(false);
  });

  it('counts a reminder Chat refuses for good, and leaves the row SENT, saying so', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    const sentAt = column(b.sheet, 'Chat Sent At')[0];
    b.chat.injectFault({ status: 400, times: 1 });
    b.runAt(30);
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT']);
    expect(column(b.sheet, 'Chat Error')[0]).toMatch(/^Chat refused a reminder: /);
    expect(column(b.sheet, 'Chat Sent At')).toEqual([sentAt]);
    for (let m = 35; m < 120; m += 5) b.runAt(m);
    expect(b.reminders()).toEqual([]);
  });

  it('does not send a reminder whose webhook cannot be used; it goes once the webhook works', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    b.runAt(0);
    const good = b.hooks.default;
    b.hooks.default = { ok: false, reason: 'broken' };
    b.runAt(30);
    expect(b.reminders()).toEqual([]);
    expect(column(b.sheet, 'Chat Status')).toEqual(['SENT']);
    b.hooks.default = good;
    b.runAt(35);
    expect(b.reminders()).toHaveLength(1);
  });
});

describe('previewReminders: which reminders a row would get next, and when', () => {
  function preview(b: Bench, position: number, held?: ReminderHold) {
    const o = open(b.workbook, b.sheet, { format: 'text', ...b.config });
    const ctx = {
      table: o.table,
      rules: o.rules,
      identity: { spreadsheetId: 'spreadsheet-1', sheetId: b.sheet.getSheetId() },
      composer: tableComposer(o.table, o.rules, {
        spreadsheetName: 'Helpdesk',
        spreadsheetUrl: '',
        sheetId: b.sheet.getSheetId(),
      }),
      webhook: () => ({ ok: true as const }),
      describeWebhook: (name: string) => name,
      random: seededRandom(),
      now: () => b.clock.now(),
    };
    return previewReminders(ctx, position, held);
  }

  const at = (minutes: number) => Date.UTC(2026, 0, 5, 9, 0) + minutes * MIN;

  it('says when each rule’s next reminder goes out, and shows it as it will be posted', () => {
    const b = new Bench(
      [
        ['T-1', 'Printer', 'New'],
        ['T-2', 'VPN', 'Open'],
      ],
      { reminders: [NEW_FOR_30M, { when: { column: 'Title', equals: 'Printer' }, every: '1h' }] },
    );
    b.runAt(0);
    b.runAt(10);
    b.workbook.calls.reset();
    const [first, second] = preview(b, 0);
    expect(first).toEqual({
      path: 'reminders[0]',
      holds: true,
      at: at(30),
      why: 'scheduled',
      message: {
        text: '<users/123> Reminder: Status is New, for 30 minutes',
        thread: { threadKey: b.ledger(2).threadKey },
      },
    });
    // The hourly rule reminded at 09:05 (its first, due at 09:00): next at 10:00.
    expect(second).toMatchObject({
      path: 'reminders[1]',
      holds: true,
      at: at(60),
      why: 'scheduled',
    });
    expect(preview(b, 1).map((p) => [p.holds, p.at, p.why])).toEqual([
      [false, null, 'not-holding'],
      [false, null, 'not-holding'],
    ]);
    // It reads, and writes nothing.
    expect(b.workbook.calls.byMethod['Range.getValues']).toBeGreaterThan(0);
    expect(b.workbook.calls.byMethod['Range.setValues'] ?? 0).toBe(0);
    b.runAt(30);
    expect(preview(b, 0)[0]).toMatchObject({ at: null, why: 'done', message: null });
  });

  it('says a row without a thread gets none, and when quiet hours hold one', () => {
    const b = new Bench([['T-1', 'Printer', 'New']], { reminders: [NEW_FOR_30M] });
    expect(preview(b, 0).map((p) => p.why)).toEqual(['no-thread']);
    b.runAt(0);
    const quietUntil = at(120);
    const held = preview(b, 0, (_v, now) => (now < quietUntil ? quietUntil : null));
    expect(held[0]).toMatchObject({ at: quietUntil, why: 'held' });
    expect(held[0].message?.text).toBe('<users/123> Reminder: Status is New, for 2 hours');
  });
});
