import {
  aCampaign,
  aContactRow,
  aLiveCampaign,
  aValidGraph,
  anEnrollment,
  campaignSnapshot,
  node,
} from './support/campaigns';
import type { TestApp } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('campaigns', () => {
  let app: TestApp;
  beforeAll(async () => {
    // No worker in this process: enrollments made by the tests stay exactly as made.
    app = await startTestApp({ RUN_WORKER: 'false' });
  });
  afterAll(() => app.close());

  it('publishes its routes in the OpenAPI document, with the graph schema for graph bodies', async () => {
    const { paths } = (await app.http.get('/api/docs-json')).body;
    for (const path of [
      '/api/v1/campaigns',
      '/api/v1/campaigns/{id}',
      '/api/v1/campaigns/{id}/duplicate',
      '/api/v1/campaigns/{id}/draft',
      '/api/v1/campaigns/{id}/validate',
      '/api/v1/campaigns/{id}/publish',
      '/api/v1/campaigns/{id}/pause',
      '/api/v1/campaigns/{id}/resume',
      '/api/v1/campaigns/{id}/archive',
      '/api/v1/campaigns/{id}/revisions',
      '/api/v1/campaigns/{id}/revisions/{n}',
      '/api/v1/campaigns/{id}/revisions/{a}/diff/{b}',
      '/api/v1/campaigns/{id}/revisions/{n}/restore',
    ]) {
      expect(paths[path]).toBeDefined();
    }
    const draftBody =
      paths['/api/v1/campaigns/{id}/draft'].put.requestBody.content['application/json'].schema;
    const nodeTypes = draftBody.properties.graph.properties.nodes.items.oneOf.map(
      (variant: any) => variant.properties.type.enum[0],
    );
    expect(nodeTypes).toEqual(
      expect.arrayContaining(['trigger.manual', 'action.sendWebhook', 'wait.delay']),
    );
  });

  describe('POST /api/v1/campaigns', () => {
    it('creates a draft campaign whose revision 1 is the given graph', async () => {
      const ws = await aWorkspace(app);
      const graph = aValidGraph();
      const res = await ws.client.post('/api/v1/campaigns', {
        name: '  Welcome series ',
        graph,
        reentry: 'anyTime',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'Welcome series',
        status: 'draft',
        reentry: 'anyTime',
        draftRevision: 1,
        publishedRevision: null,
        hasUnpublishedChanges: true,
        graph,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      // GET adds the inbound webhook URLs (none here: the graph has no webhook element).
      expect((await ws.client.get(`/api/v1/campaigns/${res.body.id}`)).body).toEqual({ ...res.body, inbound: [], inboundUrl: null });
      const revisions = (await ws.client.get(`/api/v1/campaigns/${res.body.id}/revisions`)).body
        .data;
      expect(revisions).toEqual([
        expect.objectContaining({
          revision: 1,
          author: { id: ws.userId, email: ws.email },
          published: false,
        }),
      ]);
    });

    it('starts from an empty canvas and re-entry once when given only a name', async () => {
      const ws = await aWorkspace(app);
      const res = await ws.client.post('/api/v1/campaigns', { name: 'Blank' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        graph: { nodes: [], edges: [] },
        reentry: 'once',
        draftRevision: 1,
      });
    });

    it('saves an invalid graph as drawn, stripping only what the editor adds to nodes', async () => {
      const ws = await aWorkspace(app);
      const drawn = {
        nodes: [
          {
            ...node('x', 'no.suchType', { whatever: true }),
            selected: true,
            measured: { width: 10 },
          },
        ],
        edges: [{ id: 'e', source: 'x', target: 'nowhere' }],
      };
      const res = await ws.client.post('/api/v1/campaigns', { name: 'Sketch', graph: drawn });
      expect(res.status).toBe(201);
      expect(res.body.graph).toEqual({
        nodes: [node('x', 'no.suchType', { whatever: true })],
        edges: drawn.edges,
      });
    });

    it.each([
      ['no name', { graph: aValidGraph() }, 'name'],
      ['an empty name', { name: '   ' }, 'name'],
      ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name'],
      ['an unknown re-entry policy', { name: 'A', reentry: 'twice' }, 'reentry'],
      ['a graph without edges', { name: 'A', graph: { nodes: [] } }, 'graph.edges'],
      [
        'a node without an id',
        {
          name: 'A',
          graph: { nodes: [{ type: 'end', position: { x: 0, y: 0 }, data: {} }], edges: [] },
        },
        'graph.nodes[0].id',
      ],
      [
        'a node without a position',
        { name: 'A', graph: { nodes: [{ id: 'a', type: 'end', data: {} }], edges: [] } },
        'graph.nodes[0].position',
      ],
      [
        'an edge without a target',
        { name: 'A', graph: { nodes: [], edges: [{ id: 'e', source: 'a' }] } },
        'graph.edges[0].target',
      ],
      ['an unknown property', { name: 'A', colour: 'red' }, '(body)'],
    ])('refuses %s with 422 and creates nothing', async (_case, body, path) => {
      const ws = await aWorkspace(app);
      const res = await ws.client.post('/api/v1/campaigns', body);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
      expect((await ws.client.get('/api/v1/campaigns')).body.data).toEqual([]);
    });

    it('needs campaigns:write', async () => {
      const ws = await aWorkspace(app, ['campaigns:read']);
      expect((await ws.client.post('/api/v1/campaigns', { name: 'A' })).status).toBe(403);
      expect((await ws.client.get('/api/v1/campaigns')).body.data).toEqual([]);
    });

    it('needs credentials', async () => {
      expect((await app.http.post('/api/v1/campaigns', { name: 'A' })).status).toBe(401);
    });
  });

  describe('GET /api/v1/campaigns', () => {
    it('lists summaries, newest edit first, counting contacts ready or waiting in each', async () => {
      const ws = await aWorkspace(app);
      const first = await aLiveCampaign(ws);
      const second = await aCampaign(ws, { name: 'Second' });
      const contact = await aContactRow(app, ws.workspaceId);
      await anEnrollment(app, ws, {
        campaignId: first.id,
        nodeId: 'wait',
        revision: 1,
        state: 'waiting',
        contactId: contact,
      });
      await anEnrollment(app, ws, {
        campaignId: first.id,
        nodeId: 'tag',
        revision: 1,
        state: 'ready',
      });
      await anEnrollment(app, ws, {
        campaignId: first.id,
        nodeId: 'end',
        revision: 1,
        state: 'completed',
        contactId: contact,
      });
      await anEnrollment(app, ws, {
        campaignId: first.id,
        nodeId: 'tag',
        revision: 1,
        state: 'exited',
      });
      // Renaming the first makes it the newest edit.
      await ws.client.patch(`/api/v1/campaigns/${first.id}`, { name: 'First' });

      const res = await ws.client.get('/api/v1/campaigns');
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([
        {
          id: first.id,
          name: 'First',
          status: 'live',
          draftRevision: 1,
          publishedRevision: 1,
          hasUnpublishedChanges: false,
          activeContacts: 2,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
        expect.objectContaining({
          id: second.id,
          status: 'draft',
          activeContacts: 0,
          hasUnpublishedChanges: true,
        }),
      ]);
      expect(res.body.data[0]).not.toHaveProperty('graph');
    });

    it('finds campaigns by part of their name, in any case, taking % and _ literally', async () => {
      const ws = await aWorkspace(app);
      await aCampaign(ws, { name: 'Spring Sale' });
      await aCampaign(ws, { name: 'Onboarding' });
      await aCampaign(ws, { name: '100% off_now' });
      const names = async (query: string) =>
        (await ws.client.get(`/api/v1/campaigns?${query}`)).body.data.map(
          (c: { name: string }) => c.name,
        );
      expect(await names('search=SALE')).toEqual(['Spring Sale']);
      expect(await names(`search=${encodeURIComponent('%')}`)).toEqual(['100% off_now']);
      expect(await names('search=_')).toEqual(['100% off_now']);
    });

    it('hides archived campaigns unless asked for them, and filters by status', async () => {
      const ws = await aWorkspace(app);
      const draft = await aCampaign(ws, { name: 'Draft' });
      const live = await aLiveCampaign(ws);
      const archived = await aCampaign(ws, { name: 'Old' });
      await ws.client.post(`/api/v1/campaigns/${archived.id}/archive`);
      const ids = async (query = '') =>
        (await ws.client.get(`/api/v1/campaigns${query}`)).body.data
          .map((c: { id: string }) => c.id)
          .sort();
      expect(await ids()).toEqual([draft.id, live.id].sort());
      expect(await ids('?status=archived')).toEqual([archived.id]);
      expect(await ids('?status=live')).toEqual([live.id]);
    });

    it('refuses an unknown status with 422', async () => {
      const ws = await aWorkspace(app);
      const res = await ws.client.get('/api/v1/campaigns?status=running');
      expect(res.status).toBe(422);
      expect(res.body.details[0].path).toBe('status');
    });

    it('shows only the workspace’s own campaigns', async () => {
      const mine = await aWorkspace(app);
      await aCampaign(await aWorkspace(app), { name: 'Theirs' });
      expect((await mine.client.get('/api/v1/campaigns')).body.data).toEqual([]);
    });

    it('needs campaigns:read', async () => {
      const ws = await aWorkspace(app, ['contacts:read']);
      expect((await ws.client.get('/api/v1/campaigns')).status).toBe(403);
    });
  });

  describe('GET /api/v1/campaigns/:id', () => {
    it('answers 404 for an unknown id, a malformed id, and another workspace’s campaign', async () => {
      const ws = await aWorkspace(app);
      const theirs = await aCampaign(await aWorkspace(app));
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', theirs.id]) {
        const res = await ws.client.get(`/api/v1/campaigns/${id}`);
        expect(res.status).toBe(404);
        expect(res.body).toEqual({
          statusCode: 404,
          error: 'Not Found',
          message: 'Campaign not found',
        });
      }
    });

    it('shows unpublished changes once the draft moves past the published revision', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      expect(campaign).toMatchObject({
        status: 'live',
        draftRevision: 1,
        publishedRevision: 1,
        hasUnpublishedChanges: false,
      });
      await ws.client.put(`/api/v1/campaigns/${campaign.id}/draft`, {
        graph: aValidGraph(),
        baseRevision: 1,
      });
      const res = await ws.client.get(`/api/v1/campaigns/${campaign.id}`);
      expect(res.body).toMatchObject({
        draftRevision: 2,
        publishedRevision: 1,
        hasUnpublishedChanges: true,
      });
    });

    it('needs campaigns:read', async () => {
      const ws = await aWorkspace(app, ['campaigns:write']);
      const campaign = await aCampaign(ws);
      expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).status).toBe(403);
    });
  });

  describe('PATCH /api/v1/campaigns/:id', () => {
    it('renames a campaign and changes its re-entry policy', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const res = await ws.client.patch(`/api/v1/campaigns/${campaign.id}`, {
        name: 'Renamed',
        reentry: 'afterLeaving',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'Renamed',
        reentry: 'afterLeaving',
        draftRevision: 1,
      });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThan(Date.parse(campaign.updatedAt));
      expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body).toEqual({ ...res.body, inbound: [], inboundUrl: null });
    });

    it('changes only what is given', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws, { reentry: 'anyTime' });
      const res = await ws.client.patch(`/api/v1/campaigns/${campaign.id}`, {
        name: 'Only the name',
      });
      expect(res.body).toMatchObject({ name: 'Only the name', reentry: 'anyTime' });
    });

    it.each([
      ['an empty name', { name: '' }, 'name'],
      ['an unknown re-entry policy', { reentry: 'never' }, 'reentry'],
      ['a status (changed by its own routes)', { status: 'live' }, '(body)'],
    ])('refuses %s with 422 and changes nothing', async (_case, body, path) => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const before = await campaignSnapshot(app, campaign.id);
      const res = await ws.client.patch(`/api/v1/campaigns/${campaign.id}`, body);
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });

    it('refuses to change an archived campaign with 409', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      await ws.client.post(`/api/v1/campaigns/${campaign.id}/archive`);
      const before = await campaignSnapshot(app, campaign.id);
      const res = await ws.client.patch(`/api/v1/campaigns/${campaign.id}`, { name: 'Revived' });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/archived/);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });

    it('answers 404 for another workspace’s campaign and changes nothing', async () => {
      const theirs = await aCampaign(await aWorkspace(app), { name: 'Theirs' });
      const res = await (
        await aWorkspace(app)
      ).client.patch(`/api/v1/campaigns/${theirs.id}`, { name: 'Mine now' });
      expect(res.status).toBe(404);
      expect(
        (await app.db.query(`SELECT name FROM campaigns WHERE id = $1`, [theirs.id]))[0].name,
      ).toBe('Theirs');
    });

    it('needs campaigns:write', async () => {
      const ws = await aWorkspace(app, ['campaigns:read']);
      const [{ id }] = await app.db.query(
        `INSERT INTO campaigns (workspace_id, name, draft_revision) VALUES ($1, 'Seeded', 1) RETURNING id`,
        [ws.workspaceId],
      );
      expect((await ws.client.patch(`/api/v1/campaigns/${id}`, { name: 'B' })).status).toBe(403);
    });
  });

  describe('POST /api/v1/campaigns/:id/duplicate', () => {
    it('makes a new draft campaign "<name> (copy)" from the draft graph', async () => {
      const ws = await aWorkspace(app);
      const source = await aLiveCampaign(ws);
      const edited = { ...aValidGraph(), nodes: [...aValidGraph().nodes, node('extra', 'end')] };
      await ws.client.put(`/api/v1/campaigns/${source.id}/draft`, {
        graph: edited,
        baseRevision: 1,
      });

      const res = await ws.client.post(`/api/v1/campaigns/${source.id}/duplicate`);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'Welcome series (copy)',
        status: 'draft',
        reentry: source.reentry,
        draftRevision: 1,
        publishedRevision: null,
        graph: edited,
      });
      expect(res.body.id).not.toBe(source.id);
      expect((await ws.client.get(`/api/v1/campaigns/${source.id}`)).body).toMatchObject({
        status: 'live',
        draftRevision: 2,
      });
    });

    it('copies an archived campaign, so old work can be picked up again', async () => {
      const ws = await aWorkspace(app);
      const source = await aCampaign(ws, { name: 'Old' });
      await ws.client.post(`/api/v1/campaigns/${source.id}/archive`);
      const res = await ws.client.post(`/api/v1/campaigns/${source.id}/duplicate`);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'Old (copy)', status: 'draft' });
    });

    it('answers 404 for another workspace’s campaign and copies nothing', async () => {
      const ws = await aWorkspace(app);
      const theirs = await aCampaign(await aWorkspace(app));
      expect((await ws.client.post(`/api/v1/campaigns/${theirs.id}/duplicate`)).status).toBe(404);
      expect((await ws.client.get('/api/v1/campaigns')).body.data).toEqual([]);
    });

    it('needs campaigns:write', async () => {
      const ws = await aWorkspace(app, ['campaigns:read']);
      const [{ id }] = await app.db.query(
        `INSERT INTO campaigns (workspace_id, name, draft_revision) VALUES ($1, 'Seeded', 1) RETURNING id`,
        [ws.workspaceId],
      );
      expect((await ws.client.post(`/api/v1/campaigns/${id}/duplicate`)).status).toBe(403);
    });
  });
});
