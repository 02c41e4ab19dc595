/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json', diagnostics: false }],
  },
  // The bundle tests build dist/Code.js once before any test file runs.
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  testTimeout: 60000,
};
