import { ManualClock } from '@tideway/server';
import { aContact } from './support/contacts';
import { aGraph, aLiveCampaign, chain, ENGINE_ENV, enrollmentsOf, eventually, stepsOf } from './support/engine';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const DAY = 86_400_000;

describe('the durable engine, through the API', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const clock = new ManualClock();

  beforeAll(async () => {
    app = await startTestApp(ENGINE_ENV, { clock, random: () => 0.1 });
    ws = await aWorkspace(app);
  });
  afterAll(() => app.close());

  const state = async (campaignId: string, contactId: string) => (await enrollmentsOf(app, campaignId, contactId)).at(-1);

  // manual -> add tag vip -> if has vip: yes -> set nickname "[First Name] the great" -> end
  //                                      no  -> end
  it('carries a manually enrolled contact through actions and a condition to the end', async () => {
    await ws.client.post('/api/v1/fields', { key: 'nickname', label: 'Nickname', type: 'text' });
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['tag', 'action.addTag', { tag: 'vip' }],
          ['check', 'filter.condition', { match: 'all', rules: [{ field: 'tag', op: 'hasTag', value: 'vip' }] }],
          ['name', 'action.updateField', { field: 'nickname', value: '[First Name] the great' }],
          ['done', 'end'],
          ['stop', 'end'],
        ],
        [...chain('start', 'tag', 'check'), ['check', 'name', 'yes'], ['check', 'stop', 'no'], ['name', 'done']],
      ),
    );
    const contact = await aContact(ws, { firstName: 'Ada' });

    const enrolled = await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] });
    expect(enrolled.status).toBe(202);
    expect(enrolled.body).toEqual({ enrolled: 1, skipped: 0 });

    await eventually(async () => (await state(campaign, contact.id))?.state === 'completed');
    expect((await stepsOf(app, campaign, contact.id)).map((s) => `${s.node_id}:${s.outcome}`)).toEqual([
      'start:entered',
      'tag:done',
      'check:yes',
      'name:done',
      'done:completed',
    ]);
    const after = await ws.client.get(`/api/v1/contacts/${contact.id}`);
    expect(after.body.tags).toContain('vip');
    expect(after.body.fields.nickname).toBe('Ada the great');

    const stats = await ws.client.get(`/api/v1/campaigns/${campaign}/stats`);
    expect(stats.body.enrollments).toEqual({ active: 0, waiting: 0, completed: 1, exited: 0 });
    expect(stats.body.nodes.check).toEqual({ current: 0, entered: 1, completed: 1, failed: 0 });
  });

  // tag added "lead" -> wait 2 days -> add tag "nurtured"
  it('enrolls on a tag trigger and wakes the contact when its wait is due, not before', async () => {
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['lead', 'trigger.tagAdded', { tag: 'lead' }],
          ['pause', 'wait.delay', { amount: 2, unit: 'days' }],
          ['nurture', 'action.addTag', { tag: 'nurtured' }],
        ],
        chain('lead', 'pause', 'nurture'),
      ),
    );
    const contact = await aContact(ws);
    expect((await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: 'lead' })).status).toBe(200);

    const waiting = await eventually(async () => {
      const e = await state(campaign, contact.id);
      return e?.state === 'waiting' ? e : undefined;
    });
    expect(waiting).toMatchObject({ node_id: 'pause', waiting_for: 'time' });

    clock.advance(DAY);
    // The scanner runs many times a second: after a few rounds the contact must still wait.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await state(campaign, contact.id))?.state).toBe('waiting');

    clock.advance(DAY + 1000);
    await eventually(async () => (await state(campaign, contact.id))?.state === 'completed');
    expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.tags).toEqual(['lead', 'nurtured']);
  });

  // manual -> wait 30 days -> add tag "reminded" -> goal: tag "bought" -> add tag "thanked"
  it('pulls a waiting contact forward to a goal it meets, skipping what lies between', async () => {
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['pause', 'wait.delay', { amount: 30, unit: 'days' }],
          ['remind', 'action.addTag', { tag: 'reminded' }],
          ['bought', 'goal.tagAdded', { tag: 'bought' }],
          ['thank', 'action.addTag', { tag: 'thanked' }],
        ],
        chain('start', 'pause', 'remind', 'bought', 'thank'),
      ),
    );
    const contact = await aContact(ws);
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] });
    await eventually(async () => (await state(campaign, contact.id))?.state === 'waiting');

    await ws.client.post(`/api/v1/contacts/${contact.id}/tags`, { tag: 'bought' });

    await eventually(async () => (await state(campaign, contact.id))?.state === 'completed');
    const path = (await stepsOf(app, campaign, contact.id)).map((s) => `${s.node_id}:${s.outcome}`);
    expect(path).toEqual(['start:entered', 'pause:waiting', 'bought:goal achieved', 'thank:done']);
    expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.tags).toEqual(['bought', 'thanked']);
  });

  // manual -> wait 1 hour -> add tag "after-pause"
  it('moves nothing while the campaign is paused and loses nothing: resumed, the contact goes on', async () => {
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['pause', 'wait.delay', { amount: 1, unit: 'hours' }],
          ['after', 'action.addTag', { tag: 'after-pause' }],
        ],
        chain('start', 'pause', 'after'),
      ),
    );
    const contact = await aContact(ws);
    await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] });
    await eventually(async () => (await state(campaign, contact.id))?.state === 'waiting');

    expect((await ws.client.post(`/api/v1/campaigns/${campaign}/pause`)).status).toBe(200);
    clock.advance(2 * 3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await state(campaign, contact.id)).toMatchObject({ state: 'waiting', node_id: 'pause' });

    expect((await ws.client.post(`/api/v1/campaigns/${campaign}/resume`)).status).toBe(200);
    await eventually(async () => (await state(campaign, contact.id))?.state === 'completed');
  });

  it('enrolls each contact once under the "once" policy, and counts the rest as skipped', async () => {
    const campaign = await aLiveCampaign(ws, aGraph([['start', 'trigger.manual'], ['done', 'end']], chain('start', 'done')));
    const contact = await aContact(ws);
    expect((await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] })).body).toEqual({
      enrolled: 1,
      skipped: 0,
    });
    await eventually(async () => (await state(campaign, contact.id))?.state === 'completed');
    expect((await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] })).body).toEqual({
      enrolled: 0,
      skipped: 1,
    });
  });

  it('refuses enrollments it cannot take, and changes nothing', async () => {
    const campaign = await aLiveCampaign(ws, aGraph([['start', 'trigger.manual'], ['done', 'end']], chain('start', 'done')));
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [unknown] });
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([{ path: 'contactIds[0]', message: 'No such contact in this workspace' }]);
    expect((await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: 'nope' })).status).toBe(422);

    const noManual = await aLiveCampaign(ws, aGraph([['t', 'trigger.tagAdded', { tag: 'x' }], ['done', 'end']], chain('t', 'done')));
    const contact = await aContact(ws);
    const refused = await ws.client.post(`/api/v1/campaigns/${noManual}/enrollments`, { contactIds: [contact.id] });
    expect(refused.status).toBe(422);
    expect(await enrollmentsOf(app, noManual, contact.id)).toEqual([]);

    const other = await aWorkspace(app);
    expect((await other.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { contactIds: [contact.id] })).status).toBe(404);
    expect((await other.client.get(`/api/v1/campaigns/${campaign}/stats`)).status).toBe(404);
  });

  it('enrolls by filter and lists who is where', async () => {
    const campaign = await aLiveCampaign(
      ws,
      aGraph([['start', 'trigger.manual'], ['pause', 'wait.delay', { amount: 5, unit: 'days' }]], chain('start', 'pause')),
    );
    const a = await aContact(ws, { tags: ['cohort-7'] });
    const b = await aContact(ws, { tags: ['cohort-7'] });
    await aContact(ws, { tags: ['cohort-8'] });
    const res = await ws.client.post(`/api/v1/campaigns/${campaign}/enrollments`, { filter: { tag: 'cohort-7' } });
    expect(res.body).toEqual({ enrolled: 2, skipped: 0 });

    await eventually(async () => {
      const list = await ws.client.get(`/api/v1/campaigns/${campaign}/enrollments?state=waiting`);
      return list.body.data.length === 2 ? list : undefined;
    });
    const list = await ws.client.get(`/api/v1/campaigns/${campaign}/enrollments?nodeId=pause&limit=1`);
    expect(list.body.data).toHaveLength(1);
    expect([a.id, b.id]).toContain(list.body.data[0].contactId);
    const next = await ws.client.get(`/api/v1/campaigns/${campaign}/enrollments?nodeId=pause&limit=1&cursor=${list.body.nextCursor}`);
    expect(next.body.data[0].contactId).not.toBe(list.body.data[0].contactId);
    expect((await ws.client.get(`/api/v1/campaigns/${campaign}/enrollments?cursor=99999999999999999999`)).status).toBe(422);

    expect((await ws.client.delete(`/api/v1/campaigns/${campaign}/enrollments/${a.id}`)).status).toBe(204);
    expect(await state(campaign, a.id)).toMatchObject({ state: 'exited', exit_reason: 'removed' });
    expect((await ws.client.delete(`/api/v1/campaigns/${campaign}/enrollments/${a.id}`)).status).toBe(404);
  });
});
