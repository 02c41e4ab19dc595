/** The build itself: a type error anywhere in src/ fails it. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

function buildCopy(edit: (dir: string) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-relay-build-'));
  for (const file of ['rollup.config.mjs', 'tsconfig.json', 'appsscript.json']) {
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  fs.cpSync(path.join(root, 'src'), path.join(dir, 'src'), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  edit(dir);
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/rollup/dist/bin/rollup'), '-c'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  const built = fs.existsSync(path.join(dir, 'dist', 'Code.js'));
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: result.status, output: result.stdout + result.stderr, built };
}

describe('npm run build', () => {
  it('fails on a type error in a core module, and emits nothing', () => {
    const result = buildCopy((dir) => {
      fs.appendFileSync(
        path.join(dir, 'src/relay/hash.ts'),
        '\nexport const broken: number = "text";\n',
      );
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/TS2322/);
    expect(result.built).toBe(false);
  });

  it('fails when src/ reaches for a Node or browser global', () => {
    const result = buildCopy((dir) => {
      fs.appendFileSync(
        path.join(dir, 'src/relay/hash.ts'),
        '\nexport const later = () => setTimeout(() => 0, 1);\n',
      );
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/setTimeout/);
  });

  it('fails on a type error in the sidebar’s client, bundled by the same build', () => {
    const result = buildCopy((dir) => {
      fs.appendFileSync(
        path.join(dir, 'src/app/settings/client/words.ts'),
        '\nexport const broken: number = document.title;\n',
      );
    });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/TS2322/);
    expect(result.output).toMatch(/client\/words\.ts/);
    expect(result.built).toBe(false);
  });
});
