/**
 * `npm start -- --workbook FILE.xlsx` as a user runs it, in a child process,
 * on the sample workbook written by --write-sample: consecutive runs share
 * one Chat space (the emulator's state is kept beside the workbook),
 * --reset starts an empty one, a bad configuration fails without saving
 * anything, and the preview is served until Ctrl-C.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readStateFile, type EmulatorState } from '../../local/chat-emulator/state';
import { loadWorkbookXlsx, saveWorkbookXlsx } from '../../local/runtime';
import { SECRET, start, startProcess } from '../support/start-cli';
import { cardOf, fieldsOf } from './posted-cards';

const CONFIG = '{"sheet":"Tickets","keyColumn":"ID"}';

let dir: string;
let file: string;
const stateFile = () => `${file}.chat-emulator.json`;
const propertiesFile = () => `${file}.properties.json`;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-start-'));
  file = path.join(dir, 'tickets.xlsx');
  const written = await start(['--write-sample', file]);
  expect(written.code).toBe(0);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The Tickets sheet as saved, one object per row keyed by header. */
async function tickets(): Promise<Record<string, string>[]> {
  const [header, ...rows] = (await loadWorkbookXlsx(file)).sheet('Tickets').displayRows();
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [String(h), String(r[i] ?? '')])));
}

/** Edits one cell of the saved workbook, found by ticket ID and header, as a user would. */
async function edit(id: string, column: string, value: string): Promise<void> {
  const workbook = await loadWorkbookXlsx(file);
  const sheet = workbook.sheet('Tickets');
  const [header, ...rows] = sheet.displayRows();
  const row = rows.findIndex((r) => r[header.indexOf('ID')] === id) + 2;
  sheet.setRowValues(row, [value], header.indexOf(column) + 1);
  await saveWorkbookXlsx(workbook, file);
}

function state(): EmulatorState {
  const saved = readStateFile(stateFile());
  if (!saved) throw new Error(`${stateFile()} is missing`);
  return saved;
}

const space = (saved: EmulatorState) => saved.spaces.find((s) => s.id === 'AAAAtickets')!;

test("a second run's update replies land in the first run's threads; --reset starts an empty space", async () => {
  const first = await start(['--workbook', file, '--config', CONFIG, '--once', '--port', '0']);
  expect(first.out).toMatch(/^ {2}Emulator state {4}.*tickets\.xlsx\.chat-emulator\.json: new/m);
  expect(first.out).toMatch(/^✔ Menu › Send pending rows: 6 messages sent/m);
  expect(first.out).toContain(`✔ Saved ${file} with the Chat Status columns (Tickets: SENT 6)`);
  expect(first.out).not.toMatch(SECRET);
  expect(first.code).toBe(0);
  const sent = await tickets();
  expect(sent.map((r) => r['Chat Status'])).toEqual(Array(6).fill('SENT'));
  expect(sent[0].Amount).toBe('€1,234.50');
  const rowThreads = sent.map((r) => [r.ID, r['Chat Thread']]);
  const threadOf = new Map(sent.map((r) => [r.ID, r['Chat Thread']])); // T-2's two rows share one
  const before = space(state());
  expect(before.messages).toHaveLength(6);
  expect(new Set(before.threads.map((t) => t.name))).toEqual(new Set(threadOf.values()));

  await edit('T-1', 'Priority', 'Urgent');
  await edit('T-3', 'Title', 'Badge reader, 2nd floor');
  const second = await start(['--workbook', file, '--once', '--port', '0']);
  expect(second.out).toContain(`CHAT_RELAY_CONFIG ${CONFIG} (from ${propertiesFile()})`);
  expect(second.out).toMatch(
    /Emulator state {4}.*: restored, 6 messages in \d threads from earlier runs/,
  );
  expect(second.out).toMatch(/^✔ Menu › Send pending rows: 2 messages sent/m);
  expect(second.code).toBe(0);

  // Same thread names in the Chat Thread cells...
  expect((await tickets()).map((r) => [r.ID, r['Chat Thread']])).toEqual(rowThreads);
  // ...and in the emulator: the updates are replies in those threads, no thread was added.
  const after = space(state());
  expect(after.webhooks).toEqual(before.webhooks);
  expect(after.threads).toEqual(before.threads);
  const updates = after.messages.slice(6);
  expect(updates.map((m) => [m.thread, m.threadReply])).toEqual([
    [threadOf.get('T-1'), true],
    [threadOf.get('T-3'), true],
  ]);
  // The updates are cards (the default format): "Row updated in Tickets" under the row's
  // title, one decoratedText per changed field, old → new.
  expect(updates.map((m) => m.text)).toEqual([undefined, undefined]);
  expect(updates.map(cardOf).map((c) => c.header)).toEqual([
    { title: 'T-1 · Printer on fire 🔥', subtitle: 'Row updated in Tickets' },
    { title: 'T-3 · Badge reader, 2nd floor', subtitle: 'Row updated in Tickets' },
  ]);
  expect(updates.map(fieldsOf)).toEqual([
    [['Priority', 'High → Urgent']],
    [['Title', 'Badge reader at door B → Badge reader, 2nd floor']],
  ]);
  expect(updates.map((m) => m.fallbackText)).toEqual([
    'T-1 · Printer on fire 🔥 — row updated in Tickets',
    'T-3 · Badge reader, 2nd floor — row updated in Tickets',
  ]);
  for (const thread of after.threads) {
    const [root, ...replies] = after.messages.filter((m) => m.thread === thread.name);
    expect(root.threadReply).toBe(false);
    expect(replies.every((m) => m.threadReply)).toBe(true);
  }

  // --reset: the emulator starts empty; the workbook keeps its Chat columns.
  await edit('T-4', 'Priority', 'Low');
  const reset = await start(['--workbook', file, '--reset', '--once', '--port', '0']);
  expect(reset.out).toContain(
    `Reset: discarded the emulator state ${stateFile()} (8 messages in ${after.threads.length} threads); the Chat space starts empty.`,
  );
  expect(reset.out).toMatch(/Emulator state {4}.*: new \(an empty Chat space\)/);
  expect(reset.out).toMatch(/^✔ Menu › Send pending rows: 1 message sent/m);
  expect(reset.code).toBe(0);
  const fresh = space(state());
  expect(fresh.webhooks.map((w) => w.token)).not.toEqual(before.webhooks.map((w) => w.token));
  expect(fresh.messages.map((m) => m.threadReply)).toEqual([false]);
  expect(fresh.threads.map((t) => t.name)).not.toContain(threadOf.get('T-4'));

  const idle = await start(['--workbook', file, '--once', '--port', '0']);
  expect(idle.out).toMatch(/^✔ Menu › Send pending rows: nothing sent, no HTTP call$/m);
  expect(idle.out).toContain(
    'alert:  Chat Relay, sheet "Tickets": Nothing to send: every row is up to date.',
  );
  expect(idle.code).toBe(0);
}, 120000);

