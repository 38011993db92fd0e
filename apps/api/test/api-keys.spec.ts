import { hashToken } from '@tideway/server';
import { aSession } from './support/sessions';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('API keys (/api/v1/api-keys)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('creates a key that is shown once, stored only as its SHA-256, and works at once', async () => {
    const workspace = await aWorkspace(app);
    const res = await workspace.client.post('/api/v1/api-keys', {
      name: '  Zapier ',
      scopes: ['contacts:read', 'contacts:read'],
    });
    expect(res.status).toBe(201);
    const { key } = res.body;
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Zapier',
      scopes: ['contacts:read'],
      key: expect.stringMatching(/^tw_[\w-]{43}$/),
      prefix: key.slice(0, 10),
      workspaceId: workspace.workspaceId,
      createdAt: expect.any(String),
    });
    const rows = await app.db.query(`SELECT * FROM api_keys WHERE id = $1`, [res.body.id]);
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(JSON.stringify(rows)).not.toContain(key.slice(10));
    expect(rows[0].key_hash).toBe(hashToken(key));
    expect(rows[0].created_by).toBe(workspace.userId);

    const me = await app.http.get('/api/v1/auth/me', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      workspace: { id: workspace.workspaceId },
      scopes: ['contacts:read'],
    });
  });

  it('lists the keys of the current workspace without their secrets, and records their last use', async () => {
    const workspace = await aWorkspace(app);
    const other = await aWorkspace(app);
    const created = await workspace.client.post('/api/v1/api-keys', {
      name: 'Listed',
      scopes: ['hooks:read'],
    });
    await app.http.get('/api/v1/auth/me', {
      headers: { authorization: `Bearer ${created.body.key}` },
    });
    await other.client.post('/api/v1/api-keys', { name: 'Not mine', scopes: ['hooks:read'] });
    const res = await workspace.client.get('/api/v1/api-keys');
    expect(res.status).toBe(200);
    expect(res.body.data.map((k: { name: string }) => k.name).sort()).toEqual(['Listed', 'test']);
    const listed = res.body.data.find((k: { name: string }) => k.name === 'Listed');
    expect(listed).toEqual({
      id: created.body.id,
      name: 'Listed',
      prefix: created.body.prefix,
      scopes: ['hooks:read'],
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
    });
    expect(res.text).not.toContain(created.body.key);
    expect(res.text).not.toMatch(/hash/i);
  });

  it.each([
    ['no name', { scopes: ['contacts:read'] }, 'name'],
    ['no scopes', { name: 'k', scopes: [] }, 'scopes'],
    ['an unknown scope', { name: 'k', scopes: ['everything'] }, 'scopes[0]'],
    [
      'a workspace id that is not a uuid',
      { name: 'k', scopes: ['admin'], workspaceId: 'mine' },
      'workspaceId',
    ],
  ])('answers 422 for %s', async (_case, body, path) => {
    const workspace = await aWorkspace(app);
    const res = await workspace.client.post('/api/v1/api-keys', body);
    expect(res.status).toBe(422);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses to grant a scope the caller does not hold with 403', async () => {
    const workspace = await aWorkspace(app, ['admin', 'contacts:read']);
    const res = await workspace.client.post('/api/v1/api-keys', {
      name: 'Greedy',
      scopes: ['contacts:read', 'contacts:write'],
    });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('contacts:write');
    const [{ count }] = await app.db.query(
      `SELECT count(*)::int AS count FROM api_keys WHERE name = 'Greedy'`,
    );
    expect(count).toBe(0);
  });

  it('answers 401 without credentials and 403 to a key without scope admin', async () => {
    const reader = await aWorkspace(app, ['contacts:read', 'contacts:write']);
    expect((await app.http.get('/api/v1/api-keys')).status).toBe(401);
    expect(
      (await app.http.post('/api/v1/api-keys', { name: 'k', scopes: ['contacts:read'] })).status,
    ).toBe(401);
    expect((await reader.client.get('/api/v1/api-keys')).status).toBe(403);
    expect(
      (await reader.client.post('/api/v1/api-keys', { name: 'k', scopes: ['contacts:read'] }))
        .status,
    ).toBe(403);
  });

  it('lets an admin session create keys, and refuses a viewer or editor session with 403', async () => {
    const { workspaceId } = await aWorkspace(app);
    const admin = await aSession(app, workspaceId, 'admin');
    const viewer = await aSession(app, workspaceId, 'viewer');
    const editor = await aSession(app, workspaceId, 'editor');
    expect(
      (await admin.client.post('/api/v1/api-keys', { name: 'ok', scopes: ['contacts:read'] }))
        .status,
    ).toBe(201);
    expect(
      (await viewer.client.post('/api/v1/api-keys', { name: 'no', scopes: ['contacts:read'] }))
        .status,
    ).toBe(403);
    expect(
      (await editor.client.post('/api/v1/api-keys', { name: 'no', scopes: ['contacts:read'] }))
        .status,
    ).toBe(403);
  });

  it('creates a key for another workspace the person administers, which sees only that workspace', async () => {
    const home = await aWorkspace(app);
    const second = await aWorkspace(app);
    const session = await aSession(app, home.workspaceId, 'owner');
    await app.db.query(
      `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'admin')`,
      [second.workspaceId, session.userId],
    );
    const res = await session.client.post('/api/v1/api-keys', {
      name: 'For second',
      scopes: ['contacts:read'],
      workspaceId: second.workspaceId,
    });
    expect(res.status).toBe(201);
    expect(res.body.workspaceId).toBe(second.workspaceId);
    const me = await app.http.get('/api/v1/auth/me', {
      headers: { authorization: `Bearer ${res.body.key}` },
    });
    expect(me.body.workspaces).toEqual([
      { id: second.workspaceId, name: expect.any(String), role: null },
    ]);
  });

  it('answers 404 for a workspace where the person is only an editor, or not a member at all', async () => {
    const home = await aWorkspace(app);
    const editing = await aWorkspace(app);
    const stranger = await aWorkspace(app);
    const session = await aSession(app, home.workspaceId, 'owner');
    await app.db.query(
      `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'editor')`,
      [editing.workspaceId, session.userId],
    );
    for (const workspaceId of [editing.workspaceId, stranger.workspaceId]) {
      const res = await session.client.post('/api/v1/api-keys', {
        name: 'Sneaky',
        scopes: ['contacts:read'],
        workspaceId,
      });
      expect(res.status).toBe(404);
    }
  });

  it('revokes a key: it stops working at once and leaves the list', async () => {
    const workspace = await aWorkspace(app);
    const created = await workspace.client.post('/api/v1/api-keys', {
      name: 'Short-lived',
      scopes: ['admin'],
    });
    const res = await workspace.client.delete(`/api/v1/api-keys/${created.body.id}`);
    expect(res.status).toBe(204);
    expect(
      (
        await app.http.get('/api/v1/auth/me', {
          headers: { authorization: `Bearer ${created.body.key}` },
        })
      ).status,
    ).toBe(401);
    const list = await workspace.client.get('/api/v1/api-keys');
    expect(list.body.data.map((k: { id: string }) => k.id)).not.toContain(created.body.id);
    expect((await workspace.client.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(404);
  });

  it("answers 404 when revoking another workspace's key, which keeps working", async () => {
    const mine = await aWorkspace(app);
    const theirs = await aWorkspace(app);
    const created = await theirs.client.post('/api/v1/api-keys', {
      name: 'Theirs',
      scopes: ['contacts:read'],
    });
    expect((await mine.client.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(404);
    expect(
      (
        await app.http.get('/api/v1/auth/me', {
          headers: { authorization: `Bearer ${created.body.key}` },
        })
      ).status,
    ).toBe(200);
  });

  it('answers 404 for a key id that is not a uuid', async () => {
    const workspace = await aWorkspace(app);
    expect((await workspace.client.delete('/api/v1/api-keys/not-a-uuid')).status).toBe(404);
  });
});
