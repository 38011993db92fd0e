/**
 * The step runner moves enrollments in batches, one transaction each
 * (docs/decisions/002-durable-engine.md). A batch must behave as if its
 * steps ran one after another: nothing lost when one contact is in it twice,
 * events between its steps still heard, and one bad row holding back no other.
 */
import { ManualClock } from '@tideway/server';
import { aContact } from './support/contacts';
import {
  aGraph,
  aLiveCampaign,
  chain,
  ENGINE_ENV,
  enrollmentsOf,
  eventually,
  stepsOf,
} from './support/engine';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

const DAY = 86_400_000;

describe('steps moved in batches', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  const clock = new ManualClock();

  beforeAll(async () => {
    app = await startTestApp(ENGINE_ENV, { clock, random: () => 0.1 });
    ws = await aWorkspace(app);
  });
  afterAll(() => app.close());

  const state = async (campaignId: string, contactId: string) =>
    (await enrollmentsOf(app, campaignId, contactId)).at(-1);
  const enroll = async (campaignId: string, contactIds: string[]) =>
    expect(
      (await ws.client.post(`/api/v1/campaigns/${campaignId}/enrollments`, { contactIds })).status,
    ).toBe(202);
  const waitingIn = (campaignId: string, contactIds: string[]) =>
    eventually(async () => {
      for (const id of contactIds)
        if ((await state(campaignId, id))?.state !== 'waiting') return false;
      return true;
    });
  const completedIn = (campaignId: string, contactIds: string[]) =>
    eventually(async () => {
      for (const id of contactIds)
        if ((await state(campaignId, id))?.state !== 'completed') return false;
      return true;
    });

  // each of two campaigns: manual -> wait 1 day -> add tag <name>-1 -> wait 0 -> add tag <name>-2
  it('gives a contact that is due in two campaigns at once the changes of both, each step logged once', async () => {
    const twoTags = (name: string) =>
      aLiveCampaign(
        ws,
        aGraph(
          [
            ['start', 'trigger.manual'],
            ['day', 'wait.delay', { amount: 1, unit: 'days' }],
            ['first', 'action.addTag', { tag: `${name}-1` }],
            ['checkpoint', 'wait.delay', { amount: 0, unit: 'minutes' }],
            ['second', 'action.addTag', { tag: `${name}-2` }],
          ],
          chain('start', 'day', 'first', 'checkpoint', 'second'),
        ),
      );
    const [a, b] = [await twoTags('a'), await twoTags('b')];
    const contacts = [await aContact(ws), await aContact(ws), await aContact(ws)].map((c) => c.id);
    await enroll(a, contacts);
    await enroll(b, contacts);
    await waitingIn(a, contacts);
    await waitingIn(b, contacts);

    // Six rows fall due in the same instant: one scan claims them, one batch moves them.
    clock.advance(DAY + 1000);
    await completedIn(a, contacts);
    await completedIn(b, contacts);

    for (const id of contacts) {
      const { body } = await ws.client.get(`/api/v1/contacts/${id}`);
      expect([...body.tags].sort()).toEqual(['a-1', 'a-2', 'b-1', 'b-2']);
      expect((await stepsOf(app, a, id)).map((s) => s.node_id)).toEqual([
        'start',
        'day',
        'first',
        'checkpoint',
        'second',
      ]);
    }
    const stats = await ws.client.get(`/api/v1/campaigns/${b}/stats`);
    expect(stats.body.nodes.second).toEqual({ current: 0, entered: 3, completed: 3, failed: 0 });
    expect(stats.body.nodes.checkpoint).toMatchObject({ entered: 3, completed: 3 });
  });

  // payer:   manual -> wait 1 day -> add tag "paid"
  // nurture: manual -> wait 1 day -> wait 5 days -> goal: tag "paid" -> add tag "thanked"
  it('hears what one step did when another enrollment of the contact moves in the same batch', async () => {
    const payer = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['day', 'wait.delay', { amount: 1, unit: 'days' }],
          ['pay', 'action.addTag', { tag: 'paid' }],
        ],
        chain('start', 'day', 'pay'),
      ),
    );
    const nurture = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['day', 'wait.delay', { amount: 1, unit: 'days' }],
          ['long', 'wait.delay', { amount: 5, unit: 'days' }],
          ['goal', 'goal.tagAdded', { tag: 'paid' }],
          ['thank', 'action.addTag', { tag: 'thanked' }],
        ],
        chain('start', 'day', 'long', 'goal', 'thank'),
      ),
    );
    const contact = (await aContact(ws)).id;
    await enroll(payer, [contact]);
    await enroll(nurture, [contact]);
    await waitingIn(payer, [contact]);
    await waitingIn(nurture, [contact]);

    // Whichever of the two moves first, the goal is met without waiting the 5 days.
    clock.advance(DAY + 1000);
    await completedIn(payer, [contact]);
    await completedIn(nurture, [contact]);
    expect(
      (await stepsOf(app, nurture, contact)).map((s) => `${s.node_id}:${s.outcome}`),
    ).toContain('goal:goal achieved');
    expect((await ws.client.get(`/api/v1/contacts/${contact}`)).body.tags).toEqual(
      expect.arrayContaining(['paid', 'thanked']),
    );
  });

  // manual -> wait 1 day -> add tag "woken"
  it('moves the rest of a batch when one row in it cannot be moved, and keeps that row', async () => {
    const campaign = await aLiveCampaign(
      ws,
      aGraph(
        [
          ['start', 'trigger.manual'],
          ['day', 'wait.delay', { amount: 1, unit: 'days' }],
          ['woken', 'action.addTag', { tag: 'woken' }],
        ],
        chain('start', 'day', 'woken'),
      ),
    );
    const contacts = [await aContact(ws), await aContact(ws), await aContact(ws)].map((c) => c.id);
    await enroll(campaign, contacts);
    await waitingIn(campaign, contacts);
    // A row pointing at a revision that does not exist: its step fails every time.
    const broken = contacts[1];
    await app.db.query(
      `UPDATE enrollments SET revision = 999 WHERE campaign_id = $1 AND contact_id = $2`,
      [campaign, broken],
    );

    clock.advance(DAY + 1000);
    await completedIn(campaign, [contacts[0], contacts[2]]);
    expect(await state(campaign, broken)).toMatchObject({ state: 'waiting', node_id: 'day' });
  });
});
