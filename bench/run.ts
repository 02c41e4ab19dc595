/**
 * npm run bench: Spreadsheet calls, UrlFetchApp calls, messages and CPU time
 * of the built bundle (dist/Code.js) in the local Apps Script runtime, next to
 * a naive per-row implementation and to the figures measured before the
 * current engine. Prints figures; asserts nothing.
 *
 * "calls" are Spreadsheet service calls, each a round trip in Apps Script
 * (building a rich text value is not one, and is not counted).
 */
import * as fs from 'node:fs';
import { createChatClient } from '../src/chat/client';
import { parseWebhookUrl } from '../src/chat/webhook-url';
import { hashHex } from '../src/relay/hash';
import { serializeLedger } from '../src/relay/ledger-codec';
import { rowReader } from '../src/relay/rows';
import { takeSnapshot } from '../src/relay/snapshot';
import { openTable } from '../src/relay/table';
import { BUNDLE_PATH, harness, type Harness, type HarnessOptions } from '../local/harness';
import { naiveRun } from './naive';

function sheetRows(
  rows: number,
  columns: number,
  team?: (r: number) => string,
  due?: (r: number) => Date,
): unknown[][] {
  const header = Array.from({ length: columns }, (_, c) =>
    c === 0 ? 'ID' : c === 1 && team ? 'Team' : c === 2 && due ? 'Due' : `Field ${c}`,
  );
  const data = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) =>
      c === 0
        ? `T-${r + 1}`
        : c === 1 && team
          ? team(r)
          : c === 2 && due
            ? due(r)
            : `value ${r}-${c}`,
    ),
  );
  return [header, ...data];
}

/** A bench sheet's harness options, its Team column (column 2) and its Due column (column 3), if any. */
type SheetExtras = HarnessOptions & { team?: (r: number) => string; due?: (r: number) => Date };

/** A sheet whose every row was already delivered: the ledger is filled as the relay would. */
function deliveredSheet(
  rows: number,
  columns: number,
  latencyMs = 200,
  extras: SheetExtras = {},
): Harness {
  const { team, due, ...more } = extras;
  const h = harness({
    sheets: [{ name: 'Tickets', rows: sheetRows(rows, columns, team, due) }],
    latencyMs,
    ...more,
  });
  const sheet = h.sheet();
  const opened = openTable(sheet, { headerRow: 1, keyColumn: null });
  if (!opened.ok) throw new Error(opened.error.text);
  const table = opened.value;
  const reader = rowReader(table);
  const l = table.ledger;
  table.rows.forEach((cells, p) => {
    const row = p + 2;
    const version = reader.version(cells);
    const delivered = takeSnapshot([
      { label: 'ID', value: reader.key(cells) },
      ...reader.fields(cells),
    ]);
    const thread = `spaces/AAAA/threads/${hashHex(String(p)).slice(0, 11)}`;
    sheet.setCell(row, l.status + 1, 'SENT');
    sheet.setCell(row, l.thread + 1, thread);
    sheet.setCell(row, l.version + 1, version);
    sheet.setCell(
      row,
      l.ledger + 1,
      serializeLedger({
        rowId: `r${p}`,
        sendCount: 1,
        requestId: `q${p}`,
        sendingVersion: version,
        delivered: delivered.values,
        deliveredPartial: delivered.partial,
        threadKey: extras.config ? `k${p}` : '',
        webhook: 'default',
        sendingValues: null,
        visible: { status: 'SENT', thread, sentAt: '', error: '', version },
      }),
    );
  });
  return h;
}

