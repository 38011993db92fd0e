import { testDatabaseMode } from '@tideway/server/testing';
import type { TestSession } from './support/sessions';
import { aSession } from './support/sessions';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const scaled = testDatabaseMode() === 'postgres';

describe('the queue dashboard at /admin/queues', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let owner: TestSession;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await aWorkspace(app);
    owner = await aSession(app, ws.workspaceId, 'owner');
  });
  afterAll(() => app.close());

  it('is refused without a session (401)', async () => {
    const res = await app.http.get('/admin/queues', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it.each(['editor', 'viewer'] as const)(
    'is refused to a member whose role is %s (403)',
    async (role) => {
      const member = await aSession(app, ws.workspaceId, role);
      const res = await member.client.get('/admin/queues');
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ statusCode: 403, message: 'Missing scope: admin' });
    },
  );

  it('is refused to an API key, even one with scope admin (403): it is a page for people', async () => {
    const res = await ws.client.get('/admin/queues');
    expect(res.status).toBe(403);
  });

  it('is shown to an admin as well as to the owner', async () => {
    const admin = await aSession(app, ws.workspaceId, 'admin');
    expect((await admin.client.get('/admin/queues')).status).toBe(200);
  });

  (scaled ? it.skip : it)('shows the in-process queue counts in embedded mode', async () => {
    const res = await owner.client.get('/admin/queues');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    for (const queue of ['step', 'deliver']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) {
        const cell = new RegExp(
          `<tr data-queue="${queue}">.*<td data-state="${state}">(\\d+)</td>`,
        );
        expect(res.text).toMatch(cell);
      }
    }
    expect((await owner.client.get('/admin/queues/api/queues')).status).toBe(404);
  });

  (scaled ? it : it.skip)(
    'serves Bull Board over the engine queues in scaled mode, read-only',
    async () => {
      const page = await owner.client.get('/admin/queues');
      expect(page.status).toBe(200);
      expect(page.text).toContain('<base href="/admin/queues/"');
      // Nothing on the page is fetched from a third party (the board's own template links Google Fonts).
      expect(page.text).not.toContain('fonts.googleapis.com');
      expect(page.text).toContain('static/css/main.');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toMatch(/https?:/);

      const script = /<script defer src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)?.[1];
      expect(script).toBeDefined();
      const asset = await owner.client.get(`/admin/queues/${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect((await app.http.get(`/admin/queues/${script}`)).status).toBe(401);

      const queues = await owner.client.get('/admin/queues/api/queues');
      expect(queues.status).toBe(200);
      expect(queues.body.queues.map((queue: { name: string }) => queue.name).sort()).toEqual([
        'deliver',
        'step',
      ]);
      expect(
        queues.body.queues.every((queue: { readOnlyMode: boolean }) => queue.readOnlyMode),
      ).toBe(true);

      // Only GET is routed: the board's actions (pause, retry, clean) do not exist here.
      const pause = await owner.client.put('/admin/queues/api/queues/step/pause', {});
      expect(pause.status).toBe(404);
    },
  );
});
