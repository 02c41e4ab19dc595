import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/** The one list of globals Apps Script lacks (also read by the vm context and the tests). */
const ABSENT_GLOBALS = JSON.parse(
  readFileSync(new URL('./local/runtime/absent-globals.json', import.meta.url), 'utf8'),
).globals;

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.local-data/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      // The bundle runs in Apps Script: no Node or browser globals in src/.
      'no-restricted-globals': ['error', ...ABSENT_GLOBALS],
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
