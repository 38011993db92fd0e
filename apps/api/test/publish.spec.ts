import {
  aCampaign,
  aDraftSave,
  aLiveCampaign,
  aValidGraph,
  anEnrollment,
  campaignSnapshot,
  chain,
  edge,
  enrollmentRow,
  node,
} from './support/campaigns';
import { aField } from './support/contacts';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('POST /api/v1/campaigns/:id/publish', () => {
  let app: TestApp;
  beforeAll(async () => {
    // No worker in this process: enrollments made by the tests stay exactly as made.
    app = await startTestApp({ RUN_WORKER: 'false' });
  });
  afterAll(() => app.close());

  const publish = (ws: TestWorkspace, id: string, body?: unknown) =>
    ws.client.post(`/api/v1/campaigns/${id}/publish`, body);

  it('publishes the latest draft and makes the campaign live', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aCampaign(ws, { graph: aValidGraph() });
    const res = await publish(ws, campaign.id, {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revision: 1, status: 'live', moved: 0, exited: 0, kept: 0 });
    expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body).toMatchObject({
      status: 'live',
      draftRevision: 1,
      publishedRevision: 1,
      hasUnpublishedChanges: false,
    });
    const [revision] = (await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions`)).body
      .data;
    expect(revision).toMatchObject({
      revision: 1,
      published: true,
      current: true,
      publishedAt: expect.any(String),
    });
  });

  it('takes a request without a body as the defaults', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aCampaign(ws, { graph: aValidGraph() });
    const res = await publish(ws, campaign.id);
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(1);
  });

  it('publishes an older revision, leaving the newer draft unpublished', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aCampaign(ws, { graph: aValidGraph() });
    await aDraftSave(ws, campaign.id, chain(node('start', 'trigger.manual'), node('end', 'end')));
    const res = await publish(ws, campaign.id, { revision: 1 });
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(1);
    expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body).toMatchObject({
      draftRevision: 2,
      publishedRevision: 1,
      hasUnpublishedChanges: true,
    });
  });

  it('keeps a paused campaign paused: publishing changes what runs, not whether it runs', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aLiveCampaign(ws);
    await ws.client.post(`/api/v1/campaigns/${campaign.id}/pause`);
    await aDraftSave(ws, campaign.id, aValidGraph());
    const res = await publish(ws, campaign.id, {});
    expect(res.body).toMatchObject({ revision: 2, status: 'paused' });
    expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body).toMatchObject({
      status: 'paused',
      publishedRevision: 2,
    });
  });

  describe('an invalid revision', () => {
    /**
     *   [start: manual] -> [tag: ""]          [lost: add tag]  (unreachable)
     *                  \-> edge "stray" -> ghost
     */
    const invalid = () => ({
      nodes: [
        node('start', 'trigger.manual'),
        node('tag', 'action.addTag', { tag: '' }),
        node('lost', 'action.addTag'),
      ],
      edges: [edge('start', 'tag'), edge('start', 'ghost', undefined, 'stray')],
    });

    it('answers 422 with the problems, locating each in the graph, and changes nothing', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws, { graph: invalid() });
      const before = await campaignSnapshot(app, campaign.id);

      const res = await publish(ws, campaign.id, {});
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'Revision 1 cannot be published: 3 problems to fix',
        details: [
          { path: 'graph.nodes[1].config.tag', message: expect.any(String) },
          { path: 'graph.edges[1]', message: expect.stringContaining('ghost') },
          { path: 'graph.nodes[2]', message: expect.stringContaining('No contact can reach') },
        ],
        problems: [
          { nodeId: 'tag', rule: 'bad-config', path: 'config.tag', message: expect.any(String) },
          { edgeId: 'stray', rule: 'dangling-edge', message: expect.any(String) },
          { nodeId: 'lost', rule: 'unreachable', message: expect.any(String) },
        ],
      });
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });

    it('places problems of the graph as a whole at "graph"', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      const res = await publish(ws, campaign.id, {});
      expect(res.status).toBe(422);
      expect(res.body.details).toEqual([
        { path: 'graph', message: expect.stringContaining('trigger') },
      ]);
      expect(res.body.problems).toEqual([{ rule: 'no-trigger', message: expect.any(String) }]);
    });

    it('refuses an old invalid revision even when the draft is valid', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws, { graph: invalid() });
      await aDraftSave(ws, campaign.id, aValidGraph());
      const res = await publish(ws, campaign.id, { revision: 1 });
      expect(res.status).toBe(422);
      expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body).toMatchObject({
        status: 'draft',
        publishedRevision: null,
      });
    });

    it("checks merge fields against the workspace's custom fields", async () => {
      const ws = await aWorkspace(app);
      const graph = chain(
        node('start', 'trigger.manual'),
        node('set', 'action.updateField', { field: 'nickname', value: '[Shoe Size]' }),
      );
      const campaign = await aCampaign(ws, { graph });
      const refused = await publish(ws, campaign.id, {});
      expect(refused.status).toBe(422);
      expect(refused.body.problems).toEqual([
        expect.objectContaining({ rule: 'unknown-merge-field', nodeId: 'set' }),
      ]);
      expect(refused.body.details).toEqual([
        { path: 'graph.nodes[1].config.value', message: 'Unknown merge field [Shoe Size]' },
      ]);

      await aField(ws, { key: 'shoeSize', label: 'Shoe Size', type: 'number' });
      expect((await publish(ws, campaign.id, {})).status).toBe(200);
    });

    it('refuses a live campaign’s invalid new draft and keeps the published revision running', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      const contact = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'wait',
        revision: 1,
      });
      await aDraftSave(ws, campaign.id, invalid());
      const before = await campaignSnapshot(app, campaign.id);
      expect((await publish(ws, campaign.id, {})).status).toBe(422);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
      expect(await enrollmentRow(app, contact)).toMatchObject({ state: 'waiting', revision: 1 });
    });
  });

  describe('contacts in the campaign', () => {
    /**
     *   revision 1:  [start] -> [tag] -> [wait] -> [end]
     *   revision 2:  [start] -> [tag] -> [end]            (the wait is removed)
     */
    const withoutWait = () =>
      chain(node('start', 'trigger.manual'), node('tag', 'action.addTag'), node('end', 'end'));

    async function aCampaignWithContacts(ws: TestWorkspace) {
      const campaign = await aLiveCampaign(ws);
      const onTag = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'tag',
        revision: 1,
        state: 'ready',
      });
      const onWait = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'wait',
        revision: 1,
        state: 'waiting',
      });
      const alsoOnWait = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'wait',
        revision: 1,
        state: 'waiting',
      });
      const finished = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'wait',
        revision: 1,
        state: 'exited',
      });
      const elsewhere = await anEnrollment(app, ws, {
        campaignId: (await aLiveCampaign(ws)).id,
        nodeId: 'wait',
        revision: 1,
        state: 'waiting',
      });
      await aDraftSave(ws, campaign.id, withoutWait());
      return { campaign, onTag, onWait, alsoOnWait, finished, elsewhere };
    }

    it('moves contacts to the new revision by element id, and by default takes those on removed elements out', async () => {
      const ws = await aWorkspace(app);
      const { campaign, onTag, onWait, alsoOnWait, finished, elsewhere } =
        await aCampaignWithContacts(ws);
      const untouched = await Promise.all(
        [finished, elsewhere].map((id) => enrollmentRow(app, id)),
      );

      const res = await publish(ws, campaign.id, {});
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ revision: 2, status: 'live', moved: 1, exited: 2, kept: 0 });

      expect(await enrollmentRow(app, onTag)).toMatchObject({
        nodeId: 'tag',
        revision: 2,
        state: 'ready',
        exitReason: null,
      });
      for (const id of [onWait, alsoOnWait]) {
        expect(await enrollmentRow(app, id)).toMatchObject({
          nodeId: 'wait',
          revision: 1,
          state: 'exited',
          exitReason: 'removed node',
          runAt: null,
          endedAt: expect.any(Date),
        });
      }
      expect(await Promise.all([finished, elsewhere].map((id) => enrollmentRow(app, id)))).toEqual(
        untouched,
      );
      const summaries = (await ws.client.get('/api/v1/campaigns')).body.data;
      expect(summaries.find((c: { id: string }) => c.id === campaign.id).activeContacts).toBe(1);
    });

    it('with onRemovedNodes "keep", lets contacts on removed elements finish the revision they are on', async () => {
      const ws = await aWorkspace(app);
      const { campaign, onTag, onWait, alsoOnWait } = await aCampaignWithContacts(ws);

      const res = await publish(ws, campaign.id, { onRemovedNodes: 'keep' });
      expect(res.body).toEqual({ revision: 2, status: 'live', moved: 1, exited: 0, kept: 2 });
      expect(await enrollmentRow(app, onTag)).toMatchObject({ revision: 2, state: 'ready' });
      for (const id of [onWait, alsoOnWait]) {
        expect(await enrollmentRow(app, id)).toMatchObject({
          nodeId: 'wait',
          revision: 1,
          state: 'waiting',
          exitReason: null,
        });
      }
    });

    it('moves kept contacts on once a later revision has their element again', async () => {
      const ws = await aWorkspace(app);
      const { campaign, onWait } = await aCampaignWithContacts(ws);
      await publish(ws, campaign.id, { onRemovedNodes: 'keep' });
      await aDraftSave(ws, campaign.id, aValidGraph());
      const res = await publish(ws, campaign.id, {});
      expect(res.body).toMatchObject({ revision: 3, moved: 3, exited: 0 });
      expect(await enrollmentRow(app, onWait)).toMatchObject({
        nodeId: 'wait',
        revision: 3,
        state: 'waiting',
      });
    });

    it('moves nobody when the published revision is published again', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      const id = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'wait',
        revision: 1,
      });
      const res = await publish(ws, campaign.id, { revision: 1 });
      expect(res.body).toEqual({ revision: 1, status: 'live', moved: 0, exited: 0, kept: 0 });
      expect(await enrollmentRow(app, id)).toMatchObject({ revision: 1, state: 'waiting' });
    });
  });

  it.each([
    ['a revision of 0', { revision: 0 }, 'revision'],
    ['a revision that is text', { revision: 'latest' }, 'revision'],
    ['an unknown onRemovedNodes', { onRemovedNodes: 'delete' }, 'onRemovedNodes'],
    ['an unknown property', { force: true }, '(body)'],
  ])('refuses %s with 422 and changes nothing', async (_case, body, path) => {
    const ws = await aWorkspace(app);
    const campaign = await aCampaign(ws, { graph: aValidGraph() });
    const before = await campaignSnapshot(app, campaign.id);
    const res = await publish(ws, campaign.id, body);
    expect(res.status).toBe(422);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
  });

  it('answers 404 for a revision the campaign does not have, and changes nothing', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aCampaign(ws, { graph: aValidGraph() });
    const before = await campaignSnapshot(app, campaign.id);
    const res = await publish(ws, campaign.id, { revision: 2 });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Revision 2 not found');
    expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
  });

  it('refuses to publish an archived campaign with 409', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aCampaign(ws, { graph: aValidGraph() });
    await ws.client.post(`/api/v1/campaigns/${campaign.id}/archive`);
    const before = await campaignSnapshot(app, campaign.id);
    const res = await publish(ws, campaign.id, {});
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/archived/);
    expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
  });

  it('answers 404 for another workspace’s campaign and a malformed id, and changes nothing', async () => {
    const ws = await aWorkspace(app);
    const theirs = await aCampaign(await aWorkspace(app), { graph: aValidGraph() });
    const before = await campaignSnapshot(app, theirs.id);
    expect((await publish(ws, theirs.id, {})).status).toBe(404);
    expect((await publish(ws, 'campaign-1', {})).status).toBe(404);
    expect(await campaignSnapshot(app, theirs.id)).toEqual(before);
  });

  it('needs campaigns:write', async () => {
    const ws = await aWorkspace(app, ['campaigns:read']);
    const [{ id }] = await app.db.query(
      `INSERT INTO campaigns (workspace_id, name, draft_revision) VALUES ($1, 'Seeded', 1) RETURNING id`,
      [ws.workspaceId],
    );
    expect((await publish(ws, id, {})).status).toBe(403);
  });
});
