import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './root.mjs';
import { sleep } from './wait.mjs';

const OUTPUT_TAIL = 64 * 1024;

/** Settings of Tideway itself that must come from the benchmark, never from the caller's shell. */
const TIDEWAY_ENV = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DATABASE_URL',
  'REDIS_URL',
  'QUEUE_PREFIX',
  'RUN_WORKER',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
  'WEB_DIST_DIR',
];

export async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * A child process of the benchmark: keeps the tail of its output, samples its
 * peak resident set (VmHWM) and the CPU time it has used while it runs, and
 * is stopped by the scope.
 */
export class BenchProcess {
  #output = '';
  #peakRssKb = 0;
  #cpuTicks = 0;
  #sampler;

  constructor(name, child) {
    this.name = name;
    this.child = child;
    const keep = (chunk) => {
      this.#output = (this.#output + chunk).slice(-OUTPUT_TAIL);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.#sampler = setInterval(() => this.#sampleRss(), 200);
    this.#sampler.unref();
    child.once('exit', () => clearInterval(this.#sampler));
  }

  get pid() {
    return this.child.pid;
  }

  get exited() {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  output() {
    return this.#output;
  }

  /** Resident set size in MB now (VmRSS), 0 once the process has gone. */
  currentRssMb() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      return Math.round(Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      return 0;
    }
  }

  /** Peak resident set size in MB since the process started (the kernel's high-water mark). */
  peakRssMb() {
    this.#sampleRss();
    return Math.round(this.#peakRssKb / 1024);
  }

  /**
   * CPU seconds (user + system) the process has used, as last sampled: a
   * figure other load on the machine inflates far less than throughput.
   */
  cpuSeconds() {
    this.#sampleRss();
    return Math.round((this.#cpuTicks / CLOCK_TICKS) * 10) / 10;
  }

  #sampleRss() {
    if (this.exited) return;
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      this.#peakRssKb = Math.max(this.#peakRssKb, kb);
      // utime and stime are the 14th and 15th fields, counted after the ")" closing the name.
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      this.#cpuTicks = Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone between the check and the read, or no /proc (not Linux): keep the last sample
    }
  }

  /** Stops the process: `signal` first, SIGKILL when it has not exited within `graceMs`. */
  async stop(signal = 'SIGTERM', graceMs = 10_000) {
    this.#sampleRss();
    clearInterval(this.#sampler);
    if (this.exited) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Node flags for Tideway's own processes: with BENCH_PROFILE_DIR set, each
 * writes a CPU profile there when it stops (open it in Chrome DevTools).
 */
function profiling(name) {
  const dir = process.env.BENCH_PROFILE_DIR;
  const tideway = name === 'api' || name.startsWith('worker');
  return dir && tideway
    ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`]
    : [];
}

/** Starts a Node script as a child, registered with `scope` so it is always stopped. */
export function startNode(scope, name, script, { args = [], env = {} } = {}) {
  const base = { ...process.env };
  for (const key of TIDEWAY_ENV) delete base[key];
  const child = spawn(process.execPath, [...profiling(name), script, ...args], {
    cwd: ROOT,
    env: { ...base, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = new BenchProcess(name, child);
  scope.processes.push(proc);
  scope.defer(`process ${name} (${child.pid})`, () => proc.stop());
  return proc;
}

function failure(proc, message) {
  return new Error(`${message}; last output of ${proc.name}:\n${proc.output().slice(-4000)}`);
}

/** Runs dist/apps/api/main.js on a free loopback port and waits until /api/health answers. */
export async function startApi(scope, env, { timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const proc = startNode(scope, 'api', path.join(ROOT, 'dist/apps/api/main.js'), {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
  proc.url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exited) throw failure(proc, `the API exited with ${proc.child.exitCode}`);
    try {
      if ((await fetch(`${proc.url}/api/health`)).ok) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw failure(proc, `the API did not answer within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Runs dist/apps/worker/main.js and waits until it says it is ready. */
export async function startWorker(scope, name, env, { timeoutMs = 60_000 } = {}) {
  const proc = startNode(scope, name, path.join(ROOT, 'dist/apps/worker/main.js'), { env });
  const deadline = Date.now() + timeoutMs;
  while (!proc.output().includes('worker ready')) {
    if (proc.exited) throw failure(proc, `${name} exited with ${proc.child.exitCode}`);
    if (Date.now() > deadline) throw failure(proc, `${name} was not ready within ${timeoutMs} ms`);
    await sleep(100);
  }
  return proc;
}

/** Starts a helper script that prints one JSON line when ready (e.g. {"url": ...}); answers it. */
export async function startHelper(scope, name, script, { args = [], timeoutMs = 30_000 } = {}) {
  const proc = startNode(scope, name, script, { args });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = proc
      .output()
      .split('\n')
      .find((l) => l.startsWith('{'));
    if (line) return { proc, ready: JSON.parse(line) };
    if (proc.exited) throw failure(proc, `${name} exited with ${proc.child.exitCode}`);
    if (Date.now() > deadline) throw failure(proc, `${name} was not ready within ${timeoutMs} ms`);
    await sleep(50);
  }
}
