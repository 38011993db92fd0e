import type { TestSession } from './support/sessions';
import { cookiesOf, sessionFrom } from './support/sessions';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

// One installation walked from empty to set up: the tests below run in order.
describe('first-run setup (/api/v1/auth/setup)', () => {
  let app: TestApp;
  let owner: TestSession;
  const input = {
    email: '  Founder@Example.test ',
    password: 'a long enough secret',
    workspaceName: 'Acme',
  };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('says setup is needed while no user exists', async () => {
    const res = await app.http.get('/api/v1/auth/setup');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ needsSetup: true });
  });

  it('rejects an invalid setup with 422 naming each field, and creates nothing', async () => {
    const res = await app.http.post('/api/v1/auth/setup', {
      email: 'not-an-email',
      password: 'short',
      workspaceName: '  ',
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'password',
      'workspaceName',
    ]);
    expect((await app.http.get('/api/v1/auth/setup')).body).toEqual({ needsSetup: true });
  });

  it('creates the first workspace and owner exactly once when two setups race, and signs the owner in', async () => {
    const answers = await Promise.all([
      app.http.post('/api/v1/auth/setup', input),
      app.http.post('/api/v1/auth/setup', { ...input, email: 'rival@example.test' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const created = answers.find((r) => r.status === 201)!;
    expect(created.body).toMatchObject({
      user: { id: expect.any(String), email: expect.stringMatching(/@example\.test$/i) },
      workspace: { id: expect.any(String), name: 'Acme' },
      role: 'owner',
      scopes: expect.arrayContaining(['admin', 'contacts:write']),
      csrfToken: expect.any(String),
    });
    expect(cookiesOf(created).get('tideway_session')?.attributes).toMatch(/HttpOnly/i);
    const [{ users, workspaces, memberships }] = await app.db.query(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM workspaces) AS workspaces,
              (SELECT count(*)::int FROM memberships WHERE role = 'owner') AS memberships`,
    );
    expect({ users, workspaces, memberships }).toEqual({ users: 1, workspaces: 1, memberships: 1 });
    owner = sessionFrom(app, created);
  });

  it('trims the email and keeps the password only as an scrypt hash', async () => {
    const [row] = await app.db.query(`SELECT email, password_hash FROM users`);
    if (row.email !== 'rival@example.test') expect(row.email).toBe('Founder@Example.test');
    expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$[^$]+\$[^$]+$/);
    expect(row.password_hash).not.toContain(input.password);
  });

  it('lets the new owner use the session at once', async () => {
    const me = await owner.client.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      role: 'owner',
      workspace: { name: 'Acme' },
      workspaces: [{ name: 'Acme', role: 'owner' }],
    });
  });

  it('says setup is no longer needed and answers a second setup with 409', async () => {
    expect((await app.http.get('/api/v1/auth/setup')).body).toEqual({ needsSetup: false });
    const again = await app.http.post('/api/v1/auth/setup', {
      ...input,
      email: 'late@example.test',
    });
    expect(again.status).toBe(409);
    expect(cookiesOf(again).size).toBe(0);
    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM users`);
    expect(count).toBe(1);
  });
});
