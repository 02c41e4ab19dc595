/**
 * `npm run screenshot:sidebar`: docs/settings-sidebar.png, the Settings
 * sidebar as the bundle serves it, on the sample workbook of `npm start`
 * (local runtime, in-process Chat emulator, headless Chromium at the 300 px
 * of a Sheets sidebar): the sheets, the webhook, the schedule started, and the
 * preview of a row.
 *
 *   npm run screenshot:sidebar [-- --out FILE]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from './browser';
import { inProcessTransport } from './chat-emulator/in-process';
import { ChatStore } from './chat-emulator/store';
import { AppsScriptRuntime, FakeClock, PropertyStoreFake } from './runtime';
import { sampleWorkbook, TICKETS_SHEET } from './samples/sample-workbook';
import { BUNDLE, ROOT } from './session';
import { serveSidebar } from './sidebar-server';

const WIDTH = 300;

function outFile(argv: string[]): string {
  const at = argv.indexOf('--out');
  return path.resolve(
    at >= 0 && argv[at + 1] ? argv[at + 1] : path.join(ROOT, 'docs', 'settings-sidebar.png'),
  );
}

async function main(): Promise<void> {
  const out = outFile(process.argv.slice(2));
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run "npm run build".`);
  const clock = new FakeClock(Date.UTC(2026, 2, 2, 9, 0, 0));
  const chat = new ChatStore({ now: () => clock.now() });
  const hook = chat.registerWebhook('AAAAGCYeSRY', 'Chat Relay');
  const workbook = sampleWorkbook();
  const runtime = new AppsScriptRuntime({
    workbook,
    properties: new PropertyStoreFake({
      CHAT_WEBHOOK_URL: hook.url('https://chat.googleapis.com'),
    }),
    clock,
    transport: inProcessTransport(chat),
    allowedOrigins: ['https://chat.googleapis.com'],
  });
  runtime.load(fs.readFileSync(BUNDLE, 'utf8'));
  const server = await serveSidebar(runtime, { afterCall: () => clock.advance(2000) });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({
      viewport: { width: WIDTH, height: 900 },
      deviceScaleFactor: 2,
    });
    await page.goto(server.sidebarUrl, { waitUntil: 'domcontentloaded' });
    await page.locator('#status').filter({ hasText: 'Settings of' }).waitFor();
    // The sheets as a list, keyed by ID; the schedule started; a row previewed.
    await page.locator('#auto').uncheck();
    await page.locator('select[data-path="sheets[0].keyColumn"]').selectOption('ID');
    await page.locator('#save').click();
    await page.locator('#status').filter({ hasText: 'Saved' }).waitFor();
    await page.locator('#start').click();
    await page.locator('#trigger-state').filter({ hasText: 'Running' }).waitFor();
    workbook.sheet(TICKETS_SHEET).setSelection(['B3']);
    await page.locator('#preview-cursor').click();
    await page.locator('#preview [data-testid="preview-message"]').waitFor();
    // One tall viewport rather than a full-page capture, so the sticky bars sit where they belong.
    const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
    await page.setViewportSize({ width: WIDTH, height });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`Wrote ${path.relative(process.cwd(), out)} (${WIDTH} × ${height} px, at 2×)`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
