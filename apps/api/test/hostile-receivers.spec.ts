import { aContact, aField } from './support/contacts';
import {
  aGraph,
  aLiveCampaign,
  chain,
  ENGINE_ENV,
  enrollmentsOf,
  eventually,
} from './support/engine';
import { HOOK_ENV } from './support/hooks';
import type { Reply } from './support/receiver';
import { Receiver } from './support/receiver';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

/**
 * What a receiver answers is data from outside, like a request body: a NUL
 * byte, invalid UTF-8, a JSON string spelling a lone surrogate, a huge body.
 * Each delivery is still recorded once (never re-sent because its log could
 * not be stored), the contact goes on, and a value saved from the answer is
 * stored as well as it can be.
 *
 *   [start: manual] -> [send: POST to the receiver, log the body, save `value` into nickname] -> [end]
 */
describe('deliveries to receivers that answer with hostile bodies', () => {
  let app: TestApp;
  let receiver: Receiver;
  let ws: TestWorkspace;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await startTestApp({ ...ENGINE_ENV, ...HOOK_ENV, WEBHOOK_RETRY_BASE_MS: '20' });
    ws = await aWorkspace(app);
    await aField(ws, { key: 'nickname', label: 'Nickname' });
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  async function deliverTo(path: string, reply: Reply) {
    receiver.reply(path, reply);
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          [
            'send',
            'action.sendWebhook',
            {
              url: `${receiver.url}${path}`,
              method: 'POST',
              contentType: 'json',
              body: { mode: 'postData', template: '{"email": [Email]}' },
              logResponseBody: true,
              saveResponse: { path: 'value', field: 'nickname' },
            },
          ],
          ['end', 'end'],
        ],
        chain('start', 'send', 'end'),
      ),
    );
    const contact = await aContact(ws);
    expect(
      (
        await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
          contactIds: [contact.id],
        })
      ).status,
    ).toBe(202);
    await eventually(
      async () => (await enrollmentsOf(app, campaign, contact.id))[0]?.state === 'completed',
    );
    const [delivery] = await app.db.query(
      `SELECT id, status, attempts FROM deliveries WHERE campaign_id = $1`,
      [campaign],
    );
    const detail = await ws.client.get(`/api/v1/deliveries/${delivery.id}`);
    const saved = (await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.fields.nickname;
    return { delivery, detail: detail.body, saved, sent: receiver.at(path).length };
  }

  it.each([
    // Not JSON (a raw control character in a string): logged, nothing saved.
    ['a NUL byte in the body', { status: 200, body: '{"value": "a\u0000b"}' }, undefined],
    ['a JSON escape of NUL', { status: 200, body: '{"value": "a\\u0000b"}' }, 'a\ufffdb'],
    [
      'a JSON escape of a lone surrogate',
      { status: 200, body: '{"value": "x\\ud800y"}' },
      'x\ufffdy',
    ],
    ['bytes that are not JSON', { status: 200, body: '{}\u00ff\u00fe\u0001\u001b[31m' }, undefined],
  ] as [string, Reply, string | undefined][])(
    'records a delivery answered with %s once, and the contact goes on',
    async (_name, reply, saved) => {
      const result = await deliverTo(`/hostile-${Math.random().toString(36).slice(2)}`, reply);
      expect(result.delivery).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(result.sent).toBe(1);
      expect(result.detail.attempts).toHaveLength(1);
      expect(result.detail.attempts[0].response.status).toBe(200);
      expect(result.detail.attempts[0].response.body).not.toContain('\u0000');
      expect(result.saved).toBe(saved);
    },
  );

  it('keeps only the start of a huge answer in the log', async () => {
    const result = await deliverTo('/huge', {
      status: 200,
      body: `{"value": "ok", "pad": "${'x'.repeat(3_000_000)}"}`,
    });
    expect(result.delivery).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(result.detail.attempts[0].response.bodyTruncated).toBe(true);
    expect(result.detail.attempts[0].response.body.length).toBeLessThan(100_000);
  });
});
