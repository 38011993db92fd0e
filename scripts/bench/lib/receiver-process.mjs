import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHelper } from './processes.mjs';

const RECEIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'receiver.mjs');

/**
 * The webhook receiver (receiver.mjs) in a process of its own, checking
 * bodies of `prefix`'s contacts, and its control routes: `get('/_stats')`,
 * `get('/_arrivals')`, `post('/_reset')`.
 */
export async function startReceiver(scope, prefix) {
  const { ready } = await startHelper(scope, 'receiver', RECEIVER, { args: [prefix] });
  const call = (method) => async (route) => {
    const res = await fetch(ready.url + route, { method });
    if (!res.ok) throw new Error(`receiver ${method} ${route}: ${res.status}`);
    return res.json();
  };
  return { url: ready.url, get: call('GET'), post: call('POST') };
}
