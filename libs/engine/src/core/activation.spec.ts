/**
 * One activation: how a step starts (arrive, resume, pulled to a goal) and
 * how goals ahead pull a contact forward before each element runs.
 * What each element itself does is in nodes/run-node.spec.ts.
 */
import type { GraphNode } from '@tideway/graph';
import { metGoalAhead } from './activation';
import { seededRandom } from './random';
import { NOW, aCampaign, aContact, aNode, activate, pathOf } from '../testing/factories';

const start = () => aNode('start', 'trigger.manual');
const addTag = (id: string, tag: string) => aNode(id, 'action.addTag', { tag });
const wait = (id: string, days = 3) => aNode(id, 'wait.delay', { amount: days, unit: 'days' });
const tagGoal = (id: string, tag: string, options: { waitHere?: boolean } = {}) =>
  aNode(id, 'goal.tagAdded', { tag, ...options });
const proGoal = (id: string) =>
  aNode(id, 'goal.fieldMatches', {
    match: 'all',
    rules: [{ field: 'plan', op: 'equals', value: 'pro' }],
  });
const hook = (id: string) =>
  aNode(id, 'action.sendWebhook', {
    url: 'https://crm.example.com/hook',
    method: 'POST',
    contentType: 'json',
    body: { mode: 'postData', template: '{"email": "[Email]"}' },
  });

