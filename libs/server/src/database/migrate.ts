import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

// Any constant: the key of the advisory lock every process takes to migrate.
const MIGRATION_LOCK_KEY = 7_314_159_265;

/**
 * Applies pending migrations. On PostgreSQL, API and worker processes may
 * start together, so they take turns under an advisory lock and the later
 * ones find nothing left to do. PGlite belongs to one process and has one
 * connection, which the lock's session would hold: it migrates directly.
 */
export async function migrate(dataSource: DataSource, { exclusive }: { exclusive: boolean }): Promise<void> {
  if (!exclusive) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}

/** Applies every pending migration to the database at `url` and disconnects. */
export async function runMigrations(url: string): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url, entities: ENTITIES, migrations: MIGRATIONS, extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await migrate(dataSource, { exclusive: false });
  } finally {
    await dataSource.destroy();
  }
}