interface Figures {
  calls: number;
  fetches: number;
  messages: number;
  cpuMs: number;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function roundTrips(h: Harness): number {
  return (
    h.workbook.calls.total - (h.workbook.calls.byMethod['SpreadsheetApp.newRichTextValue'] ?? 0)
  );
}

function measure(h: Harness, action: () => void, spaces: string[] = ['AAAA']): Figures {
  h.workbook.calls.reset();
  const fetchesBefore = h.runtime.urlFetch.requests.length;
  const messagesBefore = spaces.reduce((n, s) => n + h.chat.messages(s).length, 0);
  const cpu = process.cpuUsage();
  action();
  const used = process.cpuUsage(cpu);
  return {
    calls: roundTrips(h),
    fetches: h.runtime.urlFetch.requests.length - fetchesBefore,
    messages: spaces.reduce((n, s) => n + h.chat.messages(s).length, 0) - messagesBefore,
    cpuMs: (used.user + used.system) / 1000,
  };
}

/** Median CPU of `times` measurements of a repeatable action. */
function measureMedian(times: number, h: Harness, action: () => void): Figures {
  const runs = Array.from({ length: times }, () => measure(h, action));
  return { ...runs[0], cpuMs: median(runs.map((r) => r.cpuMs)) };
}

function naive(h: Harness, times = 1): Figures {
  const table = openTable(h.sheet(), { headerRow: 1, keyColumn: null });
  if (!table.ok) throw new Error(table.error.text);
  const webhook = parseWebhookUrl(h.webhookUrl);
  if (!webhook.ok) throw new Error(webhook.error);
  const http = h.runtime.urlFetch;
  const client = createChatClient(
    { fetch: (url, params) => http.fetch(url, params), fetchAll: () => [] },
    h.clock,
  );
  return measureMedian(times, h, () =>
    naiveRun(h.sheet(), table.value, client, webhook.value, () => h.clock.now()),
  );
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const out: string[] = [];

function table(title: string, header: string[], rows: Array<Array<string | number>>) {
  out.push('', title);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  out.push(header.map((h, i) => (i === 0 ? h.padEnd(widths[i]) : pad(h, widths[i]))).join('  '));
  rows.forEach((r) =>
    out.push(
      r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : pad(c, widths[i]))).join('  '),
    ),
  );
}

function idleRuns() {
  const rows = [
    [200, 12, 11],
    [20000, 12, 11],
    [50000, 12, 11],
    [50000, 20, 11],
  ].map(([n, columns, before]) => {
    const relay = deliveredSheet(n, columns);
    const figures = measureMedian(5, relay, () => relay.runtime.call('runScheduled'));
    if (figures.fetches !== 0) throw new Error('an idle run fetched');
    const base = naive(deliveredSheet(n, columns), 5);
    return [
      `idle run, ${n.toLocaleString('en-US')} rows × ${columns}`,
      figures.calls,
      before,
      figures.cpuMs.toFixed(1),
      base.calls,
      base.cpuMs.toFixed(1),
    ];
  });
  rows.push(idleWithDates(200, 12), idleWithDates(50000, 12));
  table(
    'Idle runs (every row already delivered): the same calls whatever the size, no fetch',
    ['scenario', 'calls', 'before', 'cpu ms', 'naive calls', 'naive cpu ms'],
    rows,
  );
}

/**
 * Conditions on dates and numbers everywhere they go. Nothing due, no rule evaluated: the typed
 * values (one more range call) and the time zone are not read, so the calls are today's.
 */
const DATE_CONDITIONS = {
  sendWhen: { column: 'Due', onOrBefore: 'today+1d' },
  routes: [{ when: { column: 'Due', before: 'now-30m' }, webhook: 'default' }],
  mentions: [{ when: [{ column: 'Due', before: 'today' }], mention: 'users/42' }],
};

function idleWithDates(n: number, columns: number): Array<string | number> {
  const due = (r: number) => new Date(Date.UTC(2024, 0, 1 + (r % 28), 5));
  const extras = { config: DATE_CONDITIONS, timeZone: 'America/New_York', due };
  const relay = deliveredSheet(n, columns, 200, extras);
  const figures = measureMedian(5, relay, () => relay.runtime.call('runScheduled'));
  if (figures.fetches !== 0) throw new Error('an idle run with date conditions fetched');
  return [
    `idle run with date conditions, ${n.toLocaleString('en-US')} rows × ${columns}`,
    figures.calls,
    9,
    figures.cpuMs.toFixed(1),
    '',
    '',
  ];
}

/** 19:00 to 08:00 in the spreadsheet's time zone (UTC here); the bench's clock starts at 09:00. */
const QUIET_HOURS = { quietHours: { from: '19:00', to: '08:00' } };
const NIGHT = Date.UTC(2024, 0, 15, 23, 0);

