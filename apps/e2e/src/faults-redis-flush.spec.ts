import { Redis } from 'ioredis';
import { createTestDatabase, testDatabaseMode } from '@tideway/server/testing';
import type { TestDatabase } from '@tideway/server/testing';
import { DueAgeSampler, pause, waitUntil } from './support/fault-probes';
import type { PrivateRedis } from './support/private-servers';
import { startPrivateRedis } from './support/private-servers';
import { FAULT_ENGINE_ENV, stuckBoundMs, WebhookCampaignRun } from './support/webhook-campaign-run';
import type { WebhookIdReceiver } from './support/webhook-id-receiver';
import { startWebhookIdReceiver } from './support/webhook-id-receiver';
import { WorkerPool } from './support/worker-pool';

/**
 * Redis loses everything (FLUSHALL on a redis-server of the test's own)
 * while contacts flow through a webhook campaign: every queued job, Bull's
 * bookkeeping and the locks of the jobs in work. The enrollment and delivery
 * rows in PostgreSQL are the truth: the rows whose jobs were lost are
 * claimed again when their lease ends, and every contact gets through.
 */
const SIZE = process.env.SOAK
  ? { contacts: 6_000, flushes: 4, burst: 600 }
  : { contacts: 2_000, flushes: 2, burst: 500 };
const BATCH = 25;
const INTERVAL_MS = 300;

const scaled = testDatabaseMode() === 'postgres' ? describe : describe.skip;

type QueuedRows = { enrollmentIds: string[]; deliveryIds: string[]; jobs: number };

/** The rows named by the jobs waiting in Bull's lists (what a flush loses before anyone works on it). */
async function waitingRows(redis: Redis, prefix: string): Promise<QueuedRows> {
  const rows: QueuedRows = { enrollmentIds: [], deliveryIds: [], jobs: 0 };
  for (const queue of ['step', 'deliver'] as const) {
    for (const jobId of await redis.lrange(`${prefix}:${queue}:wait`, 0, -1)) {
      const data = await redis.hget(`${prefix}:${queue}:${jobId}`, 'data');
      const ids: string[] = data ? (JSON.parse(data).ids ?? []) : [];
      rows.jobs++;
      (queue === 'step' ? rows.enrollmentIds : rows.deliveryIds).push(...ids);
    }
  }
  return rows;
}