describe('a goal ahead that the contact already meets', () => {
  //  start ──> welcome ──> wait 3 days ──> reminder ──> goal(customer) ──> thanks
  const nurture = () =>
    aCampaign(
      [
        start(),
        addTag('welcome', 'welcomed'),
        wait('wait'),
        hook('reminder'),
        tagGoal('goal', 'customer'),
        addTag('thanks', 'thanked'),
      ],
      [
        'start -> welcome',
        'welcome -> wait',
        'wait -> reminder',
        'reminder -> goal',
        'goal -> thanks',
      ],
    );

  it('pulls the contact there at once and skips what lies between', () => {
    const run = activate(nurture(), 'start', { contact: aContact({ tags: ['customer'] }) });

    // The trigger runs first, so the path shows how the contact entered.
    expect(pathOf(run)).toEqual(['start: entered', 'goal: goal achieved', 'thanks: done']);
    expect(run.steps[1].output).toEqual({ from: 'welcome' });
    const ran = run.steps.map((step) => step.nodeId);
    expect(ran).not.toContain('welcome');
    expect(ran).not.toContain('wait');
    expect(ran).not.toContain('reminder');
    expect(run.effects).toEqual([{ kind: 'addTag', tag: 'thanked' }]);
    expect(run.position).toEqual({ state: 'completed', nodeId: 'thanks' });
  });

  it('leaves a contact that does not meet it on its path', () => {
    const run = activate(nurture(), 'start', { contact: aContact({ tags: ['lead'] }) });

    expect(pathOf(run)).toEqual(['start: entered', 'welcome: done', 'wait: waiting']);
  });

  it('pulls a contact that met it while waiting as soon as the wait ends', () => {
    const run = activate(
      nurture(),
      { mode: 'resume', nodeId: 'wait' },
      { contact: aContact({ tags: ['customer'] }) },
    );

    expect(pathOf(run)).toEqual(['goal: goal achieved', 'thanks: done']);
    expect(run.steps[0].output).toEqual({ from: 'reminder' });
    expect(run.effects).not.toContainEqual({ kind: 'sendWebhook', nodeId: 'reminder' });
  });

  //  start ──> buy (add customer) ──> upsell (webhook) ──> goal(customer) ──> thanks
  it('is checked again after every element, so an action that meets it pulls the contact on', () => {
    const campaign = aCampaign(
      [
        start(),
        addTag('buy', 'customer'),
        hook('upsell'),
        tagGoal('goal', 'customer'),
        addTag('thanks', 'thanked'),
      ],
      ['start -> buy', 'buy -> upsell', 'upsell -> goal', 'goal -> thanks'],
    );

    const run = activate(campaign, 'start');

    expect(pathOf(run)).toEqual([
      'start: entered',
      'buy: done',
      'goal: goal achieved',
      'thanks: done',
    ]);
    expect(run.steps[2].output).toEqual({ from: 'upsell' });
    expect(run.effects).toEqual([
      { kind: 'addTag', tag: 'customer' },
      { kind: 'addTag', tag: 'thanked' },
    ]);
  });

  //  start ──> g1(customer) ──> mid ──> g2(plan is pro) ──> done
  describe('when several lie ahead', () => {
    const twoGoals = () =>
      aCampaign(
        [
          start(),
          tagGoal('g1', 'customer'),
          addTag('mid', 'mid'),
          proGoal('g2'),
          addTag('done', 'done'),
        ],
        ['start -> g1', 'g1 -> mid', 'mid -> g2', 'g2 -> done'],
      );

    it('the farthest one met wins', () => {
      const contact = aContact({ tags: ['customer'], fields: { plan: 'pro' } });

      expect(pathOf(activate(twoGoals(), 'start', { contact }))).toEqual([
        'start: entered',
        'g2: goal achieved',
        'done: done',
      ]);
      expect(
        metGoalAhead(twoGoals(), 'start', {
          campaign: twoGoals(),
          contact,
          now: NOW,
          random: seededRandom(1),
        }),
      ).toBe('g2');
    });

    it('a nearer one met is met on the way, and the farther one is reached as usual', () => {
      const contact = aContact({ tags: ['customer'], fields: { plan: 'basic' } });

      expect(pathOf(activate(twoGoals(), 'start', { contact }))).toEqual([
        'start: entered',
        'g1: met',
        'mid: done',
        'g2: not met',
        'done: done',
      ]);
    });
  });

  //  start ──> goal(customer) ──> a ──> b
  it('does not pull back a contact that is already past it', () => {
    const campaign = aCampaign(
      [start(), tagGoal('goal', 'customer'), addTag('a', 'a'), addTag('b', 'b')],
      ['start -> goal', 'goal -> a', 'a -> b'],
    );

    const run = activate(campaign, 'a', { contact: aContact({ tags: ['customer'] }) });

    expect(pathOf(run)).toEqual(['a: done', 'b: done']);
  });

  //  start ──> hook ──> goal(webhook) ──> thanks
  describe('goal.webhookReceived', () => {
    const awaitingReply = () =>
      aCampaign(
        [
          start(),
          hook('hook'),
          aNode('goal', 'goal.webhookReceived', {}),
          addTag('thanks', 'thanked'),
        ],
        ['start -> hook', 'hook -> goal', 'goal -> thanks'],
      );

    it('never pulls a contact by what it looks like', () => {
      const contact = aContact({ tags: ['customer', 'webhook', 'goal'], fields: { plan: 'pro' } });

      expect(pathOf(activate(awaitingReply(), 'start', { contact }))).toEqual([
        'start: entered',
        'hook: sending',
      ]);
    });

    it('pulls the contact in a test run that simulates it', () => {
      const run = activate(awaitingReply(), 'start', { simulatedGoals: ['goal'] });

      expect(pathOf(run)).toEqual(['start: entered', 'goal: goal achieved', 'thanks: done']);
      expect(run.effects).toEqual([{ kind: 'addTag', tag: 'thanked' }]);
    });
  });

  //  start ──> engaged(goal) ──> digest(webhook) ──> wait 7 days ─┐
  //                 ^                                             │
  //                 └─────────────────────────────────────────────┘
  describe('on a loop', () => {
    const weeklyDigest = () =>
      aCampaign(
        [start(), tagGoal('engaged', 'engaged'), hook('digest'), wait('wait', 7)],
        ['start -> engaged', 'engaged -> digest', 'digest -> wait', 'wait -> engaged'],
      );
    const engaged = aContact({ tags: ['engaged'] });

    it('pulls a contact from before the loop into it', () => {
      const run = activate(weeklyDigest(), 'start', { contact: engaged });

      // The goal follows the trigger directly: the contact reaches it by its path and meets it there.
      expect(pathOf(run)).toEqual(['start: entered', 'engaged: met', 'digest: sending']);
    });

    it('does not pull a contact already on the loop back round it, skipping the wait', () => {
      const afterDelivery = activate(
        weeklyDigest(),
        { mode: 'resume', nodeId: 'digest', delivery: 'succeeded' },
        { contact: engaged },
      );
      const afterWait = activate(
        weeklyDigest(),
        { mode: 'resume', nodeId: 'wait' },
        { contact: engaged },
      );

      expect(pathOf(afterDelivery)).toEqual(['wait: waiting']);
      expect(pathOf(afterWait)).toEqual(['engaged: met', 'digest: sending']);
    });
  });
});

