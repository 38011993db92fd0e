import {
  aCampaign,
  aLiveCampaign,
  anEnrollment,
  campaignSnapshot,
  enrollmentRow,
} from './support/campaigns';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('campaign life cycle: pause, resume, archive', () => {
  let app: TestApp;
  beforeAll(async () => {
    // No worker in this process: enrollments made by the tests stay exactly as made.
    app = await startTestApp({ RUN_WORKER: 'false' });
  });
  afterAll(() => app.close());

  const act = (ws: TestWorkspace, id: string, action: 'pause' | 'resume' | 'archive') =>
    ws.client.post(`/api/v1/campaigns/${id}/${action}`);
  const inAMinute = () => new Date(Date.now() + 60_000);

  describe('pause', () => {
    it('pauses a live campaign, leaving its contacts exactly where they are', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      const waiting = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'wait',
        revision: 1,
        leaseUntil: inAMinute(),
      });
      const before = await enrollmentRow(app, waiting);

      const res = await act(ws, campaign.id, 'pause');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: campaign.id,
        status: 'paused',
        publishedRevision: 1,
        graph: campaign.graph,
      });
      expect(await enrollmentRow(app, waiting)).toEqual(before);
    });

    it.each([
      ['a draft', 'draft'],
      ['a paused campaign', 'paused'],
      ['an archived campaign', 'archived'],
    ])('refuses to pause %s with 409', async (_case, status) => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      await app.db.query(`UPDATE campaigns SET status = $2 WHERE id = $1`, [campaign.id, status]);
      const before = await campaignSnapshot(app, campaign.id);
      const res = await act(ws, campaign.id, 'pause');
      expect(res.status).toBe(409);
      expect(res.body.message).toContain(`The campaign is ${status}`);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });
  });

  describe('resume', () => {
    it('resumes a paused campaign and frees its contacts’ leases so they are picked up at once', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      await act(ws, campaign.id, 'pause');
      const ready = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'tag',
        revision: 1,
        state: 'ready',
        leaseUntil: inAMinute(),
      });
      const waiting = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'wait',
        revision: 1,
        leaseUntil: inAMinute(),
      });
      const done = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'end',
        revision: 1,
        state: 'completed',
        leaseUntil: inAMinute(),
      });

      const res = await act(ws, campaign.id, 'resume');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'live' });
      expect(await enrollmentRow(app, ready)).toMatchObject({ state: 'ready', leaseUntil: null });
      expect(await enrollmentRow(app, waiting)).toMatchObject({
        state: 'waiting',
        leaseUntil: null,
      });
      expect((await enrollmentRow(app, done)).leaseUntil).toEqual(expect.any(Date));
    });

    it.each([
      ['a draft', 'draft'],
      ['a live campaign', 'live'],
      ['an archived campaign', 'archived'],
    ])('refuses to resume %s with 409', async (_case, status) => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      await app.db.query(`UPDATE campaigns SET status = $2 WHERE id = $1`, [campaign.id, status]);
      await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'wait',
        revision: 1,
        leaseUntil: inAMinute(),
      });
      const before = await campaignSnapshot(app, campaign.id);
      const res = await act(ws, campaign.id, 'resume');
      expect(res.status).toBe(409);
      expect(res.body.message).toContain(`The campaign is ${status}`);
      expect(await campaignSnapshot(app, campaign.id)).toEqual(before);
    });
  });

  describe('archive', () => {
    it.each(['draft', 'live', 'paused'])('archives a %s campaign', async (status) => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      await app.db.query(`UPDATE campaigns SET status = $2 WHERE id = $1`, [campaign.id, status]);
      const res = await act(ws, campaign.id, 'archive');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: campaign.id, status: 'archived' });
    });

    it('takes the contacts in it out with the reason "archived", leaving finished ones as they were', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aLiveCampaign(ws);
      const active = [
        await anEnrollment(app, ws, {
          campaignId: campaign.id,
          nodeId: 'tag',
          revision: 1,
          state: 'ready',
        }),
        await anEnrollment(app, ws, {
          campaignId: campaign.id,
          nodeId: 'wait',
          revision: 1,
          state: 'waiting',
        }),
      ];
      const completed = await anEnrollment(app, ws, {
        campaignId: campaign.id,
        nodeId: 'end',
        revision: 1,
        state: 'completed',
      });
      const completedBefore = await enrollmentRow(app, completed);

      await act(ws, campaign.id, 'archive');
      for (const id of active) {
        expect(await enrollmentRow(app, id)).toMatchObject({
          state: 'exited',
          exitReason: 'archived',
          runAt: null,
          endedAt: expect.any(Date),
        });
      }
      expect(await enrollmentRow(app, completed)).toEqual(completedBefore);
    });

    it('refuses to archive twice with 409', async () => {
      const ws = await aWorkspace(app);
      const campaign = await aCampaign(ws);
      await act(ws, campaign.id, 'archive');
      const res = await act(ws, campaign.id, 'archive');
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/archived already/);
    });
  });

  it.each(['pause', 'resume', 'archive'] as const)(
    '%s answers 404 for another workspace’s campaign and changes nothing',
    async (action) => {
      const theirs = await aLiveCampaign(await aWorkspace(app));
      const before = await campaignSnapshot(app, theirs.id);
      expect((await act(await aWorkspace(app), theirs.id, action)).status).toBe(404);
      expect(await campaignSnapshot(app, theirs.id)).toEqual(before);
    },
  );

  it.each(['pause', 'resume', 'archive'] as const)(
    '%s answers 404 for a malformed id',
    async (action) => {
      expect((await act(await aWorkspace(app), 'x', action)).status).toBe(404);
    },
  );

  it.each(['pause', 'resume', 'archive'] as const)('%s needs campaigns:write', async (action) => {
    const ws = await aWorkspace(app, ['campaigns:read']);
    const [{ id }] = await app.db.query(
      `INSERT INTO campaigns (workspace_id, name, status, draft_revision) VALUES ($1, 'Seeded', 'live', 1) RETURNING id`,
      [ws.workspaceId],
    );
    expect((await act(ws, id, action)).status).toBe(403);
    expect((await app.db.query(`SELECT status FROM campaigns WHERE id = $1`, [id]))[0].status).toBe(
      'live',
    );
  });
});
