import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { ChatStore } from '../../local/chat-emulator/store';
import {
  FakeClock,
  FakeSheet,
  UrlFetchAppFake,
  Workbook,
  type HttpRequest,
  type Transport,
} from '../../local/runtime';
import { ChatClientOptions, createChatClient } from '../../src/chat/client';
import { threadKeyFor } from '../../src/relay/ids';
import { tableComposer } from '../../src/relay/message-context';
import {
  DEFAULT_LIMITS,
  ResolvedWebhook,
  RunLimits,
  RunReport,
  Selection,
  TableRun,
  runRelay,
} from '../../src/relay/run';
import { parseOutbox } from '../../src/relay/ledger-codec';
import {
  CHAT_ORIGIN,
  requestIdOf,
  seededRandom,
  spaceOfUrl,
  webhook,
  webhookUrl,
} from '../support/rig';
import { column, open, zone } from '../support/tables';

const HEADERS = ['ID', 'Title', 'Team'];

/** Sheets, the Chat emulator behind UrlFetchApp, and runs of the relay over them. */
class Bench {
  readonly clock = new FakeClock();
  readonly workbook = new Workbook({ id: 'spreadsheet-1', name: 'Helpdesk' });
  readonly chat = new ChatStore({ now: () => this.clock.now() });
  /** Wraps the emulator's transport (to look at the sheet while Chat is called...). */
  wrap: (inner: Transport) => Transport = (inner) => inner;
  readonly http: UrlFetchAppFake;
  readonly configs = new Map<FakeSheet, Record<string, unknown>>();
  readonly hooks: { [name: string]: ResolvedWebhook } = {};
  flushes = 0;
  progress: Array<[number, number]> = [];

  constructor() {
    const inner = inProcessTransport(this.chat);
    this.http = new UrlFetchAppFake((request) => this.wrap(inner)(request), this.clock);
    this.hook('default', 'AAAA');
  }

  /** A webhook NAME posting to a space of the emulator. */
  hook(name: string, space: string): this {
    this.hooks[name] = {
      ok: true,
      url: webhook(this.chat.registerWebhook(space).url(CHAT_ORIGIN)),
    };
    return this;
  }

  sheet(
    name: string,
    rows: string[][],
    config: Record<string, unknown> = {},
    more: string[] = [],
  ): FakeSheet {
    const sheet = this.workbook.addSheet(name, [HEADERS.concat(more), ...rows]);
    this.configs.set(sheet, { format: 'text', ...config });
    return sheet;
  }

  run(
    selections: Selection[] = [],
    limits: Partial<RunLimits> = {},
    client: ChatClientOptions = {},
  ): RunReport {
    const runs: TableRun[] = this.workbook.sheets.map((sheet, i) => {
      const o = open(this.workbook, sheet, this.configs.get(sheet));
      return {
        table: o.table,
        rules: o.rules,
        identity: { spreadsheetId: 'spreadsheet-1', sheetId: sheet.getSheetId() },
        selection: selections[i] ?? { kind: 'due' },
        composer: tableComposer(o.table, o.rules, {
          spreadsheetName: 'Helpdesk',
          spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/spreadsheet-1/edit',
          sheetId: sheet.getSheetId(),
        }),
      };
    });
    return runRelay(
      runs,
      {
        client: createChatClient(this.http, this.clock, { random: seededRandom(), ...client }),
        clock: this.clock,
        timeZone: zone(this.workbook.timeZone),
        random: seededRandom(3),
        flush: () => this.flushes++,
        webhook: (name) => this.hooks[name] ?? { ok: false, reason: `no webhook "${name}"` },
        describeWebhook: (name) => `the ${name} space`,
        onProgress: (done, total) => this.progress.push([done, total]),
      },
      { ...DEFAULT_LIMITS, startedAt: this.clock.now(), ...limits },
    );
  }