/** Quiet hours configured: idle by day and at night, and a night run holding 1,000 changed rows. */
function quietHours() {
  const idle = [200, 50000].flatMap((n) =>
    [
      ['by day', undefined],
      ['at night', NIGHT],
    ].map(([when, startAt]) => {
      const h = deliveredSheet(n, 12, 200, { config: QUIET_HOURS, startAt: startAt as number });
      const figures = measureMedian(5, h, () => h.runtime.call('runScheduled'));
      if (figures.fetches !== 0) throw new Error('an idle run fetched');
      return [
        `idle, quietHours set, ${when}, ${n.toLocaleString('en-US')} rows × 12`,
        figures.calls,
        9,
      ];
    }),
  );
  const h = deliveredSheet(20000, 12, 300, { config: QUIET_HOURS, startAt: NIGHT });
  for (let r = 0; r < 1000; r++) h.sheet().setCell(2 + r * 20, 3, `changed ${r}`);
  const night = measure(h, () => h.runtime.call('runScheduled'));
  if (night.messages !== 0) throw new Error('quiet hours sent a message');
  h.clock.advance(Date.UTC(2024, 0, 16, 8, 0) - h.clock.now());
  const morning = measure(h, () => h.runtime.call('runScheduled'));
  const held = [
    ['a night run holding 1,000 changed rows of 20,000', night.calls, '-'],
    [
      `the first run at 08:00: sent ${morning.messages}, calls/msg ${(morning.calls / morning.messages).toFixed(2)}`,
      morning.calls,
      '-',
    ],
  ];
  table(
    'Quiet hours (19:00 to 08:00): an idle run makes the same calls as without them, whatever the size',
    ['scenario', 'calls', 'idle today'],
    idle.concat(held),
  );
}

/** Idle runs with two digests configured, none due (one posted already today, one later). */
function idleWithDigests() {
  const rows = [200, 50000].map((n) => {
    const plain = deliveredSheet(n, 12);
    const without = measureMedian(5, plain, () => plain.runtime.call('runScheduled'));
    const relay = deliveredSheet(n, 12);
    relay.properties.setProperty(
      'CHAT_RELAY_CONFIG',
      JSON.stringify({
        digests: [
          { name: 'Open this morning', at: '08:00', when: { column: 'Field 2', notEquals: '' } },
          { name: 'Evening', at: '18:00' },
        ],
      }),
    );
    // The first run posts the morning digest (09:00 is past 08:00) and keeps the time zone.
    relay.runtime.call('runScheduled');
    const figures = measureMedian(5, relay, () => relay.runtime.call('runScheduled'));
    if (figures.fetches !== 0) throw new Error('an idle run with digests fetched');
    return [
      `idle run, 2 digests not due, ${n.toLocaleString('en-US')} rows × 12`,
      figures.calls,
      without.calls,
      figures.cpuMs.toFixed(1),
      without.cpuMs.toFixed(1),
    ];
  });
  table(
    'Idle runs with digests configured, none due: no call more than without them',
    ['scenario', 'calls', 'without digests', 'cpu ms', 'without: cpu ms'],
    rows,
  );
}

/**
 * Reminders configured, none due: a rule holds for one row in ten (Team = Infra), its first
 * reminder a day away. The first run starts the clocks (it reads the ledgers); the runs after
 * it are measured: they must make as many calls as the idle run, whatever the sheet's size.
 */
function remindersIdle() {
  const config = {
    reminders: [{ when: { column: 'Team', equals: 'Infra' }, after: '1d', every: '1d' }],
  };
  const team = (r: number) => (r % 10 === 0 ? 'Infra' : 'Ops');
  const rows = [200, 20000, 50000].map((n) => {
    const relay = deliveredSheet(n, 12, 200, { team, config });
    const first = measure(relay, () => relay.runtime.call('runScheduled'));
    relay.clock.advance(5 * 60000);
    const figures = measureMedian(5, relay, () => relay.runtime.call('runScheduled'));
    if (figures.fetches !== 0 || first.fetches !== 0)
      throw new Error('a reminders idle run fetched');
    const plain = deliveredSheet(n, 12);
    const idle = measure(plain, () => plain.runtime.call('runScheduled'));
    return [
      `reminders configured, none due, ${n.toLocaleString('en-US')} rows × 12`,
      figures.calls,
      idle.calls,
      figures.cpuMs.toFixed(1),
      first.calls,
    ];
  });
  table(
    "Reminders configured, none due (a rule holding for 1 row in 10, due in a day): the idle run's calls",
    ['scenario', 'calls', 'idle run', 'cpu ms', 'first run (clocks start)'],
    rows,
  );
}