// manual -> add tag "first" -> Send a Webhook -> add tag "second" -> end
scaled(`Redis flushed ${SIZE.flushes} times during ${SIZE.contacts} enrollments`, () => {
  let database: TestDatabase;
  let redis: PrivateRedis;
  let receiver: WebhookIdReceiver;
  let run: WebhookCampaignRun | undefined;
  let workers: WorkerPool | undefined;
  let sampler: DueAgeSampler | undefined;
  let admin: Redis | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startPrivateRedis();
    receiver = await startWebhookIdReceiver();
  });
  afterAll(async () => {
    admin?.disconnect();
    await sampler?.stop();
    await workers?.stopAll();
    await run?.close();
    await receiver?.close();
    await redis?.stop();
    await database?.drop();
  });

  it(
    'rebuilds the queues from PostgreSQL: the rows whose jobs were lost come back once their lease ends, every enrollment completes, each contact under one webhook-id',
    async () => {
      const started = Date.now();
      const env = { ...database.env, REDIS_URL: redis.url, ...FAULT_ENGINE_ENV };
      const current = await WebhookCampaignRun.prepare({
        env,
        contacts: SIZE.contacts,
        receiverUrl: receiver.url,
      });
      run = current;
      workers = new WorkerPool(env);
      await workers.start(3);
      sampler = new DueAgeSampler(run.db).start();
      run.startPolling();
      const queues = new Redis(redis.url);
      admin = queues;
      const flushes: { at: Date; lost: QueuedRows }[] = [];

      // The contacts are enrolled in a steady flow, plus one burst before each flush, sent to a receiver
      // slow for the while: more deliveries than the workers send at once, so jobs wait in the queue to be lost.
      const bursts = Array.from({ length: SIZE.flushes }, (_, i) =>
        current.contactIds.slice(i * SIZE.burst, (i + 1) * SIZE.burst),
      );
      const steady = current.contactIds.slice(SIZE.flushes * SIZE.burst);
      const enrolling = run.enrollPaced(BATCH, INTERVAL_MS, steady);
      for (const burst of bursts) {
        await pause(2 * Number(env.ENGINE_LEASE_MS));
        receiver.answerAfter(300);
        await current.enroll(burst);
        await waitUntil(
          async () => (await waitingRows(queues, env.QUEUE_PREFIX)).jobs >= 3,
          30_000,
          'jobs waiting in the queue',
        );
        const lost = await waitingRows(queues, env.QUEUE_PREFIX);
        await queues.flushall();
        flushes.push({ at: new Date(), lost });
        receiver.answerAfter(10);
      }
      await enrolling;
      await run.waitUntilAllCompleted(120_000);
      await sampler.stop();

      // For each row whose job was flushed: how long after the flush it moved on.
      let recoveredWithinMs = 0;
      for (const { at, lost } of flushes) {
        const { rows } = await run.db.query<{ ms: number | null }>(
          `SELECT extract(epoch FROM max(moved - $1::timestamptz)) * 1000 AS ms FROM (
             SELECT (SELECT min(s.at) FROM enrollment_steps s WHERE s.enrollment_id = e.id AND s.at >= $1) AS moved
               FROM enrollments e WHERE e.id = ANY ($2::uuid[])
             UNION ALL
             SELECT (SELECT min(a.at) FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.at >= $1)
               FROM deliveries d WHERE d.id = ANY ($3::uuid[])) moves`,
          [at, lost.enrollmentIds, lost.deliveryIds],
        );
        recoveredWithinMs = Math.max(recoveredWithinMs, Number(rows[0].ms ?? 0));
      }

      const facts = await run.facts(receiver);
      // A lease for the lost job, and the burst still draining ahead of the rows claimed again (FIFO):
      // far below the 30 s after which Bull itself would look at jobs it lost track of.
      const bound = stuckBoundMs(env) + Number(env.ENGINE_LEASE_MS);
      const lostRows = flushes.map(
        ({ lost }) => lost.enrollmentIds.length + lost.deliveryIds.length,
      );
      console.info(
        [
          `Redis flushes: ${SIZE.flushes} FLUSHALL survived by 3 workers, ${SIZE.contacts} enrollments, ${Math.round((Date.now() - started) / 1000)} s`,
          `queued jobs lost: ${flushes.map(({ lost }) => lost.jobs).join(', ')} (rows: ${lostRows.join(', ')}); every such row moved on within ${Math.round(recoveredWithinMs)} ms of the flush (bound ${bound} ms)`,
          `errors logged by workers: ${workers.logged('error')}, warnings: ${workers.logged('warn')}`,
          `redeliveries: ${facts.redeliveries} of ${SIZE.contacts} webhooks (the same webhook-id again)`,
          `longest a contact stood still: enrollment ${Math.round(sampler.maxEnrollmentMs)} ms, delivery ${Math.round(sampler.maxDeliveryMs)} ms (bursts included)`,
          `API answers: ${run.tally.summary()}; 500s seen: ${run.tally.serverErrors}`,
        ].join('\n'),
      );

      expect(workers.crashed()).toEqual([]);
      expect(lostRows.every((rows) => rows > 0)).toBe(true);
      expect(recoveredWithinMs).toBeLessThanOrEqual(bound);
      expect(facts).toMatchObject({
        enrollments: SIZE.contacts,
        completed: SIZE.contacts,
        stepsRunTwice: 0,
        contactsWithBothTags: SIZE.contacts,
        deliveries: SIZE.contacts,
        deliveriesSucceeded: SIZE.contacts,
        contactsReceived: SIZE.contacts,
        contactsUnderSeveralIds: [],
        idsNotTheDeliverys: 0,
      });
      expect(run.tally.serverErrors).toBe(0);
    },
    process.env.SOAK ? 900_000 : 240_000,
  );
});
