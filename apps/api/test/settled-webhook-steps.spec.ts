/**
 * A contact whose webhook has settled goes on to its next step at once: in
 * the transaction that records the delivery, or, when that cannot move it,
 * through the step queue the moment that transaction commits; never by
 * waiting for the scanner (docs/decisions/002). Here the scanner runs once,
 * to start the enrollments, and then not again for an hour: whatever moves
 * after that moved without it.
 */
import { DueWorkScanner } from '@tideway/server';
import { aContact } from './support/contacts';
import { aGraph, aLiveCampaign, chain, enrollmentsOf, eventually } from './support/engine';
import { Receiver } from './support/receiver';
import { UnrulyReceiver } from './support/unruly-receiver';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('contacts whose webhook settled', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await startTestApp({
      RUN_WORKER: 'true',
      ENGINE_SCAN_MS: String(60 * 60 * 1000),
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
    });
    ws = await aWorkspace(app);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  // manual -> Send a Webhook (onFailure as given) -> add tag "after"
  const webhookThenTag = (url: string, onFailure: 'continue' | 'stop') =>
    aGraph(
      [
        ['start', 'trigger.manual'],
        [
          'hook',
          'action.sendWebhook',
          {
            method: 'POST',
            url,
            contentType: 'form',
            body: { mode: 'postData', template: 'Email=[Email]' },
            onFailure,
          },
        ],
        ['after', 'action.addTag', { tag: 'after' }],
      ],
      chain('start', 'hook', 'after'),
    );

  async function runOneScan(campaignId: string, contactIds: string[]) {
    const enrolled = await ws.client.post(`/api/v1/campaigns/${campaignId}/enrollments`, {
      contactIds,
    });
    expect(enrolled.status).toBe(202);
    await app.app.get(DueWorkScanner).scanOnce();
  }

  it('moves every contact past its webhook without another scan', async () => {
    const contacts = await Promise.all(
      Array.from({ length: 30 }, (_, n) => aContact(ws, { email: `handed-${n}@example.com` })),
    );
    const campaign = await aLiveCampaign(ws, webhookThenTag(`${receiver.url}/ok`, 'stop'));
    await runOneScan(
      campaign,
      contacts.map((contact) => contact.id),
    );

    for (const contact of contacts) {
      const [enrollment] = await eventually(async () => {
        const rows = await enrollmentsOf(app, campaign, contact.id);
        return rows[0]?.state === 'completed' ? rows : undefined;
      });
      expect(enrollment.node_id).toBe('after');
    }
    expect(receiver.at('/ok')).toHaveLength(30);
    const [{ leased }] = await app.db.query(
      `SELECT count(*)::int AS leased FROM enrollments WHERE campaign_id = $1 AND lease_until IS NOT NULL`,
      [campaign],
    );
    expect(leased).toBe(0);
  });

  it('moves a contact on per onFailure when its webhook failed for good', async () => {
    receiver.reply('/gone', { status: 410 });
    const contact = await aContact(ws, { email: 'failed-hand-off@example.com' });
    const campaign = await aLiveCampaign(ws, webhookThenTag(`${receiver.url}/gone`, 'continue'));
    await runOneScan(campaign, [contact.id]);

    const [enrollment] = await eventually(async () => {
      const rows = await enrollmentsOf(app, campaign, contact.id);
      return rows[0]?.state === 'completed' ? rows : undefined;
    });
    expect(enrollment.node_id).toBe('after');
    const { body } = await ws.client.get(`/api/v1/deliveries?campaignId=${campaign}`);
    expect(body.data[0]).toMatchObject({ status: 'failed', lastStatus: 410 });
  });

  it('leaves a contact of a campaign paused meanwhile where it is, and moves it at the first scan after resuming', async () => {
    const slow = await UnrulyReceiver.start();
    try {
      const url = slow.on('/slow', { answer: 200, afterMs: 1_500 });
      const contact = await aContact(ws, { email: 'paused-meanwhile@example.com' });
      const campaign = await aLiveCampaign(ws, webhookThenTag(url, 'stop'));
      await runOneScan(campaign, [contact.id]);

      await eventually(async () => slow.arrivals.length === 1);
      expect((await ws.client.post(`/api/v1/campaigns/${campaign}/pause`, {})).status).toBe(200);
      const delivered = async () => {
        const { body } = await ws.client.get(`/api/v1/deliveries?campaignId=${campaign}`);
        return body.data[0]?.status === 'succeeded';
      };
      await eventually(delivered);
      // The step runner has seen the campaign paused, and freed the row's lease.
      await eventually(async () => {
        const [{ lease_until }] = await app.db.query(
          `SELECT lease_until FROM enrollments WHERE campaign_id = $1`,
          [campaign],
        );
        return lease_until === null;
      });
      expect((await enrollmentsOf(app, campaign, contact.id))[0]).toMatchObject({
        node_id: 'hook',
        state: 'waiting',
      });

      expect((await ws.client.post(`/api/v1/campaigns/${campaign}/resume`, {})).status).toBe(200);
      await app.app.get(DueWorkScanner).scanOnce();
      const [enrollment] = await eventually(async () => {
        const rows = await enrollmentsOf(app, campaign, contact.id);
        return rows[0]?.state === 'completed' ? rows : undefined;
      }, 5_000);
      expect(enrollment.node_id).toBe('after');
    } finally {
      await slow.close();
    }
  });
});
