import { testDatabaseMode } from '@tideway/server/testing';
import { DueAgeSampler, pause, waitUntil } from './support/fault-probes';
import type { PrivatePostgres, PrivateRedis } from './support/private-servers';
import { startPrivatePostgres, startPrivateRedis } from './support/private-servers';
import { FAULT_ENGINE_ENV, stuckBoundMs, WebhookCampaignRun } from './support/webhook-campaign-run';
import type { WebhookIdReceiver } from './support/webhook-id-receiver';
import { startWebhookIdReceiver } from './support/webhook-id-receiver';
import { WorkerPool } from './support/worker-pool';

/**
 * PostgreSQL restarts (`pg_ctl restart -m fast`: every connection cut, the
 * server away for a moment) while contacts flow through a webhook campaign,
 * then stops for a second.
 * The cluster is the test's own, started with initdb in a temporary
 * directory; the shared server is never touched.
 */
const SIZE = process.env.SOAK ? { contacts: 6_000, restarts: 4 } : { contacts: 2_000, restarts: 2 };
const BATCH = 25;
const INTERVAL_MS = 300;

// Runs in the scaled configuration, beside the other tests of PostgreSQL + Redis.
const scaled = testDatabaseMode() === 'postgres' ? describe : describe.skip;

// manual -> add tag "first" -> Send a Webhook -> add tag "second" -> end
scaled(`PostgreSQL restarted ${SIZE.restarts} times during ${SIZE.contacts} enrollments`, () => {
  let postgres: PrivatePostgres;
  let redis: PrivateRedis;
  let receiver: WebhookIdReceiver;
  let run: WebhookCampaignRun | undefined;
  let workers: WorkerPool | undefined;
  let sampler: DueAgeSampler | undefined;

  beforeAll(async () => {
    [postgres, redis, receiver] = await Promise.all([
      startPrivatePostgres(),
      startPrivateRedis(),
      startWebhookIdReceiver(),
    ]);
  });
  afterAll(async () => {
    await sampler?.stop();
    await workers?.stopAll();
    await run?.close();
    await receiver?.close();
    await redis?.stop();
    await postgres?.stop();
  });

  it(
    'workers and API log the outage and keep running, reconnect, and every enrollment completes: nothing lost, no 500',
    async () => {
      const started = Date.now();
      const env = {
        DATABASE_URL: await postgres.createDatabase('tideway_faults'),
        REDIS_URL: redis.url,
        QUEUE_PREFIX: 'tideway-faults',
        ...FAULT_ENGINE_ENV,
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
      const outagesMs: number[] = [];

      const enrolling = run.enrollPaced(BATCH, INTERVAL_MS);
      for (let restart = 1; restart <= SIZE.restarts; restart++) {
        const progress = (SIZE.contacts * restart) / (SIZE.restarts + 1);
        await waitUntil(
          async () => (await current.completed()) >= progress,
          120_000,
          `${progress} completed`,
        );
        await waitUntil(async () => (await current.leased()) > 0, 10_000, 'work in flight');
        const down = Date.now();
        await postgres.restart();
        outagesMs.push(Date.now() - down);
      }
      // And once away for a moment longer, asked meanwhile: the API says so (503), it does not fail (500).
      const down = Date.now();
      await postgres.shutDown();
      const duringOutage = await run.request('GET', `/api/v1/campaigns/${run.campaignId}/stats`);
      await pause(1_000);
      await postgres.start();
      outagesMs.push(Date.now() - down);
      await enrolling;
      await run.waitUntilAllCompleted(120_000);
      await sampler.stop();

      const facts = await run.facts(receiver);
      const bound = stuckBoundMs(env) + Math.max(...outagesMs);
      const lines = (output: string, level: string) =>
        output.split('\n').filter((line) => line.includes(`"level":"${level}"`));
      const logged = (output: string, level: string) => lines(output, level).length;
      console.info(
        [
          `PostgreSQL restarts: ${SIZE.restarts} and a stop-start (down ${outagesMs.join(', ')} ms) survived by the API and 3 workers, ${SIZE.contacts} enrollments, ${Math.round((Date.now() - started) / 1000)} s`,
          `errors logged: workers ${logged(workers.output(), 'error')}, API ${logged(run.api.output(), 'error')}; warnings: workers ${logged(workers.output(), 'warn')}, API ${logged(run.api.output(), 'warn')}`,
          ...lines(run.api.output(), 'error')
            .filter((line) => line.includes('answered 500'))
            .map((line) => `API answered 500: ${line.slice(0, 1500)}`),
          `redeliveries: ${facts.redeliveries} of ${SIZE.contacts} webhooks (the same webhook-id again)`,
          `longest a contact stood still: enrollment ${Math.round(sampler.maxEnrollmentMs)} ms, delivery ${Math.round(sampler.maxDeliveryMs)} ms (bound ${bound} ms: twice the lease, a scan and the outage; ${sampler.failedSamples} samples failed while down)`,
          `API answers: ${run.tally.summary()}; 500s seen: ${run.tally.serverErrors}`,
          'slowest hops:',
          ...(await run.slowestHops()),
        ].join('\n'),
      );

      expect(workers.crashed()).toEqual([]);
      expect(run.api.running()).toBe(true);
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
      expect(duringOutage).toMatchObject({ status: 503, body: { error: 'Service Unavailable' } });
      expect(sampler.maxMs).toBeLessThanOrEqual(bound);
      expect(run.tally.serverErrors).toBe(0);
    },
    process.env.SOAK ? 900_000 : 240_000,
  );
});
