import { aPerson, aSession, signIn } from './support/sessions';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('people of a workspace (/api/v1/users)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const ownerCount = async (workspaceId: string) =>
    (
      await app.db.query(
        `SELECT count(*)::int AS count FROM memberships WHERE workspace_id = $1 AND role = 'owner'`,
        [workspaceId],
      )
    )[0].count;

  describe('GET', () => {
    it('lists the people of the current workspace with their roles, never a password hash', async () => {
      const workspace = await aWorkspace(app);
      const editor = await aPerson(app, workspace.workspaceId, 'editor');
      await aPerson(app, (await aWorkspace(app)).workspaceId, 'editor');
      const res = await workspace.client.get('/api/v1/users');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([
        {
          id: workspace.userId,
          email: workspace.email,
          role: 'owner',
          createdAt: expect.any(String),
        },
        { id: editor.userId, email: editor.email, role: 'editor', createdAt: expect.any(String) },
      ]);
      expect(res.text).not.toMatch(/scrypt|password/i);
    });

    it('answers 401 without credentials and 403 to a viewer', async () => {
      const { workspaceId } = await aWorkspace(app);
      const viewer = await aSession(app, workspaceId, 'viewer');
      expect((await app.http.get('/api/v1/users')).status).toBe(401);
      expect((await viewer.client.get('/api/v1/users')).status).toBe(403);
      expect(
        (
          await viewer.client.post('/api/v1/users', {
            email: 'x@example.test',
            password: 'long enough',
            role: 'viewer',
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('POST', () => {
    it('adds a new person, who can then sign in to the workspace', async () => {
      const workspace = await aWorkspace(app);
      const res = await workspace.client.post('/api/v1/users', {
        email: ' New.Person@Example.test ',
        password: 'their own secret',
        role: 'editor',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        email: 'New.Person@Example.test',
        role: 'editor',
        createdAt: expect.any(String),
      });
      const session = await signIn(app, 'new.person@example.test', 'their own secret');
      expect(session.body).toMatchObject({
        workspace: { id: workspace.workspaceId },
        role: 'editor',
      });
    });

    it('adds someone who already has an account elsewhere without touching their password', async () => {
      const elsewhere = await aWorkspace(app);
      const person = await aPerson(app, elsewhere.workspaceId, 'viewer');
      const workspace = await aWorkspace(app);
      const res = await workspace.client.post('/api/v1/users', {
        email: person.email.toUpperCase(),
        password: 'attacker chosen',
        role: 'admin',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: person.userId, email: person.email, role: 'admin' });
      expect(
        (
          await app.http.post('/api/v1/auth/login', {
            email: person.email,
            password: 'attacker chosen',
          })
        ).status,
      ).toBe(401);
      const session = await signIn(app, person.email, person.password);
      expect(session.body.workspaces.map((w: { id: string }) => w.id)).toEqual([
        elsewhere.workspaceId,
        workspace.workspaceId,
      ]);
    });

    it('answers 409 for someone already a member, whatever the case of the email', async () => {
      const workspace = await aWorkspace(app);
      const person = await aPerson(app, workspace.workspaceId, 'viewer');
      const res = await workspace.client.post('/api/v1/users', {
        email: person.email.toUpperCase(),
        password: 'long enough',
        role: 'admin',
      });
      expect(res.status).toBe(409);
      const [{ role }] = await app.db.query(`SELECT role FROM memberships WHERE user_id = $1`, [
        person.userId,
      ]);
      expect(role).toBe('viewer');
    });

    it.each([
      ['a malformed email', { email: 'nope', password: 'long enough', role: 'viewer' }, 'email'],
      [
        'a short password',
        { email: 'a@example.test', password: 'short', role: 'viewer' },
        'password',
      ],
      [
        'a password over 200 characters',
        { email: 'a@example.test', password: 'x'.repeat(201), role: 'viewer' },
        'password',
      ],
      [
        'an unknown role',
        { email: 'a@example.test', password: 'long enough', role: 'superuser' },
        'role',
      ],
    ])('answers 422 for %s', async (_case, body, path) => {
      const workspace = await aWorkspace(app);
      const res = await workspace.client.post('/api/v1/users', body);
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { path: string }) => d.path)).toEqual([path]);
    });

    it('lets only an owner add an owner', async () => {
      const { workspaceId } = await aWorkspace(app);
      const admin = await aSession(app, workspaceId, 'admin');
      const owner = await aSession(app, workspaceId, 'owner');
      const refused = await admin.client.post('/api/v1/users', {
        email: 'co-owner@example.test',
        password: 'long enough',
        role: 'owner',
      });
      expect(refused.status).toBe(403);
      const [{ count }] = await app.db.query(
        `SELECT count(*)::int AS count FROM users WHERE email = 'co-owner@example.test'`,
      );
      expect(count).toBe(0);
      const allowed = await owner.client.post('/api/v1/users', {
        email: 'co-owner@example.test',
        password: 'long enough',
        role: 'owner',
      });
      expect(allowed.status).toBe(201);
    });
  });

  describe('PATCH /:id', () => {
    it("changes a person's role, which takes effect on their session at once", async () => {
      const workspace = await aWorkspace(app);
      const person = await aSession(app, workspace.workspaceId, 'viewer');
      const res = await workspace.client.patch(`/api/v1/users/${person.userId}`, { role: 'admin' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: person.userId, role: 'admin' });
      expect((await person.client.get('/api/v1/users')).status).toBe(200);
    });

    it('refuses to demote the last owner with 409', async () => {
      const { workspaceId } = await aWorkspace(app);
      const [{ user_id: ownerId }] = await app.db.query(
        `SELECT user_id FROM memberships WHERE workspace_id = $1`,
        [workspaceId],
      );
      const owner = await aSession(app, workspaceId, 'owner');
      expect((await owner.client.patch(`/api/v1/users/${ownerId}`, { role: 'admin' })).status).toBe(
        200,
      );
      const res = await owner.client.patch(`/api/v1/users/${owner.userId}`, { role: 'admin' });
      expect(res.status).toBe(409);
      expect(await ownerCount(workspaceId)).toBe(1);
    });

    it('lets only an owner make or unmake owners', async () => {
      const workspace = await aWorkspace(app);
      const admin = await aSession(app, workspace.workspaceId, 'admin');
      const editor = await aPerson(app, workspace.workspaceId, 'editor');
      expect(
        (await admin.client.patch(`/api/v1/users/${workspace.userId}`, { role: 'viewer' })).status,
      ).toBe(403);
      expect(
        (await admin.client.patch(`/api/v1/users/${editor.userId}`, { role: 'owner' })).status,
      ).toBe(403);
      expect(
        (await admin.client.patch(`/api/v1/users/${editor.userId}`, { role: 'admin' })).status,
      ).toBe(200);
    });

    it('answers 404 for a person of another workspace and 422 for an unknown role', async () => {
      const mine = await aWorkspace(app);
      const theirs = await aWorkspace(app);
      expect(
        (await mine.client.patch(`/api/v1/users/${theirs.userId}`, { role: 'viewer' })).status,
      ).toBe(404);
      expect((await mine.client.patch('/api/v1/users/not-a-uuid', { role: 'viewer' })).status).toBe(
        404,
      );
      expect(
        (await mine.client.patch(`/api/v1/users/${mine.userId}`, { role: 'god' })).status,
      ).toBe(422);
      expect(await ownerCount(theirs.workspaceId)).toBe(1);
    });
  });

  describe('DELETE /:id', () => {
    it('removes the person from the workspace and ends their sessions there, keeping their account', async () => {
      const workspace = await aWorkspace(app);
      const person = await aSession(app, workspace.workspaceId, 'editor');
      const res = await workspace.client.delete(`/api/v1/users/${person.userId}`);
      expect(res.status).toBe(204);
      expect((await person.client.get('/api/v1/auth/me')).status).toBe(401);
      const list = await workspace.client.get('/api/v1/users');
      expect(list.body.data.map((u: { id: string }) => u.id)).not.toContain(person.userId);
      const [{ count }] = await app.db.query(
        `SELECT count(*)::int AS count FROM users WHERE id = $1`,
        [person.userId],
      );
      expect(count).toBe(1);
    });

    it('refuses to remove the last owner with 409, and lets an admin remove no owner', async () => {
      const workspace = await aWorkspace(app);
      const admin = await aSession(app, workspace.workspaceId, 'admin');
      expect((await admin.client.delete(`/api/v1/users/${workspace.userId}`)).status).toBe(403);
      expect((await workspace.client.delete(`/api/v1/users/${workspace.userId}`)).status).toBe(409);
      expect(await ownerCount(workspace.workspaceId)).toBe(1);
    });

    it('answers 404 for a person of another workspace, who stays', async () => {
      const mine = await aWorkspace(app);
      const theirs = await aWorkspace(app);
      const person = await aPerson(app, theirs.workspaceId, 'viewer');
      expect((await mine.client.delete(`/api/v1/users/${person.userId}`)).status).toBe(404);
      const [{ count }] = await app.db.query(
        `SELECT count(*)::int AS count FROM memberships WHERE user_id = $1`,
        [person.userId],
      );
      expect(count).toBe(1);
    });
  });
});
