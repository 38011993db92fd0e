import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { MIGRATIONS } from '@tideway/server';
import { testDatabaseMode } from '@tideway/server/testing';
import { Client } from 'pg';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const packageJson = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const onPostgres = testDatabaseMode() === 'postgres' ? it : it.skip;

describe('GET /api/health', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers ok and names the database and queue in use and the version', async () => {
    const res = await app.http.get('/api/health');
    expect(res.status).toBe(200);
    const expected = app.config.databaseUrl
      ? { status: 'ok', database: 'postgres', queue: 'bull' }
      : { status: 'ok', database: 'pglite', queue: 'inline' };
    expect(res.body).toEqual({ ...expected, version: packageJson.version });
  });

  it('answers ready when the database, the queue and the migrations are', async () => {
    const res = await app.http.get('/api/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ready',
      version: packageJson.version,
      checks: { database: 'ok', queue: 'ok', migrations: 'ok' },
    });
  });

  it('answers 503 naming the migrations this code has that the database lacks', async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1].name;
    const [row] = await app.db.query(`SELECT id, timestamp, name FROM migrations WHERE name = $1`, [
      last,
    ]);
    await app.db.query(`DELETE FROM migrations WHERE id = $1`, [row.id]);
    try {
      const res = await app.http.get('/api/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        statusCode: 503,
        message: 'Not ready: migrations',
        details: [{ path: 'checks.migrations', message: `1 pending: ${last}` }],
        status: 'not ready',
        checks: { database: 'ok', queue: 'ok', migrations: 'failed' },
      });
    } finally {
      await app.db.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
        row.id,
        row.timestamp,
        row.name,
      ]);
    }
  });

  it('publishes the OpenAPI document', async () => {
    const res = await app.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/api/health']).toBeDefined();
  });

  it('answers unknown API routes with the JSON error shape', async () => {
    const res = await app.http.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('refuses a JSON body over 1 MB with 413', async () => {
    const res = await app.http.post('/api/health', undefined, {
      raw: JSON.stringify({ big: 'x'.repeat(1_100_000) }),
      contentType: 'application/json',
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await app.http.post('/api/health', undefined, {
      raw: '{"a":',
      contentType: 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/not valid JSON/);
  });
});

describe('GET /api/health/ready when a dependency is gone', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('answers 503 naming the database when it is gone', async () => {
    app = await startTestApp();
    const url = app.config.databaseUrl;
    if (url) {
      // PostgreSQL: the database is dropped under the running app.
      const admin = new Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin
        .query(`DROP DATABASE "${new URL(url).pathname.slice(1)}" WITH (FORCE)`)
        .finally(() => admin.end());
    } else {
      // PGlite lives inside the process and cannot vanish alone: the app's connection pool is closed instead.
      await app.db.destroy();
    }
    const res = await app.http.get('/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      message: 'Not ready: database',
      // 3D000: PostgreSQL's "database does not exist"; the closed pool has no code.
      details: [{ path: 'checks.database', message: url ? 'failed (3D000)' : 'failed' }],
      checks: { database: 'failed', queue: 'ok', migrations: 'skipped' },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|postgres:\/\/|tideway_tpl/);
  });

  onPostgres('answers 503 naming the queue when Redis does not answer', async () => {
    const nobody = net.createServer().listen(0, '127.0.0.1');
    await once(nobody, 'listening');
    const { port } = nobody.address() as net.AddressInfo;
    nobody.close();
    await once(nobody, 'close');
    app = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });

    const res = await app.http.get('/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      message: 'Not ready: queue',
      details: [{ path: 'checks.queue', message: 'no answer within 2000 ms' }],
      checks: { database: 'ok', queue: 'failed', migrations: 'ok' },
    });
  });
});
