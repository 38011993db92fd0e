/**
 * A request cannot be taken back, so a delivery job sends only the rows that
 * still hold the lease the job was made with, or whose lease ran out, and
 * leases them afresh before it sends: a webhook goes out once however its
 * job is doubled (the scanner claiming a row again while its first job
 * waited in the queue; Bull running a stalled job a second time), and every
 * request sent is an attempt logged. Here the scanner runs once at start-up
 * and then not for an hour, and the runner is called as the delivery queue
 * calls it, with a hook's test delivery.
 */
import { DeliveryRunner } from '@tideway/server';
import { aHook, HOOK_ENV } from './support/hooks';
import { Receiver } from './support/receiver';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const AN_HOUR_MS = 60 * 60 * 1000;
const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000);

describe('a delivery job', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let receiver: Receiver;
  let hookId: string;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await startTestApp({
      ...HOOK_ENV,
      RUN_WORKER: 'true',
      ENGINE_SCAN_MS: String(AN_HOUR_MS),
    });
    ws = await aWorkspace(app);
    hookId = (await aHook(ws, { target_url: `${receiver.url}/hook`, event: 'contact_created' })).id;
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  /** A pending delivery (the hook's test ping), leased until `leaseUntil` as a claim would leave it. */
  async function aPendingDelivery(leaseUntil: Date | null) {
    const res = await ws.client.post(`/api/v1/hooks/${hookId}/test`);
    expect(res.status).toBe(202);
    const { deliveryId, webhookId } = res.body as { deliveryId: string; webhookId: string };
    await app.db.query(`UPDATE deliveries SET lease_until = $2 WHERE id = $1`, [
      deliveryId,
      leaseUntil,
    ]);
    return {
      deliveryId,
      sent: () => receiver.received.filter((r) => r.headers['webhook-id'] === webhookId).length,
    };
  }

  async function stateOf(deliveryId: string) {
    const [row] = await app.db.query(
      `SELECT status, attempts, (SELECT count(*)::int FROM delivery_attempts a WHERE a.delivery_id = d.id) AS logged
         FROM deliveries d WHERE id = $1`,
      [deliveryId],
    );
    return row as { status: string; attempts: number; logged: number };
  }

  const deliverMany = (ids: string[], leasedUntil: Date | null) =>
    app.app.get(DeliveryRunner).deliverMany(ids, leasedUntil);

  it('sends nothing for a row claimed again since it was made, and the later claim sends it', async () => {
    const firstClaim = inSeconds(60);
    const secondClaim = inSeconds(90);
    const delivery = await aPendingDelivery(secondClaim);

    await deliverMany([delivery.deliveryId], firstClaim);
    expect(delivery.sent()).toBe(0);
    expect(await stateOf(delivery.deliveryId)).toEqual({
      status: 'pending',
      attempts: 0,
      logged: 0,
    });

    await deliverMany([delivery.deliveryId], secondClaim);
    expect(delivery.sent()).toBe(1);
    expect(await stateOf(delivery.deliveryId)).toEqual({
      status: 'succeeded',
      attempts: 1,
      logged: 1,
    });
  });

  it('sends once when the same job runs twice at the same time', async () => {
    const claim = inSeconds(60);
    const delivery = await aPendingDelivery(claim);

    await Promise.all([
      deliverMany([delivery.deliveryId], claim),
      deliverMany([delivery.deliveryId], claim),
    ]);
    expect(delivery.sent()).toBe(1);
    expect(await stateOf(delivery.deliveryId)).toEqual({
      status: 'succeeded',
      attempts: 1,
      logged: 1,
    });
  });

  it('sends a row whose lease ran out, whichever job comes for it', async () => {
    const expired = await aPendingDelivery(inSeconds(-5));
    await deliverMany([expired.deliveryId], inSeconds(60));
    expect(expired.sent()).toBe(1);

    // A job from before leases were named, for a row nobody holds.
    const unleased = await aPendingDelivery(null);
    await deliverMany([unleased.deliveryId], null);
    expect(unleased.sent()).toBe(1);
    expect(await stateOf(unleased.deliveryId)).toEqual({
      status: 'succeeded',
      attempts: 1,
      logged: 1,
    });
  });
});
