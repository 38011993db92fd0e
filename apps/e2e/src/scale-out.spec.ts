import { Client } from 'pg';
import { createTestDatabase, testDatabaseMode } from '@tideway/server/testing';
import type { TestDatabase } from '@tideway/server/testing';
import { ApiSession } from './support/api-session';
import type { BuiltProcess } from './support/built-app';
import { startBuiltApi, startBuiltWorker } from './support/built-app';
import { waitUntil } from './support/fault-probes';

const CONTACTS_PER_API = 1_500;
const WORKERS = 3;
const owner = { email: 'scale@example.test', password: 'two apis three workers' };
const scaled = testDatabaseMode() === 'postgres' ? describe : describe.skip;

// manual -> add tag "first" -> checkpoint (wait 0) -> add tag "second" -> end
const graph = {
  nodes: [
    { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
    {
      id: 'first',
      type: 'action.addTag',
      position: { x: 0, y: 100 },
      data: { config: { tag: 'first' } },
    },
    {
      id: 'checkpoint',
      type: 'wait.delay',
      position: { x: 0, y: 200 },
      data: { config: { amount: 0, unit: 'minutes' } },
    },
    {
      id: 'second',
      type: 'action.addTag',
      position: { x: 0, y: 300 },
      data: { config: { tag: 'second' } },
    },
    { id: 'done', type: 'end', position: { x: 0, y: 400 }, data: { config: {} } },
  ],
  edges: ['start>first', 'first>checkpoint', 'checkpoint>second', 'second>done'].map((pair) => {
    const [source, target] = pair.split('>');
    return { id: pair, source, target };
  }),
};

scaled('two APIs and three workers on one PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let db: Client;
  const processes: BuiltProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();
  });
  afterAll(async () => {
    for (const process of processes) await process.stop();
    await db?.end();
    await database?.drop();
  });

  const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].count);

  it('shares the work: every enrollment, whichever API took it, completes once, and every worker takes part', async () => {
    const env = {
      ...database.env,
      ENGINE_SCAN_MS: '50',
      ADMIN_EMAIL: owner.email,
      ADMIN_PASSWORD: owner.password,
    };
    // Both APIs start together: migrations and the first owner are settled between them.
    const apis = await Promise.all([
      startBuiltApi({ ...env, RUN_WORKER: 'false' }),
      startBuiltApi({ ...env, RUN_WORKER: 'false' }),
    ]);
    processes.push(...apis);
    const sessions = await Promise.all(apis.map((api) => ApiSession.asOwner(api.url, owner)));
    expect(await count(`SELECT count(*) FROM users`)).toBe(1);

    // One campaign, created through the first API; contacts and enrollments through each.
    const campaign = (
      await sessions[0].request('POST', '/api/v1/campaigns', { name: 'Scale-out', graph })
    ).body;
    expect(
      (await sessions[1].request('POST', `/api/v1/campaigns/${campaign.id}/publish`, {})).status,
    ).toBe(200);
    const workers = await Promise.all(
      Array.from({ length: WORKERS }, () => startBuiltWorker({ ...env, LOG_LEVEL: 'debug' })),
    );
    processes.push(...workers);

    await Promise.all(
      sessions.map(async (session, index) => {
        const emails = Array.from(
          { length: CONTACTS_PER_API },
          (_, i) => `api${index}-${i}@example.test`,
        );
        const imported = await session.request(
          'POST',
          '/api/v1/contacts/import',
          ['email', ...emails].join('\n'),
          'text/csv',
        );
        expect(imported.body).toMatchObject({ created: CONTACTS_PER_API });
        const ids = (
          await db.query(`SELECT id FROM contacts WHERE email LIKE $1`, [`api${index}-%`])
        ).rows.map((row) => row.id);
        for (let from = 0; from < ids.length; from += 500) {
          const enrolled = await session.request(
            'POST',
            `/api/v1/campaigns/${campaign.id}/enrollments`,
            { contactIds: ids.slice(from, from + 500) },
          );
          expect(enrolled.status).toBe(202);
        }
      }),
    );

    const total = CONTACTS_PER_API * apis.length;
    await waitUntil(
      async () =>
        (await count(`SELECT count(*) FROM enrollments WHERE state = 'completed'`)) === total,
      120_000,
      'every enrollment to complete',
    );
    expect(await count(`SELECT count(*) FROM enrollments`)).toBe(total);
    expect(
      await count(
        `SELECT count(*) FROM (SELECT enrollment_id, node_id FROM enrollment_steps GROUP BY 1, 2 HAVING count(*) > 1) twice`,
      ),
    ).toBe(0);
    expect(await count(`SELECT count(*) FROM contacts WHERE tags = ARRAY['first', 'second']`)).toBe(
      total,
    );
    // Each worker logs the steps it decided (debug): all three did some of the work.
    for (const worker of workers) expect(worker.output()).toContain('"msg":"step decided"');
    const stats = (await sessions[1].request('GET', `/api/v1/campaigns/${campaign.id}/stats`)).body;
    expect(stats.nodes.second).toEqual({ current: 0, entered: total, completed: total, failed: 0 });
  });
});