function busyRun() {
  const relay = harness({ sheets: [{ name: 'Tickets', rows: sheetRows(200, 12) }], latencyMs: 50 });
  const figures = measure(relay, () => relay.runtime.call('runScheduled'));
  const base = naive(
    harness({ sheets: [{ name: 'Tickets', rows: sheetRows(200, 12) }], latencyMs: 50 }),
  );
  table(
    'A busy run: 200 new adjacent rows',
    ['scenario', 'calls', 'calls/msg', 'before', 'naive calls'],
    [
      [
        'busy run, 200 new rows × 12',
        figures.calls,
        (figures.calls / figures.messages).toFixed(2),
        '181 (0.9/msg)',
        base.calls,
      ],
    ],
  );
}

/** 1,000 changed rows scattered through a delivered sheet: calls per message sent in the first run. */
function scattered() {
  const rows = [5000, 20000, 50000].map((n) => {
    const h = deliveredSheet(n, 12, 300);
    const step = Math.floor(n / 1000);
    for (let r = 0; r < 1000; r++) h.sheet().setCell(2 + r * step, 3, `changed ${r}`);
    const first = measure(h, () => h.runtime.call('runScheduled'));
    h.clock.advance(60000);
    const second = measure(h, () => h.runtime.call('runScheduled'));
    return [
      `${n.toLocaleString('en-US')} rows, 1,000 changed`,
      first.messages,
      first.calls,
      (first.calls / first.messages).toFixed(2),
      second.messages,
      (second.calls / second.messages).toFixed(2),
      n === 20000 ? '2,563 for 207 (8.6/msg)' : '',
    ];
  });
  table(
    'Scattered changes (one space, 300 ms latency): goal at most 2 calls per message, not growing with the sheet',
    ['sheet', 'sent (run 1)', 'calls', 'calls/msg', 'sent (run 2)', 'calls/msg', 'before'],
    rows,
  );
}

/** K spaces, 300 ms latency: messages delivered in one run, and per second. */
function spaces() {
  const results = [1, 2, 4].map((k) => {
    const teams = Array.from({ length: k }, (_, i) => `TEAM${i}`);
    const h = harness({
      sheets: [{ name: 'Tickets', rows: sheetRows(400 * k, 6, (r) => teams[r % k]) }],
      latencyMs: 300,
      config: { routes: teams.map((t) => ({ when: { column: 'Team', equals: t }, webhook: t })) },
    });
    teams.forEach((t) => h.addWebhook(t, `S${t}`));
    const started = h.clock.now();
    const figures = measure(
      h,
      () => h.runtime.call('runScheduled'),
      teams.map((t) => `S${t}`),
    );
    const seconds = (h.clock.now() - started) / 1000;
    return { k, figures, seconds };
  });
  const single = results[0].figures.messages;
  table(
    'Several spaces (300 ms latency, one run of at most 270 s): goal about K times one space',
    ['spaces', 'messages', 'run s', 'msg/s', '× one space', 'calls/msg'],
    results.map((r) => [
      String(r.k),
      r.figures.messages,
      r.seconds.toFixed(0),
      (r.figures.messages / r.seconds).toFixed(2),
      (r.figures.messages / single).toFixed(2),
      (r.figures.calls / r.figures.messages).toFixed(2),
    ]),
  );
  out.push('before: one space only, about 1 message per second');
}

function changeDetection() {
  const h = deliveredSheet(50000, 20);
  const times = Array.from({ length: 5 }, () => {
    const cpu = process.cpuUsage();
    const opened = openTable(h.sheet(), { headerRow: 1, keyColumn: null });
    if (!opened.ok) throw new Error(opened.error.text);
    const reader = rowReader(opened.value);
    let due = 0;
    for (const cells of opened.value.rows)
      if (reader.version(cells) !== cells[opened.value.ledger.version]) due++;
    const used = process.cpuUsage(cpu);
    if (due) throw new Error('rows changed');
    return (used.user + used.system) / 1000;
  });
  out.push(
    '',
    `change detection alone over 50,000 rows × 20 columns, in Node: ${median(times).toFixed(1)} ms CPU (median of 5)`,
  );
}

console.log('Chat Relay benchmark: dist/Code.js in the local Apps Script runtime, Chat in process');
idleRuns();
quietHours();
idleWithDigests();
remindersIdle();
busyRun();
scattered();
spaces();
changeDetection();
out.push(
  `bundle: dist/Code.js is ${fs.statSync(BUNDLE_PATH).size.toLocaleString('en-US')} bytes (before: about 88 KB)`,
);
out.forEach((line) => console.log(line));
