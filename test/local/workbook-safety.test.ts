/**
 * `npm start -- --workbook my.xlsx` must never damage the user's file: it
 * writes back only the relay's "Chat …" columns and keeps everything else of
 * the original exactly. And it keeps the relay's write-ahead promise: a run
 * interrupted after a flush leaves a journal from which the next run reuses
 * the same requestIds, so nothing is posted twice.
 *
 * Runs the built bundle (dist/Code.js, built by jest's global setup) the way
 * local/start.ts does for --workbook: loadWorkbookXlsx, a RelaySession with
 * workbookFileHooks, "Send pending rows", saveRelayColumnsXlsx; on a fake
 * clock against the Chat emulator in process.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { inProcessTransport } from '../../local/chat-emulator/in-process';
import { ChatStore } from '../../local/chat-emulator/store';
import {
  FakeClock,
  loadWorkbookXlsx,
  RELAY_COLUMN_HEADERS,
  relayJournalPath,
  saveRelayColumnsXlsx,
  type Transport,
  type Workbook,
} from '../../local/runtime';
import { RelaySession, workbookFileHooks } from '../../local/session';
import { fieldMap } from './posted-cards';

const SPACE = 'AAAAsafety';
const CONFIG = JSON.stringify({ sheet: 'Tickets', keyColumn: 'ID' });

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-safety-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const YELLOW: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };

/** A workbook as a user keeps it: formulas, fills, widths, notes, merges, a defined name, two sheets. */
async function writeUserWorkbook(file: string, rows = 3): Promise<void> {
  const x = new ExcelJS.Workbook();
  const ws = x.addWorksheet('Tickets', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ width: 11 }, { width: 34 }, { width: 8 }, { width: 13.5 }, { width: 9 }];
  ws.addRow(['ID', 'Title', 'Qty', 'Total', 'Urgent']);
  for (let i = 1; i <= rows; i++) {
    const qty = i === 2 ? 0 : i; // row 3's formula gives 0, its FALSE formula too
    ws.addRow([
      `T-${i}`,
      `Ticket number ${i}`,
      qty,
      { formula: `C${i + 1}*50`, result: qty * 50 },
      { formula: `C${i + 1}>1`, result: qty > 1 },
    ]);
  }
  ws.getRow(1).eachCell((c) => {
    c.fill = YELLOW;
    c.font = { bold: true, color: { argb: 'FF1F4E79' } };
  });
  ws.getCell('D2').numFmt = '"$"#,##0.00';
  ws.getCell('B2').note = 'Reported by the front desk';
  ws.getCell('A3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } };
  ws.getRow(1).height = 24;
  const totals = ws.getRow(rows + 3);
  totals.getCell(1).value = 'Totals';
  totals.getCell(4).value = { formula: `SUM(D2:D${rows + 1})`, result: 0 };
  ws.mergeCells(rows + 3, 1, rows + 3, 3);
  x.definedNames.add(`Tickets!$C$2:$C$${rows + 1}`, 'Quantities');
  const notes = x.addWorksheet('Notes');
  notes.getCell('A1').value = 'Untouched sheet';
  notes.getCell('A2').value = { formula: 'SUM(Quantities)', result: 0 };
  notes.getCell('B2').value = new Date(Date.UTC(2024, 2, 20));
  notes.getCell('B2').numFmt = 'mm-dd-yy';
  notes.mergeCells('A4:B5');
  notes.getCell('A4').value = 'merged block';
  notes.getColumn(1).width = 40;
  await x.xlsx.writeFile(file);
}

interface Run {
  workbook: Workbook;
  session: RelaySession;
}

/** What local/start.ts does for --workbook, on a fake clock against an in-process Chat. */
async function runWorkbook(file: string, chat: ChatStore, clock: FakeClock, transport?: Transport) {
  const hook = chat.registerWebhook(SPACE, 'Chat Relay');
  const workbook = await loadWorkbookXlsx(file);
  const printed: string[] = [];
  const print = (line: string) => printed.push(line);
  const session = new RelaySession({
    workbook,
    properties: {
      CHAT_WEBHOOK_URL: hook.url('https://chat.googleapis.com'),
      CHAT_RELAY_CONFIG: CONFIG,
    },
    transport: transport ?? inProcessTransport(chat),
    print,
    clock,
    ...workbookFileHooks(workbook, print),
  });
  const run: Run = { workbook, session };
  return { run, printed };
}

async function send(run: Run): Promise<void> {
  await run.session.step('Menu › Send pending rows', (rt) => rt.call('sendPendingRows'));
}

async function openXlsx(file: string): Promise<ExcelJS.Workbook> {
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(file);
  return x;
}

