/**
 * No import cycles in local/ (type-only imports included: a cycle of types
 * is still two modules that cannot be read apart), and bench/ imports
 * nothing from test/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = /\.(ts|cjs|mjs|js)$/;
const SPECIFIER =
  /\b(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

/** The relative imports of a file, resolved to files. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (!specifier.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), specifier);
    const candidates = [base, `${base}.ts`, `${base}.cjs`, path.join(base, 'index.ts')];
    const target = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (!target) throw new Error(`${path.relative(ROOT, file)} imports ${specifier}: not found`);
    found.push(target);
  }
  return found;
}

/** Every cycle found by a depth-first walk, each as the list of files around it. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return found.map((cycle) => cycle.map((f) => path.relative(ROOT, f)));
}

test('the cycle finder finds a cycle, type-only imports included', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = B;\n");
    fs.writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport type B = 1;\n");
    fs.writeFileSync(path.join(dir, 'c.ts'), "import { a } from './a';\n");
    const found = cycles(sourceFiles(dir));
    expect(found).toHaveLength(1);
    expect(found[0].map((f) => path.basename(f))).toEqual(['a.ts', 'b.ts', 'a.ts']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('local/ has no import cycle', () => {
  const files = sourceFiles(path.join(ROOT, 'local'));
  expect(files.length).toBeGreaterThan(20);
  expect(cycles(files).map((cycle) => cycle.join(' → '))).toEqual([]);
});

test('bench/ imports nothing from test/', () => {
  const testDir = path.join(ROOT, 'test') + path.sep;
  const fromTest = sourceFiles(path.join(ROOT, 'bench')).flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith(testDir))
      .map((target) => `${path.relative(ROOT, file)} → ${path.relative(ROOT, target)}`),
  );
  expect(fromTest).toEqual([]);
});