  /** The row keys of the messages of a space, in the order Chat received them. */
  keysIn(space: string, sheet: FakeSheet = this.workbook.sheets[0]): string[] {
    const identity = { spreadsheetId: 'spreadsheet-1', sheetId: sheet.getSheetId() };
    const keys = new Map<string, string>();
    this.workbook.sheets.forEach((s) =>
      column(s, 'ID').forEach((key) =>
        keys.set(threadKeyFor({ ...identity, sheetId: s.getSheetId() }, key), key),
      ),
    );
    return this.chat.messages(space).map((m) => keys.get(m.threadKey ?? '') ?? '?');
  }

  /** Requests sent to a space. */
  requestsTo(space: string): HttpRequest[] {
    return this.http.requests.filter((r) => spaceOfUrl(r.url) === space);
  }
}

const rows = (prefix: string, n: number, team = 'Desk') =>
  Array.from({ length: n }, (_v, i) => [`${prefix}-${i + 1}`, `Printer ${i + 1}`, team]);

describe('runRelay', () => {
  it('runs over several tables, each with its own summary', () => {
    const b = new Bench();
    const a = b.sheet('A', rows('A', 2));
    const c = b.sheet('B', rows('B', 1));
    const report = b.run();
    expect(report.sheets.map((s) => [s.sheet, s.planned, s.sent, s.notReached])).toEqual([
      ['A', 2, 2, 0],
      ['B', 1, 1, 0],
    ]);
    expect(report.stopped).toEqual([]);
    expect(column(a, 'Chat Status')).toEqual(['SENT', 'SENT']);
    expect(column(c, 'Chat Status')).toEqual(['SENT']);
    expect(b.keysIn('AAAA')).toEqual(['A-1', 'A-2', 'B-1']);
    expect(b.progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    // A second run finds nothing to do.
    const again = b.run();
    expect(again.sheets.map((s) => s.planned)).toEqual([0, 0]);
    expect(b.chat.messages('AAAA')).toHaveLength(3);
  });

  it('sends the hinted row first, then the PENDING rows of every sheet, then the rest in sheet order', () => {
    const b = new Bench();
    const status = ['Chat Status'];
    b.sheet(
      'A',
      [
        ['A-1', 'new', 'Desk', ''],
        ['A-2', 'pending', 'Desk', 'PENDING'],
        ['A-3', 'submitted', 'Desk', ''],
      ],
      {},
      status,
    );
    b.sheet(
      'B',
      [
        ['B-1', 'new', 'Desk', ''],
        ['B-2', 'pending', 'Desk', 'PENDING'],
      ],
      {},
      status,
    );
    b.run([{ kind: 'due', first: [2] }]);
    expect(b.keysIn('AAAA')).toEqual(['A-3', 'A-2', 'B-2', 'A-1', 'B-1']);
  });

  it('writes every row it can reach ahead, PENDING with its outbox, and flushes, before the first POST', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 3));
    const seen: Array<{ statuses: string[]; outboxes: number; flushes: number }> = [];
    b.wrap = (inner) => (request) => {
      const outbox = sheet.displayRows()[0].indexOf('Chat Outbox');
      seen.push({
        statuses: column(sheet, 'Chat Status'),
        outboxes: sheet
          .rows()
          .slice(1)
          .filter((r) => parseOutbox(r[outbox])?.length === 1).length,
        flushes: b.flushes,
      });
      return inner(request);
    };
    b.run();
    expect(seen[0]).toEqual({
      statuses: ['PENDING', 'PENDING', 'PENDING'],
      outboxes: 3,
      flushes: 1,
    });
  });

  it('writes the outcomes after each chunk of messages', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 5));
    const statuses: string[][] = [];
    b.wrap = (inner) => (request) => {
      statuses.push(column(sheet, 'Chat Status'));
      return inner(request);
    };
    b.run([], { chunkSize: 2 });
    expect(statuses[2]).toEqual(['SENT', 'SENT', 'PENDING', 'PENDING', 'PENDING']);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
  });

  it('writes ahead only the rows it can send before the time limit, and resumes them next run', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 5));
    // 2.5 s, less the second the client keeps for an attempt: room for 2 POSTs a second apart.
    const report = b.run([], { budgetMs: 2500 });
    const statuses = column(sheet, 'Chat Status');
    expect(statuses.filter((s) => s !== '')).toHaveLength(2);
    expect(statuses.slice(2)).toEqual(['', '', '']);
    expect(report.stopped).toEqual([{ kind: 'time-limit' }]);
    const summary = report.sheets[0];
    expect(summary.planned).toBe(5);
    expect(summary.notReached).toBe(5 - summary.sent);
    const pending = b.requestsTo('AAAA').length;
    b.clock.advance(60000);
    const next = b.run();
    expect(next.stopped).toEqual([]);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
    expect(b.keysIn('AAAA')).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5']);
    expect(pending).toBe(summary.sent);
  });

  it('stops at the time limit when slow answers use up the time, says so, and resumes next run', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 5));
    // Chat takes 2.5 s to answer (2.3 s here, 0.2 s of latency): the pace alone would let all
    // five go within the 10 s. POSTs at 0, 3.5 and 7 s; the fourth would start at 10.5 s.
    b.wrap = (inner) => (request) => {
      b.clock.advance(2300);
      return inner(request);
    };
    const report = b.run([], { budgetMs: 10000 });
    expect(report.stopped).toEqual([{ kind: 'time-limit' }]);
    expect(b.http.requests).toHaveLength(3);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'PENDING', 'PENDING']);
    expect(report.sheets[0]).toMatchObject({ planned: 5, sent: 3, notReached: 2 });
    b.wrap = (inner) => inner;
    b.clock.advance(60000);
    expect(b.run().stopped).toEqual([]);
    expect(b.keysIn('AAAA')).toEqual(['T-1', 'T-2', 'T-3', 'T-4', 'T-5']);
  });

  it('a webhook Chat refuses stops its own space only; its rows stay PENDING', () => {
    const b = new Bench();
    b.hooks.OPS = { ok: true, url: webhook(webhookUrl('OPS', b.chat.apiKey, 'not-a-token')) };
    b.chat.registerWebhook('OPS');
    const sheet = b.sheet('Tickets', [...rows('O', 3, 'Ops'), ...rows('D', 2, 'Desk')], {
      routes: [{ when: { column: 'Team', equals: 'Ops' }, webhook: 'OPS' }],
    });
    // Two rows per space in each chunk: the refusal stops the rest of its chunk and the next.
    const report = b.run([], { chunkSize: 2 });
    expect(report.refused).toEqual([
      {
        webhook: 'OPS',
        message: 'HTTP 403 PERMISSION_DENIED: The caller does not have permission',
      },
    ]);
    expect(b.requestsTo('OPS')).toHaveLength(1);
    expect(b.keysIn('AAAA')).toEqual(['D-1', 'D-2']);
    expect(column(sheet, 'Chat Status')).toEqual(['PENDING', 'PENDING', 'PENDING', 'SENT', 'SENT']);
    expect(column(sheet, 'Chat Error')[0]).toBe(
      'Chat refused the webhook: HTTP 403 PERMISSION_DENIED: The caller does not have permission',
    );
    expect(report.sheets[0]).toMatchObject({ sent: 2, pending: 1, failed: 0, notReached: 2 });
  });

  it('a webhook that fails every message the same way, none accepted, holds its rows PENDING and is reported', () => {
    const b = new Bench().hook('OPS', 'OPS');
    b.chat.injectFault({ status: 400, space: 'OPS', times: Infinity });
    const sheet = b.sheet('Tickets', [...rows('O', 5, 'Ops'), ...rows('D', 2, 'Desk')], {
      routes: [{ when: { column: 'Team', equals: 'Ops' }, webhook: 'OPS' }],
    });
    // Two rows per space in each chunk: the failures add up across chunks.
    const report = b.run([], { chunkSize: 2 });
    expect(b.requestsTo('OPS')).toHaveLength(3);
    expect(report.refused).toEqual([
      {
        webhook: 'OPS',
        message: expect.stringMatching(
          /^HTTP 400 INVALID_ARGUMENT.* \(the same error for 3 messages, none accepted\)$/,
        ),
      },
    ]);
    expect(b.keysIn('AAAA')).toEqual(['D-1', 'D-2']);
    expect(column(sheet, 'Chat Status')).toEqual([...Array(5).fill('PENDING'), 'SENT', 'SENT']);
    const errors = column(sheet, 'Chat Error');
    errors
      .slice(0, 3)
      .forEach((e) =>
        expect(e).toMatch(
          /^Chat refused 3 messages to this webhook with the same error and accepted none: the webhook itself looks broken \(HTTP 400/,
        ),
      );
    expect(errors.slice(3)).toEqual(['', '', '', '']);
    expect(report.sheets[0]).toMatchObject({ sent: 2, pending: 3, failed: 0, notReached: 2 });
    // Once the webhook works again, the next run sends its rows.
    b.chat.clearFaults();
    b.clock.advance(60000);
    expect(b.run().refused).toEqual([]);
    expect(b.keysIn('OPS')).toEqual(['O-1', 'O-2', 'O-3', 'O-4', 'O-5']);
    expect(column(sheet, 'Chat Status')).toEqual(Array(7).fill('SENT'));
  });

  it('a message Chat refuses fails its own row only, once a message of its webhook is accepted', () => {
    const b = new Bench();
    b.chat.injectFault({ status: 400, times: 2 });
    const sheet = b.sheet('Tickets', rows('T', 4));
    const statuses: string[][] = [];
    b.wrap = (inner) => (request) => {
      statuses.push(column(sheet, 'Chat Status'));
      return inner(request);
    };
    const report = b.run([], { chunkSize: 2 });
    expect(report.refused).toEqual([]);
    expect(column(sheet, 'Chat Status')).toEqual(['FAILED', 'FAILED', 'SENT', 'SENT']);
    expect(column(sheet, 'Chat Error')[0]).toMatch(/^HTTP 400 INVALID_ARGUMENT/);
    // Until a message of the webhook is accepted, the refused rows wait, PENDING as written ahead.
    expect(statuses[2]).toEqual(['PENDING', 'PENDING', 'PENDING', 'PENDING']);
    expect(report.sheets[0]).toMatchObject({ sent: 2, failed: 2, pending: 0, notReached: 0 });
  });

  it('a webhook that took a message in this run is not at fault: the messages it refuses fail', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 5));
    let posts = 0;
    b.wrap = (inner) => (request) => {
      if (posts++ === 1) b.chat.injectFault({ status: 400, times: Infinity });
      return inner(request);
    };
    const report = b.run();
    expect(report.refused).toEqual([]);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', ...Array(4).fill('FAILED')]);
    expect(report.sheets[0]).toMatchObject({ sent: 1, failed: 4, pending: 0 });
  });

  it('fewer refusals than the limit, with nothing more to send to the webhook: their rows fail', () => {
    const b = new Bench();
    b.chat.injectFault({ status: 400, times: Infinity });
    const sheet = b.sheet('Tickets', rows('T', 2));
    const report = b.run();
    expect(report.refused).toEqual([]);
    expect(column(sheet, 'Chat Status')).toEqual(['FAILED', 'FAILED']);
    expect(report.sheets[0]).toMatchObject({ failed: 2, pending: 0, notReached: 0 });
  });

  it('refusals that wait when the time is up fail their rows', () => {
    const b = new Bench();
    b.chat.injectFault({ status: 400, times: Infinity });
    const sheet = b.sheet('Tickets', rows('T', 5));
    // Room for 2 POSTs a second apart (see the time limit test above).
    const report = b.run([], { budgetMs: 2500 });
    expect(report.refused).toEqual([]);
    expect(column(sheet, 'Chat Status')).toEqual(['FAILED', 'FAILED', '', '', '']);
    expect(report.sheets[0]).toMatchObject({ failed: 2, notReached: 3 });
  });

  describe('a Chat Outbox cell not as the relay wrote it', () => {
    /** A row whose message reached Chat, its answer lost: PENDING, its outbox kept for a retry. */
    function inFlight(config: Record<string, unknown> = {}) {
      const b = new Bench();
      const sheet = b.sheet('Tickets', rows('T', 1), config);
      b.chat.injectFault({ drop: 'after-commit', times: 1 });
      b.run([], {}, { maxAttempts: 1 });
      expect(column(sheet, 'Chat Status')).toEqual(['PENDING']);
      expect(b.chat.messages('AAAA')).toHaveLength(1);
      b.clock.advance(60000);
      const outbox = () => column(sheet, 'Chat Outbox')[0];
      const setOutbox = (cell: string) => {
        const c = sheet.displayRows()[0].indexOf('Chat Outbox') + 1;
        sheet.setRowValues(2, [cell], c);
      };
      return { b, sheet, outbox, setOutbox };
    }

    it('resumes an outbox as written, mentions and link included', () => {
      const mentions = [{ when: { column: 'Team', equals: 'Desk' }, mention: 'all' }];
      const { b, sheet } = inFlight({ mentions });
      const report = b.run();
      expect(report.sheets[0]).toMatchObject({ sent: 1, outboxRebuilt: 0 });
      expect(b.chat.messages('AAAA')).toHaveLength(1);
      expect(String(b.chat.messages('AAAA')[0].text)).toMatch(/^<users\/all>\n/);
      expect(column(sheet, 'Chat Status')).toEqual(['SENT']);
    });

    it.each<[string, (cell: string) => string]>([
      [
        'a mention added by hand',
        (cell) => {
          const entries = JSON.parse(cell);
          entries[0].msg.text = `<users/all> ${entries[0].msg.text}`;
          return JSON.stringify(entries);
        },
      ],
      ['damaged JSON', (cell) => cell.slice(0, -5)],
      ['an entry the relay never writes', () => '[{"hook":"default","req":"x"}]'],
    ])('with %s never reaches Chat: the row goes out rebuilt, once', (_name, edit) => {
      const { b, sheet, outbox, setOutbox } = inFlight();
      const requests = b.http.requests.length;
      setOutbox(edit(outbox()));
      const report = b.run();
      expect(report.sheets[0]).toMatchObject({ sent: 1, outboxRebuilt: 1 });
      // The rebuilt message carries the same requestId: Chat returns the message it created.
      expect(b.http.requests).toHaveLength(requests + 1);
      expect(requestIdOf(b.http.requests[requests].url)).toBe(requestIdOf(b.http.requests[0].url));
      const posted = b.chat.messages('AAAA');
      expect(posted).toHaveLength(1);
      expect(String(posted[0].text)).not.toContain('<users/all>');
      expect(JSON.stringify(b.http.requests[requests])).not.toContain('<users/all>');
      expect(column(sheet, 'Chat Status')).toEqual(['SENT']);
      expect(b.run().sheets[0].planned).toBe(0);
    });
  });

  it('three transient failures in a row stop a space; the other spaces go on', () => {
    const b = new Bench().hook('OPS', 'OPS');
    b.chat.injectFault({ status: 503, space: 'OPS', times: Infinity });
    const sheet = b.sheet('Tickets', [...rows('O', 5, 'Ops'), ...rows('D', 2, 'Desk')], {
      routes: [{ when: { column: 'Team', equals: 'Ops' }, webhook: 'OPS' }],
    });
    // Two rows per space in each chunk: the third failure stops the rest of its chunk and the next.
    const report = b.run([], { chunkSize: 2 }, { maxAttempts: 1 });
    expect(report.stopped).toEqual([
      {
        kind: 'chat-unavailable',
        space: 'OPS',
        detail:
          'gave up after 1 attempts; last error: HTTP 503 UNAVAILABLE: The service is currently unavailable.',
      },
    ]);
    expect(b.requestsTo('OPS')).toHaveLength(3);
    expect(b.keysIn('AAAA')).toEqual(['D-1', 'D-2']);
    expect(column(sheet, 'Chat Status').slice(0, 5)).toEqual(Array(5).fill('PENDING'));
    expect(report.sheets[0]).toMatchObject({ sent: 2, pending: 3, notReached: 2 });
  });

  it('a success resets the count of transient failures', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 6));
    // T-1 and T-2 fail, T-3 goes, T-4 and T-5 fail, T-6 goes: four failures (past the limit
    // of 3), never more than two in a row.
    let posts = 0;
    b.wrap = (inner) => (request) => {
      if (posts === 0 || posts === 3) b.chat.injectFault({ status: 503, times: 2 });
      posts++;
      return inner(request);
    };
    const report = b.run([], {}, { maxAttempts: 1 });
    expect(report.stopped).toEqual([]);
    expect(b.requestsTo('AAAA')).toHaveLength(6);
    expect(b.keysIn('AAAA')).toEqual(['T-3', 'T-6']);
    expect(column(sheet, 'Chat Status')).toEqual([
      'PENDING',
      'PENDING',
      'SENT',
      'PENDING',
      'PENDING',
      'SENT',
    ]);
    expect(report.sheets[0]).toMatchObject({ sent: 2, pending: 4, notReached: 0 });
  });

  it('records every row as delivered on a baseline, posting nothing', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 3));
    const report = b.run([{ kind: 'baseline' }]);
    expect(b.http.requests).toEqual([]);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(report.sheets[0]).toMatchObject({ planned: 3, marked: 3, sent: 0, notReached: 0 });
    sheet.setRowValues(3, ['Printer 2 (fixed)'], 2);
    b.run();
    expect(b.chat.messages('AAAA')).toHaveLength(1);
  });

  it('leaves the note in the old thread after the moved row is in its new space', () => {
    const b = new Bench().hook('INFRA', 'INFRA');
    const sheet = b.sheet('Tickets', rows('T', 1), {
      routes: [{ when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' }],
    });
    b.run();
    sheet.setRowValues(2, ['Infra'], 3);
    b.clock.advance(60000);
    const report = b.run();
    expect(b.http.requests.map((r) => spaceOfUrl(r.url))).toEqual(['AAAA', 'INFRA', 'AAAA']);
    const notice = b.http.requests[2];
    expect(requestIdOf(notice.url)).toBe(`${requestIdOf(b.http.requests[1].url)}-moved`);
    expect(b.chat.threads('AAAA')).toHaveLength(1);
    expect(b.chat.threads('AAAA')[0].messages).toHaveLength(2);
    expect(report.sheets[0]).toMatchObject({ sent: 1, moved: 1 });
    expect(column(sheet, 'Chat Status')).toEqual(['SENT']);
  });

  it('names the broken webhook that holds rows PENDING', () => {
    const b = new Bench();
    b.hooks.INFRA = { ok: false, reason: 'CHAT_WEBHOOK_URL_INFRA is empty: paste the webhook URL' };
    const sheet = b.sheet('Tickets', [...rows('I', 2, 'Infra'), ...rows('D', 1)], {
      routes: [{ when: { column: 'Team', equals: 'Infra' }, webhook: 'INFRA' }],
    });
    const report = b.run();
    expect(column(sheet, 'Chat Status')).toEqual(['PENDING', 'PENDING', 'SENT']);
    expect(report.sheets[0]).toMatchObject({ held: 2, sent: 1 });
    expect(report.broken).toEqual([
      { webhook: 'INFRA', message: 'CHAT_WEBHOOK_URL_INFRA is empty: paste the webhook URL' },
    ]);
  });

  it('stops when rows were deleted during the run, keeping what it wrote', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 4));
    let deleted = false;
    b.wrap = (inner) => (request) => {
      if (!deleted) {
        deleted = true;
        sheet.userDeleteRows(3); // T-2, whose message is on its way
      }
      return inner(request);
    };
    const report = b.run();
    expect(report.stopped).toEqual([
      {
        kind: 'sheet-changed',
        sheet: 'Tickets',
        detail: '1 row(s) could not be found again (deleted during the run?)',
      },
    ]);
    expect(column(sheet, 'ID')).toEqual(['T-1', 'T-3', 'T-4']);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
  });

  it('sends nothing more once a sheet changed too much to go on; the rest stay PENDING for the next run', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 4));
    let deleted = false;
    b.wrap = (inner) => (request) => {
      if (!deleted) {
        deleted = true;
        sheet.userDeleteRows(2); // T-1, whose message is on its way
      }
      return inner(request);
    };
    // One message per chunk: the loss is found after the first chunk, with three rows to go.
    const report = b.run([], { chunkSize: 1 });
    expect(report.stopped).toEqual([
      {
        kind: 'sheet-changed',
        sheet: 'Tickets',
        detail: '1 row(s) could not be found again (deleted during the run?)',
      },
    ]);
    expect(b.http.requests).toHaveLength(1);
    expect(b.chat.messages('AAAA')).toHaveLength(1);
    expect(column(sheet, 'ID')).toEqual(['T-2', 'T-3', 'T-4']);
    expect(column(sheet, 'Chat Status')).toEqual(['PENDING', 'PENDING', 'PENDING']);
    expect(report.sheets[0]).toMatchObject({ planned: 4, sent: 1, notReached: 3 });
    b.clock.advance(60000);
    expect(b.run().stopped).toEqual([]);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
    expect(b.keysIn('AAAA').slice(1)).toEqual(['T-2', 'T-3', 'T-4']);
  });

  it('reads the relay cells in a constant number of calls, idle, whatever the size', () => {
    const calls = [5, 50].map((n) => {
      const b = new Bench();
      b.sheet('Tickets', rows('T', n));
      b.run([{ kind: 'baseline' }]);
      b.workbook.calls.reset();
      b.run();
      return b.workbook.calls.byMethod;
    });
    expect(calls[1]).toEqual(calls[0]);
  });
});

