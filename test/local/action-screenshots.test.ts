/**
 * `npm run screenshot:actions` (local/action-screenshots.ts), run with the
 * stand-in bundle of issue 17's contract (test/support/webapp-bundle.ts):
 * it photographs the row's card with its button and the confirmation page
 * that button opens, and confirms nothing. Skipped, as the other browser
 * tests, when Chromium is missing outside CI. The relay's own story is
 * tested once the bundle has actions.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  relayActionStory,
  saveActionScreenshots,
  SCREENSHOT_VISITOR,
  type ActionStory,
} from '../../local/action-screenshots';
import { hasChromium } from '../../local/browser';
import { pngSize } from '../../local/card-screenshot';
import { bundleHasActions } from '../../local/harness';
import { cardOf } from './posted-cards';
import { STAND_IN_SPACE, standIn } from '../support/webapp-bundle';

const isCI = !!process.env.CI && process.env.CI !== 'false';
const browserTest = hasChromium() || isCI ? test : test.skip;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-actions-shot-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function standInStory(s: ReturnType<typeof standIn>, key: string): ActionStory {
  return {
    runtime: s.runtime,
    store: s.chat,
    space: STAND_IN_SPACE,
    key,
    label: 'Claim',
    post: () => s.runtime.call('postCards'),
  };
}

test('bundleHasActions: a bundle defining both doGet and actionConfirm', () => {
  const file = path.join(dir, 'Code.js');
  fs.writeFileSync(file, 'function doGet(e) { return ChatRelay_.doGet(e); }\n');
  expect(bundleHasActions(file)).toBe(false);
  fs.appendFileSync(file, 'function actionConfirm(params) { return 1; }\n');
  expect(bundleHasActions(file)).toBe(true);
  expect(bundleHasActions(path.join(dir, 'missing.js'))).toBe(false);
});

browserTest(
  'photographs the card with its button and the page the button opens, confirming nothing',
  async () => {
    const s = standIn();
    const files = { card: path.join(dir, 'card.png'), confirm: path.join(dir, 'confirm.png') };
    const shots = await saveActionScreenshots(files, standInStory(s, 'T-3'));

    // The button of T-3's card (not T-1's) opened its confirmation page.
    expect(shots.confirm.url).toMatch(/\/exec\?a=0&r=T-3&t=\d+&sig=[0-9a-f]{64}$/);
    for (const shot of [shots.card, shots.confirm]) {
      expect(pngSize(fs.readFileSync(shot.file))).toEqual({
        width: shot.width,
        height: shot.height,
      });
    }
    // One message at twice the pixels, within the 720 px preview: wider than tall.
    expect(shots.card.width).toBeGreaterThan(600);
    expect(shots.card.width).toBeLessThanOrEqual(1440);
    expect(shots.card.height).toBeLessThan(shots.card.width);
    expect(shots.confirm.width).toBe(1120); // the 560 px page at 2×
    expect(shots.confirm.text).toMatch(/^Claim T-3\s+as ana@example\.com\s+Confirm/);
    // Opening the link changed nothing, and nothing was confirmed.
    expect(s.table().map((r) => r.Status)).toEqual(['New', 'Claimed', 'New']);
    const events = JSON.parse(s.properties.getProperty('EVENTS') ?? '[]') as {
      parameter: { r: string };
    }[];
    expect(events.map((e) => e.parameter.r)).toEqual(['T-3']);
    expect(s.chat.messages(STAND_IN_SPACE).map((m) => cardOf(m).header?.title)).toEqual([
      'T-1 · Printer on fire',
      'T-2 · Coffee machine',
      'T-3 · Badge reader <door B>',
    ]);
  },
  60000,
);

browserTest('a card without the button is named', async () => {
  const s = standIn();
  const story = { ...standInStory(s, 'T-2') }; // T-2 is already claimed: no Claim button
  await expect(
    saveActionScreenshots(
      { card: path.join(dir, 'a.png'), confirm: path.join(dir, 'b.png') },
      story,
    ),
  ).rejects.toThrow('the card of T-2 has no "Claim" button');
  expect(fs.existsSync(path.join(dir, 'a.png'))).toBe(false);
});

browserTest(
  'the relay’s bundle: its card has Claim and Resolve, and Claim opens a page naming the visitor',
  async () => {
    const files = { card: path.join(dir, 'card.png'), confirm: path.join(dir, 'confirm.png') };
    const story = relayActionStory();
    const shots = await saveActionScreenshots(files, story);
    expect(shots.confirm.url).toContain('/exec?');
    const card = JSON.stringify(story.store.messages(story.space)[0].cardsV2);
    expect(card).toContain('"text":"Claim"');
    expect(card).toContain('"text":"Resolve"');
    expect(shots.confirm.text).toContain(SCREENSHOT_VISITOR); // as whom
  },
  60000,
);
