import { createHmac } from 'node:crypto';
import { aContact } from './support/contacts';
import {
  aGraph,
  aLiveCampaign,
  chain,
  ENGINE_ENV,
  enrollmentsOf,
  eventually,
} from './support/engine';
import { Receiver } from './support/receiver';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const SECRET_BYTES = Buffer.from('0123456789abcdef0123456789abcdef');
const SECRET = `whsec_${SECRET_BYTES.toString('base64')}`;

/** Standard Webhooks, computed here from the spec, independently of the signer under test. */
function expectedSignature(id: string, timestamp: string, body: string): string {
  return `v1,${createHmac('sha256', SECRET_BYTES).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

describe('Send a Webhook, end to end', () => {
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
    });
    ws = await aWorkspace(app);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  // manual -> Send a Webhook -> add tag "sent"
  function webhookCampaign(config: Record<string, unknown>) {
    return aGraph(
      [
        ['start', 'trigger.manual'],
        ['hook', 'action.sendWebhook', { method: 'POST', contentType: 'form', ...config }],
        ['sent', 'action.addTag', { tag: 'sent' }],
      ],
      chain('start', 'hook', 'sent'),
    );
  }

  async function runThrough(graph: ReturnType<typeof aGraph>, contact: { id: string }) {
    const campaign = await aLiveCampaign(ws, graph);
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] });
    const ended = await eventually(async () => {
      const [e] = await enrollmentsOf(app, campaign, contact.id);
      return e && (e.state === 'completed' || e.state === 'exited') ? e : undefined;
    }).catch(async (error: Error) => {
      // Say where the contact and its delivery got stuck.
      const rows = await app.db.query(
        `SELECT e.node_id, e.state, e.waiting_for, d.status, d.attempts, d.last_error
           FROM enrollments e LEFT JOIN deliveries d ON d.enrollment_id = e.id WHERE e.campaign_id = $1`,
        [campaign],
      );
      throw new Error(`${error.message}: ${JSON.stringify(rows)}`);
    });
    const { body } = await ws.client.get(`/api/v1/deliveries?campaignId=${campaign}`);
    return { campaign, enrollment: ended, delivery: body.data[0] };
  }

  it('posts the rendered form, signed and authenticated, and the contact moves on', async () => {
    const contact = await aContact(ws, {
      firstName: 'Tom & Jerry',
      email: 'tom+jerry@example.com',
    });
    const { enrollment, delivery } = await runThrough(
      webhookCampaign({
        url: `${receiver.url}/crm`,
        body: {
          mode: 'postData',
          template: 'First_Name=[First Name]&Email=[Email]&source=tideway',
        },
        headers: [{ name: 'X-Campaign', value: '[Campaign Name]' }],
        auth: { type: 'basic', username: 'crm', password: 'hunter2' },
        secret: SECRET,
      }),
      contact,
    );
    expect(enrollment.state).toBe('completed');
    const [request] = receiver.at('/crm');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      First_Name: 'Tom & Jerry',
      Email: 'tom+jerry@example.com',
      source: 'tideway',
    });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from('crm:hunter2').toString('base64')}`,
    );
    const id = String(request.headers['webhook-id']);
    expect(id).toBe(delivery.webhookId);
    expect(request.headers['webhook-signature']).toBe(
      expectedSignature(id, String(request.headers['webhook-timestamp']), request.body),
    );
    expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.tags).toEqual(['sent']);

    const detail = await ws.client.get(`/api/v1/deliveries/${delivery.id}`);
    expect(detail.body).toMatchObject({
      status: 'succeeded',
      attempts: [{ attempt: 1, response: { status: 200 }, error: null }],
    });
    const logged = detail.body.attempts[0].request.headers;
    expect(logged).toContainEqual({ name: 'Authorization', value: 'Basic [redacted]' });
    expect(JSON.stringify(detail.body)).not.toContain('hunter2');

    const timeline = await ws.client.get(`/api/v1/contacts/${contact.id}/timeline`);
    expect(
      timeline.body.data.map(
        (entry: { kind: string; outcome: string }) => `${entry.kind}:${entry.outcome}`,
      ),
    ).toEqual(
      expect.arrayContaining([
        'enrollment:completed',
        'step:sending',
        'step:done',
        'delivery:succeeded',
      ]),
    );
    expect(
      timeline.body.data.find((entry: { kind: string }) => entry.kind === 'delivery').detail,
    ).toMatchObject({
      webhookId: delivery.webhookId,
      attempts: 1,
      lastStatus: 200,
    });
  });

  // Every awkward value, sent by the engine as form post data, as JSON and as a GET query,
  // decoded by the receiver and compared exactly.
  const CORPUS = [
    'Tom & Jerry',
    'a=b&c=d',
    '100% + more',
    '😀 emoji',
    '日本',
    'line1\nline2',
    'carriage\r\nreturn',
    '',
    '"quotes" and \\ backslash',
    '<script>alert(1)</script>',
    '#hash?query/../path',
    '[First Name] {{not a template}}',
  ];

  it('delivers every value of the fidelity corpus intact as form, JSON and GET', async () => {
    await ws.client.post('/api/v1/fields', { key: 'note', label: 'Note', type: 'text' });
    // manual -> form POST -> JSON POST -> GET -> end
    const graph = aGraph(
      [
        ['start', 'trigger.manual'],
        [
          'form',
          'action.sendWebhook',
          {
            url: `${receiver.url}/corpus/form`,
            method: 'POST',
            contentType: 'form',
            body: { mode: 'postData', template: 'id=[Contact ID]&note=[Note]' },
          },
        ],
        [
          'json',
          'action.sendWebhook',
          {
            url: `${receiver.url}/corpus/json`,
            method: 'POST',
            contentType: 'json',
            body: { mode: 'postData', template: '{"id": "[Contact ID]", "note": "[Note]"}' },
          },
        ],
        [
          'get',
          'action.sendWebhook',
          {
            url: `${receiver.url}/corpus/get?fixed=1`,
            method: 'GET',
            contentType: 'form',
            body: { mode: 'postData', template: 'id=[Contact ID]&note=[Note]' },
          },
        ],
        ['done', 'end'],
      ],
      chain('start', 'form', 'json', 'get', 'done'),
    );
    const campaign = await aLiveCampaign(ws, graph);
    const contacts = await Promise.all(CORPUS.map((note) => aContact(ws, { fields: { note } })));
    const noteOf = new Map(contacts.map((contact, index) => [contact.id as string, CORPUS[index]]));
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
      contactIds: contacts.map((c) => c.id),
    });
    await eventually(async () => receiver.at('/corpus/get').length === CORPUS.length, 30_000);

    const forms = receiver
      .at('/corpus/form')
      .map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    const jsons = receiver.at('/corpus/json').map((r) => JSON.parse(r.body));
    const gets = receiver
      .at('/corpus/get')
      .map((r) => Object.fromEntries(new URL(r.url, receiver.url).searchParams));
    for (const received of [forms, jsons, gets]) {
      expect(received).toHaveLength(CORPUS.length);
      for (const body of received) expect(body.note).toBe(noteOf.get(body.id));
    }
    for (const query of gets) expect(query.fixed).toBe('1');
  });

  it('retries a failing receiver under the same webhook-id until it answers 2xx', async () => {
    receiver.reply(
      '/flaky',
      { status: 500 },
      { status: 503, headers: { 'retry-after': '0' } },
      { status: 200 },
    );
    const contact = await aContact(ws);
    const { enrollment, delivery } = await runThrough(
      webhookCampaign({
        url: `${receiver.url}/flaky`,
        body: { mode: 'postData', template: 'id=[Contact ID]' },
      }),
      contact,
    );
    expect(enrollment.state).toBe('completed');
    const attempts = receiver.at('/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers['webhook-id']))).toEqual(
      new Set([delivery.webhookId]),
    );
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3 });
  });

  it('stops at 410 without retrying, and "stop" takes the contact out of the campaign', async () => {
    receiver.reply('/gone', { status: 410 });
    const contact = await aContact(ws);
    const { enrollment, delivery } = await runThrough(
      webhookCampaign({
        url: `${receiver.url}/gone`,
        body: { mode: 'postData', template: 'a=1' },
        onFailure: 'stop',
      }),
      contact,
    );
    expect(receiver.at('/gone')).toHaveLength(1);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatus: 410 });
    expect(enrollment).toMatchObject({ state: 'exited', exit_reason: 'webhook failed' });
    expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.tags).toEqual([]);
  });

  it('goes on after exhausted attempts when onFailure is "continue"', async () => {
    receiver.reply('/down', { status: 500 });
    const contact = await aContact(ws);
    const { enrollment, delivery } = await runThrough(
      webhookCampaign({
        url: `${receiver.url}/down`,
        body: { mode: 'postData', template: 'a=1' },
        maxAttempts: 2,
        onFailure: 'continue',
      }),
      contact,
    );
    expect(delivery).toMatchObject({ status: 'failed', attempts: 2 });
    expect(enrollment.state).toBe('completed');
    expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.tags).toEqual(['sent']);
  });

  it('sends a JSON data mapping and saves a value of the response into a contact field', async () => {
    await ws.client.post('/api/v1/fields', { key: 'crmId', label: 'CRM ID', type: 'text' });
    receiver.reply('/leads', { status: 201, body: JSON.stringify({ data: { id: 'crm-42' } }) });
    const contact = await aContact(ws, { firstName: 'Ada "the" Countess' });
    await runThrough(
      webhookCampaign({
        url: `${receiver.url}/leads`,
        contentType: 'json',
        body: {
          mode: 'mapping',
          fields: [
            { name: 'name', source: 'field', field: '[First Name]' },
            { name: 'source', source: 'value', value: 'webhook' },
          ],
        },
        saveResponse: { path: 'data.id', field: 'crmId' },
      }),
      contact,
    );
    expect(JSON.parse(receiver.at('/leads')[0].body)).toEqual({
      name: 'Ada "the" Countess',
      source: 'webhook',
    });
    expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.fields.crmId).toBe(
      'crm-42',
    );
  });

  it('puts GET data in the query string, after the query the URL has', async () => {
    const contact = await aContact(ws, { firstName: '100% + more' });
    await runThrough(
      webhookCampaign({
        url: `${receiver.url}/ping?key=abc`,
        method: 'GET',
        body: { mode: 'postData', template: 'name=[First Name]' },
      }),
      contact,
    );
    const [request] = receiver.at('/ping');
    expect(request.method).toBe('GET');
    expect(Object.fromEntries(new URL(request.url, receiver.url).searchParams)).toEqual({
      key: 'abc',
      name: '100% + more',
    });
  });

  it('replays a delivery under the same webhook-id without moving the contact again', async () => {
    const contact = await aContact(ws);
    const { campaign, delivery } = await runThrough(
      webhookCampaign({
        url: `${receiver.url}/replayed`,
        body: { mode: 'postData', template: 'a=1' },
      }),
      contact,
    );
    const replay = await ws.client.post(`/api/v1/deliveries/${delivery.id}/replay`);
    expect(replay.status).toBe(202);
    await eventually(async () => receiver.at('/replayed').length === 2);
    const [first, second] = receiver.at('/replayed');
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
    await eventually(
      async () =>
        (await ws.client.get(`/api/v1/deliveries/${delivery.id}`)).body.attempts.length === 2,
    );
    expect(await enrollmentsOf(app, campaign, contact.id)).toHaveLength(1);
    const [{ count }] = await app.db.query(
      `SELECT count(*)::int AS count FROM enrollment_steps WHERE contact_id = $1 AND node_id = 'sent'`,
      [contact.id],
    );
    expect(count).toBe(1);
  });

  // This app allows 127.0.0.1 (its receiver); nothing else private.
  it.each([
    ['http://10.0.0.1/internal', 'unsafe-url'],
    ['http://169.254.169.254/latest/meta-data', 'unsafe-url'],
    ['http://[::1]/x', 'unsafe-url'],
    ['http://0x0a000001/', 'unsafe-url'],
    ['http://[::ffff:10.0.0.1]/', 'unsafe-url'],
    ['ftp://files.example.com/', 'bad-config'],
  ])('refuses %s when the campaign is validated and published (%s)', async (url, rule) => {
    const graph = webhookCampaign({ url, body: { mode: 'postData', template: 'a=1' } });
    const created = await ws.client.post('/api/v1/campaigns', { name: 'Unsafe', graph });
    const validated = await ws.client.post(`/api/v1/campaigns/${created.body.id}/validate`, {
      graph,
    });
    expect(validated.body.problems).toContainEqual(
      expect.objectContaining({ nodeId: 'hook', rule, path: 'config.url' }),
    );
    const published = await ws.client.post(`/api/v1/campaigns/${created.body.id}/publish`, {});
    expect(published.status).toBe(422);
  });

  it('refuses, when sending, a private address that came from a merge field, and does not retry it', async () => {
    await ws.client.post('/api/v1/fields', {
      key: 'targetHost',
      label: 'Target Host',
      type: 'text',
    });
    const contact = await aContact(ws, { fields: { targetHost: '10.0.0.1' } });
    const { delivery } = await runThrough(
      webhookCampaign({
        url: 'http://[Target Host]/internal',
        body: { mode: 'postData', template: 'a=1' },
        maxAttempts: 3,
      }),
      contact,
    );
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery.lastError).toMatch(/^refused: .*10\.0\.0\.1/);
  });

  it('really sends once in a live test run, shows the answer, and stores nothing', async () => {
    receiver.reply('/live', { status: 202, body: '{"queued":true}' });
    const created = await ws.client.post('/api/v1/campaigns', {
      name: 'Live test',
      graph: webhookCampaign({
        url: `${receiver.url}/live`,
        body: { mode: 'postData', template: 'name=[First Name]' },
        auth: { type: 'bearer', token: 'sekret-token' },
      }),
    });
    const run = await ws.client.post(`/api/v1/campaigns/${created.body.id}/test-runs`, {
      contact: { firstName: 'Zoë' },
      mode: 'live',
    });
    expect(run.status).toBe(200);
    const step = run.body.path.find((entry: { nodeId: string }) => entry.nodeId === 'hook');
    expect(step.output.response).toMatchObject({ status: 202, body: '{"queued":true}' });
    expect(step.output.request.headers).toContainEqual({
      name: 'Authorization',
      value: 'Bearer [redacted]',
    });
    expect(run.body.finalState).toEqual({ state: 'completed', nodeId: 'sent' });
    const [request] = receiver.at('/live');
    expect(request.headers.authorization).toBe('Bearer sekret-token');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({ name: 'Zoë' });
    const [{ count }] = await app.db.query(
      `SELECT count(*)::int AS count FROM deliveries WHERE campaign_id = $1`,
      [created.body.id],
    );
    expect(count).toBe(0);
  });

  it("takes the onFailure path when a live test run's webhook fails", async () => {
    receiver.reply('/live-down', { status: 500 });
    const created = await ws.client.post('/api/v1/campaigns', {
      name: 'Live failure',
      graph: webhookCampaign({
        url: `${receiver.url}/live-down`,
        body: { mode: 'postData', template: 'a=1' },
        onFailure: 'stop',
      }),
    });
    const run = await ws.client.post(`/api/v1/campaigns/${created.body.id}/test-runs`, {
      contact: {},
      mode: 'live',
    });
    expect(run.body.finalState).toEqual({
      state: 'exited',
      nodeId: 'hook',
      reason: 'webhook failed',
    });
  });

  it('previews a template for a contact and names an unknown merge field', async () => {
    const contact = await aContact(ws, { firstName: 'Tom & Jerry' });
    const ok = await ws.client.post('/api/v1/templates/preview', {
      template: 'n=[First Name]',
      contentType: 'form',
      contactId: contact.id,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.body).toBe('n=Tom+%26+Jerry');
    const bad = await ws.client.post('/api/v1/templates/preview', {
      template: 'n=[Favourite Colour]',
      contentType: 'form',
      contact: {},
    });
    expect(bad.status).toBe(422);
    expect(bad.body.details[0]).toMatchObject({ path: 'template' });
    expect(bad.body.details[0].message).toMatch(/Favourite Colour/);
  });

  it('lists deliveries by status and answers 404 across workspaces', async () => {
    const failed = await ws.client.get('/api/v1/deliveries?status=failed');
    expect(failed.status).toBe(200);
    expect(failed.body.data.every((d: { status: string }) => d.status === 'failed')).toBe(true);
    const other = await aWorkspace(app);
    expect((await other.client.get(`/api/v1/deliveries/${failed.body.data[0].id}`)).status).toBe(
      404,
    );
    expect(
      (await other.client.post(`/api/v1/deliveries/${failed.body.data[0].id}/replay`)).status,
    ).toBe(404);
    expect((await ws.client.get('/api/v1/deliveries?status=lost')).status).toBe(422);
  });
});
