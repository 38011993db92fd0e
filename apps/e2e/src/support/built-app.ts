import type { ChildProcess} from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

export type BuiltProcess = {
  url: string;
  output: () => string;
  /** Whether the process is still running (it may have exited on its own). */
  running: () => boolean;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** Runs dist/apps/<app>/main.js as `npm run start:<app>` would, with `env` on top of this process's. */
function runBuilt(app: 'api' | 'worker', env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/apps', app, 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit');
  child.kill(signal);
  const [code] = (await exited) as [number | null];
  return code;
}

/** Starts the built API and waits until /api/health answers. */
export async function startBuiltApi(env: Record<string, string>, timeoutMs = 60_000): Promise<BuiltProcess> {
  const port = await freePort();
  const { child, output } = runBuilt('api', { PORT: String(port), HOST: '127.0.0.1', ...env });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcess(child, 'SIGKILL');
      throw new Error(`API did not answer within ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, output, running: () => isRunning(child), stop: (signal = 'SIGTERM') => stopProcess(child, signal) };
}

/** Starts the built worker and waits until it says it is ready. */
export async function startBuiltWorker(env: Record<string, string>, timeoutMs = 60_000): Promise<BuiltProcess> {
  const { child, output } = runBuilt('worker', env);
  const deadline = Date.now() + timeoutMs;
  while (!output().includes('worker ready')) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      await stopProcess(child, 'SIGKILL');
      throw new Error(`worker not ready within ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: '', output, running: () => isRunning(child), stop: (signal = 'SIGTERM') => stopProcess(child, signal) };
}
