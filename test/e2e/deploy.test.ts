/** What clasp pushes, and the manifest that goes with the bundle. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('deployment', () => {
  it('clasp pushes exactly dist/Code.js and dist/appsscript.json', () => {
    expect(read('.clasp.json')).toEqual({ scriptId: '<placeholder>', rootDir: 'dist' });
    const status = JSON.parse(
      execFileSync(
        path.join(root, 'node_modules', '.bin', 'clasp'),
        ['show-file-status', '--json'],
        {
          cwd: root,
          encoding: 'utf8',
        },
      ),
    );
    expect(status.filesToPush.sort()).toEqual(['dist/Code.js', 'dist/appsscript.json']);
  });

  it('ships the manifest: V8, least-privilege scopes, fetches allowed to Chat only', () => {
    const manifest = read('dist/appsscript.json');
    expect(manifest).toEqual(read('appsscript.json'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes.sort()).toEqual(
      [
        'https://www.googleapis.com/auth/script.container.ui',
        'https://www.googleapis.com/auth/script.external_request',
        'https://www.googleapis.com/auth/script.scriptapp',
        'https://www.googleapis.com/auth/spreadsheets.currentonly',
        // Session.getEffectiveUser().getEmail(): who installed the triggers (and gets their failure e-mails).
        'https://www.googleapis.com/auth/userinfo.email',
      ].sort(),
    );
    expect(manifest.urlFetchWhitelist).toEqual(['https://chat.googleapis.com/']);
  });
});
