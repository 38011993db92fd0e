#!/usr/bin/env node
// `npm run bench`: builds the api and worker, and the web app when the builder
// scenario runs (Nx caches), then runs each scenario in each of its modes
// beside its baseline, measured in the same run, and prints a table (or, with
// --json, one JSON line per result).
// Everything a run starts is stopped, dropped or deleted when it ends, fails,
// times out, or on Ctrl-C. See README.md here for the scenarios and how to add one.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { CleanupScope, closeScopesOnSignal, signalCleanup } from './lib/cleanup.mjs';
import { parseOptions, USAGE } from './lib/options.mjs';
import { jsonLine, resultsTable } from './lib/report.mjs';
import { ROOT } from './lib/root.mjs';
import { engineSettings } from './lib/tideway.mjs';
import { TimeoutError } from './lib/wait.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const log = (message) => console.error(`bench: ${message}`);

/** Builds api and worker, and the other projects the planned scenarios name in `builds` (Nx caches). */
function build(runs) {
  const projects = [
    ...new Set(['api', 'worker', ...runs.flatMap((run) => run.scenario.builds ?? [])]),
  ].join(',');
  log(`building ${projects} (nx run-many -t build --projects=${projects})...`);
  const nx = path.join(ROOT, 'node_modules/.bin/nx');
  const result = spawnSync(
    nx,
    ['run-many', '-t', 'build', `--projects=${projects}`, '--output-style=static'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error('the build failed (use --no-build to run on dist/ as it is)');
  }
}

/** Each scenario in each of its modes; postgres+bull once per worker count. */
function plannedRuns(options) {
  const unknown = (options.scenarios ?? []).filter(
    (name) => !SCENARIOS.some((s) => s.name === name),
  );
  if (unknown.length)
    throw new Error(
      `no scenario ${unknown.join(', ')}; there are ${SCENARIOS.map((s) => s.name).join(', ')}`,
    );
  const runs = [];
  for (const scenario of SCENARIOS) {
    if (options.scenarios && !options.scenarios.includes(scenario.name)) continue;
    for (const mode of scenario.modes) {
      if (options.modes && !options.modes.includes(mode)) continue;
      // Workers: processes of the engine (pglite: the API itself); none for scenarios outside it.
      const workerCounts =
        mode === 'postgres+bull' ? options.workers : mode === 'pglite' ? [1] : [undefined];
      for (const workers of workerCounts) runs.push({ scenario, mode, workers });
    }
  }
  if (runs.length === 0) throw new Error('nothing to run with these --scenario and --mode options');
  return runs;
}

/** One run of one scenario in one mode, bounded in time, everything it started undone after. */
async function runOne({ scenario, mode, workers }, options) {
  const contacts =
    options.contacts ?? (options.quick ? scenario.contacts?.quick : scenario.contacts?.default);
  const timeoutMs = (options.timeoutSeconds ?? 120 + (contacts ?? 0) * 0.05) * 1000;
  const label = `${scenario.name} on ${mode}${mode === 'postgres+bull' ? ` with ${workers} worker${workers > 1 ? 's' : ''}` : ''}`;
  const scope = new CleanupScope();
  const started = Date.now();
  const ctx = {
    mode,
    workers,
    contacts,
    quick: options.quick,
    baselineSeconds: options.baselineSeconds,
    deadline: started + timeoutMs,
    scope,
    log: (message) => log(`[${label}] ${message}`),
  };
  const base = { scenario: scenario.name, mode, workers, ...(contacts ? { contacts } : {}) };
  log(`${label}: starting${contacts ? ` (${contacts} contacts)` : ''}`);
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(
        () => reject(new TimeoutError(`took longer than ${timeoutMs / 1000} s`)),
        timeoutMs + 5000,
      );
    });
    const measured = await Promise.race([scenario.run(ctx), timeout]);
    return { ...base, ...measured, ...peakRss(scope), tookSeconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const message = error instanceof TimeoutError ? `${label} ${error.message}` : error.message;
    log(`${label} FAILED: ${message}`);
    return { ...base, error: message.split('\n')[0], tookSeconds: (Date.now() - started) / 1000 };
  } finally {
    clearTimeout(timer);
    await scope.close();
  }
}

/** Peak RSS of each process the run started, the largest, and the CPU seconds each used. */
function peakRss(scope) {
  const processes = scope.processes;
  if (processes.length === 0) return {};
  const rssMb = Object.fromEntries(processes.map((p) => [p.name, p.peakRssMb()]));
  const cpuSeconds = Object.fromEntries(processes.map((p) => [p.name, p.cpuSeconds()]));
  return { peakRssMb: Math.max(...Object.values(rssMb)), rssMb, cpuSeconds };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  closeScopesOnSignal();
  const runs = plannedRuns(options);
  const began = Date.now();
  if (options.build) build(runs);
  const settings = Object.entries(engineSettings())
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  log(
    `${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; ${settings}`,
  );
  const results = [];
  for (const run of runs) {
    if (signalCleanup()) break;
    const result = await runOne(run, options);
    results.push(result);
    if (options.json) console.log(jsonLine(result));
  }
  if (!options.json) console.log(`\n${resultsTable(results)}`);
  log(`done in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  return results.some((r) => r.error) ? 1 : 0;
}

// After a signal, the signal handler exits (130) once its cleanup is done.
const exit = (code) => (signalCleanup() ? undefined : process.exit(code));
main().then(exit, (error) => {
  console.error(`bench: ${error.message}`);
  exit(2);
});
