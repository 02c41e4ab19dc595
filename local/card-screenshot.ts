/**
 * The picture of the relay's card messages in README.md: the built bundle
 * (dist/Code.js) posts a few rows of a Tickets sheet, in its default card
 * format, to the Chat emulator, and Chromium (playwright-core, Debian's
 * /usr/bin/chromium) photographs the emulator's preview page.
 *
 * The story: two new tickets (the urgent one mentions everyone, by a
 * `mentions` rule of the configuration), then an edit of the first one,
 * posted as a reply in its thread. On the harness's fake clock, so it takes
 * a second or two and the times shown are always the same.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inProcessTransport } from './chat-emulator/in-process';
import { startEmulator } from './chat-emulator/server';
import { ChatStore } from './chat-emulator/store';
import { launchChromium } from './browser';
import { harness, type Harness } from './harness';

export { CHROMIUM } from './browser';
export const SCREENSHOT_SPACE = 'AAAAtickets';

export const SCREENSHOT_ROWS: string[][] = [
  ['ID', 'Title', 'Priority', 'Status', 'Owner'],
  ['T-1041', 'Printer on the 3rd floor jams on every job', 'High', 'Open', 'ana@example.com'],
  ['T-1042', 'VPN drops every hour at the Lisbon office', 'Urgent', 'Open', 'bob@example.com'],
];

/**
 * Posts the story's messages through the bundle into a new Chat emulator store, whose clock
 * is the harness's (the preview shows the times the relay posted at).
 */
export function postCardStory(): { store: ChatStore; relay: Harness } {
  let relay: Harness | null = null;
  const store = new ChatStore({ now: () => relay?.clock.now() ?? 0 });
  const hook = store.registerWebhook(SCREENSHOT_SPACE, 'Chat Relay');
  relay = harness({
    format: 'card',
    config: {
      keyColumn: 'ID',
      mentions: [{ when: { column: 'Priority', equals: 'Urgent' }, mention: 'all' }],
    },
    sheets: [{ name: 'Tickets', rows: SCREENSHOT_ROWS }],
    properties: { CHAT_WEBHOOK_URL: hook.url('https://chat.googleapis.com') },
    wrapTransport: () => inProcessTransport(store),
  });
  relay.run('sendPendingRows');
  relay.clock.advance(12 * 60000); // a few minutes later, someone picks the ticket up
  relay.sheet().setRowValues(2, ['In progress', 'dana@example.com'], 4);
  relay.run('sendPendingRows');
  return { store, relay };
}

export interface Screenshot {
  file: string;
  width: number;
  height: number;
  messages: number;
}

/** The width and height of a PNG, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.subarray(1, 4).toString('latin1') !== 'PNG') throw new Error('not a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Runs the story and saves a PNG of its space in the preview page to `file`. */
export async function saveCardScreenshot(file: string): Promise<Screenshot> {
  const { store } = postCardStory();
  const messages = store.messages(SCREENSHOT_SPACE).length;
  const emulator = await startEmulator({ store });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({
      viewport: { width: 720, height: 900 },
      deviceScaleFactor: 2,
    });
    // The page has no external assets; make sure nothing waits on the network.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(`${emulator.origin}/`, { waitUntil: 'load' });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.locator(`.space[data-space="${SCREENSHOT_SPACE}"]`).screenshot({ path: file });
  } finally {
    await browser.close();
    await emulator.close();
  }
  return { file, ...pngSize(fs.readFileSync(file)), messages };
}
