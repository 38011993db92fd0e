const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'graph',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
