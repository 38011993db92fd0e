/**
 * Contacts enrolled by hand start at once: each chunk of the enrollment is
 * leased and handed to the step queue as it commits, so its contacts move
 * without the scanner ever finding and claiming them (docs/decisions/002).
 * So do contacts that a change sends into a campaign or to a goal: a tag
 * added through the API, an inbound webhook, another campaign's step.
 * Here the scanner runs once, at start-up, and then not for an hour. A
 * chunk the step queue has no room for is left, unleased, to the scanner.
 */
import { DueWorkScanner, HAND_OFF_QUEUED_ROWS } from '@tideway/server';
import { testDatabaseMode } from '@tideway/server/testing';
import { aContact } from './support/contacts';
import { aGraph, aLiveCampaign, chain, enrollmentsOf, eventually } from './support/engine';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const AN_HOUR_MS = 60 * 60 * 1000;

// manual -> add tag "reached"
const tagOnEntry = aGraph(
  [
    ['start', 'trigger.manual'],
    ['reach', 'action.addTag', { tag: 'reached' }],
  ],
  chain('start', 'reach'),
);

// tag "go" added -> add tag "went"
const goTriggered = aGraph(
  [
    ['go', 'trigger.tagAdded', { tag: 'go' }],
    ['reach', 'action.addTag', { tag: 'went' }],
  ],
  chain('go', 'reach'),
);

async function tagThroughApi(ws: TestWorkspace, contactId: string, tag: string) {
  expect((await ws.client.post(`/api/v1/contacts/${contactId}/tags`, { tag })).status).toBe(200);
}

async function enrollByTag(ws: TestWorkspace, campaignId: string, tag: string) {
  const res = await ws.client.post(`/api/v1/campaigns/${campaignId}/enrollments`, {
    filter: { tag },
  });
  expect(res.status).toBe(202);
  return res.body as { enrolled: number; skipped: number };
}

async function enrollmentRows(app: TestApp, campaignId: string) {
  return (await app.db.query(
    `SELECT state, node_id, lease_until FROM enrollments WHERE campaign_id = $1`,
    [campaignId],
  )) as { state: string; node_id: string; lease_until: Date | null }[];
}

