/**
 * `npm run screenshot:actions`: builds the bundle, then saves
 * docs/actions-card.png (a card with its action buttons) and
 * docs/actions-confirm.png (the confirmation page its Claim button opens),
 * the pictures of docs/actions.md (see action-screenshots.ts). Needs Chromium
 * at /usr/bin/chromium (`apt-get install -y chromium`) and a bundle with
 * issue 17's actions (doGet and actionConfirm).
 */
import * as path from 'node:path';
import { saveActionScreenshots } from './action-screenshots';
import { CHROMIUM, hasChromium } from './browser';
import { bundleHasActions } from './harness';
import { ROOT } from './session';

const DOCS = path.join(ROOT, 'docs');

async function main(): Promise<number> {
  if (!hasChromium()) {
    console.error(`${CHROMIUM} not found: install it with "apt-get install -y chromium".`);
    return 1;
  }
  if (!bundleHasActions()) {
    console.error(
      'dist/Code.js defines no doGet and actionConfirm (issue 17’s actions): nothing to photograph.',
    );
    return 1;
  }
  const shots = await saveActionScreenshots({
    card: path.join(DOCS, 'actions-card.png'),
    confirm: path.join(DOCS, 'actions-confirm.png'),
  });
  for (const shot of [shots.card, shots.confirm]) {
    console.log(`Saved ${path.relative(process.cwd(), shot.file)} (${shot.width}×${shot.height})`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
