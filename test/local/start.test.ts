/**
 * `npm start` (local/start.ts) as a user runs it, in a child process: the
 * sample story against the emulator, and the command line's usage errors.
 * The bundle is built by jest's global setup; the story's clock runs at real
 * speed (jumping ahead between the ops loop's runs), so it takes ~30 s. What
 * the ops loop leaves in the Chat space is checked in start-ops-loop.test.ts;
 * the --workbook runs are in start-workbook.test.ts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SECRET, start } from '../support/start-cli';

describe('npm start', () => {
  it('plays the sample story through the entry points and exits with --once, printing no dead preview URL', async () => {
    const { code, out } = await start(['--once', '--port', '0']);
    expect(out).not.toMatch(SECRET);
    const expected = [
      /^Chat emulator at http:\/\/127\.0\.0\.1:\d+ \(nothing leaves this machine\)$/m,
      /CHAT_WEBHOOK_URL {2}https:\/\/chat\.googleapis\.com\/v1\/spaces\/AAAAtickets\/messages\?key=…&token=… {2}→ routed to http:\/\/127\.0\.0\.1:\d+$/m,
      /^ {4}clock: +Sun 1 Mar 18:20 \(UTC/m,
      /^ {4}config: +CHAT_RELAY_CONFIG gains the ops loop: quietHours 19:00–08:00/m,
      /^✔ onOpen: menu "Chat Relay": Settings… · Send pending rows · Send selected rows · Mark all rows as sent \(no messages\) · Test webhooks · Install triggers · Remove triggers$/m,
      /^✔ Menu › Test webhooks: 1 message sent/m,
      /^✔ Menu › Install triggers: runScheduled \(CLOCK\), handleFormSubmit \(ON_FORM_SUBMIT\)$/m,
      // The schedule follows Tickets (the first sheet) and the form's sheet: its earlier response.
      /^✔ Scheduled run \(runScheduled trigger\): 7 messages sent/m,
      /^ {4}posted: card: T-1 · Printer on fire 🔥 — New row in Tickets$/m,
      /^ {4}posted: card: T-5 · Laptop for the new starter — New row in Tickets$/m,
      /^ {4}posted: card: 2\/27\/2026 16:05:12 · yuki@example\.com — New row in Form Responses 1$/m,
      /log: +Chat Relay scheduled run: Sheet "Tickets": Sent 6 messages\.\n {12}Sheet "Form Responses 1": Sent 1 message\./,
      /^✔ Form submission \(handleFormSubmit trigger\): 1 message sent/m,
      /^ {4}posted: card: [\d/]+ [\d:]+ · zoe@example\.com — New row in Form Responses 1$/m,
      /^✔ Scheduled run after edits: 3 messages sent/m,
      /^ {4}posted: card: T-3 · Badge reader at door B — Row updated in Tickets$/m,
      /^ {4}posted: card: T-5 · Laptop for the new starter — Row updated in Tickets$/m,
      /^ {4}posted: card: T-6 · Projector bulb — New row in Tickets$/m,
      /^✔ Menu › Send selected rows: 1 message sent/m,
      /^ {4}posted: card: T-1 · Printer on fire 🔥 — Row re-sent from Tickets$/m,
      /alert: +Chat Relay, sheet "Tickets": Sent 1 message\./,
      /^✔ Scheduled run with a transient fault: 1 message sent/m,
      /^ {4}posted: card: T-4 · VPN drops every hour — Row updated in Tickets$/m,
      /attempt \d\/5 failed \(HTTP 503 UNAVAILABLE/,
      // The ops loop: a reminder in T-4's thread (still New), on the story's clock.
      /^ {4}clock: +Sun 1 Mar 18:55$/m,
      /^✔ Scheduled run: T-4 still New 35 minutes later: 1 message sent/m,
      /^ {4}posted: text: Reminder: Status is New, for 35 minutes…$/m,
      /Sheet "Tickets": Sent 1 reminder in its row’s thread\./,
      /^ {4}chat: +T-4's thread: 3 messages; "Reminder: Status is New" is in it$/m,
      // An edit in quiet hours is held, not sent: the space does not have it yet.
      /^ {4}edit: +Sun 1 Mar 19:10, in quiet hours: T-3 Status In progress → Done$/m,
      /^✔ Scheduled run in quiet hours: nothing sent, no HTTP call$/m,
      /Sheet "Tickets": 1 message held until 08:00 \(quiet hours\)\./,
      /^ {4}chat: +T-3's thread: 2 messages; "In progress → Done" is not in it yet$/m,
      // The first run after quiet hours sends it, as a reply in T-3's thread.
      /^ {4}clock: +Mon 2 Mar 08:00$/m,
      /^✔ Scheduled run as quiet hours end: 1 message sent/m,
      /^ {4}posted: card: T-3 · Badge reader at door B — Row updated in Tickets$/m,
      /^ {4}chat: +T-3's thread: 3 messages; "In progress → Done" is in it$/m,
      // The morning digest: the open tickets (T-2 and now T-3 are Done).
      /^ {4}clock: +Mon 2 Mar 08:30$/m,
      /^✔ Scheduled run at the digest’s time: 1 message sent/m,
      /^ {4}posted: card: Open this morning — 4 rows match · Tickets · Monday 2 March 2026$/m,
      /Posted 1 digest\./,
      /^✔ Menu › Send pending rows \(idle\): nothing sent, no HTTP call$/m,
      /alert: +Chat Relay:\n {12}Sheet "Tickets": Nothing to send: every row is up to date\.\n {12}Sheet "Form Responses 1": Nothing to send: every row is up to date\./,
      /sheets: +Tickets: SENT 7 · Form Responses 1: SENT 2/,
      /^Done in [\d.]+ s: 17 messages sent\.$/m,
      /^Chat space AAAAtickets: 17 messages in 10 threads; .* 1 injected fault/m,
      /^The emulator has stopped \(--once\); run without --once to browse the preview page\.$/m,
    ];
    let from = 0;
    for (const pattern of expected) {
      const match = pattern.exec(out.slice(from));
      if (!match) throw new Error(`${pattern} not found in order in:\n${out}`);
      from += match.index + match[0].length;
    }
    expect(out).not.toMatch(/✘|Stopped:/);
    // One "posted" line per message created, the webhook test's text included.
    expect(out.match(/^ {4}posted: /gm)).toHaveLength(17);
    expect(out).toMatch(/^ {4}posted: text: ✅ Chat Relay test message for CHAT_WEBHOOK_URL/m);
    // No card carried a text above it: the form's "<users/all>" answer became no mention.
    expect(out).not.toContain('above it');
    expect(out).not.toContain('<users/all>');
    expect(out).not.toMatch(/Preview:|Serving/);
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

  it('a usage error exits with code 2, names the option and prints the usage', async () => {
    const unknown = await start(['--workbok', 'my.xlsx']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(
      /^npm start: unknown option --workbok \(did you mean --workbook\?\)$/m,
    );
    expect(unknown.out).toMatch(/^Usage: npm start -- \[options\]$/m);
    expect(unknown.out).not.toMatch(/Chat emulator at/);

    const port = await start(['--port', 'eighty']);
    expect(port.code).toBe(2);
    expect(port.out).toContain('npm start: --port must be a port number from 0 to 65535');
  }, 30000);

  it('--help prints the usage, the flags and the exit codes, and exits 0', async () => {
    const { code, out } = await start(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--workbook',
      '--webhook',
      '--config',
      '--port',
      '--once',
      '--space',
      '--write-sample',
      '--reset',
    ]) {
      expect(out).toContain(flag);
    }
    expect(out).toMatch(/Exit codes: 0 done; 1 .*; 2 a usage error\./s);
  }, 30000);
});
