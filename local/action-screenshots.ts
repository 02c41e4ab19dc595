/**
 * The pictures of docs/actions.md (issue 17, "Act from Chat"): a card with
 * its action buttons (docs/actions-card.png) and the confirmation page its
 * Claim button opens (docs/actions-confirm.png).
 *
 * The built bundle (dist/Code.js) runs in the harness with an `actions`
 * configuration and its web app served locally (webapp-server.ts, so
 * ScriptApp.getService().getUrl() is a local address), posts a new ticket as
 * a card to the Chat emulator, and Chromium (playwright-core, Debian's
 * /usr/bin/chromium) photographs the card in the emulator's preview page,
 * clicks its Claim button and photographs the page it opens. Nothing is
 * confirmed: opening a link changes nothing, and the pictures show that
 * state. On the harness's fake clock, so the times shown are always the same.
 *
 * The story is a parameter: test/local/action-screenshots.test.ts runs the
 * same steps with the stand-in bundle of issue 17's contract.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './browser';
import { pngSize } from './card-screenshot';
import { startEmulator } from './chat-emulator/server';
import type { ChatStore } from './chat-emulator/store';
import { harness, SPACE } from './harness';
import type { AppsScriptRuntime } from './runtime';
import { serveWebApp } from './webapp-server';

/** Who opens the link in the pictures. */
export const SCREENSHOT_VISITOR = 'ana@example.com';

export interface ActionStory {
  runtime: AppsScriptRuntime;
  store: ChatStore;
  space: string;
  /** The row whose card is photographed: its title starts with this key and a space. */
  key: string;
  /** The label of the button clicked to open the confirmation page. */
  label: string;
  /** Posts the cards (once the web app is served: their links need its URL). */
  post(): void;
}

/** The relay's bundle, a Tickets sheet with Claim and Resolve actions, one new ticket. */
export function relayActionStory(): ActionStory {
  const h = harness({
    format: 'card',
    config: {
      keyColumn: 'ID',
      actions: [
        {
          label: 'Claim',
          when: { column: 'Status', equals: 'New' },
          set: { Owner: '{{_user}}', Status: 'Claimed' },
        },
        {
          label: 'Resolve',
          when: { column: 'Status', notEquals: 'Resolved' },
          set: { Status: 'Resolved' },
        },
      ],
    },
    sheets: [
      {
        name: 'Tickets',
        rows: [
          ['ID', 'Title', 'Priority', 'Status', 'Owner'],
          ['T-1041', 'Printer on the 3rd floor jams on every job', 'High', 'New', ''],
        ],
      },
    ],
  });
  return {
    runtime: h.runtime,
    store: h.chat,
    space: SPACE,
    key: 'T-1041',
    label: 'Claim',
    post: () => h.run('sendPendingRows'),
  };
}

export interface Picture {
  file: string;
  width: number;
  height: number;
}

export interface ActionScreenshots {
  card: Picture;
  /** And the address of the page, as the button opened it, and its text. */
  confirm: Picture & { url: string; text: string };
}

/** The card of the story's row, in the preview page. */
function cardOf(page: Page, key: string) {
  return page.locator('.card').filter({
    has: page.locator('.card-title', { hasText: new RegExp(`^${key} `) }),
  });
}

/** Runs the story and saves the two pictures; confirms nothing. */
export async function saveActionScreenshots(
  files: { card: string; confirm: string },
  story: ActionStory = relayActionStory(),
): Promise<ActionScreenshots> {
  const webApp = await serveWebApp(story.runtime, { visitor: SCREENSHOT_VISITOR });
  const emulator = await startEmulator({ store: story.store }).catch(async (error: unknown) => {
    await webApp.close();
    throw error;
  });
  const browser = await launchChromium().catch(async (error: unknown) => {
    await Promise.all([webApp.close(), emulator.close()]);
    throw error;
  });
  try {
    story.post();
    const context = await browser.newContext({
      viewport: { width: 720, height: 900 },
      deviceScaleFactor: 2,
    });
    // Only the local servers: nothing waits on the network.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    const preview = await context.newPage();
    await preview.goto(`${emulator.origin}/`, { waitUntil: 'load' });
    const card = cardOf(preview, story.key);
    const button = card.locator('a.button', { hasText: story.label });
    if (!(await button.count())) {
      throw new Error(`the card of ${story.key} has no "${story.label}" button`);
    }
    for (const file of Object.values(files)) fs.mkdirSync(path.dirname(file), { recursive: true });
    await preview
      .locator('.message')
      .filter({ has: preview.locator('.card-title', { hasText: new RegExp(`^${story.key} `) }) })
      .first()
      .screenshot({ path: files.card });

    const [confirmation] = await Promise.all([
      context.waitForEvent('page'),
      button.first().click(),
    ]);
    await confirmation.waitForLoadState('load');
    const url = confirmation.url();
    if (!url.startsWith(`${webApp.url}?`)) {
      throw new Error(`the "${story.label}" button opened ${url}, not the web app`);
    }
    const text = await confirmation.locator('body').innerText();
    await confirmation.setViewportSize({ width: 560, height: 420 });
    await confirmation.screenshot({ path: files.confirm, fullPage: true });
    return {
      card: { file: files.card, ...pngSize(fs.readFileSync(files.card)) },
      confirm: { file: files.confirm, ...pngSize(fs.readFileSync(files.confirm)), url, text },
    };
  } finally {
    await browser.close();
    await Promise.all([webApp.close(), emulator.close()]);
  }
}
