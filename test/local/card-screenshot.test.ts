/**
 * `npm run screenshots` (local/card-screenshot.ts): the story behind the
 * README's picture posts what the picture is said to show, and the picture is
 * a PNG of the preview page taken in Chromium (skipped, as in
 * preview-browser.test.ts, when Chromium is missing outside CI).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CHROMIUM,
  postCardStory,
  pngSize,
  saveCardScreenshot,
  SCREENSHOT_SPACE,
} from '../../local/card-screenshot';
import { cardOf, fieldsOf } from './posted-cards';

test('the story posts two new tickets as cards, one mentioning everyone, and an update reply', () => {
  const { store, relay } = postCardStory();
  const threads = store.threads(SCREENSHOT_SPACE);
  expect(threads.map((t) => t.messages.map((m) => cardOf(m).header))).toEqual([
    [
      {
        title: 'T-1041 · Printer on the 3rd floor jams on every job',
        subtitle: 'New row in Tickets',
      },
      {
        title: 'T-1041 · Printer on the 3rd floor jams on every job',
        subtitle: 'Row updated in Tickets',
      },
    ],
    [
      {
        title: 'T-1042 · VPN drops every hour at the Lisbon office',
        subtitle: 'New row in Tickets',
      },
    ],
  ]);
  expect(threads.map((t) => t.messages.map((m) => m.text))).toEqual([
    [undefined, undefined],
    ['<users/all>'],
  ]);
  expect(fieldsOf(threads[0].messages[1])).toEqual([
    ['Status', 'Open → In progress'],
    ['Owner', 'ana@example.com → dana@example.com'],
  ]);
  expect(relay.column('Chat Status')).toEqual(['SENT', 'SENT']);
});

const isCI = !!process.env.CI && process.env.CI !== 'false';
const browserTest = fs.existsSync(CHROMIUM) || isCI ? test : test.skip;

browserTest(
  'saves a PNG of the space in the preview page',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-shot-'));
    try {
      const file = path.join(dir, 'shot.png');
      const shot = await saveCardScreenshot(file);
      expect(shot.messages).toBe(3);
      const size = pngSize(fs.readFileSync(file));
      expect(size).toEqual({ width: shot.width, height: shot.height });
      // The space's box at twice the pixels: within the 720 px page, tall enough for three cards.
      expect(size.width).toBeGreaterThan(1000);
      expect(size.width).toBeLessThanOrEqual(1440);
      expect(size.height).toBeGreaterThan(size.width);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  60000,
);
