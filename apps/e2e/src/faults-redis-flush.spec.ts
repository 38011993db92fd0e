import { Redis } from 'ioredis';
import { createTestDatabase, testDatabaseMode } from '@tideway/server/testing';
import type { TestDatabase } from '@tideway/server/testing';
import { DueAgeSampler, pause } from './support/fault-probes';
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

/**
 * FLUSHALL once at least `atLeast` jobs wait in Bull's lists, atomically (a
 * script: nothing runs in between), answering the rows those jobs named:
 * what the flush took before any worker could start on it. nil when fewer
 * jobs wait, and nothing is flushed.
 */
const FLUSH_WHEN_WAITING = `
  local lost = {}
  for _, queue in ipairs({'step', 'deliver'}) do
    for _, id in ipairs(redis.call('LRANGE', ARGV[1] .. ':' .. queue .. ':wait', 0, -1)) do
      table.insert(lost, queue)
      table.insert(lost, redis.call('HGET', ARGV[1] .. ':' .. queue .. ':' .. id, 'data') or '{}')
    end
  end
  if #lost < 2 * tonumber(ARGV[2]) then return nil end
  redis.call('FLUSHALL')
  return lost`;

async function flushOnceJobsWait(
  redis: Redis,
  prefix: string,
  atLeast: number,
): Promise<QueuedRows> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const lost = (await redis.eval(FLUSH_WHEN_WAITING, 0, prefix, atLeast)) as string[] | null;
    if (lost) {
      const rows: QueuedRows = { enrollmentIds: [], deliveryIds: [], jobs: lost.length / 2 };
      for (let i = 0; i < lost.length; i += 2) {
        const ids: string[] = JSON.parse(lost[i + 1]).ids ?? [];
        (lost[i] === 'step' ? rows.enrollmentIds : rows.deliveryIds).push(...ids);
      }
      return rows;
    }
    if (Date.now() > deadline)
      throw new Error(`fewer than ${atLeast} jobs ever waited in the queue`);
    await pause(10);
  }
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
      // Few jobs at once per worker (2 of steps, 4 of deliveries), so that a burst queues some to lose.
      const env = {
        ...database.env,
        REDIS_URL: redis.url,
        ...FAULT_ENGINE_ENV,
        ENGINE_CONCURRENCY: '2',
      };
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
        receiver.answerAfter(1_000);
        await current.enroll(burst);
        const lost = await flushOnceJobsWait(queues, database.env.QUEUE_PREFIX, 3);
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