/** Every cell's content as one comparable record (value, formula, cached result, style, note). */
function cellRecord(cell: ExcelJS.Cell): string {
  return JSON.stringify({
    type: cell.type,
    value: cell.type === ExcelJS.ValueType.Formula ? null : cell.value,
    formula: cell.type === ExcelJS.ValueType.Formula ? cell.formula : null,
    result: cell.type === ExcelJS.ValueType.Formula ? (cell.result ?? null) : null,
    style: cell.style,
    note: cell.note ?? null,
  });
}

/** The addresses of every cell either worksheet has, outside the skipped columns. */
function addressesOf(sheets: ExcelJS.Worksheet[], skipColumns: Set<number>): Set<string> {
  const out = new Set<string>();
  for (const ws of sheets) {
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (!skipColumns.has(c)) out.add(cell.address);
      }),
    );
  }
  return out;
}

function columnsOf(ws: ExcelJS.Worksheet, skipColumns: Set<number>) {
  const out: unknown[] = [];
  for (let c = 1; c <= Math.max(ws.columnCount, 12); c++) {
    if (skipColumns.has(c)) continue;
    const col = ws.getColumn(c);
    out.push([c, col.width ?? null, !!col.hidden]);
  }
  return out;
}

/** Asserts that the two workbooks are the same, except in `relay` columns of the named sheets. */
function expectSameExcept(
  before: ExcelJS.Workbook,
  after: ExcelJS.Workbook,
  relay: Record<string, Set<number>>,
) {
  expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
  expect(after.definedNames.model).toEqual(before.definedNames.model);
  for (const ws of before.worksheets) {
    const other = after.getWorksheet(ws.name) as ExcelJS.Worksheet;
    const skip = relay[ws.name] ?? new Set<number>();
    for (const address of addressesOf([ws, other], skip)) {
      const record = (w: ExcelJS.Worksheet) => [address, cellRecord(w.getCell(address))];
      expect(record(other)).toEqual(record(ws));
    }
    expect(columnsOf(other, skip)).toEqual(columnsOf(ws, skip));
    expect(other.model.merges).toEqual(ws.model.merges);
    expect(other.views).toEqual(ws.views);
    const heights = (w: ExcelJS.Worksheet) => [1, 2, 3].map((r) => w.getRow(r).height ?? null);
    expect(heights(other)).toEqual(heights(ws));
  }
}

/** The relay's columns in a worksheet's header row: {header: column}. */
function relayHeaders(ws: ExcelJS.Worksheet): Record<string, number> {
  const out: Record<string, number> = {};
  ws.getRow(1).eachCell((cell, c) => {
    if (RELAY_COLUMN_HEADERS.includes(String(cell.value))) out[String(cell.value)] = c;
  });
  return out;
}

