/**
 * npm run bench: Spreadsheet calls, UrlFetchApp calls and CPU time of the
 * built bundle (dist/Code.js) in the local Apps Script runtime, for idle runs
 * over growing sheets and for a busy run, next to a naive per-row
 * implementation measured in the same process. Prints figures; asserts
 * nothing.
 */
import * as fs from 'node:fs';
import { createChatClient } from '../src/chat/client';
import { parseWebhookUrl } from '../src/chat/webhook-url';
import { hashHex } from '../src/relay/hash';
import { openTable } from '../src/relay/table';
import { dueReason, rowReader } from '../src/relay/rows';
import { serializeLedger } from '../src/relay/ledger-codec';
import { BUNDLE_PATH, harness, type Harness } from '../local/harness';
import { naiveRun } from './naive';

function sheetRows(rows: number, columns: number): unknown[][] {
  const header = Array.from({ length: columns }, (_, c) => (c === 0 ? 'ID' : `Field ${c}`));
  const data = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => (c === 0 ? `T-${r + 1}` : `value ${r}-${c}`)),
  );
  return [header, ...data];
}

/** A sheet whose every row was already delivered: the ledger is filled as the relay would. */
function deliveredSheet(rows: number, columns: number): Harness {
  const h = harness({ sheets: [{ name: 'Tickets', rows: sheetRows(rows, columns) }] });
  const sheet = h.sheet();
  const table = openTable(sheet, { headerRow: 1, keyColumn: null });
  if (!table.ok) throw new Error(table.error);
  const reader = rowReader(table.value);
  table.value.rows.forEach((cells, p) => {
    const row = p + 2;
    const l = table.value.ledger;
    sheet.setCell(row, l.status + 1, 'SENT');
    sheet.setCell(row, l.thread + 1, `spaces/AAAA/threads/${hashHex(String(p)).slice(0, 11)}`);
    sheet.setCell(row, l.version + 1, reader.version(cells));
    sheet.setCell(
      row,
      l.ledger + 1,
      serializeLedger({
        rowId: `r${p}`,
        sendCount: 1,
        requestId: `q${p}`,
        sendingVersion: reader.version(cells),
        delivered: {},
        deliveredPartial: false,
      }),
    );
  });
  return h;
}

interface Figures {
  calls: number;
  fetches: number;
  cpuMs: number;
  cells: number;
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median of `times` measurements of a repeatable action. */
function measureMedian(times: number, h: Harness, action: () => void): Figures {
  const runs = Array.from({ length: times }, () => measure(h, action));
  return { ...runs[0], cpuMs: median(runs.map((r) => r.cpuMs)) };
}

function measure(h: Harness, action: () => void): Figures {
  h.workbook.calls.reset();
  const fetchesBefore = h.runtime.urlFetch.requests.length;
  const cpu = process.cpuUsage();
  action();
  const used = process.cpuUsage(cpu);
  return {
    calls: h.workbook.calls.total,
    fetches: h.runtime.urlFetch.requests.length - fetchesBefore,
    cpuMs: (used.user + used.system) / 1000,
    cells: h.workbook.calls.cellsRead + h.workbook.calls.cellsWritten,
  };
}

function naive(h: Harness, times = 1): Figures {
  const table = openTable(h.sheet(), { headerRow: 1, keyColumn: null });
  if (!table.ok) throw new Error(table.error);
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
const rowsOut: string[] = [];
function report(name: string, relay: Figures, base: Figures) {
  rowsOut.push(
    [
      name.padEnd(34),
      pad(relay.calls, 7),
      pad(relay.fetches, 8),
      pad(relay.cpuMs.toFixed(1), 9),
      '   |',
      pad(base.calls, 9),
      pad(base.fetches, 8),
      pad(base.cpuMs.toFixed(1), 9),
    ].join(''),
  );
}

function idle(rows: number, columns: number) {
  const relay = deliveredSheet(rows, columns);
  const figures = measureMedian(5, relay, () => relay.runtime.call('runScheduled'));
  if (figures.fetches !== 0) throw new Error('an idle run fetched');
  const baseline = naive(deliveredSheet(rows, columns), 5);
  report(`idle run, ${rows.toLocaleString('en-US')} rows × ${columns}`, figures, baseline);
}

function busy(rows: number, columns: number) {
  const relay = harness({
    sheets: [{ name: 'Tickets', rows: sheetRows(rows, columns) }],
    latencyMs: 50,
  });
  const figures = measure(relay, () => relay.runtime.call('runScheduled'));
  const base = harness({
    sheets: [{ name: 'Tickets', rows: sheetRows(rows, columns) }],
    latencyMs: 50,
  });
  report(`busy run, ${rows} new rows × ${columns}`, figures, naive(base));
}

console.log(
  'Chat Relay benchmark: dist/Code.js in the local Apps Script runtime, Chat in process\n',
);
console.log(
  'scenario'.padEnd(34) +
    pad('calls', 7) +
    pad('fetches', 8) +
    pad('cpu ms', 9) +
    '   |' +
    pad('naive', 9) +
    pad('fetches', 8) +
    pad('cpu ms', 9),
);
idle(200, 12);
idle(20000, 12);
idle(50000, 12);
idle(50000, 20);
busy(200, 12);
rowsOut.forEach((r) => console.log(r));
console.log(
  '\n"calls": Spreadsheet service calls, each a round trip in Apps Script. "cpu ms": median of 5 for idle runs.',
);

// Change detection alone, in Node: every row's version and due check over 50,000 × 20.
{
  const h = deliveredSheet(50000, 20);
  const table = openTable(h.sheet(), { headerRow: 1, keyColumn: null });
  if (!table.ok) throw new Error(table.error);
  const reader = rowReader(table.value);
  let due = 0;
  const times = Array.from({ length: 5 }, () => {
    const cpu = process.cpuUsage();
    due = 0;
    for (let p = 0; p < table.value.rows.length; p++) if (dueReason(table.value, reader, p)) due++;
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / 1000;
  });
  console.log(
    `change detection alone over 50,000 rows × 20 columns, in Node: ${median(times).toFixed(1)} ms CPU (median of 5; ${due} rows due)`,
  );
}

const size = fs.statSync(BUNDLE_PATH).size;
console.log(`bundle: dist/Code.js is ${size.toLocaleString('en-US')} bytes`);
