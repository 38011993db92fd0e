import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CleanupScope } from './cleanup.mjs';
import { newClient } from './postgres.mjs';
import { startHelper } from './processes.mjs';

/**
 * The pgbench-like baseline: `clients` connections each run single-row
 * transactions (BEGIN; INSERT ...; COMMIT, three round trips through `pg`,
 * as the app's driver does) back to back for `seconds`. Answers
 * transactions per second. The table is dropped afterwards.
 */
export async function rawTransactionRate(url, { clients, seconds }) {
  const table = `bench_raw_${process.pid}`;
  const setup = newClient(url);
  await setup.connect();
  try {
    await setup.query(
      `CREATE TABLE ${table} (id bigserial PRIMARY KEY, client int NOT NULL, n int NOT NULL)`,
    );
    // The set-up connection is the first client: a PGlite socket server takes only one.
    const others = await Promise.all(
      Array.from({ length: clients - 1 }, async () => {
        const client = newClient(url);
        await client.connect();
        return client;
      }),
    );
    const connections = [setup, ...others];
    try {
      const insert = {
        name: 'bench-raw-insert',
        text: `INSERT INTO ${table} (client, n) VALUES ($1, $2)`,
      };
      const warmUntil = Date.now() + Math.min(500, seconds * 200);
      let counting = false;
      let end = 0;
      let count = 0;
      const loop = async (client, index) => {
        for (let n = 0; ; n++) {
          const now = Date.now();
          if (!counting && now >= warmUntil) {
            counting = true;
            end = now + seconds * 1000;
          }
          if (counting && now >= end) return;
          await client.query('BEGIN');
          await client.query({ ...insert, values: [index, n] });
          await client.query('COMMIT');
          if (counting) count++;
        }
      };
      const started = Date.now();
      await Promise.all(connections.map(loop));
      const measuredMs = Date.now() - Math.max(started, end - seconds * 1000);
      return { perSec: count / (measuredMs / 1000), transactions: count, clients, seconds };
    } finally {
      await Promise.all(others.map((client) => client.end()));
    }
  } finally {
    try {
      await setup.query(`DROP TABLE IF EXISTS ${table}`);
    } finally {
      // The run's database is dropped anyway; a PGlite baseline's directory is removed.
      await setup.end();
    }
  }
}

/**
 * The same on a fresh PGlite served by @electric-sql/pglite-socket in a child
 * process, through one connection, as Tideway's embedded mode uses it.
 */
export async function rawPgliteTransactionRate({ seconds }) {
  const scope = new CleanupScope();
  try {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tideway-bench-raw-'));
    scope.defer(`directory ${dir}`, () => rm(dir, { recursive: true, force: true }));
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pglite-server.mjs');
    const { proc, ready } = await startHelper(scope, 'pglite-raw', script, { args: [dir] });
    const rate = await rawTransactionRate(ready.url, { clients: 1, seconds });
    return { ...rate, peakRssMb: proc.peakRssMb() };
  } finally {
    await scope.close();
  }
}