describe('--workbook writes back only the relay’s columns', () => {
  it('keeps formulas, styles, widths, notes, merges, defined names and the other sheet exactly', async () => {
    const file = path.join(dir, 'tickets.xlsx');
    await writeUserWorkbook(file);
    const original = path.join(dir, 'original.xlsx');
    fs.copyFileSync(file, original);

    const clock = new FakeClock();
    const chat = new ChatStore({ now: () => clock.now() });
    const { run } = await runWorkbook(file, chat, clock);
    await send(run);
    const saved = await saveRelayColumnsXlsx(run.workbook, file);
    expect(saved).toMatchObject({ file, inPlace: true, lost: [], changed: true });

    const before = await openXlsx(original);
    const after = await openXlsx(file);
    const headers = relayHeaders(after.getWorksheet('Tickets') as ExcelJS.Worksheet);
    // The bundle appended exactly the columns the local tool knows as the relay's, after the data.
    expect(Object.keys(headers)).toEqual([...RELAY_COLUMN_HEADERS]);
    expect(Object.values(headers)).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expectSameExcept(before, after, { Tickets: new Set(Object.values(headers)) });

    const tickets = after.getWorksheet('Tickets') as ExcelJS.Worksheet;
    const column = (header: string) =>
      [2, 3, 4, 6].map((r) => tickets.getCell(r, headers[header]).value);
    expect(column('Chat Status')).toEqual(['SENT', 'SENT', 'SENT', 'SENT']);
    // Chat Thread cells are hyperlinks to their threads, with the thread's name as text.
    for (const v of column('Chat Thread') as Array<{ text: string; hyperlink: string }>) {
      expect(v.text).toMatch(/^spaces\/AAAAsafety\/threads\//);
      expect(v.hyperlink).toBe(
        `https://chat.google.com/room/AAAAsafety/${v.text.split('/').pop()}`,
      );
    }
    expect(column('Chat Sent At').every((v) => v instanceof Date)).toBe(true);
    expect(column('Chat Error')).toEqual([null, null, null, null]);
    const hidden = (header: string) => !!tickets.getColumn(headers[header]).hidden;
    expect(RELAY_COLUMN_HEADERS.map(hidden)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);

    // Formulas whose result is 0 or FALSE were posted with their values, not dropped as empty.
    const posted = chat.messages(SPACE).map(fieldMap);
    expect(posted.map((fields) => fields.ID)).toEqual(['T-1', 'T-2', 'T-3', 'Totals']);
    expect(posted[1]).toMatchObject({ Qty: '0', Total: '0', Urgent: 'FALSE' });
    expect(posted[0]).toMatchObject({ Qty: '1', Total: '$50.00', Urgent: 'FALSE' });
  });

  it('leaves the file byte for byte as it was when a second run has nothing to send', async () => {
    const file = path.join(dir, 'tickets.xlsx');
    await writeUserWorkbook(file);
    const clock = new FakeClock();
    const chat = new ChatStore({ now: () => clock.now() });
    const first = (await runWorkbook(file, chat, clock)).run;
    await send(first);
    await saveRelayColumnsXlsx(first.workbook, file);
    const afterFirst = fs.readFileSync(file);

    clock.advance(60000);
    const second = (await runWorkbook(file, chat, clock)).run;
    await send(second);
    expect(await saveRelayColumnsXlsx(second.workbook, file)).toMatchObject({ changed: false });
    expect(fs.readFileSync(file).equals(afterFirst)).toBe(true);
    expect(chat.messages(SPACE)).toHaveLength(4);
  });
});

describe('cells that moved in memory', () => {
  it('are not written back by position: the save refuses and leaves the file as it was', async () => {
    const file = path.join(dir, 'tickets.xlsx');
    await writeUserWorkbook(file);
    const clock = new FakeClock();
    const chat = new ChatStore({ now: () => clock.now() });
    const { run } = await runWorkbook(file, chat, clock);
    await send(run);
    const before = fs.readFileSync(file);
    run.workbook.sheet('Tickets').sortRows(2, false); // rows now sit elsewhere than in the file
    await expect(saveRelayColumnsXlsx(run.workbook, file)).rejects.toThrow(
      `Cannot write the Chat columns into ${file}: the run moved cells of sheet "Tickets"`,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

/** CRC-32 (zip's), for the entry appendZipEntry adds. */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The zip archive with one more (stored) entry, as another application's part (a chart, say). */
function appendZipEntry(zip: Buffer, name: string, content: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  const cdSize = zip.readUInt32LE(eocd + 12);
  const cdOffset = zip.readUInt32LE(eocd + 16);
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const header = (central: boolean) => {
    const h = Buffer.alloc(central ? 46 : 30);
    h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
    const at = central ? 2 : 0; // the central header has "version made by" first
    h.writeUInt16LE(20, 4 + at);
    h.writeUInt32LE(crc32(data), 14 + at);
    h.writeUInt32LE(data.length, 18 + at);
    h.writeUInt32LE(data.length, 22 + at);
    h.writeUInt16LE(fileName.length, 26 + at);
    if (central) h.writeUInt32LE(cdOffset, 42);
    return h;
  };
  const local = Buffer.concat([header(false), fileName, data]);
  const central = Buffer.concat([header(true), fileName]);
  const end = Buffer.from(zip.subarray(eocd, eocd + 22));
  end.writeUInt16LE(count + 1, 8);
  end.writeUInt16LE(count + 1, 10);
  end.writeUInt32LE(cdSize + central.length, 12);
  end.writeUInt32LE(cdOffset + local.length, 16);
  return Buffer.concat([
    zip.subarray(0, cdOffset),
    local,
    zip.subarray(cdOffset, cdOffset + cdSize),
    central,
    end,
  ]);
}

describe('a workbook with parts the local tool cannot keep', () => {
  it('is left untouched; the result goes beside it', async () => {
    const file = path.join(dir, 'charts.xlsx');
    await writeUserWorkbook(file);
    const withChart = appendZipEntry(
      fs.readFileSync(file),
      'xl/charts/chart1.xml',
      '<c:chartSpace/>',
    );
    fs.writeFileSync(file, withChart);

    const clock = new FakeClock();
    const chat = new ChatStore({ now: () => clock.now() });
    const { run } = await runWorkbook(file, chat, clock);
    await send(run);
    const saved = await saveRelayColumnsXlsx(run.workbook, file);
    const beside = path.join(dir, 'charts.chat-relay.xlsx');
    expect(saved).toMatchObject({ file: beside, inPlace: false, lost: ['xl/charts/chart#.xml'] });
    expect(fs.readFileSync(file).equals(withChart)).toBe(true);
    // The journal stays: the next run on the original resumes with the same requestIds.
    expect(fs.existsSync(relayJournalPath(file))).toBe(true);
    const result = await openXlsx(beside);
    const headers = relayHeaders(result.getWorksheet('Tickets') as ExcelJS.Worksheet);
    expect(Object.keys(headers)).toEqual([...RELAY_COLUMN_HEADERS]);
  });
});

describe('the write-ahead promise across an interrupted run', () => {
  /** Kills the execution (as Ctrl-C would the process) once `after` messages were created. */
  function killAfter(after: number, chat: ChatStore, clock: FakeClock): Transport {
    const inner = inProcessTransport(chat);
    return (request) => {
      const reply = inner(request);
      // Past Apps Script's 6 minutes, the next service call ends the execution at once.
      if (chat.stats().creates >= after) clock.advance(10 * 60000);
      return reply;
    };
  }

  async function interruptedRun(file: string, rows: number, after: number) {
    await writeUserWorkbook(file, rows);
    const pristine = fs.readFileSync(file);
    const clock = new FakeClock();
    const chat = new ChatStore({ now: () => clock.now() });
    const { run } = await runWorkbook(file, chat, clock, killAfter(after, chat, clock));
    await expect(send(run)).rejects.toThrow('Exceeded maximum execution time');
    // The process dies here: nothing of `run` survives but the files on disk.
    expect(chat.messages(SPACE)).toHaveLength(after);
    expect(fs.readFileSync(file).equals(pristine)).toBe(true);
    expect(fs.existsSync(relayJournalPath(file))).toBe(true);
    clock.advance(60000);
    return { chat, clock };
  }

  it('resumes from the journal with the same requestIds: no row is posted twice', async () => {
    const file = path.join(dir, 'long.xlsx');
    const { chat, clock } = await interruptedRun(file, 8, 3);

    const { run } = await runWorkbook(file, chat, clock);
    await send(run);
    const saved = await saveRelayColumnsXlsx(run.workbook, file);
    expect(saved.inPlace).toBe(true);

    // 8 rows and the Totals row, each once: one card per row key.
    const keys = chat.messages(SPACE).map((m) => fieldMap(m).ID);
    expect([...keys].sort()).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `T-${i + 1}`),
      'Totals',
    ]);
    expect(chat.stats().deduplicated).toBeGreaterThan(0); // Chat recognised the requestIds
    expect(fs.existsSync(relayJournalPath(file))).toBe(false);
    const back = await loadWorkbookXlsx(file);
    const [header, ...rows] = back.sheet('Tickets').displayRows();
    const status = header.indexOf('Chat Status');
    expect(rows.filter((r) => r[0] !== '').map((r) => r[status])).toEqual(Array(9).fill('SENT'));
  });

  it('would post rows twice without the journal (the control)', async () => {
    const file = path.join(dir, 'long.xlsx');
    const { chat, clock } = await interruptedRun(file, 8, 3);
    fs.rmSync(relayJournalPath(file));

    const { run } = await runWorkbook(file, chat, clock);
    await send(run);
    expect(chat.messages(SPACE).length).toBeGreaterThan(9);
  });

  it('refuses a journal whose workbook changed since, rather than misplace statuses', async () => {
    const file = path.join(dir, 'long.xlsx');
    await interruptedRun(file, 4, 2);
    const x = await openXlsx(file);
    (x.getWorksheet('Tickets') as ExcelJS.Worksheet).getCell('B2').value = 'Edited in Excel';
    await x.xlsx.writeFile(file);
    await expect(loadWorkbookXlsx(file)).rejects.toThrow(
      `Cannot read ${file}: it changed after an interrupted run, whose Chat columns are kept in ${relayJournalPath(file)}`,
    );
  });
});

describe('progress', () => {
  it('prints each toast of a long run as it is shown', async () => {
    const file = path.join(dir, 'long.xlsx');
    await writeUserWorkbook(file, 12);
    const clock = new FakeClock();
    const chat = new ChatStore({ now: () => clock.now() });
    const { run, printed } = await runWorkbook(file, chat, clock);
    await send(run);
    const progress = printed.filter((l) => /^ {4}… Sent \d+ of 13…$/.test(l));
    expect(progress.length).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe('    … Sent 13 of 13…');
    // printed before the step's own line
    expect(printed.indexOf(progress[0])).toBeLessThan(
      printed.findIndex((l) => l.startsWith('✔ Menu › Send pending rows')),
    );
  });
});
