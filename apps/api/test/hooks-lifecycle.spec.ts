import { ManualClock } from '@tideway/server';
import { aContact } from './support/contacts';
import { ENGINE_ENV, eventually } from './support/engine';
import { aHook, decodeBody, expectedSignature, HOOK_ENV, signaturesOf } from './support/hooks';
import { Receiver } from './support/receiver';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

let paths = 0;
const aPath = () => `/life-${++paths}`;

async function receivedAt(receiver: Receiver, path: string, count = 1) {
  return eventually(async () => (receiver.at(path).length >= count ? receiver.at(path) : undefined));
}

async function hookOf(ws: TestWorkspace, id: string) {
  const res = await ws.client.get(`/api/v1/hooks/${id}`);
  return res.body.data.attributes;
}

describe('Event hooks: signing, testing, disabling', () => {
  let app: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await startTestApp({ ...ENGINE_ENV, ...HOOK_ENV });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it('signs with both secrets during a rotation window, then with the new one alone', async () => {
    const ws = await aWorkspace(app);
    const path = aPath();
    const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'contact_created' });
    const rotated = await ws.client.post(`/api/v1/hooks/${hook.id}/rotate-secret`);
    const next: string = rotated.body.data.attributes.secret;

    await aContact(ws);
    const [during] = await receivedAt(receiver, path);
    expect(signaturesOf(during)).toEqual([expectedSignature(next, during), expectedSignature(hook.secret, during)]);

    // The window ends (as if HOOK_SECRET_ROTATION_HOURS had passed).
    await app.db.query(`UPDATE hooks SET previous_secret_until = now() - interval '1 second' WHERE id = $1`, [hook.id]);
    await aContact(ws);
    const [, after] = await receivedAt(receiver, path, 2);
    expect(signaturesOf(after)).toEqual([expectedSignature(next, after)]);
  });

  it("test-sends the event's sample through the pipeline, logged with its response", async () => {
    const ws = await aWorkspace(app);
    const path = aPath();
    receiver.reply(path, { status: 202, body: '{"thanks":true}' });
    const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'tag_removed', content_type: 'form' });
    const sent = await ws.client.post(`/api/v1/hooks/${hook.id}/test`);
    expect(sent.status).toBe(202);

    const [request] = await receivedAt(receiver, path);
    const sample = (await ws.client.get('/api/v1/hooks/tag_removed_sample')).body;
    expect(decodeBody(request)).toMatchObject({ id: sample.id, event: 'tag_removed', payload: { tag: sample.payload.tag } });
    expect(signaturesOf(request)).toEqual([expectedSignature(hook.secret, request)]);
    expect(request.headers['webhook-id']).toBe(sent.body.webhookId);

    const detail = await eventually(async () => {
      const res = await ws.client.get(`/api/v1/deliveries/${sent.body.deliveryId}`);
      return res.body.status === 'succeeded' ? res.body : undefined;
    });
    expect(detail).toMatchObject({ hookId: hook.id, event: 'tag_removed', attempts: [{ attempt: 1, response: { status: 202, body: '{"thanks":true}' } }] });
    expect(JSON.stringify(detail)).not.toContain(hook.secret);
    const attributes = await hookOf(ws, hook.id);
    expect(attributes).toMatchObject({ last_status: 202, status: 'active' });
    expect(attributes.last_delivery_at).toEqual(expect.any(String));
  });

  it('disables a hook that answers 410, says so with delivery_failed, and sends it nothing more until enabled', async () => {
    const ws = await aWorkspace(app);
    const [gone, watcher] = [aPath(), aPath()];
    receiver.reply(gone, { status: 410 });
    const hook = await aHook(ws, { target_url: `${receiver.url}${gone}`, event: 'contact_created' });
    await aHook(ws, { target_url: `${receiver.url}${watcher}`, event: 'delivery_failed', resource_id: hook.id });

    await aContact(ws);
    const [notice] = await receivedAt(receiver, watcher);
    const body = decodeBody(notice);
    expect(body.event).toBe('delivery_failed');
    expect(body.payload.hook).toMatchObject({ id: hook.id, active: false, disabled_reason: expect.stringContaining('410') });
    expect(body.payload.delivery).toMatchObject({ hookId: hook.id, status: 'failed', lastStatus: 410 });
    expect(receiver.at(gone)).toHaveLength(1);

    const attributes = await hookOf(ws, hook.id);
    expect(attributes).toMatchObject({ active: false, status: 'disabled', disabled_reason: expect.stringContaining('410'), last_status: 410 });
    expect((await ws.client.get('/api/v1/hooks')).body.data[0].attributes.disabled_reason).toContain('410');

    await aContact(ws);
    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM deliveries WHERE hook_id = $1`, [hook.id]);
    expect(count).toBe(1);
    expect((await ws.client.post(`/api/v1/hooks/${hook.id}/test`)).status).toBe(409);

    receiver.reply(gone, { status: 200 });
    const enabled = await ws.client.patch(`/api/v1/hooks/${hook.id}`, { data: { type: 'hooks', attributes: { active: true } } });
    expect(enabled.body.data.attributes).toMatchObject({ active: true, status: 'active', disabled_reason: null, failing_since: null });
    const contact = await aContact(ws);
    const [, again] = await receivedAt(receiver, gone, 2);
    expect(decodeBody(again).id).toBe(contact.id);
  });

  it('fails, without sending, deliveries queued for a hook that was disabled', async () => {
    const ws = await aWorkspace(app);
    const path = aPath();
    const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'contact_created' });
    // The delivery is written, then the hook is turned off before the scanner can send it.
    await app.db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO deliveries (workspace_id, webhook_id, hook_id, event, status, request, max_attempts, next_attempt_at)
         VALUES ($1, 'msg_queued', $2, 'contact_created', 'pending', $3, 8, now() + interval '1 second')`,
        [ws.workspaceId, hook.id, JSON.stringify({ method: 'POST', url: `${receiver.url}${path}`, headers: [], body: '{}' })],
      );
    });
    await ws.client.patch(`/api/v1/hooks/${hook.id}`, { data: { type: 'hooks', attributes: { active: false } } });
    const delivery = await eventually(async () => {
      const { body } = await ws.client.get(`/api/v1/deliveries?hookId=${hook.id}`);
      return body.data[0]?.status === 'failed' ? body.data[0] : undefined;
    });
    expect(delivery.lastError).toContain('disabled');
    expect(receiver.at(path)).toHaveLength(0);
  });

  it('sends a hook only the events its scopes allow', async () => {
    const ws = await aWorkspace(app);
    const path = aPath();
    const hook = await aHook(ws, { target_url: `${receiver.url}${path}`, event: 'tag_added' });
    // As if its creator had held campaigns:read only; any change to the hook refreshes what the server knows of it.
    await app.db.query(`UPDATE hooks SET scopes = ARRAY['hooks:write', 'campaigns:read'] WHERE id = $1`, [hook.id]);
    await ws.client.patch(`/api/v1/hooks/${hook.id}`, { data: { type: 'hooks', attributes: { active: true } } });
    await aContact(ws, { tags: ['vip'] });
    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM deliveries WHERE hook_id = $1`, [hook.id]);
    expect(count).toBe(0);
  });
});

describe('Event hooks: a hook failing for longer than HOOK_DISABLE_AFTER_HOURS', () => {
  let app: TestApp;
  let receiver: Receiver;
  const clock = new ManualClock();

  beforeAll(async () => {
    receiver = await Receiver.start();
    // Retries wait a minute of the clock, so the next attempt comes only when the test moves time on.
    app = await startTestApp({ ...ENGINE_ENV, ...HOOK_ENV, WEBHOOK_RETRY_BASE_MS: '120000', HOOK_DISABLE_AFTER_HOURS: '72' }, { clock });
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it('is disabled, with a delivery_failed event and the reason in the hook', async () => {
    const ws = await aWorkspace(app);
    receiver.reply('/down', { status: 500 });
    const hook = await aHook(ws, { target_url: `${receiver.url}/down`, event: 'contact_updated' });
    await aHook(ws, { target_url: `${receiver.url}/watch`, event: 'delivery_failed' });
    const contact = await aContact(ws);
    await ws.client.patch(`/api/v1/contacts/${contact.id}`, { firstName: 'Failing' });

    await receivedAt(receiver, '/down');
    await eventually(async () => (await hookOf(ws, hook.id)).status === 'failing');
    expect(await hookOf(ws, hook.id)).toMatchObject({ active: true, failing_since: expect.any(String) });

    clock.advance(73 * 3_600_000);
    const [notice] = await receivedAt(receiver, '/watch');
    expect(decodeBody(notice).payload).toMatchObject({
      reason: expect.stringContaining('disabled'),
      hook: { id: hook.id, active: false, disabled_reason: expect.stringContaining('failed since') },
      delivery: { hookId: hook.id, status: 'failed', lastStatus: 500 },
    });
    expect(await hookOf(ws, hook.id)).toMatchObject({ active: false, status: 'disabled', disabled_reason: expect.stringContaining('HTTP 500') });
    const { body } = await ws.client.get(`/api/v1/deliveries?hookId=${hook.id}`);
    expect(body.data[0]).toMatchObject({ status: 'failed', nextAttemptAt: null });
  });
});
