import { aContact } from './support/contacts';
import { aGraph, aLiveCampaign, chain } from './support/engine';
import { aHook, HOOK_ENV } from './support/hooks';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const EVENTS = [
  'contact_created',
  'contact_updated',
  'contact_deleted',
  'tag_added',
  'tag_removed',
  'campaign_enrolled',
  'campaign_completed',
  'goal_achieved',
  'delivery_failed',
];

describe('REST hooks API', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const target = 'http://127.0.0.1:9/events';

  beforeAll(async () => {
    app = await startTestApp(HOOK_ENV);
    ws = await aWorkspace(app);
  });
  afterAll(() => app.close());

  const create = (attributes: Record<string, unknown>, client = ws.client) =>
    client.post('/api/v1/hooks', { data: { type: 'hooks', attributes } });

  it('subscribes a URL to an event and shows the secret only in that answer', async () => {
    const res = await create({ target_url: target, event: 'tag_added', resource_id: 'vip' });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      id: expect.any(String),
      type: 'hooks',
      attributes: {
        target_url: target,
        event: 'tag_added',
        resource_id: 'vip',
        content_type: 'json',
        active: true,
        status: 'active',
        disabled_reason: null,
        last_delivery_at: null,
        last_status: null,
        created_at: expect.any(String),
      },
    });
    const secret: string = res.body.data.attributes.secret;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const one = await ws.client.get(`/api/v1/hooks/${res.body.data.id}`);
    expect(one.status).toBe(200);
    expect(one.body.data.attributes).not.toHaveProperty('secret');
    const list = await ws.client.get('/api/v1/hooks');
    expect(list.body.data).toContainEqual(expect.objectContaining({ id: res.body.data.id, type: 'hooks' }));
    expect(list.text).not.toContain(secret);
  });

  it('takes a JSON:API body with relationships (as other REST hooks clients send) and form encoding', async () => {
    const res = await ws.client.post('/api/v1/hooks', {
      data: {
        type: 'hooks',
        attributes: { target_url: target, event: 'contact_created', content_type: 'form' },
        relationships: { site: { data: { id: '456', type: 'sites' } } },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.data.attributes).toMatchObject({ content_type: 'form', resource_id: null });
  });

  it.each(EVENTS)('serves the sample of %s', async (event) => {
    const res = await ws.client.get(`/api/v1/hooks/${event}_sample`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: expect.any(String), event, payload: expect.any(Object) });
  });

  it('answers 404 for a sample of no event', async () => {
    expect((await ws.client.get('/api/v1/hooks/purchase_sample')).status).toBe(404);
  });

  describe('refuses bad input with 422 and the path of the field', () => {
    it.each<[string, unknown, string]>([
      ['no data', {}, 'data'],
      ['a wrong type', { data: { type: 'sites', attributes: { target_url: target, event: 'tag_added' } } }, 'data.type'],
      ['an unknown event', { data: { type: 'hooks', attributes: { target_url: target, event: 'purchase' } } }, 'data.attributes.event'],
      ['no target_url', { data: { type: 'hooks', attributes: { event: 'tag_added' } } }, 'data.attributes.target_url'],
      ['a bad content_type', { data: { type: 'hooks', attributes: { target_url: target, event: 'tag_added', content_type: 'xml' } } }, 'data.attributes.content_type'],
      ['an unknown attribute', { data: { type: 'hooks', attributes: { target_url: target, event: 'tag_added', secret: 'x' } } }, 'data.attributes'],
      ['a URL that is not one', { data: { type: 'hooks', attributes: { target_url: 'not a url', event: 'tag_added' } } }, 'data.attributes.target_url'],
      ['another scheme', { data: { type: 'hooks', attributes: { target_url: 'ftp://127.0.0.1/x', event: 'tag_added' } } }, 'data.attributes.target_url'],
      ['a private address', { data: { type: 'hooks', attributes: { target_url: 'http://10.1.2.3/x', event: 'tag_added' } } }, 'data.attributes.target_url'],
      ['credentials in the URL', { data: { type: 'hooks', attributes: { target_url: 'http://a:b@127.0.0.1/x', event: 'tag_added' } } }, 'data.attributes.target_url'],
      ['a tag no contact can have', { data: { type: 'hooks', attributes: { target_url: target, event: 'tag_added', resource_id: 'a,b' } } }, 'data.attributes.resource_id'],
      ['a campaign id that is not one', { data: { type: 'hooks', attributes: { target_url: target, event: 'campaign_enrolled', resource_id: 'nope' } } }, 'data.attributes.resource_id'],
      ['an unknown contact', { data: { type: 'hooks', attributes: { target_url: target, event: 'contact_updated', resource_id: '00000000-0000-4000-8000-000000000000' } } }, 'data.attributes.resource_id'],
    ])('POST with %s', async (_what, body, path) => {
      const res = await ws.client.post('/api/v1/hooks', body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', message: expect.any(String) });
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    });

    it.each<[string, unknown, string]>([
      ['nothing to change', { data: { type: 'hooks', attributes: {} } }, 'data.attributes'],
      ['active that is not a boolean', { data: { type: 'hooks', attributes: { active: 'yes' } } }, 'data.attributes.active'],
      ['a refused URL', { data: { type: 'hooks', attributes: { target_url: 'http://192.168.0.1/' } } }, 'data.attributes.target_url'],
      ['a wrong type', { data: { type: 'users', attributes: { active: false } } }, 'data.type'],
    ])('PATCH with %s', async (_what, body, path) => {
      const { id } = await aHook(ws, { target_url: target, event: 'tag_added' });
      const res = await ws.client.patch(`/api/v1/hooks/${id}`, body);
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    });
  });

  it('refers a resource_id to a campaign or contact of this workspace only', async () => {
    const other = await aWorkspace(app);
    const theirs = await aLiveCampaign(other, aGraph([['start', 'trigger.manual'], ['end', 'end']], chain('start', 'end')));
    const mine = await aLiveCampaign(ws, aGraph([['start', 'trigger.manual'], ['end', 'end']], chain('start', 'end')));
    expect((await create({ target_url: target, event: 'goal_achieved', resource_id: theirs })).status).toBe(422);
    const ok = await create({ target_url: target, event: 'goal_achieved', resource_id: mine.toUpperCase() });
    expect(ok.status).toBe(201);
    expect(ok.body.data.attributes.resource_id).toBe(mine);
    const contact = await aContact(ws);
    expect((await create({ target_url: target, event: 'contact_deleted', resource_id: contact.id })).status).toBe(201);
  });

  it('disables and enables a hook, and points it elsewhere', async () => {
    const { id } = await aHook(ws, { target_url: target, event: 'tag_added' });
    const off = await ws.client.patch(`/api/v1/hooks/${id}`, { data: { type: 'hooks', attributes: { active: false } } });
    expect(off.status).toBe(200);
    expect(off.body.data.attributes).toMatchObject({ active: false, status: 'disabled' });
    const moved = await ws.client.patch(`/api/v1/hooks/${id}`, {
      data: { type: 'hooks', id, attributes: { active: true, target_url: 'http://127.0.0.1:9/other' } },
    });
    expect(moved.body.data.attributes).toMatchObject({ active: true, status: 'active', target_url: 'http://127.0.0.1:9/other' });
  });

  it('rotates the secret: a new one, shown once, with the old one signing for a while', async () => {
    const hook = await aHook(ws, { target_url: target, event: 'tag_added' });
    const res = await ws.client.post(`/api/v1/hooks/${hook.id}/rotate-secret`);
    expect(res.status).toBe(200);
    expect(res.body.data.attributes.secret).toMatch(/^whsec_/);
    expect(res.body.data.attributes.secret).not.toBe(hook.secret);
    const until = Date.parse(res.body.data.attributes.previous_secret_valid_until);
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
  });

  it('deletes a hook', async () => {
    const { id } = await aHook(ws, { target_url: target, event: 'tag_added' });
    expect((await ws.client.delete(`/api/v1/hooks/${id}`)).status).toBe(204);
    expect((await ws.client.get(`/api/v1/hooks/${id}`)).status).toBe(404);
    expect((await ws.client.delete(`/api/v1/hooks/${id}`)).status).toBe(404);
  });

  describe('another workspace', () => {
    // Every row has all four values: jest.each would pass a missing one as a done callback.
    it.each<[string, string, string, unknown]>([
      ['GET', 'get', '', undefined],
      ['PATCH', 'patch', '', { data: { type: 'hooks', attributes: { active: false } } }],
      ['DELETE', 'delete', '', undefined],
      ['rotate', 'post', '/rotate-secret', undefined],
      ['test', 'post', '/test', undefined],
    ])('answers 404 to %s of a hook it does not own', async (_what, method, suffix, body) => {
      const { id } = await aHook(ws, { target_url: target, event: 'tag_added' });
      const other = await aWorkspace(app);
      const client = other.client as unknown as Record<string, (path: string, body?: unknown) => Promise<{ status: number }>>;
      expect((await client[method](`/api/v1/hooks/${id}${suffix}`, body)).status).toBe(404);
      expect((await client[method](`/api/v1/hooks/not-an-id${suffix}`, body)).status).toBe(404);
      expect((await other.client.get('/api/v1/hooks')).body.data).toEqual([]);
      expect((await ws.client.get(`/api/v1/hooks/${id}`)).body.data.attributes.active).toBe(true);
    });
  });

  describe('scopes', () => {
    it('needs hooks:read to read and hooks:write to change', async () => {
      const reader = await aWorkspace(app, ['hooks:read', 'contacts:read']);
      expect((await reader.client.get('/api/v1/hooks')).status).toBe(200);
      expect((await create({ target_url: target, event: 'tag_added' }, reader.client)).status).toBe(403);
      const none = await aWorkspace(app, ['contacts:read']);
      expect((await none.client.get('/api/v1/hooks')).status).toBe(403);
      expect((await none.client.get('/api/v1/hooks/tag_added_sample')).status).toBe(403);
    });

    it("refuses a hook for an event outside the caller's scopes", async () => {
      const campaignsOnly = await aWorkspace(app, ['hooks:read', 'hooks:write', 'campaigns:read']);
      const refused = await create({ target_url: target, event: 'contact_created' }, campaignsOnly.client);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('contacts:read');
      expect((await create({ target_url: target, event: 'tag_removed' }, campaignsOnly.client)).status).toBe(403);
      expect((await create({ target_url: target, event: 'campaign_enrolled' }, campaignsOnly.client)).status).toBe(201);

      const contactsOnly = await aWorkspace(app, ['hooks:write', 'contacts:read']);
      expect((await create({ target_url: target, event: 'delivery_failed' }, contactsOnly.client)).status).toBe(403);
      expect((await create({ target_url: target, event: 'tag_added' }, contactsOnly.client)).status).toBe(201);
    });

    it('answers 401 without credentials', async () => {
      expect((await app.http.get('/api/v1/hooks')).status).toBe(401);
    });
  });
});
