#!/usr/bin/env node
// The one test command (README): builds the apps, then runs every project's
// Jest tests on the embedded default (PGlite + in-process queue), and again,
// for the projects that touch a database or a queue, on PostgreSQL + Redis
// when TEST_DATABASE_URL and TEST_REDIS_URL are set. Ends by saying which
// configurations ran and the totals.
//
//   npm test                      lint, type checks and every test
//   npm test -- --project api     one project (also: nx test api)
//   npm test -- apps/api/test/contacts   a path pattern, passed to Jest
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ALL_PROJECTS = ['graph', 'templates', 'engine', 'server', 'api', 'worker', 'web', 'e2e'];
const DATABASE_PROJECTS = new Set(['server', 'api', 'worker', 'e2e']);
const CONFIG_OF = {
  graph: 'libs/graph/jest.config.cts',
  templates: 'libs/templates/jest.config.cts',
  engine: 'libs/engine/jest.config.cts',
  server: 'libs/server/jest.config.cts',
  api: 'apps/api/jest.config.cts',
  worker: 'apps/worker/jest.config.cts',
  web: 'apps/web/jest.config.cts',
  e2e: 'apps/e2e/jest.config.cts',
};

const args = process.argv.slice(2);
const projects = [];
const jestArgs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--project') projects.push(args[++i]);
  else jestArgs.push(args[i]);
}
const selected = (projects.length ? projects : ALL_PROJECTS).filter((p) => existsSync(path.join(root, CONFIG_OF[p])));

function run(command, commandArgs, env = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const fullRun = projects.length === 0 && jestArgs.length === 0;
if (fullRun) {
  // Lint enforces the module boundaries of ARCHITECTURE.md; both are cached by Nx.
  const checked = run(path.join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'lint', 'typecheck', '--output-style=static']);
  if (checked !== 0) process.exit(checked);
}

if (selected.includes('e2e')) {
  // The start-up and browser tests run the built apps, exactly as `npm start` does.
  const built = run(path.join(root, 'node_modules/.bin/nx'), [ 'run-many', '-t', 'build', '--projects=api,worker,web', '--output-style=static']);
  if (built !== 0) process.exit(built);
}

const configurations = [{ name: 'PGlite + in-process queue', env: { TIDEWAY_TEST_DB: 'pglite' }, projects: selected }];
const scaled = process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL;
const scaledProjects = selected.filter((p) => DATABASE_PROJECTS.has(p));
if (scaled && scaledProjects.length) {
  configurations.push({ name: 'PostgreSQL + Bull on Redis', env: { TIDEWAY_TEST_DB: 'postgres' }, projects: scaledProjects });
}

mkdirSync(path.join(root, 'tmp'), { recursive: true });
const results = [];
for (const [index, configuration] of configurations.entries()) {
  const outputFile = path.join(root, 'tmp', `jest-results-${index}.json`);
  console.log(`\n=== Tests on ${configuration.name} (${configuration.projects.join(', ')}) ===\n`);
  const status = run(
    path.join(root, 'node_modules/.bin/jest'),
    [
      '--maxWorkers=2',
      // A multi-project run ignores each project's testTimeout; app start-ups and browsers need more than 5 s.
      '--testTimeout=120000',
      '--json',
      `--outputFile=${outputFile}`,
      ...jestArgs,
      '--projects',
      ...configuration.projects.map((p) => CONFIG_OF[p]),
    ],
    {
      ...configuration.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
    },
  );
  const summary = existsSync(outputFile) ? JSON.parse(readFileSync(outputFile, 'utf8')) : null;
  results.push({ configuration, status, summary });
}

console.log('\n=== Test configurations ===');
let passed = 0;
let failed = 0;
for (const { configuration, status, summary } of results) {
  const p = summary?.numPassedTests ?? 0;
  const f = summary?.numFailedTests ?? 0;
  passed += p;
  failed += f;
  console.log(`${status === 0 ? 'PASS' : 'FAIL'}  ${configuration.name}: ${p} passed, ${f} failed`);
}
if (!scaled) console.log('SKIP  PostgreSQL + Bull on Redis: set TEST_DATABASE_URL and TEST_REDIS_URL to run it');
const ok = results.every((r) => r.status === 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
