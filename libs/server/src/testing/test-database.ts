import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../database/embedded-postgres';
import { runMigrations } from '../database/migrate';
import { MIGRATIONS } from '../database/migrations';

/**
 * Every test file gets a database of its own, already migrated, in the
 * configuration the run asked for (TIDEWAY_TEST_DB):
 *  - pglite: a copy of a migrated PGlite data directory (a fresh DATA_DIR);
 *  - postgres: `CREATE DATABASE ... TEMPLATE` from a migrated template on
 *    TEST_DATABASE_URL, plus a Bull prefix of its own on TEST_REDIS_URL.
 * Templates are made once per run by prepareTestDatabaseTemplate (Jest's globalSetup).
 */
export type TestDatabaseMode = 'pglite' | 'postgres';

export type TestDatabase = {
  mode: TestDatabaseMode;
  /** Environment for the app under test: DATA_DIR, or DATABASE_URL + REDIS_URL + QUEUE_PREFIX. */
  env: Record<string, string>;
  drop(): Promise<void>;
};

export function testDatabaseMode(): TestDatabaseMode {
  const mode = process.env.TIDEWAY_TEST_DB ?? 'pglite';
  if (mode !== 'pglite' && mode !== 'postgres') throw new Error(`TIDEWAY_TEST_DB must be pglite or postgres, not ${mode}`);
  return mode;
}

// The source of each migration, not just its name: a migration edited before it ships must not reuse a stale template.
const migrationsKey = () =>
  createHash('sha256')
    .update(MIGRATIONS.map((m) => `${m.name}:${m.toString()}`).join(','))
    .digest('hex')
    .slice(0, 12);

const pgliteTemplateDir = () => path.resolve(__dirname, '../../../../tmp/test-db', `pglite-${migrationsKey()}`);

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Jest globalSetup: builds the migrated template for this run's mode. */
export async function prepareTestDatabaseTemplate(): Promise<void> {
  if (testDatabaseMode() === 'pglite') {
    const dir = pgliteTemplateDir();
    if (existsSync(path.join(dir, 'pgdata', 'PG_VERSION'))) return;
    const building = `${dir}.${process.pid}`;
    await rm(building, { recursive: true, force: true });
    const embedded = await EmbeddedPostgres.start(building);
    try {
      await runMigrations(embedded.url);
    } finally {
      await embedded.stop();
    }
    await rm(dir, { recursive: true, force: true });
    await cp(building, dir, { recursive: true });
    await rm(building, { recursive: true, force: true });
    return;
  }
  const base = requiredEnv('TEST_DATABASE_URL');
  requiredEnv('TEST_REDIS_URL');
  const template = `tideway_tpl_${process.pid}_${Date.now()}`;
  await admin(base, (client) => client.query(`CREATE DATABASE ${template}`));
  await runMigrations(withDatabase(base, template));
  process.env.TIDEWAY_TEST_TEMPLATE = template;
}

/** Jest globalTeardown: drops this run's template and whatever test databases were left. */
export async function dropTestDatabaseTemplate(): Promise<void> {
  const template = process.env.TIDEWAY_TEST_TEMPLATE;
  if (testDatabaseMode() !== 'postgres' || !template) return;
  await admin(requiredEnv('TEST_DATABASE_URL'), async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`${template}_%`, template],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const suffix = randomBytes(4).toString('hex');
  if (testDatabaseMode() === 'pglite') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tideway-test-'));
    await cp(pgliteTemplateDir(), dataDir, { recursive: true });
    return {
      mode: 'pglite',
      env: { DATA_DIR: dataDir },
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const base = requiredEnv('TEST_DATABASE_URL');
  const template = requiredEnv('TIDEWAY_TEST_TEMPLATE');
  const database = `${template}_${suffix}`;
  await admin(base, (client) => client.query(`CREATE DATABASE ${database} TEMPLATE ${template}`));
  return {
    mode: 'postgres',
    env: {
      DATABASE_URL: withDatabase(base, database),
      REDIS_URL: requiredEnv('TEST_REDIS_URL'),
      QUEUE_PREFIX: `tideway-test-${suffix}`,
    },
    drop: () => admin(base, (client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(() => undefined),
  };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set when TIDEWAY_TEST_DB=postgres`);
  return value;
}
