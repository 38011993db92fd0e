import { createTestDatabase, testDatabaseMode } from '@tideway/server/testing';
import type { TestDatabase } from '@tideway/server/testing';
import { DueAgeSampler, faultSeed, pause, seededRandom, waitUntil } from './support/fault-probes';
import { deleteQueueKeys } from './support/queue-keys';
import { FAULT_ENGINE_ENV, stuckBoundMs, WebhookCampaignRun } from './support/webhook-campaign-run';
import type { WebhookIdReceiver } from './support/webhook-id-receiver';
import { startWebhookIdReceiver } from './support/webhook-id-receiver';
import { WorkerPool } from './support/worker-pool';

/**
 * kill -9 of workers, again and again, while contacts flow through a webhook
 * campaign. CI runs a modest size; `npm run test:soak` (SOAK=1) the long one.
 */
const SIZE = process.env.SOAK
  ? { contacts: 10_000, workers: 3, kills: 20, timeoutMs: 900_000 }
  : { contacts: 2_000, workers: 3, kills: 4, timeoutMs: 240_000 };
/** Enrollment requests: BATCH contacts every INTERVAL_MS at most. */
const BATCH = 20;
const INTERVAL_MS = 300;

const scaled = testDatabaseMode() === 'postgres' ? describe : describe.skip;

// manual -> add tag "first" -> Send a Webhook -> add tag "second" -> end
scaled(
  `workers killed with SIGKILL, ${SIZE.kills} times, during ${SIZE.contacts} enrollments`,
  () => {
    let database: TestDatabase;
    let receiver: WebhookIdReceiver;
    let run: WebhookCampaignRun | undefined;
    let workers: WorkerPool | undefined;
    let sampler: DueAgeSampler | undefined;

    beforeAll(async () => {
      database = await createTestDatabase();
      receiver = await startWebhookIdReceiver();
    });
    afterAll(async () => {
      await sampler?.stop();
      await workers?.stopAll();
      await run?.close();
      await receiver?.close();
      if (database) await deleteQueueKeys(database.env.REDIS_URL, database.env.QUEUE_PREFIX);
      await database?.drop();
    });

    it(
      'loses no enrollment, leaves none standing still longer than twice the lease, and sends each contact one webhook-id',
      async () => {
        const started = Date.now();
        const seed = faultSeed();
        const random = seededRandom(seed);
        const env = { ...database.env, ...FAULT_ENGINE_ENV };
        const lease = Number(env.ENGINE_LEASE_MS);
        const current = await WebhookCampaignRun.prepare({
          env,
          contacts: SIZE.contacts,
          receiverUrl: receiver.url,
        });
        run = current;
        workers = new WorkerPool(env);
        await workers.start(SIZE.workers);
        sampler = new DueAgeSampler(run.db).start();
        run.startPolling();

        let enrolled = false;
        const enrolling = run.enrollPaced(BATCH, INTERVAL_MS).finally(() => (enrolled = true));
        let killedWhileEnrolling = 0;
        for (let kill = 0; kill < SIZE.kills; kill++) {
          // Two leases apart or more: what a kill strands is claimed again within a lease and has
          // another one to finish before the next kill, so a contact meets at most one (two in a row
          // would rightly cost two leases, and more than the bound).
          await pause(2 * lease + random() * 1000);
          // Strike while work is leased, so that the kill strands something.
          await waitUntil(
            async () => enrolled || (await current.leased()) > 0,
            10_000,
            'work in flight',
          );
          if (!enrolled) killedWhileEnrolling++;
          await workers.killOne(random);
        }
        await enrolling;
        await workers.settle();
        await run.waitUntilAllCompleted(120_000);
        await sampler.stop();

        const facts = await run.facts(receiver);
        const bound = stuckBoundMs(env);
        console.info(
          [
            `worker kills (seed ${seed}): ${workers.kills} kill -9 of ${SIZE.workers} workers survived, ${SIZE.contacts} enrollments, ${Math.round((Date.now() - started) / 1000)} s`,
            `errors logged by workers: ${workers.logged('error')}, warnings: ${workers.logged('warn')}`,
            `redeliveries: ${facts.redeliveries} of ${SIZE.contacts} webhooks (the same webhook-id again)`,
            `longest a contact stood still: enrollment ${Math.round(sampler.maxEnrollmentMs)} ms, delivery ${Math.round(sampler.maxDeliveryMs)} ms (bound ${bound} ms, ${sampler.samples} samples; longest seen: ${JSON.stringify(sampler.oldest)})`,
            `API answers: ${run.tally.summary()}; 500s seen: ${run.tally.serverErrors}`,
            `kills at ${workers.killedAt.map((at) => at.toISOString().slice(11, 23)).join(', ')}; slowest hops:`,
            ...(await run.slowestHops()),
          ].join('\n'),
        );

        expect(workers.kills).toBe(SIZE.kills);
        expect(killedWhileEnrolling).toBe(SIZE.kills);
        expect(workers.crashed()).toEqual([]);
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
        expect(sampler.maxMs).toBeLessThanOrEqual(bound);
        expect(run.tally.serverErrors).toBe(0);
      },
      SIZE.timeoutMs,
    );
  },
);
