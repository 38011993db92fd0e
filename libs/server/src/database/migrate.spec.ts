import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { testDatabaseMode } from '../testing/test-database';
import { ENTITIES } from './entities';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

const onPostgres = testDatabaseMode() === 'postgres' ? describe : describe.skip;

onPostgres('migrate on PostgreSQL', () => {
  const base = process.env.TEST_DATABASE_URL ?? '';
  const database = `tideway_migrate_${randomBytes(4).toString('hex')}`;
  const url = () => Object.assign(new URL(base), { pathname: `/${database}` }).toString();

  async function admin(sql: string): Promise<void> {
    const client = new Client({ connectionString: base });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  }

  beforeAll(() => admin(`CREATE DATABASE ${database}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  it('lets several processes start at once: each migration runs exactly once', async () => {
    const processes = await Promise.all(
      [1, 2, 3].map(() =>
        new DataSource({ type: 'postgres', url: url(), entities: ENTITIES, migrations: MIGRATIONS, extra: { max: 2 } }).initialize(),
      ),
    );
    try {
      await Promise.all(processes.map((dataSource) => migrate(dataSource, { exclusive: true })));
      const applied = await processes[0].query(`SELECT name FROM migrations ORDER BY id`);
      expect(applied.map((row: { name: string }) => row.name)).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await Promise.all(processes.map((dataSource) => dataSource.destroy()));
    }
  });
});
