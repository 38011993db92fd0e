import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createTestDatabase, testDatabaseMode } from '@tideway/server/testing';
import type { TestDatabase } from '@tideway/server/testing';
import { ApiSession } from './support/api-session';
import type { BuiltProcess } from './support/built-app';
import { startBuiltApi, startBuiltWorker } from './support/built-app';
import { waitUntil } from './support/fault-probes';

const CONTACTS = 3_000;
const owner = { email: 'ops@example.test', password: 'crash test dummy' };
const scaled = testDatabaseMode() === 'postgres' ? describe : describe.skip;


// manual -> add tag "first" -> checkpoint (wait 0) -> add tag "second" -> end
scaled('a worker killed mid-run, with the queue flushed', () => {
  let database: TestDatabase;
  let db: Client;
  let api: BuiltProcess;
  const workers: BuiltProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    await api?.stop();
    await db?.end();
    await database?.drop();
  });

  const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].count);

  it('loses no enrollment and moves none twice', async () => {
    // Short leases so that work lost with the killed worker comes back quickly.
    const engine = { ...database.env, ENGINE_SCAN_MS: '50', ENGINE_LEASE_MS: '2000' };
    api = await startBuiltApi({ ...engine, RUN_WORKER: 'false', ADMIN_EMAIL: owner.email, ADMIN_PASSWORD: owner.password });
    const session = await ApiSession.asOwner(api.url, owner);

    const csv = ['email', ...Array.from({ length: CONTACTS }, (_, i) => `crash${i}@example.test`)].join('\n');
    expect((await session.request('POST', '/api/v1/contacts/import', csv, 'text/csv')).body).toMatchObject({ created: CONTACTS });
    const graph = {
      nodes: [
        { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
        { id: 'first', type: 'action.addTag', position: { x: 0, y: 100 }, data: { config: { tag: 'first' } } },
        { id: 'checkpoint', type: 'wait.delay', position: { x: 0, y: 200 }, data: { config: { amount: 0, unit: 'minutes' } } },
        { id: 'second', type: 'action.addTag', position: { x: 0, y: 300 }, data: { config: { tag: 'second' } } },
        { id: 'done', type: 'end', position: { x: 0, y: 400 }, data: { config: {} } },
      ],
      edges: ['start>first', 'first>checkpoint', 'checkpoint>second', 'second>done'].map((pair) => {
        const [source, target] = pair.split('>');
        return { id: pair, source, target };
      }),
    };
    const campaign = (await session.request('POST', '/api/v1/campaigns', { name: 'Crash', graph })).body;
    expect((await session.request('POST', `/api/v1/campaigns/${campaign.id}/publish`, {})).status).toBe(200);

    workers.push(await startBuiltWorker(engine));
    const enrolled = await session.request('POST', `/api/v1/campaigns/${campaign.id}/enrollments`, { filter: {} });
    expect(enrolled.body).toEqual({ enrolled: CONTACTS, skipped: 0 });

    // Kill the worker while contacts are mid-way, then lose every queued job with it.
    await waitUntil(async () => (await count(`SELECT count(*) FROM enrollments WHERE state = 'completed'`)) >= CONTACTS / 10, 60_000, 'progress');
    await workers[0].stop('SIGKILL');
    const redis = new Redis(database.env.REDIS_URL);
    const keys = await redis.keys(`${database.env.QUEUE_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    const completedAtCrash = await count(`SELECT count(*) FROM enrollments WHERE state = 'completed'`);
    expect(completedAtCrash).toBeLessThan(CONTACTS);

    workers.push(await startBuiltWorker(engine));
    await waitUntil(
      async () => (await count(`SELECT count(*) FROM enrollments WHERE state = 'completed'`)) === CONTACTS,
      120_000,
      'every enrollment to complete',
    );

    expect(await count(`SELECT count(*) FROM enrollments`)).toBe(CONTACTS);
    expect(await count(`SELECT count(*) FROM (SELECT enrollment_id, node_id FROM enrollment_steps GROUP BY 1, 2 HAVING count(*) > 1) twice`)).toBe(0);
    expect(await count(`SELECT count(*) FROM contacts WHERE tags = ARRAY['first', 'second']`)).toBe(CONTACTS);
    const stats = (await session.request('GET', `/api/v1/campaigns/${campaign.id}/stats`)).body;
    expect(stats.nodes.second).toEqual({ current: 0, entered: CONTACTS, completed: CONTACTS, failed: 0 });
  });
});
