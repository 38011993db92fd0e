const preset = require('../../jest.preset.cjs');

// Tests of the built apps as users run them: processes started from dist/,
// a real browser. scripts/test.mjs builds the apps first.
module.exports = {
  ...preset,
  displayName: 'e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  globalSetup: '<rootDir>/../../libs/server/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/server/src/testing/jest-global-teardown.ts',
  testTimeout: 120_000,
};