describe('how an activation starts', () => {
  //  start ──> wait ──> paid(goal, waitHere) ──> thanks
  const billing = () =>
    aCampaign(
      [
        start(),
        wait('wait'),
        tagGoal('paid', 'paid', { waitHere: true }),
        addTag('thanks', 'thanked'),
      ],
      ['start -> wait', 'wait -> paid', 'paid -> thanks'],
    );

  it('"arrive" runs the element the contact is ready at', () => {
    expect(pathOf(activate(billing(), { mode: 'arrive', nodeId: 'start' }))).toEqual([
      'start: entered',
      'wait: waiting',
    ]);
  });

  it('"resume" goes on from the element the contact waited on, without running it again', () => {
    expect(pathOf(activate(billing(), { mode: 'resume', nodeId: 'paid' }))).toEqual([
      'thanks: done',
    ]);
  });

  it('"goal" logs the goal achieved, from where the contact was, and goes on from it', () => {
    const run = activate(
      billing(),
      { mode: 'goal', nodeId: 'paid', fromNodeId: 'wait' },
      { contact: aContact({ tags: ['paid'] }) },
    );

    expect(pathOf(run)).toEqual(['paid: goal achieved', 'thanks: done']);
    expect(run.steps[0]).toEqual({
      nodeId: 'paid',
      type: 'goal.tagAdded',
      outcome: 'goal achieved',
      output: { from: 'wait' },
    });
  });

  it('returns the contact as the last element saw it, and every effect in order', () => {
    //  start ──> a(add one) ──> b(add two) ──> c(remove one)
    const campaign = aCampaign(
      [
        start(),
        addTag('a', 'one'),
        addTag('b', 'two'),
        aNode('c', 'action.removeTag', { tag: 'one' }),
      ],
      ['start -> a', 'a -> b', 'b -> c'],
    );

    const run = activate(campaign, 'start');

    expect(run.effects).toEqual([
      { kind: 'addTag', tag: 'one' },
      { kind: 'addTag', tag: 'two' },
      { kind: 'removeTag', tag: 'one' },
    ]);
    expect(run.contact.tags).toEqual(['two']);
  });

  it('logs every element run with its type', () => {
    const run = activate(billing(), 'start');

    expect(run.steps).toEqual([
      { nodeId: 'start', type: 'trigger.manual', outcome: 'entered', output: {} },
      {
        nodeId: 'wait',
        type: 'wait.delay',
        outcome: 'waiting',
        output: { until: '2026-01-04T09:00:00.000Z' },
      },
    ]);
  });
});

//  start ──> paid(goal, waitHere) ──> thank(webhook) ──> untag paid ──> wait 30 days ─┐
//                 ^                                                                  │
//                 └──────────────────────────────────────────────────────────────────┘
describe('a monthly payment loop waiting on a goal', () => {
  const monthly = (): GraphNode[] => [
    start(),
    tagGoal('paid', 'paid', { waitHere: true }),
    hook('thank'),
    aNode('untag', 'action.removeTag', { tag: 'paid' }),
    wait('wait', 30),
  ];
  const arrows = [
    'start -> paid',
    'paid -> thank',
    'thank -> untag',
    'untag -> wait',
    'wait -> paid',
  ];

  it('goes round once per payment, waiting on the goal between payments', () => {
    const campaign = aCampaign(monthly(), arrows);
    const paying = aContact({ tags: ['paid'] });

    const pulled = activate(
      campaign,
      { mode: 'goal', nodeId: 'paid', fromNodeId: 'paid' },
      { contact: paying },
    );
    const delivered = activate(
      campaign,
      { mode: 'resume', nodeId: 'thank', delivery: 'succeeded' },
      { contact: pulled.contact },
    );
    const woken = activate(
      campaign,
      { mode: 'resume', nodeId: 'wait' },
      { contact: delivered.contact },
    );

    expect(pathOf(pulled)).toEqual(['paid: goal achieved', 'thank: sending']);
    expect(pathOf(delivered)).toEqual(['untag: done', 'wait: waiting']);
    expect(pathOf(woken)).toEqual(['paid: waiting for goal']);
  });
});
