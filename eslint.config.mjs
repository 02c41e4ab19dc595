import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/** The one list of globals Apps Script lacks (also read by the vm context and the tests). */
const ABSENT_GLOBALS = JSON.parse(
  readFileSync(new URL('./local/runtime/absent-globals.json', import.meta.url), 'utf8'),
).globals;

const OUTSIDE_SRC = {
  group: ['**/local', '**/local/**', '**/test', '**/test/**', '**/bench/**', 'node:*'],
  message: 'src/ never imports local/, test/, bench/ or Node modules.',
};
const APP = {
  group: ['**/app', '**/app/**', '**/index'],
  message: 'The core (chat/, config/, relay/) never imports the application layer (app/).',
};
const CONFIG = {
  group: ['**/config', '**/config/**'],
  message: 'chat/ does not know the configuration.',
};
const RELAY = {
  group: ['**/relay', '**/relay/**'],
  message: 'Only the application layer uses the relay.',
};
/** The Settings sidebar's browser client (bundled on its own into sidebar.html). */
const CLIENT = 'src/app/settings/client/**/*.ts';
/** Node's own globals: the browser client has the DOM's (setTimeout, window…), never these. */
const NODE_GLOBALS = ['process', 'require', 'module', 'Buffer', 'global', 'setImmediate'];
const SERVER_SIDE = {
  regex: '^\\.\\./(?!types$|\\.\\./)|^\\.\\./\\.\\./(?!\\.\\./(chat|config)/)',
  message:
    'The sidebar client runs in the browser: it imports its own modules, the result types of settings/types.ts, and chat/ or config/ modules that need no Apps Script service; never the server side.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.local-data/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      // The bundle runs in Apps Script: no Node or browser globals in src/ (but the sidebar's client).
      'no-restricted-globals': ['error', ...ABSENT_GLOBALS],
    },
  },
  {
    // Layers: src/ never reaches into the local tools, the tests or Node.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [OUTSIDE_SRC] }],
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // The core owns its ports: chat/, config/ and relay/ never import the application layer.
    files: ['src/chat/**/*.ts', 'src/config/**/*.ts', 'src/relay/**/*.ts', 'src/result.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [OUTSIDE_SRC, APP] }] },
  },
  {
    // The Chat client knows nothing of the configuration or the relay.
    files: ['src/chat/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [OUTSIDE_SRC, APP, CONFIG, RELAY] }] },
  },
  {
    // The configuration knows the Chat client's URL rules, never the relay.
    files: ['src/config/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [OUTSIDE_SRC, APP, RELAY] }] },
  },
  {
    // The ports import nothing: they are the core's own narrow interfaces.
    files: ['src/ports.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['*', '.*', '/*'], message: 'src/ports.ts imports nothing.' }] },
      ],
    },
  },
  {
    // The sidebar's client runs in the browser (DOM globals), and reaches the server only
    // through google.script.run (client/server.ts), never by importing it.
    files: [CLIENT],
    rules: {
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
      'no-restricted-imports': ['error', { patterns: [OUTSIDE_SRC, SERVER_SIDE] }],
    },
  },
  {
    // The entry points are called by Apps Script, never by the bundle itself.
    files: ['src/index.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
