/**
 * The repository runs on its own: no file in it refers to a path outside it. Every
 * text file of the repository (`git ls-files`, with new files not yet added; in a copy
 * without .git, as CI's, every file but the ignored folders) is scanned for relative paths that climb above the repository's
 * root, counted from the file's own folder (as imports, `__dirname` paths and Markdown
 * links are), and for the name of the reference folder the Chat fixtures came from.
 * This file is the one exception: its examples below are outside paths on purpose.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** Folders .gitignore keeps out of the repository. */
const NOT_IN_REPOSITORY = new Set(['.git', 'node_modules', 'dist', 'coverage', '.local-data']);
/** The folder beside the repository where the schema and card fixtures were once read. */
const REFERENCE_FOLDER = ['shared', 'chat-api'].join('/');
const THIS_FILE = path.relative(ROOT, __filename).split(path.sep).join('/');

/** A run of `..` segments (`../..`, `..`, `$(dirname "$0")/..`), not within `a/../b`, `...` or `a..b`. */
const CLIMB = /(?<![\w.\-\\])(?<![\w.\-]\/)\.\.(?:[/\\]\.\.)*(?=[/\\'"`\s),;:\]]|$)/gm;
/** Quoted `..` arguments in a row, `'..', '..', '../x'`, as path.join takes them. */
const UP = `(?:'(?:\\.\\./?)+'|"(?:\\.\\./?)+")`;
const CLIMB_ARGUMENTS = new RegExp(`${UP}(?:\\s*,\\s*${UP})*(?:\\s*,\\s*['"](?:\\.\\./)+)?`, 'g');

/** Every place in one file's text that refers to a path outside the repository. */
function outsideReferences(file: string, text: string): string[] {
  const depth = path.posix.dirname(file) === '.' ? 0 : path.posix.dirname(file).split('/').length;
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const found = new Map<number, string>();
  for (const pattern of [CLIMB, CLIMB_ARGUMENTS]) {
    for (const match of text.matchAll(pattern)) {
      const ups = match[0].match(/\.\./g)?.length ?? 0;
      if (ups > depth) {
        found.set(match.index, `${file}:${lineOf(match.index)}: ${match[0]} climbs above the root`);
      }
    }
  }
  for (
    let at = text.indexOf(REFERENCE_FOLDER);
    at >= 0;
    at = text.indexOf(REFERENCE_FOLDER, at + 1)
  ) {
    found.set(at, `${file}:${lineOf(at)}: names ${REFERENCE_FOLDER}, outside the repository`);
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, message]) => message);
}

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return NOT_IN_REPOSITORY.has(entry.name) ? [] : walk(rel);
    return entry.isFile() ? [rel] : [];
  });
}

/** The repository's files, relative to the root, with `/` separators. */
function repositoryFiles(): string[] {
  if (fs.existsSync(path.join(ROOT, '.git'))) {
    // Tracked files, and new ones not yet added (but not those .gitignore keeps out).
    const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (git.status === 0) return git.stdout.split('\0').filter((f) => f !== '');
  }
  return walk('');
}

function textOf(file: string): string | null {
  const full = path.join(ROOT, file);
  if (!fs.existsSync(full)) return null; // deleted in the work tree, not yet in git
  const bytes = fs.readFileSync(full);
  return bytes.includes(0) ? null : bytes.toString('utf8');
}

describe('outsideReferences', () => {
  test.each([
    ['test/local/x.test.ts', `path.resolve(__dirname, '../../../${REFERENCE_FOLDER}/cards')`],
    ['local/chat-emulator/x.ts', "join(__dirname, '../../../elsewhere/doc.json')"],
    ['local/x.ts', "path.join(__dirname, '..', '..', 'data')"],
    ['test/local/x.test.ts', "path.join(__dirname, '..', '../../x')"],
    ['README.md', 'Keep the folder in ../reference beside the checkout.'],
    ['README.md', 'See [the guide](../other-repo/README.md).'],
    ['.ci/run', 'cd "$(dirname "$0")/../.."'],
    ['package.json', '"start": "tsx ../tools/start.ts"'],
    // The reference folder named anywhere, even by an absolute path.
    ['local/x.ts', `readFileSync('/work/${REFERENCE_FOLDER}/chat-v1-discovery.json')`],
  ])('%s: %s is outside', (file, text) => {
    expect(outsideReferences(file, text)).not.toEqual([]);
  });

  test.each([
    ['test/e2e/x.test.ts', "path.resolve(__dirname, '../..')"],
    [
      'test/app/settings/x.test.ts',
      "readFileSync(path.resolve(__dirname, '../../../src/index.ts'))",
    ],
    ['local/x.ts', "path.resolve(__dirname, '..', 'docs', 'card-message.png')"],
    ['local/chat-emulator/schema/README.md', '(`../message-schema.ts`)'],
    ['.ci/run', 'cd "$(dirname "$0")/.."'],
    ['src/x.ts', 'const all = [...rows, ...more]; // 1..10, etc..'],
    ['README.md', 'Sent 120 of 864… and more...'],
  ])('%s: %s stays inside', (file, text) => {
    expect(outsideReferences(file, text)).toEqual([]);
  });

  test('reports the file and line', () => {
    expect(outsideReferences('test/x.ts', "a\nb\nconst X = '../../y';\n")).toEqual([
      'test/x.ts:3: ../.. climbs above the root',
    ]);
  });
});

describe('the repository', () => {
  const files = repositoryFiles();

  test('is listed whole', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        '.ci/run',
        'README.md',
        'local/chat-emulator/message-schema.ts',
        'local/chat-emulator/schema/chat-v1-message.json',
        'test/fixtures/chat-api/cards/samples-avatar-card.json',
        'test/local/self-contained.test.ts',
      ]),
    );
    expect(files.some((f) => f.startsWith('node_modules/'))).toBe(false);
  });

  test('no file refers to a path outside it', () => {
    const found = files.flatMap((file) => {
      const text = file === THIS_FILE ? null : textOf(file);
      return text === null ? [] : outsideReferences(file, text);
    });
    expect(found).toEqual([]);
  });
});
