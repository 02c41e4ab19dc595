import * as fs from 'node:fs';
import * as path from 'node:path';

/** Names of the top-level function declarations of src/index.ts (what Apps Script can call). */
export function entryPoints(): string[] {
  const source = fs.readFileSync(path.resolve(__dirname, '../../src/index.ts'), 'utf8');
  const names: string[] = [];
  const pattern = /^function ([A-Za-z_$][\w$]*)\(/gm;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) names.push(m[1]);
  return names;
}
