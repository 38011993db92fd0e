const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'worker',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/../../libs/server/src/testing/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/server/src/testing/jest-global-teardown.ts',
  testTimeout: 60_000,
};
