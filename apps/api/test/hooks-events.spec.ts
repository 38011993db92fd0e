import { ContactsService } from '@tideway/server';
import { aContact } from './support/contacts';
import { aGraph, aLiveCampaign, chain, ENGINE_ENV, enrollmentsOf, eventually } from './support/engine';
import { aHook, decodeBody, expectedSignature, HOOK_ENV, signaturesOf } from './support/hooks';
import { Receiver } from './support/receiver';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('Event hooks: what is sent, when', () => {
  let app: TestApp;
  let receiver: Receiver;
  let paths = 0;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await startTestApp({ ...ENGINE_ENV, ...HOOK_ENV });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  /** A receiver path of its own, so each test reads only what was sent to it. */
  const aPath = () => `/hook-${++paths}`;

  async function receivedAt(path: string, count = 1) {
    return eventually(async () => {
      const requests = receiver.at(path);
      return requests.length >= count ? requests : undefined;
    });
  }

  /**
   * Exactly `count` events reached the hook: its deliveries are written with
   * the change (the outbox), so once the cause has committed their number is final.
   */
  async function deliveredOnly(hookId: string, path: string, count: number) {
    const requests = count ? await receivedAt(path, count) : [];
    const [{ rows }] = await app.db.query(`SELECT count(*)::int AS rows FROM deliveries WHERE hook_id = $1`, [hookId]);
    expect(rows).toBe(count);
    expect(receiver.at(path)).toHaveLength(count);
    return requests;
  }

  // manual -> end
  const oneStep = () => aGraph([['start', 'trigger.manual'], ['end', 'end']], chain('start', 'end'));

  async function enroll(ws: TestWorkspace, campaignId: string, contactId: string) {
    const res = await ws.client.post(`/api/v1/campaigns/${campaignId}/enrollments`, { contactIds: [contactId] });
    expect(res.status).toBe(202);
  }

  async function completed(campaignId: string, contactId: string) {
    await eventually(async () => (await enrollmentsOf(app, campaignId, contactId))[0]?.state === 'completed');
  }

  type Cause = (ws: TestWorkspace) => Promise<{ id: string; check: (payload: ReturnType<typeof decodeBody>, form: boolean) => void }>;

  const contactShape = (contact: { id: string; email: string }) => expect.objectContaining({ id: contact.id, email: contact.email });

  const causes: Record<string, Cause> = {
    contact_created: async (ws) => {
      const contact = await aContact(ws, { firstName: 'Ada', tags: ['vip', 'new'], fields: {} });
      return {
        id: contact.id,
        check: (payload) => {
          expect(payload.contact).toMatchObject({ id: contact.id, email: contact.email, firstName: 'Ada', tags: ['vip', 'new'] });
          expect(payload.contact.createdAt).toBe(contact.createdAt);
        },
      };
    },
    contact_updated: async (ws) => {
      const contact = await aContact(ws);
      await ws.client.patch(`/api/v1/contacts/${contact.id}`, { firstName: 'Grace', tags: ['vip'] });
      return {
        id: contact.id,
        check: (payload) => {
          expect(payload.contact).toMatchObject({ id: contact.id, firstName: 'Grace', tags: ['vip'] });
          expect(payload.changes).toMatchObject({ fields: ['firstName'], tagsAdded: ['vip'] });
        },
      };
    },
    contact_deleted: async (ws) => {
      const contact = await aContact(ws, { lastName: 'Gone' });
      expect((await ws.client.delete(`/api/v1/contacts/${contact.id}`)).status).toBe(204);
      return { id: contact.id, check: (payload) => expect(payload.contact).toMatchObject({ id: contact.id, lastName: 'Gone' }) };
    },
    tag_added: async (ws) => {
      const contact = await aContact(ws);
      await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: 'vip' });
      return {
        id: contact.id,
        check: (payload) => {
          expect(payload.tag).toBe('vip');
          expect(payload.contact).toMatchObject({ id: contact.id, tags: ['vip'] });
        },
      };
    },
    tag_removed: async (ws) => {
      const contact = await aContact(ws, { tags: ['vip', 'old'] });
      await ws.client.delete(`/api/v1/contacts/${contact.id}/tags/old`);
      return {
        id: contact.id,
        check: (payload) => {
          expect(payload.tag).toBe('old');
          expect(payload.contact).toMatchObject({ id: contact.id, tags: ['vip'] });
        },
      };
    },
    campaign_enrolled: async (ws) => {
      const campaign = await aLiveCampaign(ws, oneStep());
      const contact = await aContact(ws);
      await enroll(ws, campaign, contact.id);
      const [enrollment] = await enrollmentsOf(app, campaign, contact.id);
      return {
        id: enrollment.id,
        check: (payload) => {
          expect(payload.campaign).toEqual({ id: campaign, name: expect.any(String) });
          expect(payload.enrollment).toMatchObject({ id: enrollment.id, campaignId: campaign, contactId: contact.id, nodeId: 'start' });
          expect(payload.contact).toEqual(contactShape(contact));
        },
      };
    },
    campaign_completed: async (ws) => {
      const campaign = await aLiveCampaign(ws, oneStep());
      const contact = await aContact(ws);
      await enroll(ws, campaign, contact.id);
      await completed(campaign, contact.id);
      const [enrollment] = await enrollmentsOf(app, campaign, contact.id);
      return {
        id: enrollment.id,
        check: (payload) => {
          expect(payload.enrollment).toMatchObject({ id: enrollment.id, nodeId: 'end', state: 'completed' });
          expect(payload.enrollment.endedAt).toEqual(expect.any(String));
          expect(payload.contact).toEqual(contactShape(contact));
        },
      };
    },
    // manual -> goal "customer" -> end, for a contact who has the tag already ('met' on arrival)
    goal_achieved: async (ws) => {
      const campaign = await aLiveCampaign(
        ws,
        aGraph([['start', 'trigger.manual'], ['goal', 'goal.tagAdded', { tag: 'customer' }], ['end', 'end']], chain('start', 'goal', 'end')),
      );
      const contact = await aContact(ws, { tags: ['customer'] });
      await enroll(ws, campaign, contact.id);
      await completed(campaign, contact.id);
      const [enrollment] = await enrollmentsOf(app, campaign, contact.id);
      return {
        id: enrollment.id,
        check: (payload) => {
          expect(payload.goal).toEqual({ nodeId: 'goal', type: 'goal.tagAdded' });
          expect(payload.campaign.id).toBe(campaign);
          expect(payload.contact).toEqual(contactShape(contact));
        },
      };
    },
    // manual -> Send a Webhook (410) -> end
    delivery_failed: async (ws) => {
      const gone = aPath();
      receiver.reply(gone, { status: 410 });
      const campaign = await aLiveCampaign(
        ws,
        aGraph(
          [
            ['start', 'trigger.manual'],
            ['send', 'action.sendWebhook', { url: `${receiver.url}${gone}`, method: 'POST', contentType: 'json', body: { mode: 'postData', template: '{}' } }],
            ['end', 'end'],
          ],
          chain('start', 'send', 'end'),
        ),
      );
      const contact = await aContact(ws);
      await enroll(ws, campaign, contact.id);
      await completed(campaign, contact.id);
      const { body } = await ws.client.get(`/api/v1/deliveries?campaignId=${campaign}`);
      const delivery = body.data[0];
      return {
        id: delivery.id,
        check: (payload, form) => {
          expect(payload.reason).toContain('HTTP 410');
          expect(payload.delivery).toMatchObject({
            id: delivery.id,
            status: 'failed',
            attempts: form ? '1' : 1,
            lastStatus: form ? '410' : 410,
            campaignId: campaign,
            nodeId: 'send',
            contactId: contact.id,
          });
          expect(payload.campaign).toEqual({ id: campaign, name: expect.any(String) });
        },
      };
    },
  };

  describe.each(['json', 'form'] as const)('as %s', (contentType) => {
    it.each(Object.keys(causes))('sends %s, signed with the hook secret', async (event) => {
      const ws = await aWorkspace(app);
      const path = aPath();
      const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event, content_type: contentType });
      const { id, check } = await causes[event](ws);

      const [request] = await deliveredOnly(hook.id, path, 1);
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toBe(contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded');
      expect(signaturesOf(request)).toEqual([expectedSignature(hook.secret, request)]);
      expect(Number(request.headers['webhook-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
      const body = decodeBody(request);
      expect(body).toMatchObject({ id, event });
      check(body.payload, contentType === 'form');

      // The receiver has the request before the sender records its answer: wait for the record.
      const log = await eventually(async () => {
        const res = await ws.client.get(`/api/v1/deliveries?hookId=${hook.id}`);
        return res.body.data[0]?.status === 'succeeded' ? res : undefined;
      });
      expect(log.body.data).toEqual([
        expect.objectContaining({ hookId: hook.id, event, status: 'succeeded', webhookId: request.headers['webhook-id'] }),
      ]);
    });
  });

  it('encodes a form with bracket keys and indexed arrays', async () => {
    const ws = await aWorkspace(app);
    const path = aPath();
    await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'contact_created', content_type: 'form' });
    const contact = await aContact(ws, { email: 'tom+jerry@example.com', tags: ['vip', 'a&b'] });
    const [request] = await receivedAt(path);
    const pairs = new URLSearchParams(request.body);
    expect(pairs.get('id')).toBe(contact.id);
    expect(pairs.get('event')).toBe('contact_created');
    expect(pairs.get('payload[contact][email]')).toBe('tom+jerry@example.com');
    expect(pairs.get('payload[contact][tags][0]')).toBe('vip');
    expect(pairs.get('payload[contact][tags][1]')).toBe('a&b');
    expect(pairs.get('payload[contact][phone]')).toBe('');
  });

  it('sends goal_achieved when a change pulls a waiting contact to the goal', async () => {
    // manual -> wait 1 day -> goal "customer" -> end
    const ws = await aWorkspace(app);
    const path = aPath();
    const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'goal_achieved' });
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [['start', 'trigger.manual'], ['wait', 'wait.delay', { amount: 1, unit: 'days' }], ['goal', 'goal.tagAdded', { tag: 'customer' }], ['end', 'end']],
        chain('start', 'wait', 'goal', 'end'),
      ),
    );
    const contact = await aContact(ws);
    await enroll(ws, campaign, contact.id);
    await eventually(async () => (await enrollmentsOf(app, campaign, contact.id))[0]?.state === 'waiting');
    await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: 'customer' });
    await completed(campaign, contact.id);
    const [request] = await deliveredOnly(hook.id, path, 1);
    expect(decodeBody(request).payload).toMatchObject({ goal: { nodeId: 'goal' }, campaign: { id: campaign } });
  });

  it('sends contact and tag events for changes a campaign step makes', async () => {
    // tagAdded "lead" -> add tag "nurtured"
    const ws = await aWorkspace(app);
    const path = aPath();
    const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'tag_added', resource_id: 'nurtured' });
    const campaign = await aLiveCampaign(
      ws,
      aGraph([['start', 'trigger.tagAdded', { tag: 'lead' }], ['tag', 'action.addTag', { tag: 'nurtured' }]], chain('start', 'tag')),
    );
    const contact = await aContact(ws, { tags: ['lead'] });
    await completed(campaign, contact.id);
    const [request] = await deliveredOnly(hook.id, path, 1);
    expect(decodeBody(request)).toMatchObject({ id: contact.id, payload: { tag: 'nurtured', contact: { tags: ['lead', 'nurtured'] } } });
  });

  describe('resource filters and wildcards', () => {
    it('a tag hook hears only its tag; a wildcard hears every tag', async () => {
      const ws = await aWorkspace(app);
      const [only, every] = [aPath(), aPath()];
      const hook = await aHook(ws, { target_url: `${receiver.url}${only}`, event: 'tag_added', resource_id: 'vip' });
      await aHook(ws, { target_url: `${receiver.url}${every}`, event: 'tag_added' });
      const contact = await aContact(ws);
      await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: 'other' });
      await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: 'vip' });

      expect((await receivedAt(every, 2)).map((r) => decodeBody(r).payload.tag).sort()).toEqual(['other', 'vip']);
      const filtered = await deliveredOnly(hook.id, only, 1);
      expect(decodeBody(filtered[0]).payload.tag).toBe('vip');
    });

    it('a contact hook hears only its contact', async () => {
      const ws = await aWorkspace(app);
      const path = aPath();
      const [watched, other] = [await aContact(ws), await aContact(ws)];
      const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'contact_updated', resource_id: watched.id.toUpperCase() });
      await ws.client.patch(`/api/v1/contacts/${other.id}`, { firstName: 'Other' });
      await ws.client.patch(`/api/v1/contacts/${watched.id}`, { firstName: 'Watched' });
      const [request] = await deliveredOnly(hook.id, path, 1);
      expect(decodeBody(request)).toMatchObject({ id: watched.id, payload: { contact: { firstName: 'Watched' } } });
    });

    it('a campaign hook hears only its campaign', async () => {
      const ws = await aWorkspace(app);
      const path = aPath();
      const [first, second] = [await aLiveCampaign(ws, oneStep()), await aLiveCampaign(ws, oneStep())];
      const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'campaign_enrolled', resource_id: second });
      const contact = await aContact(ws);
      await enroll(ws, first, contact.id);
      await enroll(ws, second, contact.id);
      const [request] = await deliveredOnly(hook.id, path, 1);
      expect(decodeBody(request).payload.campaign.id).toBe(second);
    });

    it('events of another workspace never reach a hook', async () => {
      const [mine, theirs] = [await aWorkspace(app), await aWorkspace(app)];
      const path = aPath();
      const hook = await aHook(mine, { target_url: `${receiver.url}${path}`, event: 'contact_created' });
      await aContact(theirs);
      const contact = await aContact(mine);
      const [request] = await deliveredOnly(hook.id, path, 1);
      expect(decodeBody(request).id).toBe(contact.id);
    });
  });

  describe('the outbox', () => {
    it('records nothing for a change whose transaction rolls back', async () => {
      const ws = await aWorkspace(app);
      const path = aPath();
      const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'contact_created' });
      const contacts = app.app.get(ContactsService);
      let insideTransaction = 0;
      await expect(
        app.db.transaction(async (manager) => {
          await contacts.upsertMany(manager, ws.workspaceId, [{ email: 'rolled-back@example.test', fields: {}, tags: [] }]);
          [{ count: insideTransaction }] = await manager.query(`SELECT count(*)::int AS count FROM deliveries WHERE hook_id = $1`, [hook.id]);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(insideTransaction).toBe(1);

      const committed = await aContact(ws);
      const [request] = await receivedAt(path);
      expect(decodeBody(request).id).toBe(committed.id);
      expect(receiver.at(path).map((r) => r.body).join()).not.toContain('rolled-back@example.test');
      const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM deliveries WHERE hook_id = $1`, [hook.id]);
      expect(count).toBe(1);
    });

    it('sends nothing for a request that fails (an email already in use)', async () => {
      const ws = await aWorkspace(app);
      const path = aPath();
      const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'contact_updated' });
      const [a, b] = [await aContact(ws), await aContact(ws)];
      expect((await ws.client.patch(`/api/v1/contacts/${a.id}`, { email: b.email, firstName: 'X' })).status).toBe(409);
      await deliveredOnly(hook.id, path, 0);
    });

    it('keeps an event until the receiver takes it, under one webhook-id', async () => {
      const ws = await aWorkspace(app);
      const path = aPath();
      receiver.reply(path, { status: 500 }, { status: 503 }, { status: 200 });
      await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'contact_created' });
      const contact = await aContact(ws);
      const attempts = await receivedAt(path, 3);
      expect(new Set(attempts.map((r) => r.headers['webhook-id'])).size).toBe(1);
      expect(attempts.map((r) => decodeBody(r).id)).toEqual([contact.id, contact.id, contact.id]);
    });

    it('sends one event per contact of an import, with the import', async () => {
      const ws = await aWorkspace(app);
      const path = aPath();
      await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'contact_created' });
      const csv = 'email,tags\n' + Array.from({ length: 25 }, (_, i) => `import${i}@example.test,`).join('\n') + '\n';
      const res = await ws.client.post('/api/v1/contacts/import', undefined, { raw: csv, contentType: 'text/csv' });
      expect(res.body.created).toBe(25);
      const requests = await receivedAt(path, 25);
      expect(new Set(requests.map((r) => decodeBody(r).payload.contact.email)).size).toBe(25);
    });
  });
});
