import { aSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('workspaces (/api/v1/workspaces)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const join = (workspaceId: string, userId: string, role: string) =>
    app.db.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3)`, [
      workspaceId,
      userId,
      role,
    ]);

  it('lists the workspaces the signed-in person owns, and only those', async () => {
    const home = await aWorkspace(app);
    const alsoOwned = await aWorkspace(app);
    const administered = await aWorkspace(app);
    const session = await aSession(app, home.workspaceId, 'owner');
    await join(alsoOwned.workspaceId, session.userId, 'owner');
    await join(administered.workspaceId, session.userId, 'admin');
    const res = await session.client.get('/api/v1/workspaces');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      {
        id: home.workspaceId,
        name: expect.any(String),
        role: 'owner',
        createdAt: expect.any(String),
      },
      {
        id: alsoOwned.workspaceId,
        name: expect.any(String),
        role: 'owner',
        createdAt: expect.any(String),
      },
    ]);
  });

  it('creates a workspace owned by the caller, who can switch to it and finds it empty of others', async () => {
    const home = await aWorkspace(app);
    const session = await aSession(app, home.workspaceId, 'owner');
    const res = await session.client.post('/api/v1/workspaces', { name: '  Second brand ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Second brand',
      createdAt: expect.any(String),
    });
    const switched = await session.client.post('/api/v1/auth/workspace', {
      workspaceId: res.body.id,
    });
    expect(switched.body).toMatchObject({
      workspace: { id: res.body.id, name: 'Second brand' },
      role: 'owner',
    });
    const people = await session.client.get('/api/v1/users');
    expect(people.body.data.map((u: { id: string }) => u.id)).toEqual([session.userId]);
    expect((await session.client.get('/api/v1/api-keys')).body.data).toEqual([]);
  });

  it('refuses creation by an admin of the current workspace with 403', async () => {
    const { workspaceId } = await aWorkspace(app);
    const admin = await aSession(app, workspaceId, 'admin');
    const res = await admin.client.post('/api/v1/workspaces', { name: 'Not allowed' });
    expect(res.status).toBe(403);
    const [{ count }] = await app.db.query(
      `SELECT count(*)::int AS count FROM workspaces WHERE name = 'Not allowed'`,
    );
    expect(count).toBe(0);
  });

  it('answers 422 for an empty name', async () => {
    const { workspaceId } = await aWorkspace(app);
    const owner = await aSession(app, workspaceId, 'owner');
    const res = await owner.client.post('/api/v1/workspaces', { name: '   ' });
    expect(res.status).toBe(422);
    expect(res.body.details[0].path).toBe('name');
  });

  it('lets an API key with scope admin act for its creator', async () => {
    const workspace = await aWorkspace(app);
    const created = await workspace.client.post('/api/v1/workspaces', { name: 'Made by a key' });
    expect(created.status).toBe(201);
    const list = await workspace.client.get('/api/v1/workspaces');
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual([
      workspace.workspaceId,
      created.body.id,
    ]);
  });

  it('answers 401 without credentials and 403 to a key without scope admin', async () => {
    const reader = await aWorkspace(app, ['contacts:read']);
    expect((await app.http.get('/api/v1/workspaces')).status).toBe(401);
    expect((await reader.client.get('/api/v1/workspaces')).status).toBe(403);
    expect((await reader.client.post('/api/v1/workspaces', { name: 'Nope' })).status).toBe(403);
  });
});
