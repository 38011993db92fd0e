import { aPerson, aSession, cookiesOf, signIn } from './support/sessions';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('sessions (/api/v1/auth)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  describe('POST /login', () => {
    it('signs in with the right password, sets an HttpOnly session cookie and returns the CSRF token', async () => {
      const { workspaceId } = await aWorkspace(app);
      const person = await aPerson(app, workspaceId, 'editor');
      const res = await app.http.post('/api/v1/auth/login', {
        email: person.email,
        password: person.password,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: person.userId, email: person.email },
        workspace: { id: workspaceId, name: expect.any(String) },
        role: 'editor',
        scopes: expect.arrayContaining(['contacts:write', 'campaigns:read']),
        workspaces: [{ id: workspaceId, name: expect.any(String), role: 'editor' }],
        csrfToken: expect.stringMatching(/^[\w-]{40,}$/),
      });
      expect(res.body.scopes).not.toContain('admin');
      const cookies = cookiesOf(res);
      const session = cookies.get('tideway_session')!;
      expect(session.attributes).toMatch(/HttpOnly/i);
      expect(session.attributes).toMatch(/SameSite=Lax/i);
      expect(session.attributes).toMatch(/Path=\//);
      expect(session.attributes).not.toMatch(/Secure/i);
      const csrf = cookies.get('tideway_csrf')!;
      expect(csrf.value).toBe(res.body.csrfToken);
      expect(csrf.attributes).not.toMatch(/HttpOnly/i);
      expect(csrf.attributes).toMatch(/SameSite=Lax/i);
    });

    it('stores only a hash of the session token', async () => {
      const { workspaceId } = await aWorkspace(app);
      const session = await aSession(app, workspaceId, 'viewer');
      const token = session.cookie.split('=')[1];
      const rows = await app.db.query(`SELECT * FROM sessions WHERE user_id = $1`, [
        session.userId,
      ]);
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('accepts the email in another case and with spaces around it', async () => {
      const { workspaceId } = await aWorkspace(app);
      const person = await aPerson(app, workspaceId, 'viewer');
      const res = await app.http.post('/api/v1/auth/login', {
        email: `  ${person.email.toUpperCase()} `,
        password: person.password,
      });
      expect(res.status).toBe(200);
      expect(res.body.user.id).toBe(person.userId);
    });

    it('answers a wrong password and an unknown email with the same 401 and no cookie', async () => {
      const { workspaceId } = await aWorkspace(app);
      const person = await aPerson(app, workspaceId, 'viewer');
      const wrongPassword = await app.http.post('/api/v1/auth/login', {
        email: person.email,
        password: 'not the password',
      });
      const unknownEmail = await app.http.post('/api/v1/auth/login', {
        email: 'nobody@example.test',
        password: person.password,
      });
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(unknownEmail.body).toEqual(wrongPassword.body);
      expect(cookiesOf(wrongPassword).size).toBe(0);
    });

    it('refuses a person whose stored hash is not a password hash', async () => {
      const { email } = await aWorkspace(app);
      const res = await app.http.post('/api/v1/auth/login', {
        email,
        password: 'not-a-usable-hash',
      });
      expect(res.status).toBe(401);
    });

    it('answers a login without email or password with 422', async () => {
      const res = await app.http.post('/api/v1/auth/login', { email: '' });
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
        'email',
        'password',
      ]);
    });

    it('lands in the workspace the person joined first', async () => {
      const first = await aWorkspace(app);
      const second = await aWorkspace(app);
      const person = await aPerson(app, first.workspaceId, 'viewer');
      await app.db.query(
        `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'admin')`,
        [second.workspaceId, person.userId],
      );
      const session = await signIn(app, person.email, person.password);
      expect(session.body.workspace.id).toBe(first.workspaceId);
      expect(
        session.body.workspaces.map((w: { id: string; role: string }) => [w.id, w.role]),
      ).toEqual([
        [first.workspaceId, 'viewer'],
        [second.workspaceId, 'admin'],
      ]);
    });
  });

  describe('credentials and CSRF', () => {
    it('answers 401 without credentials, with an unknown API key and with an unknown session cookie', async () => {
      expect((await app.http.get('/api/v1/auth/me')).status).toBe(401);
      expect(
        (await app.http.get('/api/v1/auth/me', { headers: { authorization: 'Bearer tw_unknown' } }))
          .status,
      ).toBe(401);
      expect(
        (await app.http.get('/api/v1/auth/me', { headers: { authorization: 'Basic abc' } })).status,
      ).toBe(401);
      expect(
        (await app.http.get('/api/v1/auth/me', { headers: { cookie: 'tideway_session=forged' } }))
          .status,
      ).toBe(401);
    });

    it('lets a cookie session read without the CSRF header', async () => {
      const { workspaceId } = await aWorkspace(app);
      const session = await aSession(app, workspaceId, 'owner');
      expect((await session.withoutCsrf.get('/api/v1/auth/me')).status).toBe(200);
    });

    it('refuses an unsafe request from a cookie session without x-csrf-token, or with a wrong one, and changes nothing', async () => {
      const { workspaceId } = await aWorkspace(app);
      const session = await aSession(app, workspaceId, 'owner');
      const missing = await session.withoutCsrf.post('/api/v1/workspaces', { name: 'Forged' });
      const wrong = await session.withoutCsrf.post(
        '/api/v1/workspaces',
        { name: 'Forged' },
        { headers: { 'x-csrf-token': 'guess' } },
      );
      const other = await aSession(app, workspaceId, 'owner');
      const someoneElses = await session.withoutCsrf.post(
        '/api/v1/workspaces',
        { name: 'Forged' },
        { headers: { 'x-csrf-token': other.csrfToken } },
      );
      for (const res of [missing, wrong, someoneElses]) {
        expect(res.status).toBe(403);
        expect(res.body.message).toMatch(/CSRF/);
      }
      const [{ count }] = await app.db.query(
        `SELECT count(*)::int AS count FROM workspaces WHERE name = 'Forged'`,
      );
      expect(count).toBe(0);
    });

    it('accepts an unsafe request from a cookie session that echoes its CSRF token', async () => {
      const { workspaceId } = await aWorkspace(app);
      const session = await aSession(app, workspaceId, 'owner');
      const res = await session.client.post('/api/v1/workspaces', { name: 'Made with the token' });
      expect(res.status).toBe(201);
    });
  });

  describe('GET /me', () => {
    it('describes a session: person, workspace, role, scopes, all their workspaces and the CSRF token', async () => {
      const { workspaceId } = await aWorkspace(app);
      const session = await aSession(app, workspaceId, 'admin');
      const res = await session.client.get('/api/v1/auth/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: session.userId, email: session.email },
        workspace: { id: workspaceId, name: expect.any(String) },
        role: 'admin',
        scopes: expect.arrayContaining(['admin']),
        workspaces: [{ id: workspaceId, name: expect.any(String), role: 'admin' }],
        csrfToken: session.csrfToken,
      });
    });

    it('describes an API key: its creator, its workspace only, its scopes, no role and no CSRF token', async () => {
      const workspace = await aWorkspace(app, ['contacts:read']);
      const res = await workspace.client.get('/api/v1/auth/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: workspace.userId, email: workspace.email },
        workspace: { id: workspace.workspaceId, name: expect.any(String) },
        role: null,
        scopes: ['contacts:read'],
        workspaces: [{ id: workspace.workspaceId, name: expect.any(String), role: null }],
        csrfToken: null,
      });
    });
  });

  describe('POST /logout', () => {
    it('ends the session: the cookie stops working and both cookies are cleared', async () => {
      const { workspaceId } = await aWorkspace(app);
      const session = await aSession(app, workspaceId, 'viewer');
      const res = await session.client.post('/api/v1/auth/logout');
      expect(res.status).toBe(204);
      const cleared = cookiesOf(res);
      expect(cleared.get('tideway_session')?.value).toBe('');
      expect(cleared.get('tideway_csrf')?.value).toBe('');
      expect((await session.client.get('/api/v1/auth/me')).status).toBe(401);
      const [{ count }] = await app.db.query(
        `SELECT count(*)::int AS count FROM sessions WHERE user_id = $1`,
        [session.userId],
      );
      expect(count).toBe(0);
    });

    it('refuses a logout from a live session without the CSRF header, which keeps the session', async () => {
      const { workspaceId } = await aWorkspace(app);
      const session = await aSession(app, workspaceId, 'viewer');
      expect((await session.withoutCsrf.post('/api/v1/auth/logout')).status).toBe(403);
      expect((await session.client.get('/api/v1/auth/me')).status).toBe(200);
    });

    it('answers 204 and clears the cookies when there is no session', async () => {
      const res = await app.http.post('/api/v1/auth/logout', undefined, {
        headers: { cookie: 'tideway_session=stale' },
      });
      expect(res.status).toBe(204);
      expect(cookiesOf(res).get('tideway_session')?.value).toBe('');
    });
  });

  describe('POST /workspace', () => {
    it('moves the session to another workspace of the person and answers like /me', async () => {
      const home = await aWorkspace(app);
      const other = await aWorkspace(app);
      const session = await aSession(app, home.workspaceId, 'owner');
      await app.db.query(
        `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'viewer')`,
        [other.workspaceId, session.userId],
      );
      const res = await session.client.post('/api/v1/auth/workspace', {
        workspaceId: other.workspaceId,
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        workspace: { id: other.workspaceId },
        role: 'viewer',
        csrfToken: session.csrfToken,
      });
      expect(res.body.scopes).not.toContain('admin');
      expect((await session.client.get('/api/v1/auth/me')).body.workspace.id).toBe(
        other.workspaceId,
      );
      expect((await session.client.get('/api/v1/api-keys')).status).toBe(403);
    });

    it('answers 404 for a workspace the person is not a member of, and stays put', async () => {
      const home = await aWorkspace(app);
      const stranger = await aWorkspace(app);
      const session = await aSession(app, home.workspaceId, 'owner');
      const res = await session.client.post('/api/v1/auth/workspace', {
        workspaceId: stranger.workspaceId,
      });
      expect(res.status).toBe(404);
      expect((await session.client.get('/api/v1/auth/me')).body.workspace.id).toBe(
        home.workspaceId,
      );
    });

    it('answers 422 for a workspace id that is not a uuid', async () => {
      const { workspaceId } = await aWorkspace(app);
      const session = await aSession(app, workspaceId, 'owner');
      const res = await session.client.post('/api/v1/auth/workspace', { workspaceId: 'elsewhere' });
      expect(res.status).toBe(422);
      expect(res.body.details[0].path).toBe('workspaceId');
    });

    it('is for people only: an API key gets 403', async () => {
      const workspace = await aWorkspace(app);
      const res = await workspace.client.post('/api/v1/auth/workspace', {
        workspaceId: workspace.workspaceId,
      });
      expect(res.status).toBe(403);
    });
  });

  describe('POST /password', () => {
    it('changes the password and ends every other session of the person', async () => {
      const { workspaceId } = await aWorkspace(app);
      const here = await aSession(app, workspaceId, 'editor');
      const elsewhere = await signIn(app, here.email, here.password);
      const res = await here.client.post('/api/v1/auth/password', {
        currentPassword: here.password,
        newPassword: 'a brand new secret',
      });
      expect(res.status).toBe(204);
      expect((await here.client.get('/api/v1/auth/me')).status).toBe(200);
      expect((await elsewhere.client.get('/api/v1/auth/me')).status).toBe(401);
      expect(
        (await app.http.post('/api/v1/auth/login', { email: here.email, password: here.password }))
          .status,
      ).toBe(401);
      expect(
        (
          await app.http.post('/api/v1/auth/login', {
            email: here.email,
            password: 'a brand new secret',
          })
        ).status,
      ).toBe(200);
    });

    it('refuses a wrong current password with 422 and keeps the password and the other sessions', async () => {
      const { workspaceId } = await aWorkspace(app);
      const here = await aSession(app, workspaceId, 'editor');
      const elsewhere = await signIn(app, here.email, here.password);
      const res = await here.client.post('/api/v1/auth/password', {
        currentPassword: 'wrong guess',
        newPassword: 'a brand new secret',
      });
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([{ path: 'currentPassword', message: expect.any(String) }]);
      expect((await elsewhere.client.get('/api/v1/auth/me')).status).toBe(200);
      expect(
        (await app.http.post('/api/v1/auth/login', { email: here.email, password: here.password }))
          .status,
      ).toBe(200);
    });

    it('refuses a new password shorter than 8 characters with 422', async () => {
      const { workspaceId } = await aWorkspace(app);
      const here = await aSession(app, workspaceId, 'editor');
      const res = await here.client.post('/api/v1/auth/password', {
        currentPassword: here.password,
        newPassword: 'short',
      });
      expect(res.status).toBe(422);
      expect(res.body.details[0].path).toBe('newPassword');
    });

    it('is for people only: an API key gets 403', async () => {
      const workspace = await aWorkspace(app);
      const res = await workspace.client.post('/api/v1/auth/password', {
        currentPassword: 'x',
        newPassword: 'a brand new secret',
      });
      expect(res.status).toBe(403);
    });
  });
});
