/**
 * The sidebar's page as shipped (src/app/settings/sidebar.html, embedded in
 * the bundle): one self-contained page whose script is plain ES2019.
 */
import * as acorn from 'acorn';
import * as fs from 'node:fs';
import * as path from 'node:path';
import SIDEBAR_HTML from '../../../src/app/settings/sidebar.html';

function scripts(html: string): string[] {
  const out: string[] = [];
  const pattern = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
    expect(m[1].trim()).toBe(''); // inline, no src
    out.push(m[2]);
  }
  return out;
}

describe('sidebar.html', () => {
  it('is imported as its text (rollup and jest alike)', () => {
    expect(typeof SIDEBAR_HTML).toBe('string');
    expect(SIDEBAR_HTML).toMatch(/^<!doctype html>/i);
  });

  it('has one inline script, plain ES2019 (no bundler, no newer syntax)', () => {
    const found = scripts(SIDEBAR_HTML);
    expect(found).toHaveLength(1);
    expect(() => acorn.parse(found[0], { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
  });

  it('loads nothing from outside: no external script, stylesheet, font or image', () => {
    expect(SIDEBAR_HTML).not.toMatch(/<link\b/i);
    expect(SIDEBAR_HTML).not.toMatch(/\bsrc=["']?https?:/i);
    expect(SIDEBAR_HTML).not.toMatch(/@import|url\(/i);
  });

  it('calls only the sidebar’s server functions, each a public entry point of src/index.ts', () => {
    const index = fs.readFileSync(path.resolve(__dirname, '../../../src/index.ts'), 'utf8');
    const called = new Set<string>();
    const pattern = /call\(\s*'(\w+)'/g;
    for (let m = pattern.exec(SIDEBAR_HTML); m; m = pattern.exec(SIDEBAR_HTML)) called.add(m[1]);
    expect([...called].sort()).toEqual([
      'settingsCountRowsToMark',
      'settingsInstallTriggers',
      'settingsLoad',
      'settingsMarkAllRowsSent',
      'settingsPreview',
      'settingsRemoveTriggers',
      'settingsRemoveWebhook',
      'settingsSave',
      'settingsSetWebhook',
      'settingsTestWebhook',
    ]);
    for (const fn of called) expect(index).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
  });
});
