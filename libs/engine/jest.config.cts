const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'engine', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
