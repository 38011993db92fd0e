/**
 * Contacts enrolled by hand start at once: each chunk of the enrollment is
 * leased and handed to the step queue as it commits, so its contacts move
 * without the scanner ever finding and claiming them (docs/decisions/002).
 * Here the scanner runs once, at start-up, and then not for an hour. A
 * chunk the step queue has no room for is left, unleased, to the scanner.
 */
import { DueWorkScanner, HAND_OFF_QUEUED_ROWS } from '@tideway/server';
import { aContact } from './support/contacts';
import { aGraph, aLiveCampaign, chain, eventually } from './support/engine';
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

describe('contacts enrolled by hand', () => {
  describe('while the step queue has room', () => {
    let app: TestApp;
    let ws: TestWorkspace;

    beforeAll(async () => {
      app = await startTestApp({ RUN_WORKER: 'true', ENGINE_SCAN_MS: String(AN_HOUR_MS) });
      ws = await aWorkspace(app);
    });
    afterAll(() => app.close());

    it('move through the campaign at once, without a scan', async () => {
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
  });

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

    it('leaves the contacts unleased to the scanner, which starts them', async () => {
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
