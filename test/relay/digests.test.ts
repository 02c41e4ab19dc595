import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { ChatStore } from '../../local/chat-emulator/store';
import { FakeClock, FakeSheet, UrlFetchAppFake, Workbook } from '../../local/runtime';
import { UtilitiesFake } from '../../local/runtime/services';
import { ChatClientOptions, createChatClient } from '../../src/chat/client';
import { digestRequestId, digestThreadKey, readDigestState } from '../../src/relay/digest-schedule';
import { SpreadsheetTimeZone } from '../../src/ports';
import { DigestPorts, previewDigest } from '../../src/relay/digests';
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
import { BoundDigest } from '../../src/relay/rules';
import { CHAT_ORIGIN, requestIdOf, seededRandom, webhook } from '../support/rig';
import { column, open } from '../support/tables';

const URL = 'https://docs.google.com/spreadsheets/d/spreadsheet-1/edit';
const MONDAY_0800 = Date.UTC(2024, 0, 15, 8, 0);
const OPEN = { name: 'Open this morning', at: '09:00', when: { column: 'Status', equals: 'Open' } };

/** One sheet, the Chat emulator behind UrlFetchApp, and runs of the relay with digests. */
class World {
  readonly clock = new FakeClock(MONDAY_0800);
  readonly workbook = new Workbook({ id: 'spreadsheet-1', name: 'Helpdesk' });
  readonly chat = new ChatStore({ now: () => this.clock.now() });
  readonly http = new UrlFetchAppFake(inProcessTransport(this.chat), this.clock);
  readonly hooks: { [name: string]: ResolvedWebhook } = {};
  readonly sheet: FakeSheet;
  /** CHAT_RELAY_DIGESTS, and each text written to it (with the requests sent by then). */
  state: string | null = null;
  readonly writes: Array<{ text: string; requestsBefore: number }> = [];
  timeZoneAsked = 0;
  held: (sheet: string, digest: BoundDigest) => boolean = () => false;

  constructor(
    rows: string[][],
    private config: Record<string, unknown> = { digests: [OPEN] },
  ) {
    this.sheet = this.workbook.addSheet('Tickets', [['ID', 'Title', 'Status'], ...rows]);
    this.hook('default', 'AAAA');
  }

  hook(name: string, space: string): this {
    const url = webhook(this.chat.registerWebhook(space).url(CHAT_ORIGIN));
    this.hooks[name] = { ok: true, url };
    return this;
  }

  /** The spreadsheet's time zone, as the app's over the local runtime's; its name counted when asked. */
  timeZone(): SpreadsheetTimeZone {
    const dates = new UtilitiesFake(this.clock);
    const name = () => {
      this.timeZoneAsked++;
      return this.workbook.getSpreadsheetTimeZone();
    };
    return {
      name,
      format: (ms, pattern, zone) => dates.formatDate(new Date(ms), zone ?? name(), pattern),
    };
  }

  ports(): DigestPorts {
    return {
      state: this.state,
      writeState: (text) => {
        this.state = text;
        this.writes.push({ text, requestsBefore: this.http.requests.length });
      },
      held: (sheet, digest) => this.held(sheet, digest),
    };
  }

  tableRun(selection: Selection): TableRun {
    const o = open(this.workbook, this.sheet, { format: 'text', ...this.config });
    const place = { spreadsheetName: 'Helpdesk', spreadsheetUrl: URL, sheetId: 0 };
    return {
      table: o.table,
      rules: o.rules,
      identity: { spreadsheetId: 'spreadsheet-1', sheetId: 0 },
      selection,
      composer: tableComposer(o.table, o.rules, place),
      place,
    };
  }

  run(
    options: {
      selection?: Selection;
      limits?: Partial<RunLimits>;
      client?: ChatClientOptions;
    } = {},
  ): RunReport {
    const report = runRelay(
      [this.tableRun(options.selection ?? { kind: 'due' })],
      {
        client: createChatClient(this.http, this.clock, {
          random: seededRandom(),
          ...options.client,
        }),
        clock: this.clock,
        timeZone: this.timeZone(),
        random: seededRandom(3),
        flush: () => undefined,
        webhook: (name) => this.hooks[name] ?? { ok: false, reason: `no webhook "${name}"` },
        describeWebhook: (name) => `the ${name} space`,
        digests: this.ports(),
      },
      { ...DEFAULT_LIMITS, startedAt: this.clock.now(), ...options.limits },
    );
    this.clock.advance(5000);
    return report;
  }

