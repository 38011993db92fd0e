import { aContact } from './support/contacts';
import { aGraph, chain } from './support/engine';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

describe('POST /api/v1/campaigns/:id/test-runs', () => {
  let app: TestApp;
  let ws: TestWorkspace;

  beforeAll(async () => {
    app = await startTestApp();
    ws = await aWorkspace(app);
  });
  afterAll(() => app.close());

  // manual -> add tag "trial" -> wait 3 days -> if has tag "vip": yes -> webhook -> end
  //                                                             no  -> end
  const graph = aGraph(
    [
      ['start', 'trigger.manual'],
      ['tag', 'action.addTag', { tag: 'trial' }],
      ['pause', 'wait.delay', { amount: 3, unit: 'days' }],
      ['vip', 'filter.condition', { match: 'all', rules: [{ field: 'tag', op: 'hasTag', value: 'vip' }] }],
      [
        'notify',
        'action.sendWebhook',
        {
          url: 'https://crm.example.com/leads?source=tideway',
          method: 'POST',
          contentType: 'form',
          body: { mode: 'postData', template: 'First_Name=[First Name]&Email=[Email]' },
        },
      ],
      ['done', 'end'],
      ['skip', 'end'],
    ],
    [...chain('start', 'tag', 'pause', 'vip'), ['vip', 'notify', 'yes'], ['vip', 'skip', 'no'], ['notify', 'done']],
  );

  async function aDraftCampaign() {
    const res = await ws.client.post('/api/v1/campaigns', { name: 'Trial nurture', graph });
    return res.body.id as string;
  }

  it('runs an ad-hoc contact through the draft: waits fast-forwarded, the webhook rendered, nothing stored', async () => {
    const campaign = await aDraftCampaign();
    const res = await ws.client.post(`/api/v1/campaigns/${campaign}/test-runs`, {
      contact: { email: 'tom@example.com', firstName: 'Tom & Jerry', tags: ['vip'] },
      mode: 'dry',
    });
    expect(res.status).toBe(200);
    expect(res.body.path.map((step: { nodeId: string; outcome: string }) => `${step.nodeId}:${step.outcome}`)).toEqual([
      'start:entered',
      'tag:done',
      'pause:waiting',
      'vip:yes',
      'notify:sending',
      'done:completed',
    ]);
    const webhook = res.body.path.find((step: { nodeId: string }) => step.nodeId === 'notify');
    expect(webhook.output.request).toMatchObject({ method: 'POST', url: 'https://crm.example.com/leads?source=tideway' });
    expect(Object.fromEntries(new URLSearchParams(webhook.output.request.body))).toEqual({
      First_Name: 'Tom & Jerry',
      Email: 'tom@example.com',
    });
    // Three days later, by the run's own clock.
    const [waited, after] = [res.body.path[2].at, res.body.path[3].at].map(Date.parse);
    expect(after - waited).toBe(3 * 86_400_000);
    expect(res.body.finalState).toEqual({ state: 'completed', nodeId: 'done' });
    expect(res.body.contact.tags).toEqual(['vip', 'trial']);

    const [{ count }] = await app.db.query(`SELECT count(*)::int AS count FROM enrollments WHERE campaign_id = $1`, [campaign]);
    expect(count).toBe(0);
    const [{ deliveries }] = await app.db.query(`SELECT count(*)::int AS deliveries FROM deliveries WHERE campaign_id = $1`, [campaign]);
    expect(deliveries).toBe(0);
  });

  it('runs an existing contact without changing it', async () => {
    const campaign = await aDraftCampaign();
    const contact = await aContact(ws, { firstName: 'Ada' });
    const res = await ws.client.post(`/api/v1/campaigns/${campaign}/test-runs`, { contactId: contact.id });
    expect(res.status).toBe(200);
    expect(res.body.path.at(-1)).toMatchObject({ nodeId: 'skip', outcome: 'completed' });
    expect((await ws.client.get(`/api/v1/contacts/${contact.id}`)).body.tags).toEqual([]);
  });

  // manual -> wait 30 days -> goal: tag "paid" -> end
  it('treats the goals it is given as met', async () => {
    const res = await ws.client.post('/api/v1/campaigns', {
      name: 'Goal run',
      graph: aGraph(
        [
          ['start', 'trigger.manual'],
          ['pause', 'wait.delay', { amount: 30, unit: 'days' }],
          ['paid', 'goal.tagAdded', { tag: 'paid' }],
          ['done', 'end'],
        ],
        chain('start', 'pause', 'paid', 'done'),
      ),
    });
    const run = await ws.client.post(`/api/v1/campaigns/${res.body.id}/test-runs`, { contact: {}, goals: ['paid'] });
    expect(run.body.path.map((step: { nodeId: string; outcome: string }) => `${step.nodeId}:${step.outcome}`)).toEqual([
      'start:entered',
      'paid:goal achieved',
      'done:completed',
    ]);
  });

  it('answers 422 with the problems of a draft that cannot run, and 404 for another workspace', async () => {
    const broken = await ws.client.post('/api/v1/campaigns', {
      name: 'Broken',
      graph: aGraph([['start', 'trigger.manual'], ['tag', 'action.addTag', { tag: '' }]], chain('start', 'tag')),
    });
    const res = await ws.client.post(`/api/v1/campaigns/${broken.body.id}/test-runs`, { contact: {} });
    expect(res.status).toBe(422);
    expect(res.body.details[0].path).toBe('tag');

    const bad = await ws.client.post(`/api/v1/campaigns/${broken.body.id}/test-runs`, { mode: 'sometimes' });
    expect(bad.status).toBe(422);
    expect(bad.body.details[0].path).toBe('mode');

    const other = await aWorkspace(app);
    expect((await other.client.post(`/api/v1/campaigns/${broken.body.id}/test-runs`, { contact: {} })).status).toBe(404);
  });
});
