import { ManualClock } from '@tideway/server';
import { aContact } from './support/contacts';
import {
  aGraph,
  aLiveCampaign,
  chain,
  ENGINE_ENV,
  enrollmentsOf,
  eventually,
} from './support/engine';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';
import { UnrulyReceiver } from './support/unruly-receiver';

/**
 * Receivers that misbehave, met through the whole engine: the step writes the
 * delivery, the worker sends it, the attempt is recorded and the contact goes
 * on. (What the HTTP client does with each case on its own is in
 * libs/server/src/deliveries/http/webhook-http-client.spec.ts; plain 5xx
 * retries and 410 are in webhooks.spec.ts.)
 */
describe('Send a Webhook to receivers that misbehave', () => {
  const clock = new ManualClock();
  let app: TestApp;
  let ws: TestWorkspace;
  let receiver: UnrulyReceiver;

  beforeAll(async () => {
    receiver = await UnrulyReceiver.start();
    app = await startTestApp(
      {
        ...ENGINE_ENV,
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOWED_PRIVATE_HOSTS: '127.0.0.1',
        WEBHOOK_RETRY_BASE_MS: '20',
      },
      { clock, random: () => 0.5 },
    );
    ws = await aWorkspace(app);
    await ws.client.post('/api/v1/fields', { key: 'crmId', label: 'CRM ID', type: 'text' });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  // manual -> Send a Webhook -> add tag "sent" -> end
  async function send(config: Record<string, unknown>) {
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          [
            'hook',
            'action.sendWebhook',
            {
              method: 'POST',
              contentType: 'form',
              body: { mode: 'postData', template: 'id=[Contact ID]' },
              ...config,
            },
          ],
          ['sent', 'action.addTag', { tag: 'sent' }],
          ['done', 'end'],
        ],
        chain('start', 'hook', 'sent', 'done'),
      ),
    );
    const contact = await aContact(ws);
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] });
    return { campaign, contact };
  }

  async function ended(campaign: string, contactId: string) {
    const enrollment = await eventually(async () => {
      const [e] = await enrollmentsOf(app, campaign, contactId);
      return e && (e.state === 'completed' || e.state === 'exited') ? e : undefined;
    });
    const { body } = await ws.client.get(`/api/v1/deliveries?campaignId=${campaign}`);
    const detail = await ws.client.get(`/api/v1/deliveries/${body.data[0].id}`);
    return { enrollment, delivery: detail.body };
  }

  it('answering 5 MB: succeeds, logs the first 16 KB, and saves no value from a body it did not read whole', async () => {
    const url = receiver.on('/huge', { hugeBody: 5 * 1024 * 1024 });
    const { campaign, contact } = await send({
      url,
      logResponseBody: true,
      saveResponse: { path: 'id', field: 'crmId' },
    });
    const { enrollment, delivery } = await ended(campaign, contact.id);

    expect(enrollment.state).toBe('completed');
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: [{ attempt: 1, error: null, response: { status: 200, bodyTruncated: true } }],
    });
    expect(Buffer.byteLength(delivery.attempts[0].response.body)).toBeLessThanOrEqual(16 * 1024);
    const saved = (await ws.client.get(`/api/v1/contacts/${contact.id}`)).body;
    expect(saved.tags).toEqual(['sent']);
    expect(saved.fields).not.toHaveProperty('crmId');
  });

  it('answering 3xx: does not follow the Location, counts it a failure and tries again under the same webhook-id', async () => {
    const elsewhere = receiver.on('/elsewhere', { answer: 200 });
    const url = receiver.on('/moved', { answer: 302, headers: { location: elsewhere } });
    const { campaign, contact } = await send({ url, maxAttempts: 2, onFailure: 'continue' });
    const { enrollment, delivery } = await ended(campaign, contact.id);

    expect(receiver.at('/elsewhere')).toEqual([]);
    expect(receiver.at('/moved').map((arrival) => arrival.webhookId)).toEqual([
      delivery.webhookId,
      delivery.webhookId,
    ]);
    expect(delivery).toMatchObject({ status: 'failed', lastStatus: 302, lastError: 'HTTP 302' });
    expect(enrollment.state).toBe('completed');
  });

  it('timing out: records a timeout, then succeeds on the next attempt under the same webhook-id', async () => {
    const url = receiver.on('/stuck', 'hang', { answer: 200 });
    const { campaign, contact } = await send({ url, timeoutMs: 300 });
    const { enrollment, delivery } = await ended(campaign, contact.id);

    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: [
        { attempt: 1, response: null },
        { attempt: 2, error: null },
      ],
    });
    expect(delivery.attempts[0].error).toMatch(/^timeout: /);
    expect(new Set(receiver.at('/stuck').map((arrival) => arrival.webhookId))).toEqual(
      new Set([delivery.webhookId]),
    );
    expect(enrollment.state).toBe('completed');
  });

  it('resetting the connection: records a reset, then succeeds on the next attempt', async () => {
    const url = receiver.on('/reset', 'reset', { answer: 200 });
    const { campaign, contact } = await send({ url });
    const { enrollment, delivery } = await ended(campaign, contact.id);

    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: [
        { attempt: 1, response: null },
        { attempt: 2, error: null },
      ],
    });
    expect(delivery.attempts[0].error).toMatch(/^reset: /);
    expect(enrollment.state).toBe('completed');
  });

  it('answering slowly, within the timeout: one attempt, and the contact waits for it', async () => {
    const url = receiver.on('/slow', { answer: 200, afterMs: 1_500 });
    const { campaign, contact } = await send({ url, timeoutMs: 5_000 });
    const { enrollment, delivery } = await ended(campaign, contact.id);

    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: [{ attempt: 1, error: null, response: { status: 200 } }],
    });
    expect(delivery.attempts[0].durationMs).toBeGreaterThanOrEqual(1_400);
    expect(enrollment.state).toBe('completed');
  });

  it('answering 429 with Retry-After: waits as long as asked (not the shorter backoff), then sends again under the same webhook-id', async () => {
    const url = receiver.on(
      '/busy',
      { answer: 429, headers: { 'retry-after': '120' } },
      { answer: 200 },
    );
    const { campaign, contact } = await send({ url });
    const retrying = await eventually(async () => {
      const { body } = await ws.client.get(`/api/v1/deliveries?campaignId=${campaign}`);
      return body.data[0]?.status === 'retrying' ? body.data[0] : undefined;
    });
    const firstAt = new Date(retrying.updatedAt).getTime();
    expect(new Date(retrying.nextAttemptAt).getTime() - firstAt).toBeGreaterThanOrEqual(120_000);

    clock.advance(60_000);
    // The scanner runs every 20 ms: give it rounds to (wrongly) send early.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.at('/busy')).toHaveLength(1);

    clock.advance(61_000);
    const { enrollment, delivery } = await ended(campaign, contact.id);
    expect(delivery).toMatchObject({
      status: 'succeeded',
      attempts: [
        { attempt: 1, response: { status: 429 } },
        { attempt: 2, error: null },
      ],
    });
    expect(receiver.at('/busy').map((arrival) => arrival.webhookId)).toEqual([
      delivery.webhookId,
      delivery.webhookId,
    ]);
    expect(enrollment.state).toBe('completed');
  });
});
