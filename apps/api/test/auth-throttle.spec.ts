import { aPerson } from './support/sessions';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('sign-in throttling (LOGIN_MAX_FAILURES=3)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => app.close());
  // Every test signs in from 127.0.0.1: forget its failures so the address limit does not leak between tests.
  afterEach(() => app.db.query(`DELETE FROM login_failures`));

  const login = (email: string, password: string) =>
    app.http.post('/api/v1/auth/login', { email, password });

  it('answers 429 with Retry-After after three failed logins, even to the right password', async () => {
    const { workspaceId } = await aWorkspace(app);
    const person = await aPerson(app, workspaceId, 'viewer');
    for (let i = 0; i < 3; i++)
      expect((await login(person.email, 'wrong password')).status).toBe(401);
    const res = await login(person.email.toUpperCase(), person.password);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('throttles unknown emails too, so a lock-out does not reveal whether an account exists', async () => {
    for (let i = 0; i < 3; i++)
      expect((await login('ghost@example.test', 'wrong password')).status).toBe(401);
    expect((await login('ghost@example.test', 'wrong password')).status).toBe(429);
  });

  it('lets the person in again once the failures leave the window', async () => {
    const { workspaceId } = await aWorkspace(app);
    const person = await aPerson(app, workspaceId, 'viewer');
    for (let i = 0; i < 3; i++) await login(person.email, 'wrong password');
    await app.db.query(`UPDATE login_failures SET at = at - interval '16 minutes'`);
    expect((await login(person.email, person.password)).status).toBe(200);
  });

  it('does not lock out another email', async () => {
    const { workspaceId } = await aWorkspace(app);
    const victim = await aPerson(app, workspaceId, 'viewer');
    const other = await aPerson(app, workspaceId, 'viewer');
    for (let i = 0; i < 3; i++) await login(victim.email, 'wrong password');
    expect((await login(other.email, other.password)).status).toBe(200);
  });

  it('starts counting afresh after a successful login', async () => {
    const { workspaceId } = await aWorkspace(app);
    const person = await aPerson(app, workspaceId, 'viewer');
    for (let i = 0; i < 2; i++) await login(person.email, 'wrong password');
    expect((await login(person.email, person.password)).status).toBe(200);
    for (let i = 0; i < 2; i++) await login(person.email, 'wrong password');
    expect((await login(person.email, person.password)).status).toBe(200);
  });

  it('throttles an address that fails ten times the limit across many emails', async () => {
    const { workspaceId } = await aWorkspace(app);
    const person = await aPerson(app, workspaceId, 'viewer');
    await app.db.query(
      `INSERT INTO login_failures (email, ip) SELECT 'spray' || n || '@example.test', '127.0.0.1' FROM generate_series(1, 30) n`,
    );
    const res = await login(person.email, person.password);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeTruthy();
  });
});
