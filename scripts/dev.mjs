#!/usr/bin/env node
// `npm run dev`: the API rebuilt and restarted on change (webpack watch +
// node --watch) and the web app on Vite's dev server with hot reload at
// http://localhost:5173, proxying /api and /hooks to the API on :3000.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const children = [];

function start(name, command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  child.on('exit', (code) => {
    console.log(`[dev] ${name} exited (${code}); stopping`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

function shutdown(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

start('api build', bin('webpack'), ['--config', 'apps/api/webpack.config.cjs', '--watch', '--no-stats']);
const main = path.join(root, 'dist/apps/api/main.js');
const waitForBuild = setInterval(() => {
  if (!existsSync(main)) return;
  clearInterval(waitForBuild);
  start('api', process.execPath, ['--watch-path=dist/apps/api', '--enable-source-maps', main]);
}, 250);
start('web', bin('vite'), ['-c', 'apps/web/vite.config.mts']);