  /** The digests posted to a space: the messages in a digest's thread. */
  digests(space = 'AAAA') {
    return this.chat.messages(space).filter((m) => /^chat-relay-digest-/.test(m.threadKey ?? ''));
  }

  at(hhmm: string, day = 15): void {
    const [h, m] = hhmm.split(':').map(Number);
    const target = Date.UTC(2024, 0, day, h, m);
    if (target < this.clock.now()) throw new Error('the clock does not go back');
    this.clock.advance(target - this.clock.now());
  }

  entries() {
    return readDigestState(this.state).entries;
  }
}

const ROWS = [
  ['T-1', 'Printer on fire', 'Open'],
  ['T-2', 'Coffee machine', 'Done'],
  ['T-3', 'Badge reader', 'Open'],
];
const IDENTITY = { spreadsheetId: 'spreadsheet-1', sheetId: 0 };

describe('digests in a run', () => {
  it('posts nothing before its time, and asks the spreadsheet its time zone only the first time', () => {
    const w = new World(ROWS);
    w.run();
    expect(w.digests()).toEqual([]);
    expect(w.timeZoneAsked).toBe(1);
    expect(JSON.parse(w.state as string)).toEqual({ v: 1, tz: 'Etc/UTC', d: {} });
    w.at('08:55');
    w.run();
    // Nothing due by the time zone kept: not asked again, nothing written.
    expect([w.timeZoneAsked, w.writes.length]).toEqual([1, 1]);
  });

  it('at the first run at or after its time: one message of the matching rows, in its own thread, written ahead then done', () => {
    const w = new World(ROWS);
    w.run();
    w.at('09:02');
    const report = w.run();
    const [posted] = w.digests();
    expect(w.digests()).toHaveLength(1);
    const threads = column(w.sheet, 'Chat Thread').map((t) =>
      t.replace(/^spaces\/(\w+)\/threads\//, 'https://chat.google.com/room/$1/'),
    );
    expect(posted.text).toBe(
      [
        '*Open this morning*',
        '_2 rows match · Tickets · Monday 15 January 2024_',
        `• T-1 · Printer on fire · <${URL}#gid=0&range=A2:C2|Open in Sheets> · <${threads[0]}|Chat thread>`,
        `• T-3 · Badge reader · <${URL}#gid=0&range=A4:C4|Open in Sheets> · <${threads[2]}|Chat thread>`,
      ].join('\n'),
    );
    expect(posted.threadReply).toBe(false);
    expect(posted.threadKey).toBe(digestThreadKey(IDENTITY, 'Open this morning', '2024-01-15'));
    const requestId = digestRequestId(IDENTITY, 'Open this morning', '2024-01-15');
    const digestRequests = w.http.requests.filter((r) => requestIdOf(r.url) === requestId);
    expect(digestRequests).toHaveLength(1);
    // Written ahead (sending) before the send, then done after it.
    const key = Object.keys(w.entries())[0];
    const sends = w.writes.slice(1).map((x) => [JSON.parse(x.text).d[key][2], x.requestsBefore]);
    const sentAt = w.http.requests.indexOf(digestRequests[0]);
    expect(sends).toEqual([
      [0, sentAt],
      [1, sentAt + 1],
    ]);
    expect(report.sheets[0].digests).toBe(1);
  });

  it('is posted once a day: not again that day, again the next day (on its days only)', () => {
    const w = new World(ROWS, { digests: [{ ...OPEN, days: ['mon', 'tue'] }] });
    w.run();
    w.at('09:00');
    w.run();
    w.at('09:05');
    w.run();
    w.at('23:59');
    w.run();
    expect(w.digests()).toHaveLength(1);
    w.at('08:59', 16);
    w.run();
    expect(w.digests()).toHaveLength(1);
    w.at('09:00', 16);
    w.run();
    expect(w.digests()).toHaveLength(2);
    expect(w.digests()[1].text).toMatch(/Tuesday 16 January 2024/);
    // Wednesday is not one of its days.
    w.at('12:00', 17);
    w.run();
    expect(w.digests()).toHaveLength(2);
  });

  it('is skipped, not posted late, when no run happens between its time and midnight', () => {
    const w = new World(ROWS);
    w.run();
    w.at('00:01', 16);
    w.run();
    w.at('08:59', 16);
    w.run();
    expect(w.digests()).toEqual([]);
    w.at('09:00', 16);
    w.run();
    expect(w.digests().map((m) => m.text?.split('\n')[1])).toEqual([
      '_2 rows match · Tickets · Tuesday 16 January 2024_',
    ]);
  });

  it('retries a digest Chat failed for now with the same requestId, in the next run, and posts it once', () => {
    const w = new World(ROWS);
    w.run();
    w.at('09:00');
    w.chat.injectFault({ status: 503, times: 2 });
    w.chat.injectFault({ drop: 'after-commit', times: 1 });
    const first = w.run({ client: { maxAttempts: 3 } });
    expect(first.sheets[0]).toMatchObject({ digests: 0, digestsLeft: 1 });
    expect(Object.values(w.entries()).map((e) => e.status)).toEqual(['sending']);
    // Chat created it, but its answer was lost: the next run asks again with the same requestId.
    w.at('09:05');
    const second = w.run();
    expect(second.sheets[0]).toMatchObject({ digests: 1, digestsLeft: 0 });
    expect(w.digests()).toHaveLength(1);
    const requestId = digestRequestId(IDENTITY, 'Open this morning', '2024-01-15');
    const ids = w.http.requests.map((r) => requestIdOf(r.url)).filter((id) => /digest/.test(id));
    expect(ids).toEqual([requestId, requestId, requestId, requestId]);
    expect(Object.values(w.entries()).map((e) => e.status)).toEqual(['done']);
  });

  it('does not try again that day a digest Chat refused, and says so', () => {
    const w = new World(ROWS);
    w.run();
    w.at('09:00');
    w.chat.injectFault({ status: 400, times: 1 });
    expect(w.run().sheets[0]).toMatchObject({ digests: 0, digestsFailed: 1 });
    w.at('10:00');
    w.run();
    expect(w.digests()).toEqual([]);
    expect(Object.values(w.entries()).map((e) => e.status)).toEqual(['refused']);
  });

  it('reports a webhook Chat refuses, or that cannot be used, and keeps the digest due', () => {
    const w = new World(ROWS, { digests: [{ ...OPEN, webhook: 'OPS' }] });
    w.hooks.OPS = { ok: false, reason: 'CHAT_WEBHOOK_URL_OPS is not a Chat webhook URL' };
    w.run();
    w.at('09:00');
    const broken = w.run();
    expect(broken.broken).toEqual([
      { webhook: 'OPS', message: 'CHAT_WEBHOOK_URL_OPS is not a Chat webhook URL' },
    ]);
    expect(broken.sheets[0].digestsLeft).toBe(1);
    w.hook('OPS', 'OPS1');
    w.chat.injectFault({ status: 404, times: 1 });
    const refused = w.run();
    expect(refused.refused.map((r) => r.webhook)).toEqual(['OPS']);
    expect(refused.sheets[0].digestsLeft).toBe(1);
    w.run();
    expect(w.digests('OPS1')).toHaveLength(1);
  });

  it('skips an empty digest by default (that day, even if a row matches later); posts "No rows match" when asked', () => {
    const none = [['T-1', 'Printer on fire', 'Done']];
    const skip = new World(none);
    skip.run();
    skip.at('09:00');
    skip.run();
    skip.sheet.setCell(2, 3, 'Open');
    skip.at('09:30');
    skip.run();
    expect(skip.digests()).toEqual([]);
    const post = new World(none, { digests: [{ ...OPEN, ifEmpty: 'post' }] });
    post.run();
    post.at('09:00');
    post.run();
    expect(post.digests().map((m) => m.text)).toEqual([
      '*Open this morning*\n_No rows match · Tickets · Monday 15 January 2024_',
    ]);
  });

  it('mentions whom the configuration says, in its own thread', () => {
    const w = new World(ROWS, { digests: [{ ...OPEN, mention: ['users/123', 'all'] }] });
    w.run();
    w.at('09:00');
    w.run();
    expect(w.digests()[0].text?.split('\n')[0]).toBe('<users/123> <users/all>');
  });

  it('goes before the rows of its run, paced with them on one space', () => {
    const w = new World(ROWS);
    w.run();
    w.at('09:00');
    w.sheet.setRowValues(5, ['T-4', 'New ticket', 'Open']);
    const before = w.http.requests.length;
    w.run();
    const sent = w.http.requests.slice(before);
    expect(sent.map((r) => /digest/.test(requestIdOf(r.url)))).toEqual([true, false]);
    expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(1000);
  });

  it('is left for the next run when the time budget is spent before it starts', () => {
    const w = new World(ROWS);
    w.run();
    w.at('09:00');
    const report = w.run({ limits: { startedAt: w.clock.now() - DEFAULT_LIMITS.budgetMs } });
    expect(report.sheets[0].digestsLeft).toBe(1);
    expect(w.digests()).toEqual([]);
    w.run();
    expect(w.digests()).toHaveLength(1);
  });

  it('is not sent by "Send selected rows" nor by marking rows as sent', () => {
    const w = new World(ROWS);
    w.run();
    w.at('09:00');
    w.run({ selection: { kind: 'selected', positions: [0] } });
    w.run({ selection: { kind: 'baseline' } });
    expect(w.digests()).toEqual([]);
    w.run();
    expect(w.digests()).toHaveLength(1);
  });

  it('waits while held (quiet hours), then goes with the first run that is not', () => {
    const w = new World(ROWS);
    w.held = () => true;
    w.run();
    w.at('09:00');
    w.run();
    expect(w.digests()).toEqual([]);
    expect(Object.values(w.entries()).map((e) => [e.day, e.status])).toEqual([
      ['2024-01-15', 'held'],
    ]);
    w.held = () => false;
    w.at('10:00');
    w.run();
    expect(w.digests()).toHaveLength(1);
  });

  it('is not posted again the same day after its sheet is renamed', () => {
    const w = new World(ROWS);
    w.run();
    w.at('09:00');
    w.run();
    w.sheet.name = 'Helpdesk tickets';
    w.at('09:30');
    w.run();
    expect(w.digests()).toHaveLength(1);
    expect(Object.keys(w.entries())).toHaveLength(1);
  });

  it('keeps time in the spreadsheet’s time zone, read again when the one kept says a digest is due', () => {
    const w = new World(ROWS);
    w.run();
    w.workbook.timeZone = 'America/New_York';
    // 09:00 UTC is 04:00 in New York: the kept zone says due, the spreadsheet's says not yet.
    w.at('09:00');
    w.run();
    expect(w.digests()).toEqual([]);
    expect(JSON.parse(w.state as string).tz).toBe('America/New_York');
    const asked = w.timeZoneAsked;
    w.at('13:55');
    w.run();
    expect([w.digests().length, w.timeZoneAsked]).toEqual([0, asked]);
    w.at('14:00');
    w.run();
    expect(w.digests()).toHaveLength(1);
  });
});

describe('previewDigest', () => {
  it('builds the message as it would be posted now, and says when the next one is due', () => {
    const w = new World(ROWS, { digests: [{ ...OPEN, days: ['mon'] }] });
    w.run();
    const run = w.tableRun({ kind: 'due' });
    const place = run.place as NonNullable<typeof run.place>;
    const ports = { ...w.ports(), timeZone: w.timeZone() };
    const before = w.writes.length;
    const now = previewDigest({ ...run, place }, 'open THIS morning', ports, w.clock.now());
    expect(now?.matching).toBe('2 rows match');
    expect(now?.message?.text).toMatch(/^\*Open this morning\*\n_2 rows match · Tickets/);
    expect(now?.next).toEqual({
      day: '2024-01-15',
      dayInWords: 'Monday 15 January 2024',
      at: '09:00',
      now: false,
    });
    w.at('09:00');
    w.run();
    const after = previewDigest(
      { ...run, place },
      'Open this morning',
      { ...w.ports(), timeZone: w.timeZone() },
      w.clock.now(),
    );
    expect(after?.next.day).toBe('2024-01-22');
    expect(previewDigest({ ...run, place }, 'nope', ports, w.clock.now())).toBeNull();
    expect(w.writes.length).toBe(before + 2);
  });
});