describe('contacts handed to the step queue as they become runnable', () => {
  describe('while the step queue has room', () => {
    let app: TestApp;
    let ws: TestWorkspace;

    beforeAll(async () => {
      app = await startTestApp({ RUN_WORKER: 'true', ENGINE_SCAN_MS: String(AN_HOUR_MS) });
      ws = await aWorkspace(app);
    });
    afterAll(() => app.close());

    it('enrolled by hand, move through the campaign at once, without a scan', async () => {
      for (let n = 0; n < 30; n++)
        await aContact(ws, { email: `at-once-${n}@example.com`, tags: ['at-once'] });
      const campaign = await aLiveCampaign(ws, tagOnEntry);

      expect(await enrollByTag(ws, campaign, 'at-once')).toEqual({ enrolled: 30, skipped: 0 });

      const rows = await eventually(async () => {
        const all = await enrollmentRows(app, campaign);
        return all.every((row) => row.state === 'completed') ? all : undefined;
      });
      expect(rows).toHaveLength(30);
      expect(rows.filter((row) => row.lease_until !== null)).toEqual([]);
      const { body } = await ws.client.get('/api/v1/contacts?tag=reached&limit=1');
      expect(body.total).toBe(30);
    });

    /** The contact's enrollment in the campaign once it has completed, unleased. */
    async function completed(campaignId: string, contactId: string) {
      const [row] = await eventually(async () => {
        const rows = await enrollmentsOf(app, campaignId, contactId);
        return rows.length === 1 && rows[0].state === 'completed' ? rows : undefined;
      });
      const [{ lease_until }] = await app.db.query(
        `SELECT lease_until FROM enrollments WHERE id = $1`,
        [row.id],
      );
      expect(lease_until).toBeNull();
      return row;
    }

    it('sent into a campaign by a tag added through the API, start at once', async () => {
      const campaign = await aLiveCampaign(ws, goTriggered);
      const person = await aContact(ws);
      await tagThroughApi(ws, person.id, 'go');

      expect(await completed(campaign, person.id)).toMatchObject({ node_id: 'reach' });
    });

    it('named by an inbound webhook, start at once', async () => {
      const campaign = await aLiveCampaign(
        ws,
        aGraph(
          [
            ['hook', 'trigger.webhookReceived'],
            ['reach', 'action.addTag', { tag: 'hooked' }],
          ],
          chain('hook', 'reach'),
        ),
      );
      const { body } = await ws.client.get(`/api/v1/campaigns/${campaign}`);
      const res = await app.http.request('POST', new URL(body.inboundUrl).pathname, {
        raw: JSON.stringify({ email: 'inbound-at-once@example.com' }),
        contentType: 'application/json',
      });
      expect(res.status).toBe(202);

      await completed(campaign, res.body.contactId);
    });

    it("tagged by another campaign's step, start at once", async () => {
      const tagging = await aLiveCampaign(
        ws,
        aGraph(
          [
            ['start', 'trigger.manual'],
            ['tag', 'action.addTag', { tag: 'passed-on' }],
          ],
          chain('start', 'tag'),
        ),
      );
      const triggered = await aLiveCampaign(
        ws,
        aGraph(
          [
            ['on-tag', 'trigger.tagAdded', { tag: 'passed-on' }],
            ['reach', 'action.addTag', { tag: 'picked-up' }],
          ],
          chain('on-tag', 'reach'),
        ),
      );
      const person = await aContact(ws, { tags: ['relay'] });
      expect(await enrollByTag(ws, tagging, 'relay')).toEqual({ enrolled: 1, skipped: 0 });

      await completed(triggered, person.id);
    });

    it('pulled to a goal by a tag added through the API, go on from it at once', async () => {
      const campaign = await aLiveCampaign(
        ws,
        aGraph(
          [
            ['start', 'trigger.manual'],
            ['pause', 'wait.delay', { amount: 30, unit: 'days' }],
            ['paid', 'goal.tagAdded', { tag: 'paid' }],
            ['thank', 'action.addTag', { tag: 'thanked' }],
          ],
          chain('start', 'pause', 'paid', 'thank'),
        ),
      );
      const person = await aContact(ws, { tags: ['buyer'] });
      expect(await enrollByTag(ws, campaign, 'buyer')).toEqual({ enrolled: 1, skipped: 0 });
      await eventually(async () => {
        const [row] = await enrollmentsOf(app, campaign, person.id);
        return row?.node_id === 'pause' && row.state === 'waiting';
      });

      await tagThroughApi(ws, person.id, 'paid');
      expect(await completed(campaign, person.id)).toMatchObject({ node_id: 'thank' });
    });
  });

  // Embedded only: on Redis, workers elsewhere may take from the queue, and the API cannot tell.
  (testDatabaseMode() === 'pglite' ? describe : describe.skip)(
    'while nothing takes from the step queue',
    () => {
      let app: TestApp;
      let ws: TestWorkspace;

      beforeAll(async () => {
        app = await startTestApp({ RUN_WORKER: 'false', ENGINE_SCAN_MS: String(AN_HOUR_MS) });
        ws = await aWorkspace(app);
      });
      afterAll(() => app.close());

      it('sent into a campaign by a change, are left unleased to the scanner, not held for a lease', async () => {
        const campaign = await aLiveCampaign(ws, goTriggered);
        const person = await aContact(ws);
        await tagThroughApi(ws, person.id, 'go');

        expect(await enrollmentRows(app, campaign)).toEqual([
          { state: 'ready', node_id: 'go', lease_until: null },
        ]);
      });
    },
  );

  describe('when a chunk is more than the step queue may hold', () => {
    let app: TestApp;
    let ws: TestWorkspace;

    beforeAll(async () => {
      app = await startTestApp({
        RUN_WORKER: 'true',
        ENGINE_SCAN_MS: String(AN_HOUR_MS),
        JOB_CHUNK_SIZE: String(HAND_OFF_QUEUED_ROWS + 1),
      });
      ws = await aWorkspace(app);
    });
    afterAll(() => app.close());

    it('enrolled by hand, are left unleased to the scanner, which starts them', async () => {
      for (let n = 0; n < 3; n++)
        await aContact(ws, { email: `scanned-${n}@example.com`, tags: ['scanned'] });
      const campaign = await aLiveCampaign(ws, tagOnEntry);

      expect(await enrollByTag(ws, campaign, 'scanned')).toEqual({ enrolled: 3, skipped: 0 });
      const waiting = await enrollmentRows(app, campaign);
      expect(
        waiting.map(({ state, node_id, lease_until }) => ({ state, node_id, lease_until })),
      ).toEqual(Array(3).fill({ state: 'ready', node_id: 'start', lease_until: null }));

      await app.app.get(DueWorkScanner).scanOnce();
      await eventually(async () =>
        (await enrollmentRows(app, campaign)).every((row) => row.state === 'completed'),
      );
    });
  });
});
