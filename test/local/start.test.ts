/**
 * `npm start` (local/start.ts) as a user runs it, in a child process: the
 * sample story against the emulator, and --workbook on an .xlsx twice (the
 * second run finds nothing to send). The bundle is built by jest's global
 * setup; these runs use the real clock, so the story takes ~25 s.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadWorkbookXlsx } from '../../local/runtime';

const ROOT = path.resolve(__dirname, '../..');

function start(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, 'local/start.ts', ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/** Any key or token value that was not redacted to "…". */
const SECRET = /[?&](key|token)=(?!…)/;

describe('npm start', () => {
  it('plays the sample story through the entry points, prints the preview URL and exits with --once', async () => {
    const { code, out } = await start(['--once', '--port', '0']);
    expect(out).not.toMatch(SECRET);
    const expected = [
      /^Chat emulator at http:\/\/127\.0\.0\.1:\d+ \(nothing leaves this machine\)$/m,
      /CHAT_WEBHOOK_URL {2}https:\/\/chat\.googleapis\.com\/v1\/spaces\/AAAAtickets\/messages\?key=…&token=… {2}→ routed to http:\/\/127\.0\.0\.1:\d+$/m,
      /^✔ onOpen: menu "Chat Relay": Send pending rows · Send selected rows · Mark all rows as sent \(no messages\) · Test webhooks · Install triggers · Remove triggers$/m,
      /^✔ Menu › Test webhooks: 1 message sent/m,
      /^✔ Menu › Install triggers: runScheduled \(CLOCK\), handleFormSubmit \(ON_FORM_SUBMIT\)$/m,
      /^✔ Scheduled run \(runScheduled trigger\): 6 messages sent/m,
      /Chat Relay scheduled run on "Tickets": Sent 6 messages\./,
      /^✔ Form submission \(handleFormSubmit trigger\): 2 messages sent/m,
      /^✔ Scheduled run after edits: 3 messages sent/m,
      /^✔ Menu › Send selected rows: 1 message sent/m,
      /alert: +Chat Relay, sheet "Tickets": Sent 1 message\./,
      /^✔ Scheduled run with a transient fault: 1 message sent/m,
      /attempt \d\/5 failed \(HTTP 503 UNAVAILABLE/,
      /^✔ Menu › Send pending rows \(idle\): nothing sent, no HTTP call$/m,
      /alert: +Chat Relay, sheet "Tickets": nothing to send: every row is up to date\./,
      /sheets: +Tickets: SENT 7 · Form Responses 1: SENT 2/,
      /^Done in [\d.]+ s: 14 messages sent\.$/m,
      /^Chat space AAAAtickets: 14 messages in 9 threads; .* 1 injected fault/m,
      /^Preview: http:\/\/127\.0\.0\.1:\d+\/$/m,
    ];
    let from = 0;
    for (const pattern of expected) {
      const match = pattern.exec(out.slice(from));
      if (!match) throw new Error(`${pattern} not found in order in:\n${out}`);
      from += match.index + match[0].length;
    }
    expect(out).not.toMatch(/✘|Stopped:/);
    expect(code).toBe(0);
  }, 90000);

  it('--workbook names a file it cannot read, says why and exits non-zero', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-start-'));
    const file = path.join(dir, 'export.xlsx');
    try {
      fs.writeFileSync(file, 'ID,Title\nT-1,Printer\n');
      const { code, out } = await start(['--workbook', file, '--once', '--port', '0']);
      expect(out.trim()).toBe(
        `Cannot read ${file}: it is not an .xlsx workbook (is it a .xls or .csv file renamed?)`,
      );
      expect(code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30000);

  it('--workbook sends the pending rows of an .xlsx and saves it back; a second run sends nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-start-'));
    const file = path.join(dir, 'tickets.xlsx');
    try {
      const written = await start(['--write-sample', file]);
      expect(written.code).toBe(0);

      const config = '{"sheet":"Tickets","keyColumn":"ID"}';
      const first = await start(['--workbook', file, '--config', config, '--once', '--port', '0']);
      expect(first.out).toMatch(/^✔ Menu › Send pending rows: 6 messages sent/m);
      expect(first.out).toMatch(/alert: +Chat Relay, sheet "Tickets": Sent 6 messages\./);
      expect(first.out).toContain(`✔ Saved ${file} with the Chat Status columns (Tickets: SENT 6)`);
      expect(first.out).not.toMatch(SECRET);
      expect(first.code).toBe(0);

      const saved = await loadWorkbookXlsx(file);
      const [header, ...rows] = saved.sheet('Tickets').displayRows();
      expect(header).toEqual(expect.arrayContaining(['Chat Status', 'Chat Thread']));
      expect(rows.map((r) => r[header.indexOf('Chat Status')])).toEqual(Array(6).fill('SENT'));
      expect(rows[0][header.indexOf('Amount')]).toBe('€1,234.50');

      // No --config: the one given before is kept beside the workbook.
      const second = await start(['--workbook', file, '--once', '--port', '0']);
      expect(second.out).toContain(`CHAT_RELAY_CONFIG ${config}`);
      expect(second.out).toMatch(/^✔ Menu › Send pending rows: nothing sent, no HTTP call$/m);
      expect(second.out).toMatch(/nothing to send: every row is up to date\./);
      expect(second.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 90000);
});
