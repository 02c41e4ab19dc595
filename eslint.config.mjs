import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.local-data/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      // The bundle runs in Apps Script: no Node or browser globals in src/.
      'no-restricted-globals': [
        'error',
        'URL',
        'URLSearchParams',
        'TextEncoder',
        'TextDecoder',
        'Buffer',
        'setTimeout',
        'setInterval',
        'fetch',
        'process',
        'require',
      ],
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
