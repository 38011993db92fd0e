import type { TestGraph } from './support/campaigns';
import {
  aCampaign,
  aDraftSave,
  aValidGraph,
  campaignSnapshot,
  chain,
  edge,
  node,
} from './support/campaigns';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('revisions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RUN_WORKER: 'false' });
  });
  afterAll(() => app.close());

  const saveDraft = (ws: TestWorkspace, id: string, body: unknown) =>
    ws.client.put(`/api/v1/campaigns/${id}/draft`, body);

  describe('PUT /api/v1/campaigns/:id/draft', () => {
    it('saves the graph as the next revision, with its author and message', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const graph = aValidGraph();
      const res = await saveDraft(ws, campaign.id, {
        graph,
        baseRevision: 1,
        message: 'Add the welcome tag',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ revision: 2 });

      const current = (await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body;
      expect(current).toMatchObject({ draftRevision: 2, graph });
      const saved = (await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions/2`)).body;
      expect(saved).toMatchObject({
        revision: 2,
        graph,
        message: 'Add the welcome tag',
        author: { id: ws.userId, email: ws.email },
      });
    });

    it('saves a draft that is not publishable: drafts are checked for their envelope only', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      // No trigger, an unknown type, a bad config and an edge to nowhere.
      const graph: TestGraph = {
        nodes: [node('a', 'action.addTag', { tag: '' }), node('b', 'mystery')],
        edges: [edge('a', 'ghost')],
      };
      const res = await saveDraft(ws, campaign.id, { graph, baseRevision: 1 });
      expect(res.status).toBe(200);
      expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body.graph).toEqual(graph);
    });

    it('saves more than 500 elements: too many is a validation problem, not a save error', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const graph = {
        nodes: Array.from({ length: 501 }, (_, i) => node(`n${i}`, 'end')),
        edges: [],
      };
      expect((await saveDraft(ws, campaign.id, { graph, baseRevision: 1 })).status).toBe(200);
    });

    it('answers 409 naming the latest revision when baseRevision is stale, and saves nothing', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      await aDraftSave(ws, campaign.id, aValidGraph());
      await aDraftSave(ws, campaign.id, aValidGraph());
      const before = await campaignSnapshot(app, campaign.id);

      const res = await saveDraft(ws, campaign.id, { graph: aValidGraph(), baseRevision: 2 });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: expect.stringContaining('Revision 3 is the latest'),
        details: [{ path: 'baseRevision', message: 'Revision 3 is the latest' }],
        latestRevision: 3,
      });
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });

    it('answers 409 to a baseRevision from the future', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const res = await saveDraft(ws, campaign.id, { graph: aValidGraph(), baseRevision: 7 });
      expect(res.status).toBe(409);
      expect(res.body.latestRevision).toBe(1);
    });

    it('lets exactly one of two concurrent saves from the same base win', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const graphs = [chain(node('a', 'trigger.manual')), chain(node('b', 'trigger.manual'))];
      const answers = await Promise.all(
        graphs.map((graph) => saveDraft(ws, campaign.id, { graph, baseRevision: 1 })),
      );

      expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((res) => res.status === 200);
      expect(answers[winner].body).toEqual({ revision: 2 });
      expect(answers[1 - winner].body.latestRevision).toBe(2);
      const current = (await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body;
      expect(current).toMatchObject({ draftRevision: 2, graph: graphs[winner] });
      expect(
        (await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions`)).body.data,
      ).toHaveLength(2);
    });

    it('numbers many concurrent saves, each from the revision before, without gaps or repeats', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      // Each writer retries from the latest revision it is told about, as the editor would.
      const writer = async (name: string) => {
        let base = 1;
        for (;;) {
          const res = await saveDraft(ws, campaign.id, {
            graph: chain(node(name, 'trigger.manual')),
            baseRevision: base,
          });
          if (res.status === 200) return res.body.revision as number;
          expect(res.status).toBe(409);
          base = res.body.latestRevision;
        }
      };
      const revisions = await Promise.all(['a', 'b', 'c', 'd', 'e'].map(writer));
      expect(revisions.sort()).toEqual([2, 3, 4, 5, 6]);
    });

    it.each([
      ['no graph', { baseRevision: 1 }, 'graph'],
      ['no baseRevision', { graph: aValidGraph() }, 'baseRevision'],
      ['a baseRevision of 0', { graph: aValidGraph(), baseRevision: 0 }, 'baseRevision'],
      ['a baseRevision that is text', { graph: aValidGraph(), baseRevision: '1' }, 'baseRevision'],
      [
        'a node whose position is not a number',
        {
          graph: {
            nodes: [node('a', 'end', {}, { position: { x: 'left', y: 0 } as any })],
            edges: [],
          },
          baseRevision: 1,
        },
        'graph.nodes[0].position.x',
      ],
      [
        'a node id over 100 characters',
        { graph: { nodes: [node('x'.repeat(101), 'end')], edges: [] }, baseRevision: 1 },
        'graph.nodes[0].id',
      ],
      [
        'a message over 500 characters',
        { graph: aValidGraph(), baseRevision: 1, message: 'm'.repeat(501) },
        'message',
      ],
      ['an unknown property', { graph: aValidGraph(), baseRevision: 1, force: true }, '(body)'],
    ])('refuses %s with 422 and saves nothing', async (_case, body, path) => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const before = await campaignSnapshot(app, campaign.id);
      const res = await saveDraft(ws, campaign.id, body);
      expect(res.status).toBe(422);
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });

    it('refuses a body over the JSON limit with 413 and saves nothing', async () => {
      const limited = await startTestApp({ RUN_WORKER: 'false', JSON_BODY_LIMIT: '10kb' });
      try {
        const ws = await aWorkspace(limited);
        const campaign = await aCampaign(ws);
        const graph = {
          nodes: Array.from({ length: 200 }, (_, i) => node(`node-${i}`, 'end')),
          edges: [],
        };
        const res = await ws.client.put(`/api/v1/campaigns/${campaign.id}/draft`, {
          graph,
          baseRevision: 1,
        });
        expect(res.status).toBe(413);
        expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body.draftRevision).toBe(
          1,
        );
      } finally {
        await limited.close();
      }
    });

    it('refuses to edit an archived campaign with 409', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      await ws.client.post(`/api/v1/campaigns/${campaign.id}/archive`);
      const before = await campaignSnapshot(app, campaign.id);
      const res = await saveDraft(ws, campaign.id, { graph: aValidGraph(), baseRevision: 1 });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/archived/);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });

    it('answers 404 for another workspace’s campaign and a malformed id', async () => {
      const ws = await aWorkspace(app);
      const theirs = await aCampaign(await aWorkspace(app));
      const before = await campaignSnapshot(app, theirs.id);
      for (const id of [theirs.id, '42']) {
        expect((await saveDraft(ws, id, { graph: aValidGraph(), baseRevision: 1 })).status).toBe(
          404,
        );
      }
      expect(await campaignSnapshot(app, theirs.id)).toEqual(before);
    });

    it('needs campaigns:write', async () => {
      const ws = await aWorkspace(app, ['campaigns:read']);
      const [{ id }] = await app.db.query(
        `INSERT INTO campaigns (workspace_id, name, draft_revision) VALUES ($1, 'Seeded', 1) RETURNING id`,
        [ws.workspaceId],
      );
      expect((await saveDraft(ws, id, { graph: aValidGraph(), baseRevision: 1 })).status).toBe(403);
    });
  });

  describe('GET /api/v1/campaigns/:id/revisions', () => {
    it('lists every revision newest first, with author, message, and which is published and current', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws, { graph: aValidGraph() });
      await aDraftSave(ws, campaign.id, aValidGraph(), 'Second');
      await ws.client.post(`/api/v1/campaigns/${campaign.id}/publish`, { revision: 1 });
      await ws.client.post(`/api/v1/campaigns/${campaign.id}/publish`, { revision: 2 });
      await aDraftSave(ws, campaign.id, aValidGraph(), 'Third');

      const res = await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions`);
      expect(res.status).toBe(200);
      const author = { id: ws.userId, email: ws.email };
      expect(res.body.data).toEqual([
        {
          revision: 3,
          createdAt: expect.any(String),
          author,
          message: 'Third',
          published: false,
          publishedAt: null,
          current: false,
        },
        {
          revision: 2,
          createdAt: expect.any(String),
          author,
          message: 'Second',
          published: true,
          publishedAt: expect.any(String),
          current: true,
        },
        {
          revision: 1,
          createdAt: expect.any(String),
          author,
          message: null,
          published: true,
          publishedAt: expect.any(String),
          current: false,
        },
      ]);
      expect(res.body.data[0]).not.toHaveProperty('graph');
    });

    it('shows no author for a revision whose author was deleted', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      await app.db.query(`UPDATE campaign_revisions SET author_id = NULL WHERE campaign_id = $1`, [
        campaign.id,
      ]);
      expect(
        (await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions`)).body.data[0].author,
      ).toBeNull();
    });

    it('answers 404 for another workspace’s campaign', async () => {
      const theirs = await aCampaign(await aWorkspace(app));
      expect(
        (await (await aWorkspace(app)).client.get(`/api/v1/campaigns/${theirs.id}/revisions`))
          .status,
      ).toBe(404);
    });

    it('needs campaigns:read', async () => {
      const ws = await aWorkspace(app, ['campaigns:write']);
      const campaign = await aCampaign(ws);
      expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions`)).status).toBe(403);
    });
  });

  describe('GET /api/v1/campaigns/:id/revisions/:n', () => {
    it('answers one revision with its graph', async () => {
      const ws = await aWorkspace(app);
      const first = chain(node('start', 'trigger.manual'));
      const campaign = await aCampaign(ws, { graph: first });
      await aDraftSave(ws, campaign.id, aValidGraph());
      const res = await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions/1`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        revision: 1,
        graph: first,
        createdAt: expect.any(String),
        author: { id: ws.userId, email: ws.email },
        message: null,
        published: false,
        publishedAt: null,
        current: false,
      });
    });

    it.each(['3', '0', '-1', 'latest', '1.5'])('answers 404 for revision "%s"', async (n) => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      await aDraftSave(ws, campaign.id, aValidGraph());
      const res = await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions/${n}`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe(`Revision ${n} not found`);
    });

    it('answers 404 for another workspace’s campaign', async () => {
      const theirs = await aCampaign(await aWorkspace(app));
      const res = await (
        await aWorkspace(app)
      ).client.get(`/api/v1/campaigns/${theirs.id}/revisions/1`);
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('Campaign not found');
    });
  });

  describe('GET /api/v1/campaigns/:id/revisions/:a/diff/:b', () => {
    /**
     *   revision 1:  [start] -> [tag: vip] -> [end]
     *   revision 2:  [start] -> [tag: gold, labelled] -> [wait] -> [end]   (start dragged)
     */
    it('lists elements and connections added, removed and changed between two revisions', async () => {
      const ws = await aWorkspace(app);
      const before = chain(
        node('start', 'trigger.manual'),
        node('tag', 'action.addTag'),
        node('end', 'end'),
      );
      const campaign = await aCampaign(ws, { graph: before });
      const after = chain(
        node('start', 'trigger.manual', undefined, { position: { x: 40, y: 0 } }),
        node(
          'tag',
          'action.addTag',
          { tag: 'gold' },
          { data: { label: 'Gold', config: { tag: 'gold' } } },
        ),
        node('wait', 'wait.delay'),
        node('end', 'end'),
      );
      await aDraftSave(ws, campaign.id, after);

      const res = await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions/1/diff/2`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        nodes: {
          added: [after.nodes[2]],
          removed: [],
          changed: [
            {
              id: 'tag',
              fields: [
                { path: 'label', after: 'Gold' },
                { path: 'config.tag', before: 'vip', after: 'gold' },
              ],
            },
          ],
          moved: [{ id: 'start', before: { x: 0, y: 0 }, after: { x: 40, y: 0 } }],
        },
        edges: { added: [edge('tag', 'wait'), edge('wait', 'end')], removed: [edge('tag', 'end')] },
      });
      // And the other way round.
      const back = (await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions/2/diff/1`))
        .body;
      expect(back.nodes).toMatchObject({ added: [], removed: [after.nodes[2]] });
    });

    it('answers 404 when either revision does not exist', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      for (const path of ['1/diff/2', '2/diff/1', 'x/diff/1', '1/diff/0']) {
        expect(
          (await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions/${path}`)).status,
        ).toBe(404);
      }
    });

    it('answers 404 for another workspace’s campaign', async () => {
      const theirs = await aCampaign(await aWorkspace(app));
      const res = await (
        await aWorkspace(app)
      ).client.get(`/api/v1/campaigns/${theirs.id}/revisions/1/diff/1`);
      expect(res.status).toBe(404);
    });
  });

  describe('POST /api/v1/campaigns/:id/revisions/:n/restore', () => {
    it('saves a new draft revision equal to the restored one, leaving history as it was', async () => {
      const ws = await aWorkspace(app);
      const first = chain(node('start', 'trigger.manual'));
      const campaign = await aCampaign(ws, { graph: first });
      await aDraftSave(ws, campaign.id, aValidGraph());

      const res = await ws.client.post(`/api/v1/campaigns/${campaign.id}/revisions/1/restore`);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ revision: 3 });
      expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body).toMatchObject({
        draftRevision: 3,
        graph: first,
      });
      const history = (await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions`)).body.data;
      expect(
        history.map((r: { revision: number; message: string | null }) => [r.revision, r.message]),
      ).toEqual([
        [3, 'Restored revision 1'],
        [2, null],
        [1, null],
      ]);
      expect(
        (await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions/2`)).body.graph,
      ).toEqual(aValidGraph());
    });

    it('answers 404 for an unknown revision and saves nothing', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const before = await campaignSnapshot(app, campaign.id);
      expect(
        (await ws.client.post(`/api/v1/campaigns/${campaign.id}/revisions/9/restore`)).status,
      ).toBe(404);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });

    it('refuses to restore into an archived campaign with 409', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      await ws.client.post(`/api/v1/campaigns/${campaign.id}/archive`);
      const before = await campaignSnapshot(app, campaign.id);
      expect(
        (await ws.client.post(`/api/v1/campaigns/${campaign.id}/revisions/1/restore`)).status,
      ).toBe(409);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });

    it('answers 404 for another workspace’s campaign and saves nothing', async () => {
      const theirs = await aCampaign(await aWorkspace(app));
      const before = await campaignSnapshot(app, theirs.id);
      expect(
        (
          await (
            await aWorkspace(app)
          ).client.post(`/api/v1/campaigns/${theirs.id}/revisions/1/restore`)
        ).status,
      ).toBe(404);
      expect(await campaignSnapshot(app, theirs.id)).toEqual(before);
    });

    it('needs campaigns:write', async () => {
      const ws = await aWorkspace(app, ['campaigns:read']);
      const [{ id }] = await app.db.query(
        `INSERT INTO campaigns (workspace_id, name, draft_revision) VALUES ($1, 'Seeded', 1) RETURNING id`,
        [ws.workspaceId],
      );
      await app.db.query(
        `INSERT INTO campaign_revisions (campaign_id, revision, graph) VALUES ($1, 1, '{"nodes":[],"edges":[]}')`,
        [id],
      );
      expect((await ws.client.post(`/api/v1/campaigns/${id}/revisions/1/restore`)).status).toBe(
        403,
      );
      expect((await ws.client.get(`/api/v1/campaigns/${id}/revisions/1`)).status).toBe(200);
    });
  });
});
