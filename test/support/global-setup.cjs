// Builds dist/Code.js once, so that every bundle test runs the real artefact.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.CHAT_RELAY_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, [require.resolve('rollup/dist/bin/rollup'), '-c', '--silent'], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: 'inherit',
  });
};