describe('runRelay in quiet hours', () => {
  // The Bench's clock starts on Monday 15 January 2024 at 09:00 UTC, the workbook's time zone.
  const QUIET = { quietHours: { from: '08:30', to: '10:00' } };
  const URGENT = {
    quietHours: { ...QUIET.quietHours, except: { column: 'Team', equals: 'Urgent' } },
    mentions: [{ when: { column: 'Team', equals: 'Urgent' }, mention: 'all' }],
  };
  const HOUR = 3600 * 1000;

  it('holds every row: nothing written, nothing PENDING, counted with the end; the first run after sends them', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 3), QUIET);
    const report = b.run();
    expect(b.http.requests).toHaveLength(0);
    expect(column(sheet, 'Chat Status')).toEqual(['', '', '']);
    expect(column(sheet, 'Chat Ledger')).toEqual(['', '', '']);
    expect(report.sheets[0]).toMatchObject({
      planned: 3,
      sent: 0,
      heldForQuietHours: 3,
      quietUntil: '10:00',
      notReached: 0,
      pending: 0,
    });
    expect(report.stopped).toEqual([]);
    expect(b.flushes).toBe(0);
    b.clock.advance(HOUR);
    const after = b.run();
    expect(after.sheets[0]).toMatchObject({ sent: 3, heldForQuietHours: 0, quietUntil: '' });
    expect(b.keysIn('AAAA')).toEqual(['T-1', 'T-2', 'T-3']);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT', 'SENT']);
  });

  it('sends a row matching except at once, with its mention; holds the others', () => {
    const b = new Bench();
    const sheet = b.sheet(
      'Tickets',
      [
        ['T-1', 'Printer', 'Desk'],
        ['T-2', 'Fire', 'Urgent'],
        ['T-3', 'Mouse', 'Desk'],
      ],
      URGENT,
    );
    const report = b.run();
    expect(b.keysIn('AAAA')).toEqual(['T-2']);
    expect(String(b.chat.messages('AAAA')[0].text)).toContain('<users/all>');
    expect(column(sheet, 'Chat Status')).toEqual(['', 'SENT', '']);
    expect(report.sheets[0]).toMatchObject({ sent: 1, heldForQuietHours: 2, notReached: 0 });
  });

  it('sends the rows a person selected', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 3), QUIET);
    const report = b.run([{ kind: 'selected', positions: [1] }]);
    expect(b.keysIn('AAAA')).toEqual(['T-2']);
    expect(report.sheets[0]).toMatchObject({ sent: 1, heldForQuietHours: 0, quietUntil: '' });
    expect(column(sheet, 'Chat Status')).toEqual(['', 'SENT', '']);
  });

  it('holds an edit, and sends several edits of a row as one reply after quiet hours', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 2), { quietHours: { from: '10:00', to: '11:00' } });
    b.run();
    b.clock.advance(HOUR);
    sheet.setCell(2, 2, 'Printer on fire');
    expect(b.run().sheets[0]).toMatchObject({ heldForQuietHours: 1, quietUntil: '11:00' });
    sheet.setCell(2, 3, 'Infra');
    expect(b.run().sheets[0]).toMatchObject({ heldForQuietHours: 1 });
    expect(b.chat.messages('AAAA')).toHaveLength(2);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT']);
    b.clock.advance(HOUR);
    b.run();
    const messages = b.chat.messages('AAAA');
    expect(messages).toHaveLength(3);
    expect(b.keysIn('AAAA')).toEqual(['T-1', 'T-2', 'T-1']);
    expect(String(messages[2].text)).toMatch(/Printer on fire[\s\S]*Infra/);
  });

  it('records a change that sends no message now, and does not count it as held', () => {
    const b = new Bench();
    const config = { quietHours: { from: '10:00', to: '11:00' }, watchColumns: ['Title'] };
    const sheet = b.sheet('Tickets', rows('T', 2), config);
    b.run();
    b.clock.advance(HOUR);
    sheet.setCell(2, 3, 'Infra');
    const report = b.run();
    expect(report.sheets[0]).toMatchObject({ planned: 1, quiet: 1, heldForQuietHours: 0 });
    expect(b.run().sheets[0].planned).toBe(0);
  });

  it('holds rows left PENDING by an earlier run, then sends each once with its requestId', () => {
    const b = new Bench();
    const sheet = b.sheet('Tickets', rows('T', 2), { quietHours: { from: '10:00', to: '11:00' } });
    b.chat.injectFault({ status: 503, times: Infinity });
    b.run([], { maxConsecutiveTransient: 1 });
    b.chat.clearFaults();
    expect(column(sheet, 'Chat Status')).toEqual(['PENDING', 'PENDING']);
    const tried = b.http.requests.length;
    const ids = column(sheet, 'Chat Outbox').map((cell) => parseOutbox(cell)?.[0].requestId);
    b.clock.advance(HOUR);
    expect(b.run().sheets[0]).toMatchObject({ heldForQuietHours: 2, pending: 0 });
    expect(b.http.requests).toHaveLength(tried);
    expect(column(sheet, 'Chat Status')).toEqual(['PENDING', 'PENDING']);
    b.clock.advance(HOUR);
    b.run();
    expect(b.keysIn('AAAA')).toEqual(['T-1', 'T-2']);
    expect(column(sheet, 'Chat Status')).toEqual(['SENT', 'SENT']);
    const resent = b.http.requests.slice(tried).map((r) => requestIdOf(r.url));
    expect(resent).toHaveLength(2);
    expect(resent).toEqual(ids);
  });

  it('does not count held rows against the time limit: an except row after many held ones goes', () => {
    const b = new Bench();
    const held = rows('T', 10);
    const sheet = b.sheet('Tickets', held.concat([['T-11', 'Fire', 'Urgent']]), URGENT);
    // 2 s, less the second the client keeps for an attempt: room for one POST.
    const report = b.run([], { budgetMs: 2000 });
    expect(b.keysIn('AAAA')).toEqual(['T-11']);
    expect(report.stopped).toEqual([]);
    expect(report.sheets[0]).toMatchObject({ sent: 1, heldForQuietHours: 10, notReached: 0 });
    expect(column(sheet, 'Chat Status')[10]).toBe('SENT');
  });

  it('each sheet by its own quiet hours', () => {
    const b = new Bench();
    b.sheet('A', rows('A', 1), QUIET);
    b.sheet('B', rows('B', 1));
    b.sheet('C', rows('C', 1), { quietHours: { from: '08:30', to: '10:00', days: ['tue'] } });
    const report = b.run();
    expect(report.sheets.map((s) => [s.sheet, s.heldForQuietHours, s.quietUntil])).toEqual([
      ['A', 1, '10:00'],
      ['B', 0, ''],
      ['C', 0, ''],
    ]);
    expect(b.keysIn('AAAA', b.workbook.sheets[1])).toEqual(['B-1', 'C-1']);
  });
});
