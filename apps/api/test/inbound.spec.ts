import { createHmac } from 'node:crypto';
import { hashToken, randomToken } from '@tideway/server';
import { aContact, aField } from './support/contacts';
import {
  aGraph,
  aLiveCampaign,
  chain,
  ENGINE_ENV,
  enrollmentsOf,
  eventually,
  stepsOf,
} from './support/engine';
import type { HttpResponse } from './support/http-client';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const RATE_PER_MINUTE = 30;

/**
 * The Standard Webhooks signature, computed here from the spec
 * (https://www.standardwebhooks.com): base64 HMAC-SHA256 of `id.timestamp.body`
 * keyed with the base64 bytes after `whsec_`. Independent of the server's code.
 */
function signed(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${signature}`,
  };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
let ids = 0;
const aWebhookId = () => `msg_${Date.now()}_${++ids}`;
let emails = 0;
const anEmail = () => `inbound${++emails}-${Date.now()}@example.test`;

describe('inbound webhooks: POST /hooks/in/:token', () => {
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp({ ...ENGINE_ENV, INBOUND_RATE_PER_MINUTE: String(RATE_PER_MINUTE) });
    ws = await aWorkspace(app);
  });
  afterAll(() => app.close());

  /** Sends to an inbound URL (absolute, as the campaign shows it) over real HTTP. */
  function send(
    url: string,
    body: unknown,
    options: {
      form?: boolean;
      raw?: string;
      headers?: Record<string, string>;
      contentType?: string;
    } = {},
  ): Promise<HttpResponse> {
    const raw = options.raw ?? (options.form ? String(body) : JSON.stringify(body));
    const contentType =
      options.contentType ??
      (options.form ? 'application/x-www-form-urlencoded' : 'application/json');
    return app.http.request('POST', new URL(url).pathname, {
      raw,
      contentType,
      headers: options.headers,
    });
  }

  async function inboundOf(campaignId: string, client = ws.client) {
    const campaign = await client.get(`/api/v1/campaigns/${campaignId}`);
    expect(campaign.status).toBe(200);
    return campaign.body as {
      inbound: { nodeId: string; url: string; hasSecret: boolean }[];
      inboundUrl: string | null;
    };
  }

  const urlOf = async (campaignId: string, nodeId: string) =>
    (await inboundOf(campaignId)).inbound.find((endpoint) => endpoint.nodeId === nodeId)!.url;

  const contact = async (id: string) => (await ws.client.get(`/api/v1/contacts/${id}`)).body;
  const contactByEmail = async (email: string) =>
    (
      await app.db.query(`SELECT id FROM contacts WHERE workspace_id = $1 AND email = $2`, [
        ws.workspaceId,
        email,
      ])
    )[0];

  // hook (webhook trigger, mapping) -> tag "from-hook" -> done
  const hookGraph = (mapping?: { param: string; field: string }[], tail = 'from-hook') =>
    aGraph(
      [
        ['hook', 'trigger.webhookReceived', mapping ? { mapping } : {}],
        ['tag', 'action.addTag', { tag: tail }],
        ['done', 'end'],
      ],
      chain('hook', 'tag', 'done'),
    );

  describe('trigger.webhookReceived', () => {
    it('shows the URL on the campaign, upserts the contact from nested JSON and moves it through the campaign', async () => {
      await aField(ws, { key: 'plan', type: 'text' });
      await aField(ws, { key: 'seats', type: 'number' });
      const campaign = await aLiveCampaign(
        ws,
        hookGraph([
          { param: 'contact.email', field: 'email' },
          { param: 'contact.name.first', field: 'firstName' },
          { param: 'order.plan', field: 'plan' },
          { param: 'order.seats', field: 'seats' },
          { param: 'labels', field: 'tags' },
        ]),
      );
      const view = await inboundOf(campaign);
      expect(view.inbound).toEqual([
        {
          nodeId: 'hook',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/hooks\/in\/\S{40,}$/),
          hasSecret: false,
        },
      ]);
      expect(view.inboundUrl).toBe(view.inbound[0].url);

      const email = anEmail();
      const res = await send(view.inboundUrl!, {
        contact: { email, name: { first: 'Grace' } },
        order: { plan: 'pro', seats: 3 },
        labels: ['customer', 'webhook'],
        ignored: 'not mapped',
      });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ contactId: expect.any(String), enrolled: true });

      const stored = await contact(res.body.contactId);
      expect(stored).toMatchObject({
        email,
        firstName: 'Grace',
        fields: { plan: 'pro', seats: 3 },
      });
      expect(stored.tags).toEqual(expect.arrayContaining(['customer', 'webhook']));
      await eventually(
        async () =>
          (await enrollmentsOf(app, campaign, res.body.contactId))[0]?.state === 'completed',
      );
      expect(
        (await stepsOf(app, campaign, res.body.contactId)).map((s) => `${s.node_id}:${s.outcome}`),
      ).toEqual(['hook:entered', 'tag:done', 'done:completed']);
      expect((await contact(res.body.contactId)).tags).toContain('from-hook');
    });

    it('reads form bodies, bracket keys included, and values such as "Tom & Jerry"', async () => {
      const mapped = await aLiveCampaign(
        ws,
        hookGraph([
          { param: 'contact[email]', field: 'email' },
          { param: 'contact.name.first', field: 'firstName' },
          { param: 'seats', field: 'seats' },
        ]),
      );
      const email = anEmail();
      const form = new URLSearchParams({
        'contact[email]': email,
        'contact[name][first]': 'Tom & Jerry',
        seats: '12',
      });
      const res = await send(await urlOf(mapped, 'hook'), form.toString(), { form: true });
      expect(res.status).toBe(202);
      expect(await contact(res.body.contactId)).toMatchObject({
        email,
        firstName: 'Tom & Jerry',
        fields: { seats: 12 },
      });

      // Without a mapping, parameters named like contact fields are taken.
      const unmapped = await aLiveCampaign(ws, hookGraph());
      const other = anEmail();
      const plain = await send(
        await urlOf(unmapped, 'hook'),
        `email=${encodeURIComponent(other)}&first_name=Tom+%26+Jerry&last_name=Cat&phone=%2B1+555+0100&tags=a%3Bb`,
        { form: true },
      );
      expect(plain.status).toBe(202);
      expect(plain.body.enrolled).toBe(true);
      expect(await contact(plain.body.contactId)).toMatchObject({
        email: other,
        firstName: 'Tom & Jerry',
        lastName: 'Cat',
        phone: '+1 555 0100',
        tags: expect.arrayContaining(['a', 'b']),
      });
    });

    it('updates an existing contact found by email and respects the re-entry policy', async () => {
      const existing = await aContact(ws, { email: anEmail(), firstName: 'Old', lastName: 'Kept' });
      const campaign = await aLiveCampaign(ws, hookGraph(), { reentry: 'once' });
      const url = await urlOf(campaign, 'hook');

      const first = await send(url, { email: existing.email.toUpperCase(), firstName: 'New' });
      expect(first.status).toBe(202);
      expect(first.body).toEqual({ contactId: existing.id, enrolled: true });
      expect(await contact(existing.id)).toMatchObject({ firstName: 'New', lastName: 'Kept' });

      const again = await send(url, { email: existing.email });
      expect(again.status).toBe(202);
      expect(again.body).toEqual({ contactId: existing.id, enrolled: false });
      expect(await enrollmentsOf(app, campaign, existing.id)).toHaveLength(1);
    });

    it('enrolls into a paused campaign, where the contact waits until it resumes', async () => {
      const campaign = await aLiveCampaign(ws, hookGraph());
      expect((await ws.client.post(`/api/v1/campaigns/${campaign}/pause`)).status).toBe(200);
      const res = await send(await urlOf(campaign, 'hook'), { email: anEmail() });
      expect(res.status).toBe(202);
      expect(res.body.enrolled).toBe(true);
      expect((await enrollmentsOf(app, campaign, res.body.contactId))[0].state).toBe('ready');

      expect((await ws.client.post(`/api/v1/campaigns/${campaign}/resume`)).status).toBe(200);
      await eventually(
        async () =>
          (await enrollmentsOf(app, campaign, res.body.contactId))[0]?.state === 'completed',
      );
    });

    it('answers 409 for a campaign that is not published, and changes no contact', async () => {
      const created = await ws.client.post('/api/v1/campaigns', {
        name: 'Draft with a hook',
        graph: hookGraph(),
      });
      expect(created.status).toBe(201);
      const email = anEmail();
      const res = await send(await urlOf(created.body.id, 'hook'), { email });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        message: expect.stringContaining('draft'),
      });
      expect(await contactByEmail(email)).toBeUndefined();
    });
  });

  describe('goal.webhookReceived', () => {
    // start (manual) -> pause 1 day -> skipped (tag) -> paid (webhook goal, allowEntry) -> thanks (tag) -> done
    const goalGraph = () =>
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['pause', 'wait.delay', { amount: 1, unit: 'days' }],
          ['skipped', 'action.addTag', { tag: 'skipped' }],
          ['paid', 'goal.webhookReceived', { allowEntry: true }],
          ['thanks', 'action.addTag', { tag: 'paid' }],
          ['done', 'end'],
        ],
        chain('start', 'pause', 'skipped', 'paid', 'thanks', 'done'),
      );

    it('pulls a contact waiting upstream forward to the goal and skips what lies between', async () => {
      const campaign = await aLiveCampaign(ws, goalGraph());
      const view = await inboundOf(campaign);
      expect(view.inbound.map((endpoint) => endpoint.nodeId)).toEqual(['paid']);
      expect(view.inboundUrl).toBe(view.inbound[0].url);
      const person = await aContact(ws, { email: anEmail() });
      await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
        contactIds: [person.id],
      });
      await eventually(
        async () => (await enrollmentsOf(app, campaign, person.id))[0]?.node_id === 'pause',
      );

      const res = await send(view.inboundUrl!, { email: person.email });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ contactId: person.id, enrolled: false, goalReached: true });
      await eventually(
        async () => (await enrollmentsOf(app, campaign, person.id))[0]?.state === 'completed',
      );
      const steps = (await stepsOf(app, campaign, person.id)).map(
        (s) => `${s.node_id}:${s.outcome}`,
      );
      expect(steps).toEqual([
        'start:entered',
        'pause:waiting',
        'paid:goal achieved',
        'thanks:done',
        'done:completed',
      ]);
      expect((await contact(person.id)).tags).toEqual(['paid']);
    });

    it('lets a contact not in the campaign enter at the goal with allowEntry', async () => {
      const campaign = await aLiveCampaign(ws, goalGraph());
      const email = anEmail();
      const res = await send(await urlOf(campaign, 'paid'), { email });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({
        contactId: expect.any(String),
        enrolled: true,
        goalReached: true,
      });
      await eventually(
        async () =>
          (await enrollmentsOf(app, campaign, res.body.contactId))[0]?.state === 'completed',
      );
      expect((await contact(res.body.contactId)).tags).toEqual(['paid']);
    });

    // start (manual) -> gate (webhook goal, wait here) -> through (tag)
    it('releases a contact waiting on the goal, and lets no one in without allowEntry', async () => {
      const campaign = await aLiveCampaign(
        ws,
        aGraph(
          [
            ['start', 'trigger.manual'],
            ['gate', 'goal.webhookReceived', { waitHere: true }],
            ['through', 'action.addTag', { tag: 'through' }],
          ],
          chain('start', 'gate', 'through'),
        ),
      );
      const url = await urlOf(campaign, 'gate');
      const person = await aContact(ws, { email: anEmail() });
      await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, {
        contactIds: [person.id],
      });
      await eventually(
        async () => (await enrollmentsOf(app, campaign, person.id))[0]?.waiting_for === 'goal',
      );

      const res = await send(url, { email: person.email });
      expect(res.body).toEqual({ contactId: person.id, enrolled: false, goalReached: true });
      await eventually(
        async () => (await enrollmentsOf(app, campaign, person.id))[0]?.state === 'completed',
      );
      expect((await contact(person.id)).tags).toEqual(['through']);

      const stranger = await send(url, { email: anEmail() });
      expect(stranger.status).toBe(202);
      expect(stranger.body).toEqual({
        contactId: expect.any(String),
        enrolled: false,
        goalReached: false,
      });
      expect(await enrollmentsOf(app, campaign, stranger.body.contactId)).toEqual([]);
    });
  });

  describe('signatures and replays', () => {
    it('requires a valid Standard Webhooks signature once the endpoint has a secret', async () => {
      const campaign = await aLiveCampaign(ws, hookGraph(), { reentry: 'anyTime' });
      const url = await urlOf(campaign, 'hook');
      const created = await ws.client.put(`/api/v1/campaigns/${campaign}/inbound/hook/secret`);
      expect(created.status).toBe(200);
      const secret: string = created.body.secret;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
      expect((await inboundOf(campaign)).inbound[0]).toMatchObject({ hasSecret: true });
      expect(JSON.stringify(await inboundOf(campaign))).not.toContain(secret.slice(6));

      const email = anEmail();
      const body = JSON.stringify({ email });
      const unsigned = await send(url, null, { raw: body });
      expect(unsigned.status).toBe(401);
      expect(unsigned.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });

      const id = aWebhookId();
      const wrongKey = signed(
        `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
        id,
        nowSeconds(),
        body,
      );
      expect((await send(url, null, { raw: body, headers: wrongKey })).status).toBe(401);
      const tampered = signed(secret, id, nowSeconds(), body);
      expect(
        (await send(url, null, { raw: JSON.stringify({ email: anEmail() }), headers: tampered }))
          .status,
      ).toBe(401);
      const stale = await send(url, null, {
        raw: body,
        headers: signed(secret, id, nowSeconds() - 6 * 60, body),
      });
      expect(stale.status).toBe(401);
      expect(stale.body.message).toMatch(/timestamp/);
      expect(await contactByEmail(email)).toBeUndefined();

      const good = await send(url, null, {
        raw: body,
        headers: signed(secret, id, nowSeconds(), body),
      });
      expect(good.status).toBe(202);
      expect(good.body.enrolled).toBe(true);

      // The signature covers the bytes as sent, form bodies too.
      const form = `email=${encodeURIComponent(anEmail())}&firstName=Tom+%26+Jerry`;
      const formSent = await send(url, null, {
        raw: form,
        form: true,
        headers: signed(secret, aWebhookId(), nowSeconds(), form),
      });
      expect(formSent.status).toBe(202);
      expect((await contact(formSent.body.contactId)).firstName).toBe('Tom & Jerry');

      expect(
        (await ws.client.delete(`/api/v1/campaigns/${campaign}/inbound/hook/secret`)).status,
      ).toBe(204);
      expect((await send(url, { email: anEmail() })).status).toBe(202);
    });

    it('answers a repeated webhook-id 200 and does nothing the second time', async () => {
      const campaign = await aLiveCampaign(ws, hookGraph(), { reentry: 'anyTime' });
      const url = await urlOf(campaign, 'hook');
      const { secret } = (await ws.client.put(`/api/v1/campaigns/${campaign}/inbound/hook/secret`))
        .body;
      const email = anEmail();
      const id = aWebhookId();
      const body = JSON.stringify({ email, firstName: 'First' });
      const first = await send(url, null, {
        raw: body,
        headers: signed(secret, id, nowSeconds(), body),
      });
      expect(first.status).toBe(202);
      await eventually(
        async () =>
          (await enrollmentsOf(app, campaign, first.body.contactId))[0]?.state === 'completed',
      );

      const replay = await send(url, null, {
        raw: body,
        headers: signed(secret, id, nowSeconds(), body),
      });
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual({ duplicate: true });
      const changed = JSON.stringify({ email, firstName: 'Second' });
      const sameIdOtherBody = await send(url, null, {
        raw: changed,
        headers: signed(secret, id, nowSeconds(), changed),
      });
      expect(sameIdOtherBody.body).toEqual({ duplicate: true });
      expect(await enrollmentsOf(app, campaign, first.body.contactId)).toHaveLength(1);
      expect((await contact(first.body.contactId)).firstName).toBe('First');
    });

    it('deduplicates by webhook-id without a secret too', async () => {
      const campaign = await aLiveCampaign(ws, hookGraph(), { reentry: 'anyTime' });
      const url = await urlOf(campaign, 'hook');
      const headers = { 'webhook-id': aWebhookId() };
      const email = anEmail();
      expect((await send(url, { email }, { headers })).status).toBe(202);
      const again = await send(url, { email, lastName: 'Changed' }, { headers });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ duplicate: true });
      const { id } = await contactByEmail(email);
      expect(await enrollmentsOf(app, campaign, id)).toHaveLength(1);
      expect((await contact(id)).lastName).toBeNull();
      // The same id at another endpoint is another message.
      const other = await aLiveCampaign(ws, hookGraph());
      expect((await send(await urlOf(other, 'hook'), { email }, { headers })).status).toBe(202);
    });
  });

  describe('bad requests', () => {
    let url: string;
    beforeAll(async () => {
      url = await urlOf(
        await aLiveCampaign(ws, hookGraph([{ param: 'user.mail', field: 'email' }])),
        'hook',
      );
    });

    it('answers 422 naming the parameter when there is no valid email, and writes nothing', async () => {
      const missing = await send(url, { user: { name: 'No email' } });
      expect(missing.status).toBe(422);
      expect(missing.body).toMatchObject({
        statusCode: 422,
        error: 'Unprocessable Entity',
        details: [{ path: 'user.mail', message: expect.stringContaining('email') }],
      });
      const invalid = await send(url, { user: { mail: 'not-an-email' } });
      expect(invalid.status).toBe(422);
      expect(invalid.body.details).toEqual([
        { path: 'user.mail', message: 'Not a valid email address' },
      ]);
      expect(await contactByEmail('not-an-email')).toBeUndefined();
      expect((await send(url, null, { raw: '[1, 2]' })).status).toBe(422);
    });

    it('answers malformed JSON 400, other media types 415 and bodies over 1 MB 413, in the error shape', async () => {
      const malformed = await send(url, null, { raw: '{"user": ' });
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: expect.any(String),
      });

      const text = await send(url, null, {
        raw: 'email=a@example.test',
        contentType: 'text/plain',
      });
      expect(text.status).toBe(415);
      expect(text.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });

      const big = JSON.stringify({ user: { mail: anEmail() }, padding: 'x'.repeat(1024 * 1024) });
      const oversize = await send(url, null, { raw: big });
      expect(oversize.status).toBe(413);
      expect(oversize.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: expect.any(String),
      });
      const bigForm = await send(url, null, {
        raw: `user[mail]=a%40example.test&padding=${'x'.repeat(1024 * 1024)}`,
        form: true,
      });
      expect(bigForm.status).toBe(413);
      expect(bigForm.body.statusCode).toBe(413);
    });

    it('answers 404 for an unknown token, and for a token that was rotated away', async () => {
      const unknown = await app.http.post(`/hooks/in/twin_${'A'.repeat(43)}`, { email: anEmail() });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: expect.any(String),
      });
      expect((await app.http.post('/hooks/in/x', { email: anEmail() })).status).toBe(404);

      const campaign = await aLiveCampaign(ws, hookGraph());
      const old = await urlOf(campaign, 'hook');
      const rotated = await ws.client.post(
        `/api/v1/campaigns/${campaign}/inbound/hook/rotate-token`,
      );
      expect(rotated.status).toBe(200);
      expect(rotated.body).toEqual({
        nodeId: 'hook',
        url: expect.stringContaining('/hooks/in/'),
        hasSecret: false,
      });
      expect(rotated.body.url).not.toBe(old);
      expect(await urlOf(campaign, 'hook')).toBe(rotated.body.url);
      expect((await send(old, { email: anEmail() })).status).toBe(404);
      expect((await send(rotated.body.url, { email: anEmail() })).status).toBe(202);
    });

    it(`limits each endpoint to ${RATE_PER_MINUTE} requests a minute, with Retry-After`, async () => {
      // A draft campaign answers 409 after the limit is checked: the requests stay cheap.
      const created = await ws.client.post('/api/v1/campaigns', {
        name: 'Rate limited',
        graph: hookGraph(),
      });
      const limited = await urlOf(created.body.id, 'hook');
      // The bucket refills while the requests go (half a token a second), so a few more than the burst may pass.
      const statuses: number[] = [];
      let over: HttpResponse | undefined;
      while (!over && statuses.length < 2 * RATE_PER_MINUTE) {
        const res = await send(limited, { email: anEmail() });
        if (res.status === 429) over = res;
        else statuses.push(res.status);
      }
      expect(statuses.length).toBeGreaterThanOrEqual(RATE_PER_MINUTE);
      expect(statuses.every((status) => status === 409)).toBe(true);
      expect(over?.status).toBe(429);
      if (!over) return;
      expect(over.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Other endpoints have buckets of their own.
      expect((await send(url, { user: { mail: anEmail() } })).status).toBe(202);
    });
  });

  describe('managing endpoints', () => {
    it('gives each webhook element of a saved draft its own URL, kept across saves', async () => {
      const graph = aGraph(
        [
          ['in', 'trigger.webhookReceived'],
          ['other', 'trigger.webhookReceived'],
          ['goal', 'goal.webhookReceived'],
        ],
        chain('in', 'goal'),
      );
      const created = await ws.client.post('/api/v1/campaigns', { name: 'Two hooks', graph });
      const first = await inboundOf(created.body.id);
      expect(first.inbound.map((endpoint) => endpoint.nodeId)).toEqual(['in', 'other', 'goal']);
      expect(new Set(first.inbound.map((endpoint) => endpoint.url)).size).toBe(3);
      expect(first.inboundUrl).toBeNull();

      const saved = await ws.client.put(`/api/v1/campaigns/${created.body.id}/draft`, {
        graph: { ...graph, nodes: graph.nodes.filter((node) => node.id !== 'other') },
        baseRevision: 1,
      });
      expect(saved.status).toBe(200);
      const second = await inboundOf(created.body.id);
      expect(second.inbound).toEqual(
        first.inbound.filter((endpoint) => endpoint.nodeId !== 'other'),
      );
      expect(second.inboundUrl).toBe(first.inbound[0].url);
      const list = await ws.client.get(`/api/v1/campaigns/${created.body.id}/inbound`);
      expect(list.body).toEqual({ data: second.inbound });

      const copy = await ws.client.post(`/api/v1/campaigns/${created.body.id}/duplicate`);
      const copied = await inboundOf(copy.body.id);
      expect(copied.inbound).toHaveLength(2);
      expect(copied.inbound.map((endpoint) => endpoint.url)).not.toContain(first.inbound[0].url);
    });

    it('keeps other workspaces out: their campaigns’ routes answer 404', async () => {
      const campaign = await aLiveCampaign(ws, hookGraph());
      const stranger = await aWorkspace(app);
      const base = `/api/v1/campaigns/${campaign}`;
      expect((await stranger.client.get(base)).status).toBe(404);
      expect((await stranger.client.get(`${base}/inbound`)).status).toBe(404);
      expect((await stranger.client.put(`${base}/inbound/hook/secret`)).status).toBe(404);
      expect((await stranger.client.delete(`${base}/inbound/hook/secret`)).status).toBe(404);
      expect((await stranger.client.post(`${base}/inbound/hook/rotate-token`)).status).toBe(404);
      expect((await ws.client.put(`${base}/inbound/nope/secret`)).status).toBe(404);
      expect((await inboundOf(campaign)).inbound[0].hasSecret).toBe(false);

      // A request names a contact in the endpoint's workspace only.
      const res = await send(await urlOf(campaign, 'hook'), { email: anEmail() });
      expect((await stranger.client.get(`/api/v1/contacts/${res.body.contactId}`)).status).toBe(
        404,
      );
      expect((await ws.client.get(`/api/v1/contacts/${res.body.contactId}`)).status).toBe(200);
    });

    it('needs campaigns:write to manage secrets', async () => {
      const campaign = await aLiveCampaign(ws, hookGraph());
      const sameWorkspaceReader = await aReadOnlyKey(app, ws);
      expect(
        (await sameWorkspaceReader.put(`/api/v1/campaigns/${campaign}/inbound/hook/secret`)).status,
      ).toBe(403);
      expect((await sameWorkspaceReader.get(`/api/v1/campaigns/${campaign}/inbound`)).status).toBe(
        200,
      );
    });
  });
});

/** An API key of `ws` with campaigns:read only. */
async function aReadOnlyKey(app: TestApp, ws: TestWorkspace) {
  const key = randomToken('tw_');
  await app.db.query(
    `INSERT INTO api_keys (workspace_id, name, prefix, key_hash, scopes, created_by) VALUES ($1, 'reader', $2, $3, $4, $5)`,
    [ws.workspaceId, key.slice(0, 10), hashToken(key), ['campaigns:read'], ws.userId],
  );
  return app.http.with({ authorization: `Bearer ${key}` });
}
