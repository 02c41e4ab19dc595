/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }],
    // The Settings sidebar's HTML, imported as a string (as rollup's html-as-string plugin does).
    '^.+\\.html$': '<rootDir>/test/support/html-transform.cjs',
  },
  moduleFileExtensions: ['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'json', 'node', 'html'],
  // The bundle tests build dist/Code.js once before any test file runs.
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  testTimeout: 60000,
};
