// Every project's Jest tests in one run (for editors and `npx jest`).
// `npm test` (scripts/test.mjs) runs them once per database configuration.
const { existsSync } = require('node:fs');
const path = require('node:path');

const configs = ['libs/graph', 'libs/templates', 'libs/engine', 'libs/server', 'apps/api', 'apps/worker', 'apps/web', 'apps/e2e']
  .map((dir) => path.join(__dirname, dir, 'jest.config.cts'))
  .filter(existsSync);

module.exports = { projects: configs };
