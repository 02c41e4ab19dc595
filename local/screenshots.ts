/**
 * `npm run screenshots`: builds the bundle, then saves docs/card-message.png,
 * the picture of the relay's card messages in README.md, taken of the local
 * preview page (see card-screenshot.ts). Needs Chromium at /usr/bin/chromium
 * (`apt-get install -y chromium`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHROMIUM, saveCardScreenshot } from './card-screenshot';

const OUT = path.resolve(__dirname, '..', 'docs', 'card-message.png');

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`${CHROMIUM} not found: install it with "apt-get install -y chromium".`);
    return 1;
  }
  const shot = await saveCardScreenshot(OUT);
  console.log(
    `Saved ${path.relative(process.cwd(), shot.file)} (${shot.width}×${shot.height}): ${shot.messages} messages in the preview page.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
