import { OwnerBootstrap } from '@tideway/server';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

describe('owner bootstrap from ADMIN_EMAIL and ADMIN_PASSWORD', () => {
  let app: TestApp;
  const admin = { email: 'admin@example.test', password: 'bootstrap-secret' };

  beforeAll(async () => {
    app = await startTestApp({ ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
  });
  afterAll(() => app.close());

  it('creates workspace "Default" owned by that person at start, who can sign in', async () => {
    const res = await app.http.post('/api/v1/auth/login', admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { email: admin.email },
      workspace: { name: 'Default' },
      role: 'owner',
    });
    expect((await app.http.get('/api/v1/auth/setup')).body).toEqual({ needsSetup: false });
  });

  it('does nothing when a user exists already', async () => {
    await app.app.get(OwnerBootstrap).onApplicationBootstrap();
    const [{ users, workspaces }] = await app.db.query(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM workspaces) AS workspaces`,
    );
    expect({ users, workspaces }).toEqual({ users: 1, workspaces: 1 });
  });

  it('waits for another process creating the first owner, then creates none of its own', async () => {
    await app.db.query(`DELETE FROM workspaces`);
    await app.db.query(`DELETE FROM users`);
    // Another process, mid-way through its own bootstrap: lock taken, owner inserted, not yet committed.
    const other = app.db.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    await other.query(`SELECT pg_advisory_xact_lock(hashtext('tideway:first-owner'))`);
    await other.query(
      `INSERT INTO users (email, password_hash) VALUES ('other@example.test', 'x')`,
    );
    const racing = app.app.get(OwnerBootstrap).onApplicationBootstrap();
    // PostgreSQL: see this bootstrap queue on the lock. PGlite has one connection, so it queues behind the transaction anyway.
    if (app.config.databaseUrl)
      await until(async () => (await app.db.query(WAITING_ON_ADVISORY_LOCK))[0].count > 0);
    await other.commitTransaction();
    await other.release();
    await racing;
    const emails = await app.db.query(`SELECT email FROM users`);
    expect(emails).toEqual([{ email: 'other@example.test' }]);
  });
});

const WAITING_ON_ADVISORY_LOCK = `SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`;

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
