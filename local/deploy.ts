/**
 * `npm run deploy` (after `npm run build`): pushes dist/ with the
 * repository's clasp and creates or updates the one web app deployment,
 * then prints its URL (see deployment.ts). Needs `npx clasp login` and a
 * .clasp.json naming the script (docs/local-tools.md).
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deployWebApp, type Clasp } from './deployment';

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'dist', 'appsscript.json');
const CLASP = path.join(ROOT, 'node_modules', '.bin', 'clasp');

/** The repository's clasp, run in the repository (its .clasp.json). */
const realClasp: Clasp = (args) =>
  new Promise((resolve, reject) => {
    execFile(CLASP, args, { cwd: ROOT, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) {
        const said = `${stderr}`.trim() || `${stdout}`.trim() || error.message;
        reject(new Error(`"clasp ${args.join(' ')}" failed: ${said}`));
      } else resolve(String(stdout));
    });
  });

async function main(): Promise<number> {
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as { webapp?: unknown };
  await deployWebApp(realClasp, manifest, (line) => console.log(line));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
