import { countEnrollments } from '@tideway/server';
import { aContact } from './support/contacts';
import {
  aGraph,
  aLiveCampaign,
  chain,
  ENGINE_ENV,
  enrollmentsOf,
  eventually,
} from './support/engine';
import type { Scrape } from './support/prometheus';
import { scrape } from './support/prometheus';
import { Receiver } from './support/receiver';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const ENROLLMENT_STATES = ['ready', 'waiting', 'completed', 'exited'];

describe('GET /metrics', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await startTestApp({
      ...ENGINE_ENV,
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
      WEBHOOK_RETRY_BASE_MS: '20',
      // Every scrape reads the database afresh, so the gauges follow the contacts at once.
      METRICS_CACHE_SECONDS: '0',
    });
    ws = await aWorkspace(app);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  /** Scrapes until `done` holds: the counters move after each batch commits, a moment after the rows. */
  function scrapeUntil(done: (metrics: Scrape) => boolean): Promise<Scrape> {
    return eventually(async () => {
      const metrics = await scrape(app.http);
      return done(metrics) ? metrics : undefined;
    });
  }

  it('answers the Prometheus text format without credentials, tideway_ metrics and Node process metrics', async () => {
    const res = await app.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = await scrape(app.http);

    expect(metrics.family('tideway_steps_total')?.type).toBe('COUNTER');
    expect(metrics.family('tideway_deliveries_total')?.type).toBe('COUNTER');
    expect(metrics.family('tideway_delivery_duration_seconds')?.type).toBe('HISTOGRAM');
    for (const outcome of ['succeeded', 'retrying', 'failed']) {
      expect(metrics.sample('tideway_deliveries_total', { outcome })).toBeDefined();
    }
    expect(metrics.family('tideway_enrollments')?.type).toBe('GAUGE');
    for (const state of ENROLLMENT_STATES)
      expect(metrics.value('tideway_enrollments', { state })).toBe(0);
    expect(metrics.sample('tideway_waits_due')?.value).toBe('0');
    for (const queue of ['step', 'deliver'])
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(metrics.sample('tideway_queue_jobs', { queue, state })).toBeDefined();

    expect(metrics.family('process_cpu_user_seconds_total')?.type).toBe('COUNTER');
    expect(metrics.family('process_resident_memory_bytes')?.type).toBe('GAUGE');
    expect(metrics.family('nodejs_heap_size_used_bytes')?.type).toBe('GAUGE');
    expect(metrics.family('nodejs_eventloop_lag_seconds')).toBeDefined();
  });

  // manual -> Send a Webhook -> add tag "sent" -> wait 1 day
  it('counts the steps and the deliveries as contacts move, and the enrollments by state', async () => {
    const before = await scrape(app.http);
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          [
            'hook',
            'action.sendWebhook',
            {
              url: `${receiver.url}/crm`,
              method: 'POST',
              contentType: 'form',
              body: { mode: 'postData', template: 'Email=[Email]' },
            },
          ],
          ['sent', 'action.addTag', { tag: 'sent' }],
          ['later', 'wait.delay', { amount: 1, unit: 'days' }],
        ],
        chain('start', 'hook', 'sent', 'later'),
      ),
    );
    const contacts = [await aContact(ws), await aContact(ws), await aContact(ws)];
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
      contactIds: contacts.map((c) => c.id),
    });
    await eventually(async () => {
      const all = await Promise.all(
        contacts.map((contact) => enrollmentsOf(app, campaign, contact.id)),
      );
      return all.every(([e]) => e?.state === 'waiting' && e.waiting_for === 'time');
    });
    expect(receiver.at('/crm')).toHaveLength(3);

    const step = (metrics: Scrape, type: string, outcome: string) =>
      metrics.value('tideway_steps_total', { type, outcome }) -
      before.value('tideway_steps_total', { type, outcome });
    const after = await scrapeUntil((metrics) => step(metrics, 'wait.delay', 'waiting') === 3);
    expect(step(after, 'trigger.manual', 'entered')).toBe(3);
    expect(step(after, 'action.sendWebhook', 'sending')).toBe(3);
    expect(step(after, 'action.addTag', 'done')).toBe(3);
    expect(
      after.value('tideway_deliveries_total', { outcome: 'succeeded' }) -
        before.value('tideway_deliveries_total', { outcome: 'succeeded' }),
    ).toBe(3);
    const durations = after.sample('tideway_delivery_duration_seconds');
    expect(
      Number(durations?.count) - Number(before.sample('tideway_delivery_duration_seconds')?.count),
    ).toBe(3);
    expect(Number(durations?.buckets?.['+Inf'])).toBe(Number(durations?.count));
    expect(Number(durations?.sum)).toBeGreaterThan(0);

    expect(after.value('tideway_enrollments', { state: 'waiting' })).toBe(3);
    expect(after.value('tideway_enrollments', { state: 'ready' })).toBe(0);
    expect(after.value('tideway_waits_due')).toBe(0);
  });

  // manual -> Send a Webhook (2 attempts, receiver down, continue) -> end
  it('counts a retried attempt and a failed delivery, and the contact that completed', async () => {
    receiver.reply('/down', { status: 500 });
    const before = await scrape(app.http);
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          [
            'hook',
            'action.sendWebhook',
            {
              url: `${receiver.url}/down`,
              method: 'POST',
              contentType: 'json',
              body: { mode: 'postData', template: '{"email":"[Email]"}' },
              maxAttempts: 2,
              onFailure: 'continue',
            },
          ],
          ['done', 'end'],
        ],
        chain('start', 'hook', 'done'),
      ),
    );
    const contact = await aContact(ws);
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] });

    const delta = (metrics: Scrape, name: string, labels: Record<string, string>) =>
      metrics.value(name, labels) - before.value(name, labels);
    const after = await scrapeUntil(
      (metrics) =>
        delta(metrics, 'tideway_steps_total', { type: 'end', outcome: 'completed' }) === 1,
    );
    expect(delta(after, 'tideway_deliveries_total', { outcome: 'retrying' })).toBe(1);
    expect(delta(after, 'tideway_deliveries_total', { outcome: 'failed' })).toBe(1);
    expect(delta(after, 'tideway_deliveries_total', { outcome: 'succeeded' })).toBe(0);
    expect(after.value('tideway_enrollments', { state: 'completed' })).toBe(
      before.value('tideway_enrollments', { state: 'completed' }) + 1,
    );
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const token = 'a-metrics-token-of-some-length';
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    // No engine in this process: rows stay where a test puts them.
    app = await startTestApp({
      RUN_WORKER: 'false',
      METRICS_TOKEN: token,
      METRICS_CACHE_SECONDS: '0',
    });
    ws = await aWorkspace(app);
  });
  afterAll(() => app.close());

  it('answers 401 without the token or with another, 200 with it', async () => {
    const none = await app.http.get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(
      (await app.http.get('/metrics', { headers: { authorization: `Bearer ${token}x` } })).status,
    ).toBe(401);
    expect(
      (await app.http.get('/metrics', { headers: { authorization: 'Bearer short' } })).status,
    ).toBe(401);
    // An API key is not the metrics token.
    expect((await ws.client.get('/metrics')).status).toBe(401);

    const metrics = await scrape(app.http, { authorization: `Bearer ${token}` });
    expect(metrics.family('tideway_steps_total')).toBeDefined();
  });

  // manual -> wait 1 hour, with the contacts put straight into the wait by the test
  it('counts as due the waits of live campaigns whose time has passed', async () => {
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['pause', 'wait.delay', { amount: 1, unit: 'hours' }],
        ],
        chain('start', 'pause'),
      ),
    );
    const contacts = [await aContact(ws), await aContact(ws), await aContact(ws)];
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
      contactIds: contacts.map((c) => c.id),
    });
    const [due, notYet] = [contacts.slice(0, 2), contacts[2]];
    await app.db.query(
      `UPDATE enrollments SET node_id = 'pause', state = 'waiting', waiting_for = 'time', run_at = now() - interval '1 minute'
        WHERE campaign_id = $1 AND contact_id = ANY ($2::uuid[])`,
      [campaign, due.map((c) => c.id)],
    );
    await app.db.query(
      `UPDATE enrollments SET node_id = 'pause', state = 'waiting', waiting_for = 'time', run_at = now() + interval '1 hour'
        WHERE campaign_id = $1 AND contact_id = $2`,
      [campaign, notYet.id],
    );
    const auth = { authorization: `Bearer ${token}` };
    const live = await scrape(app.http, auth);
    expect(live.value('tideway_waits_due')).toBe(2);
    expect(live.value('tideway_enrollments', { state: 'waiting' })).toBe(3);

    // A paused campaign's contacts are not due: nothing will move them.
    expect((await ws.client.post(`/api/v1/campaigns/${campaign}/pause`, {})).status).toBe(200);
    expect((await scrape(app.http, auth)).value('tideway_waits_due')).toBe(0);
  });

  it('estimates enrollments by state from the planner statistics once the table is large', async () => {
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['done', 'end'],
        ],
        chain('start', 'done'),
      ),
    );
    const contacts = [await aContact(ws), await aContact(ws)];
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
      contactIds: contacts.map((c) => c.id),
    });
    await app.db.query('ANALYZE enrollments');
    // A limit of 0 rows takes the path of a large table on this small one.
    const estimate = await countEnrollments(app.db.manager, new Date(), 0);
    expect(estimate.estimated).toBe(true);
    expect(estimate.byState).toEqual(
      await countEnrollments(app.db.manager, new Date()).then((exact) => exact.byState),
    );
  });
});
