import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiSession } from './api-session.mjs';
import { person } from './people.mjs';
import { connect, createRunDatabase } from './postgres.mjs';
import { startApi, startWorker } from './processes.mjs';
import { createQueuePrefix } from './redis.mjs';

export const OWNER = { email: 'bench@example.test', password: 'benchmark owner password' };

/** The engine's pace as the benchmark runs it: the caller's ENGINE_* settings, else Tideway's defaults. */
export function engineSettings() {
  const setting = (name, fallback) => Number(process.env[name] || fallback);
  return {
    ENGINE_SCAN_MS: setting('ENGINE_SCAN_MS', 250),
    ENGINE_SCAN_BATCH: setting('ENGINE_SCAN_BATCH', 1000),
    ENGINE_LEASE_MS: setting('ENGINE_LEASE_MS', 60_000),
    ENGINE_CONCURRENCY: setting('ENGINE_CONCURRENCY', 8),
    ENGINE_STEP_BATCH: setting('ENGINE_STEP_BATCH', 50),
    DATABASE_POOL_SIZE: setting('DATABASE_POOL_SIZE', 10),
  };
}

/**
 * Starts the built Tideway in one of the benchmark's modes, on storage made
 * for this run, everything registered with `scope`:
 *  - `pglite`: the API alone, embedded database and engine, in a fresh DATA_DIR;
 *  - `postgres+bull`: a database and a Bull prefix of its own, the API with
 *    RUN_WORKER=false and `workers` worker processes.
 * `env` adds settings of the scenario's own (e.g. WEBHOOK_ALLOW_HTTP) to every
 * process. Answers the API session, the processes, and in postgres mode the
 * database URL with an open client (`db`) for reading results directly.
 */
export async function startTideway(scope, { mode, workers = 1, env: extra = {}, beforeStart }) {
  const engine = {
    ...Object.fromEntries(Object.entries(engineSettings()).map(([k, v]) => [k, String(v)])),
    ...extra,
  };
  const admin = { ADMIN_EMAIL: OWNER.email, ADMIN_PASSWORD: OWNER.password };
  if (mode === 'pglite') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tideway-bench-'));
    scope.defer(`directory ${dataDir}`, () => rm(dataDir, { recursive: true, force: true }));
    await beforeStart?.({});
    const api = await startApi(scope, { ...engine, ...admin, DATA_DIR: dataDir });
    const session = await ApiSession.asOwner(api.url, OWNER);
    return { session, processes: [api], databaseUrl: null, db: null };
  }
  if (mode === 'postgres+bull') {
    const database = await createRunDatabase(scope);
    const queue = await createQueuePrefix(scope);
    await beforeStart?.({ databaseUrl: database.url });
    const env = {
      ...engine,
      DATABASE_URL: database.url,
      REDIS_URL: queue.url,
      QUEUE_PREFIX: queue.prefix,
    };
    const api = await startApi(scope, { ...env, ...admin, RUN_WORKER: 'false' });
    const started = [];
    for (let i = 1; i <= workers; i++) started.push(await startWorker(scope, `worker${i}`, env));
    const session = await ApiSession.asOwner(api.url, OWNER);
    const db = await connect(scope, database.url);
    return { session, processes: [api, ...started], databaseUrl: database.url, db };
  }
  throw new Error(`unknown mode ${mode}`);
}

/**
 * Imports `count` contacts by CSV, in files of at most 50,000 rows: emails
 * only, or with `names` the first and last names of lib/people.mjs too.
 */
export async function importContacts(session, count, prefix = 'bench', { names = false } = {}) {
  const FILE_ROWS = 50_000;
  const row = names
    ? (i) => {
        const { email, firstName, lastName } = person(prefix, i);
        return `${email},${firstName},${lastName}`;
      }
    : (i) => `${prefix}${i}@example.test`;
  const header = names ? 'email,firstName,lastName' : 'email';
  for (let from = 0; from < count; from += FILE_ROWS) {
    const rows = Array.from({ length: Math.min(FILE_ROWS, count - from) }, (_, i) => row(from + i));
    const result = await session.expect(
      200,
      'POST',
      '/api/v1/contacts/import',
      [header, ...rows].join('\n'),
      'text/csv',
    );
    if (result.created !== rows.length)
      throw new Error(`import created ${result.created} of ${rows.length} contacts`);
  }
}

/** Saves `graph` as a new campaign and publishes it; answers the campaign id. */
export async function publishCampaign(session, name, graph) {
  const campaign = await session.expect(201, 'POST', '/api/v1/campaigns', { name, graph });
  await session.expect(200, 'POST', `/api/v1/campaigns/${campaign.id}/publish`, {});
  return campaign.id;
}

/** A straight line of nodes, `[id, type, config]` each, joined first to last. */
export function lineGraph(nodes) {
  return {
    nodes: nodes.map(([id, type, config], i) => ({
      id,
      type,
      position: { x: 0, y: i * 120 },
      data: { config },
    })),
    edges: nodes
      .slice(1)
      .map(([id], i) => ({ id: `${nodes[i][0]}>${id}`, source: nodes[i][0], target: id })),
  };
}
