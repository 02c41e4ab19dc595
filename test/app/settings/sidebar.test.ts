/**
 * The sidebar's page: its template (src/app/settings/sidebar.html) holds the
 * markup and CSS only, and the page as shipped (openSettings() in the built
 * bundle) is one self-contained page whose one inline script is the client
 * (src/app/settings/client/) bundled into plain ES2019.
 */
import * as acorn from 'acorn';
import * as fs from 'node:fs';
import * as path from 'node:path';
import SIDEBAR_TEMPLATE from '../../../src/app/settings/sidebar.html';
import { harness } from '../../../local/harness';

const ROOT = path.resolve(__dirname, '../../..');

function scripts(html: string): Array<{ attributes: string; code: string }> {
  const out: Array<{ attributes: string; code: string }> = [];
  const pattern = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (let m = pattern.exec(html); m; m = pattern.exec(html)) {
    out.push({ attributes: m[1].trim(), code: m[2] });
  }
  return out;
}

/** The page openSettings() shows, from dist/Code.js run in the local runtime. */
function shippedPage(): string {
  const h = harness();
  h.run('openSettings');
  return h.runtime.ui.dialogs[0].html;
}

describe('sidebar.html, the template', () => {
  it('is imported as its text (rollup and jest alike)', () => {
    expect(typeof SIDEBAR_TEMPLATE).toBe('string');
    expect(SIDEBAR_TEMPLATE).toMatch(/^<!doctype html>/i);
  });

  it('holds markup and CSS only: its one script is the placeholder of the client bundle', () => {
    expect(scripts(SIDEBAR_TEMPLATE)).toEqual([
      { attributes: 'data-bundle="./client/main.ts"', code: '' },
    ]);
    expect(SIDEBAR_TEMPLATE).not.toMatch(/\son[a-z]+=/i);
    expect(fs.existsSync(path.join(ROOT, 'src/app/settings/client/main.ts'))).toBe(true);
  });
});

describe('the sidebar as shipped (dist/Code.js)', () => {
  const page = shippedPage();
  const found = scripts(page);

  it('has one inline script, the client bundled into plain ES2019', () => {
    expect(found).toHaveLength(1);
    expect(found[0].attributes).toBe('');
    expect(() =>
      acorn.parse(found[0].code, { ecmaVersion: 2019, sourceType: 'script' }),
    ).not.toThrow();
    // The client itself, not the placeholder: it calls google.script.run and renders the preview.
    expect(found[0].code).toContain('google.script.run');
    expect(found[0].code).toContain('data-testid="preview-message"');
    expect(page).not.toMatch(/<script data-bundle/);
  });

  it('loads nothing from outside: no external script, stylesheet, font or image', () => {
    expect(page).not.toMatch(/<link\b/i);
    expect(page).not.toMatch(/\bsrc=["']?https?:/i);
    const styles = page.match(/<style\b[^>]*>[\s\S]*?<\/style>/gi) ?? [];
    expect(styles).toHaveLength(1);
    expect(styles[0]).not.toMatch(/@import|url\(/i);
  });

  it('calls only the sidebar’s server functions, each a public entry point of src/index.ts', () => {
    const index = fs.readFileSync(path.join(ROOT, 'src/index.ts'), 'utf8');
    const called = new Set<string>();
    const pattern = /['"`](settings[A-Z]\w*)['"`]/g;
    for (let m = pattern.exec(found[0].code); m; m = pattern.exec(found[0].code)) called.add(m[1]);
    expect([...called].sort()).toEqual([
      'settingsCountRowsToMark',
      'settingsInstallTriggers',
      'settingsLoad',
      'settingsMarkAllRowsSent',
      'settingsPreview',
      'settingsPreviewDigest',
      'settingsPreviewReminders',
      'settingsRemoveTriggers',
      'settingsRemoveWebhook',
      'settingsReplaceActionSecret',
      'settingsSave',
      'settingsSetWebhook',
      'settingsTestWebhook',
    ]);
    for (const fn of called) expect(index).toMatch(new RegExp(`^function ${fn}\\(`, 'm'));
  });
});
