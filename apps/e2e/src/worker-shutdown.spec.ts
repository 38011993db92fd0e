import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createTestDatabase, testDatabaseMode } from '@tideway/server/testing';
import type { TestDatabase } from '@tideway/server/testing';
import { ApiSession } from './support/api-session';
import type { BuiltProcess } from './support/built-app';
import { startBuiltApi, startBuiltWorker } from './support/built-app';
import { waitUntil } from './support/fault-probes';
import { webhookLineGraph } from './support/webhook-campaign-run';

const CONTACTS = 2_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;
const owner = { email: 'ops@example.test', password: 'graceful stop please' };
const scaled = testDatabaseMode() === 'postgres' ? describe : describe.skip;

/** A receiver that remembers, per contact, every webhook-id it was sent under. */
async function startReceiver() {
  const idsByEmail = new Map<string, Set<string>>();
  let requests = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests++;
      const email = new URLSearchParams(body).get('Email') ?? '';
      const ids = idsByEmail.get(email) ?? new Set<string>();
      ids.add(String(req.headers['webhook-id']));
      idsByEmail.set(email, ids);
      // A little slow, so that deliveries are in flight when the signal comes.
      setTimeout(() => res.writeHead(200).end('ok'), 20);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    idsByEmail,
    requests: () => requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// manual -> add tag "first" -> Send a Webhook (form: Email=[Email]) -> add tag "second" -> end
scaled('a worker stopped with SIGTERM mid-run', () => {
  let database: TestDatabase;
  let db: Client;
  let api: BuiltProcess;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const workers: BuiltProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.env.DATABASE_URL });
    await db.connect();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    for (const worker of workers) await worker.stop('SIGKILL');
    await api?.stop();
    await db?.end();
    await database?.drop();
    await receiver?.close();
  });

  const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].count);
  const completed = () => count(`SELECT count(*) FROM enrollments WHERE state = 'completed'`);

  it('finishes what it holds, exits 0, and leaves the rest to the next worker: each enrollment completes once, each contact is sent one webhook-id', async () => {
    const engine = {
      ...database.env,
      ENGINE_SCAN_MS: '50',
      ENGINE_LEASE_MS: '3000',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
    };
    api = await startBuiltApi({
      ...engine,
      RUN_WORKER: 'false',
      ADMIN_EMAIL: owner.email,
      ADMIN_PASSWORD: owner.password,
    });
    const session = await ApiSession.asOwner(api.url, owner);
    const csv = [
      'email',
      ...Array.from({ length: CONTACTS }, (_, i) => `stop${i}@example.test`),
    ].join('\n');
    expect(
      (await session.request('POST', '/api/v1/contacts/import', csv, 'text/csv')).body,
    ).toMatchObject({ created: CONTACTS });
    const created = await session.request('POST', '/api/v1/campaigns', {
      name: 'Graceful',
      graph: webhookLineGraph(receiver.url),
    });
    expect(created.status).toBe(201);
    expect(
      (await session.request('POST', `/api/v1/campaigns/${created.body.id}/publish`, {})).status,
    ).toBe(200);

    workers.push(await startBuiltWorker(engine));
    const enrolled = await session.request(
      'POST',
      `/api/v1/campaigns/${created.body.id}/enrollments`,
      { filter: {} },
    );
    expect(enrolled.body).toEqual({ enrolled: CONTACTS, skipped: 0 });

    await waitUntil(async () => (await completed()) >= CONTACTS / 10, 60_000, 'progress');
    const signalled = Date.now();
    expect(await workers[0].stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 5_000);
    expect(workers[0].output()).toContain('SIGTERM');
    expect(await completed()).toBeLessThan(CONTACTS);

    workers.push(await startBuiltWorker(engine));
    await waitUntil(
      async () => (await completed()) === CONTACTS,
      120_000,
      'every enrollment to complete',
    );

    expect(await count(`SELECT count(*) FROM enrollments`)).toBe(CONTACTS);
    expect(
      await count(
        `SELECT count(*) FROM (SELECT enrollment_id, node_id FROM enrollment_steps GROUP BY 1, 2 HAVING count(*) > 1) twice`,
      ),
    ).toBe(0);
    expect(await count(`SELECT count(*) FROM contacts WHERE tags = ARRAY['first', 'second']`)).toBe(
      CONTACTS,
    );
    expect(await count(`SELECT count(*) FROM deliveries WHERE status = 'succeeded'`)).toBe(
      CONTACTS,
    );
    expect(receiver.idsByEmail.size).toBe(CONTACTS);
    const underSeveralIds = [...receiver.idsByEmail.values()].filter((ids) => ids.size !== 1);
    expect(underSeveralIds).toEqual([]);
    // Redeliveries (the same id again) are allowed; say how many there were.
    console.info(`${receiver.requests() - CONTACTS} redeliveries of ${CONTACTS} webhooks`);
  });
});