test('a bad --config exits 1 with the bundle’s alert, and saves neither the workbook nor the config', async () => {
  const original = fs.readFileSync(file);
  const bad = await start([
    '--workbook',
    file,
    '--config',
    '{"keyColumn":"Nope"}',
    '--once',
    '--port',
    '0',
  ]);
  expect(bad.code).toBe(1);
  // The relay follows Tickets (the first sheet) and the form's sheet; a top-level key that does
  // not fit the form's sheet leaves it on its own defaults, but Tickets has no such header.
  const problems = [
    'CHAT_RELAY_CONFIG key "keyColumn" is "Nope", which is not a header in row 1 of sheet "Tickets" (headers: ID, Title, Priority, Amount, Due date, Owner, Status)',
  ];
  expect(bad.out).toContain(
    `    alert:  Chat Relay cannot send pending rows: nothing was sent.\n${problems.map((p) => `            • ${p}\n`).join('')}`,
  );
  expect(bad.out).toContain(`✘ Menu › Send pending rows: ${problems.join('; ')}\n`);
  expect(bad.out).toContain(`Not saved: ${file} is unchanged, and the --config was not kept.`);
  expect(bad.out).not.toMatch(/✔ Saved|Done in/);
  expect(fs.readFileSync(file).equals(original)).toBe(true);
  expect(fs.existsSync(propertiesFile())).toBe(false);

  // A configuration kept beside the workbook that no longer fits it (a sheet renamed).
  fs.writeFileSync(propertiesFile(), JSON.stringify({ CHAT_RELAY_CONFIG: '{"sheet":"Old name"}' }));
  const stale = await start(['--workbook', file, '--once', '--port', '0']);
  expect(stale.code).toBe(1);
  expect(stale.out).toMatch(
    /CHAT_RELAY_CONFIG key "sheet" is "Old name", but that sheet does not exist \(sheets: Tickets, Form Responses 1\)/,
  );
  expect(stale.out).toContain(
    `CHAT_RELAY_CONFIG came from ${propertiesFile()}: pass --config to replace it.`,
  );
  expect(fs.readFileSync(file).equals(original)).toBe(true);

  // The fix is accepted, and only then kept.
  const fixed = await start(['--workbook', file, '--config', CONFIG, '--once', '--port', '0']);
  expect(fixed.code).toBe(0);
  expect(JSON.parse(fs.readFileSync(propertiesFile(), 'utf8'))).toEqual({
    CHAT_RELAY_CONFIG: CONFIG,
  });
}, 90000);

test('without --once the preview is served until Ctrl-C; the emulator state outlives it', async () => {
  const run = startProcess(['--workbook', file, '--config', CONFIG, '--port', '0']);
  try {
    const [, url] = await run.line(/^Preview: (http:\/\/127\.0\.0\.1:\d+\/)$/);
    await run.line(/^Serving the preview page; press Ctrl-C to stop\.$/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-space="AAAAtickets"');
    expect(html.match(/data-testid="message"/g)).toHaveLength(6);

    run.child.kill('SIGINT');
    const { code, out } = await run.exited;
    expect(code).toBe(0);
    expect(out).toContain(`Emulator state saved in ${stateFile()}.`);
    await expect(fetch(url)).rejects.toThrow();
    expect(space(state()).messages).toHaveLength(6);
  } finally {
    run.child.kill('SIGKILL');
  }
}, 90000);
