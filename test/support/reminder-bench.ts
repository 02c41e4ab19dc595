/**
 * A sheet of tickets with reminders, run by runRelay against the Chat emulator (behind
 * UrlFetchApp), at times a FakeClock sets: for the tests of reminders in a run and of their
 * preview (test/relay/reminders.test.ts, test/relay/reminder-preview.test.ts).
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
import { Ledger, parseLedger } from '../../src/relay/ledger-codec';
import { tableComposer } from '../../src/relay/message-context';
import { ReminderHold } from '../../src/relay/reminders';
import {
  DEFAULT_LIMITS,
  ResolvedWebhook,
  RunLimits,
  RunReport,
  TableRun,
  runRelay,
} from '../../src/relay/run';
import { CHAT_ORIGIN, seededRandom, webhook } from './rig';
import { open, zone } from './tables';

export const MIN = 60000;
export const SPACE = 'AAAA';
export const NEW_FOR_30M = {
  when: { column: 'Status', equals: 'New' },
  after: '30m',
  mention: 'users/123',
};
export const NEW_HOURLY = { when: { column: 'Status', equals: 'New' }, every: '1h' };

export class Bench {
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
