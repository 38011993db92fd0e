/**
 * What each element does to a contact that reaches it, through
 * `runActivation` as the step runner calls it. Rule operators are in
 * core/rules.spec.ts, wait times in core/wake-time.spec.ts, goal jumps in
 * core/activation.spec.ts.
 */
import type { GraphNode, NodeType } from '@tideway/graph';
import { RUNAWAY_FUSE } from '../core/activation';
import { seededRandom } from '../core/random';
import {
  NOW,
  aCampaign,
  aContact,
  aNode,
  activate,
  anUnvalidatedCampaign,
  at,
  pathOf,
} from '../testing/factories';

const start = () => aNode('start', 'trigger.manual');
const end = (id = 'end') => aNode(id, 'end');
const addTag = (id: string, tag: string) => aNode(id, 'action.addTag', { tag });
const hasTag = (id: string, tag: string) =>
  aNode(id, 'filter.condition', {
    match: 'all',
    rules: [{ field: 'tag', op: 'hasTag', value: tag }],
  });

describe('triggers', () => {
  //  trigger ──> next
  it.each<[NodeType, GraphNode]>([
    ['trigger.manual', aNode('trigger', 'trigger.manual')],
    ['trigger.contactCreated', aNode('trigger', 'trigger.contactCreated')],
    ['trigger.tagAdded', aNode('trigger', 'trigger.tagAdded', { tag: 'lead' })],
    ['trigger.tagRemoved', aNode('trigger', 'trigger.tagRemoved', { tag: 'lead' })],
    ['trigger.fieldChanged', aNode('trigger', 'trigger.fieldChanged', { field: 'plan' })],
    ['trigger.webhookReceived', aNode('trigger', 'trigger.webhookReceived', {})],
  ])('%s lets the contact in and passes it on', (_type, trigger) => {
    const campaign = aCampaign([trigger, end('next')], ['trigger -> next']);

    const run = activate(campaign, 'trigger');

    expect(pathOf(run)).toEqual(['trigger: entered', 'next: completed']);
    expect(run.position).toEqual({ state: 'completed', nodeId: 'next' });
  });
});

describe('goals reached along the path', () => {
  const goals: Array<
    [string, GraphNode, Partial<ReturnType<typeof aContact>>, Partial<ReturnType<typeof aContact>>]
  > = [
    [
      'goal.tagAdded',
      aNode('goal', 'goal.tagAdded', { tag: 'customer' }),
      { tags: ['customer'] },
      { tags: ['lead'] },
    ],
    [
      'goal.fieldMatches',
      aNode('goal', 'goal.fieldMatches', {
        match: 'all',
        rules: [{ field: 'plan', op: 'equals', value: 'pro' }],
      }),
      { fields: { plan: 'Pro' } },
      { fields: { plan: 'basic' } },
    ],
  ];

  //  start ──> goal ──> after
  describe.each(goals)('%s', (_type, goal, meeting, notMeeting) => {
    it('goes on as "met" when the contact meets it', () => {
      const campaign = aCampaign([start(), goal, end('after')], ['start -> goal', 'goal -> after']);

      const run = activate(campaign, 'goal', { contact: aContact(meeting) });

      expect(pathOf(run)).toEqual(['goal: met', 'after: completed']);
    });

    it('goes on as "not met" when the contact does not meet it', () => {
      const campaign = aCampaign([start(), goal, end('after')], ['start -> goal', 'goal -> after']);

      const run = activate(campaign, 'goal', { contact: aContact(notMeeting) });

      expect(pathOf(run)).toEqual(['goal: not met', 'after: completed']);
    });

    it('with waitHere, holds a contact that does not meet it until it does', () => {
      const waiting = {
        ...goal,
        data: { config: { ...goal.data.config, waitHere: true } },
      } as GraphNode;
      const campaign = aCampaign(
        [start(), waiting, end('after')],
        ['start -> goal', 'goal -> after'],
      );

      const run = activate(campaign, 'goal', { contact: aContact(notMeeting) });

      expect(pathOf(run)).toEqual(['goal: waiting for goal']);
      expect(run.position).toEqual({
        state: 'waiting',
        nodeId: 'goal',
        waitingFor: 'goal',
        wakeAt: null,
      });
    });

    it('with waitHere, lets a contact that meets it straight through', () => {
      const waiting = {
        ...goal,
        data: { config: { ...goal.data.config, waitHere: true } },
      } as GraphNode;
      const campaign = aCampaign(
        [start(), waiting, end('after')],
        ['start -> goal', 'goal -> after'],
      );

      const run = activate(campaign, 'goal', { contact: aContact(meeting) });

      expect(pathOf(run)).toEqual(['goal: met', 'after: completed']);
    });
  });

  //  start ──> add tag customer ──> goal(customer) ──> after
  it('is met by a tag an action just before it added', () => {
    const campaign = aCampaign(
      [
        start(),
        addTag('buy', 'customer'),
        aNode('goal', 'goal.tagAdded', { tag: 'customer' }),
        end('after'),
      ],
      ['start -> buy', 'buy -> goal', 'goal -> after'],
    );

    const run = activate(campaign, 'start');

    expect(pathOf(run)).toEqual(['start: entered', 'buy: done', 'goal: met', 'after: completed']);
  });

  describe('goal.webhookReceived', () => {
    //  start ──> goal(webhook) ──> after
    it('is never met by what the contact looks like, only by its webhook', () => {
      const campaign = aCampaign(
        [start(), aNode('goal', 'goal.webhookReceived', {}), end('after')],
        ['start -> goal', 'goal -> after'],
      );
      const everything = aContact({ tags: ['customer', 'webhook'], fields: { plan: 'pro' } });

      expect(pathOf(activate(campaign, 'goal', { contact: everything }))).toEqual([
        'goal: not met',
        'after: completed',
      ]);
    });

    it('with waitHere, holds every contact that reaches it', () => {
      const campaign = aCampaign(
        [start(), aNode('goal', 'goal.webhookReceived', { waitHere: true }), end('after')],
        ['start -> goal', 'goal -> after'],
      );

      expect(activate(campaign, 'start').position).toMatchObject({
        state: 'waiting',
        nodeId: 'goal',
        waitingFor: 'goal',
      });
    });

    it('is met in a test run that simulates it', () => {
      const campaign = aCampaign(
        [start(), aNode('goal', 'goal.webhookReceived', { waitHere: true }), end('after')],
        ['start -> goal', 'goal -> after'],
      );

      const run = activate(campaign, 'goal', { simulatedGoals: ['goal'] });

      expect(pathOf(run)).toEqual(['goal: met', 'after: completed']);
    });
  });
});

describe('filter.condition', () => {
  //  start ──> check ─yes─> vip
  //              └───no──> other
  const campaign = () =>
    aCampaign(
      [start(), hasTag('check', 'vip'), end('vip'), end('other')],
      ['start -> check', 'check:yes -> vip', 'check:no -> other'],
    );

  it.each([
    ['yes', ['vip'], 'vip'],
    ['no', [], 'other'],
  ])('sends the contact out by "%s" when the rules hold %#', (outcome, tags, target) => {
    const run = activate(campaign(), 'check', { contact: aContact({ tags }) });

    expect(pathOf(run)).toEqual([`check: ${outcome}`, `${target}: completed`]);
  });
});

describe('split.random', () => {
  //              ┌─a (weight 1)─> endA
  //  start ──> split ─b (weight 3)─> endB
  //              └─c (weight 0)─> endC
  const split = () =>
    aCampaign(
      [
        start(),
        aNode('split', 'split.random', {
          branches: [
            { id: 'a', weight: 1 },
            { id: 'b', weight: 3 },
            { id: 'c', weight: 0 },
          ],
        }),
        end('endA'),
        end('endB'),
        end('endC'),
      ],
      ['start -> split', 'split:a -> endA', 'split:b -> endB', 'split:c -> endC'],
    );

  it('sends contacts down each branch in proportion to its weight, and never down a zero-weight one', () => {
    const campaign = split();
    const random = seededRandom(2026);
    const draws = 20_000;
    const counts: Record<string, number> = { endA: 0, endB: 0, endC: 0 };

    for (let i = 0; i < draws; i++)
      counts[activate(campaign, 'split', { random }).position.nodeId] += 1;

    expect(Math.abs(counts.endA / draws - 0.25)).toBeLessThan(0.01);
    expect(Math.abs(counts.endB / draws - 0.75)).toBeLessThan(0.01);
    expect(counts.endC).toBe(0);
  });

  it('logs the branch taken', () => {
    expect(pathOf(activate(split(), 'split', { random: () => 0.5 }))).toEqual([
      'split: branch b',
      'endB: completed',
    ]);
  });

  it.each([
    ['the bottom of the range', 0, 'endA'],
    ['just under a quarter', 0.2499, 'endA'],
    ['a quarter', 0.25, 'endB'],
    ['the top of the range', 0.999_999_999, 'endB'],
  ])('maps a draw at %s onto the weights (%p -> %s)', (_name, draw, target) => {
    expect(activate(split(), 'split', { random: () => draw }).position.nodeId).toBe(target);
  });

  //              ┌─off (weight 0)─> endOff
  //  start ──> split
  //              └─on (weight 5)──> endOn
  it('skips a zero-weight branch listed first, even for a draw of 0', () => {
    const campaign = aCampaign(
      [
        start(),
        aNode('split', 'split.random', {
          branches: [
            { id: 'off', weight: 0 },
            { id: 'on', weight: 5 },
          ],
        }),
        end('endOff'),
        end('endOn'),
      ],
      ['start -> split', 'split:off -> endOff', 'split:on -> endOn'],
    );

    expect(activate(campaign, 'split', { random: () => 0 }).position.nodeId).toBe('endOn');
  });

  it('takes the same branches for the same seed, so a test run can be replayed', () => {
    const campaign = split();
    const branches = (seed: number) => {
      const random = seededRandom(seed);
      return Array.from(
        { length: 20 },
        () => activate(campaign, 'split', { random }).position.nodeId,
      );
    };

    expect(branches(7)).toEqual(branches(7));
  });
});

describe('action.addTag and action.removeTag', () => {
  //  start ──> add vip ──> check(has vip) ─yes─> yes
  //                            └────no──> no
  it('adds a tag that later elements of the same step already see', () => {
    const campaign = aCampaign(
      [start(), addTag('tag', 'vip'), hasTag('check', 'vip'), end('yes'), end('no')],
      ['start -> tag', 'tag -> check', 'check:yes -> yes', 'check:no -> no'],
    );

    const run = activate(campaign, 'start', { contact: aContact({ tags: ['lead'] }) });

    expect(pathOf(run)).toEqual(['start: entered', 'tag: done', 'check: yes', 'yes: completed']);
    expect(run.effects).toEqual([{ kind: 'addTag', tag: 'vip' }]);
    expect(run.contact.tags).toEqual(['lead', 'vip']);
    expect(run.steps[1].output).toEqual({ tag: 'vip' });
  });

  //  start ──> remove vip ──> check(has vip) ─yes─> yes
  //                               └────no──> no
  it('removes a tag that later elements of the same step already miss', () => {
    const campaign = aCampaign(
      [
        start(),
        aNode('untag', 'action.removeTag', { tag: 'vip' }),
        hasTag('check', 'vip'),
        end('yes'),
        end('no'),
      ],
      ['start -> untag', 'untag -> check', 'check:yes -> yes', 'check:no -> no'],
    );

    const run = activate(campaign, 'start', { contact: aContact({ tags: ['vip', 'lead'] }) });

    expect(pathOf(run)).toEqual(['start: entered', 'untag: done', 'check: no', 'no: completed']);
    expect(run.effects).toEqual([{ kind: 'removeTag', tag: 'vip' }]);
    expect(run.contact.tags).toEqual(['lead']);
  });

  //  start ──> add vip ──> add vip again
  it('asks for a tag the contact already has (the shell must not store it twice), keeping one copy', () => {
    const campaign = aCampaign(
      [start(), addTag('one', 'vip'), addTag('two', 'vip')],
      ['start -> one', 'one -> two'],
    );

    const run = activate(campaign, 'start', { contact: aContact({ tags: ['vip'] }) });

    expect(run.effects).toEqual([
      { kind: 'addTag', tag: 'vip' },
      { kind: 'addTag', tag: 'vip' },
    ]);
    expect(run.contact.tags).toEqual(['vip']);
  });

  it('leaves the contact it was given untouched', () => {
    const campaign = aCampaign([start(), addTag('tag', 'vip')], ['start -> tag']);
    const contact = aContact({ tags: ['lead'] });

    activate(campaign, 'start', { contact });

    expect(contact.tags).toEqual(['lead']);
  });
});

describe('action.updateField', () => {
  //  start ──> set ──> after
  const setting = (field: string, value: string) =>
    aCampaign(
      [start(), aNode('set', 'action.updateField', { field, value }), end('after')],
      ['start -> set', 'set -> after'],
    );

  it('renders [First Name]-style merge fields for the contact', () => {
    const run = activate(setting('nickname', '[First Name] [Last Name] of [Campaign Name]'), 'set');

    expect(run.effects).toEqual([
      { kind: 'updateField', field: 'nickname', value: 'Tom Cat of Welcome series' },
    ]);
    expect(run.contact.fields.nickname).toBe('Tom Cat of Welcome series');
    expect(pathOf(run)).toEqual(['set: done', 'after: completed']);
    expect(run.steps[0].output).toEqual({ field: 'nickname', value: 'Tom Cat of Welcome series' });
  });

  it('renders custom fields by their label, and [Date] from the step clock', () => {
    const contact = aContact({ fields: { plan: 'pro', score: 7 } });

    const run = activate(setting('nickname', '[Plan]/[Score]/[Date]'), 'set', {
      contact,
      now: at('2026-07-14T23:30:00Z'),
    });

    expect(run.contact.fields.nickname).toBe('pro/7/2026-07-14');
  });

  // prettier-ignore
  it.each([
    ['a text field keeps the text as rendered', 'nickname', ' Tom ', ' Tom '],
    ['a number field stores a number', 'score', ' 42 ', 42],
    ['a number field takes decimals and signs', 'score', '-3.5', -3.5],
    ['a number field stores null for a word', 'score', 'lots', null],
    ['a number field stores null for nothing', 'score', '', null],
    ['a boolean field reads true / yes / 1', 'optedIn', 'Yes', true],
    ['a boolean field reads false / no / 0', 'optedIn', '0', false],
    ['a boolean field stores null for anything else', 'optedIn', 'maybe', null],
    ['a date field keeps an ISO date', 'renewal', '2026-05-01', '2026-05-01'],
    ['a date field keeps an ISO date-time', 'renewal', '2026-05-01T09:00:00Z', '2026-05-01T09:00:00Z'],
    ['a date field stores null for a non-date', 'renewal', 'next week', null],
    ['a built-in field takes the text', 'firstName', 'Thomas', 'Thomas'],
  ])('coerces to the field type: %s', (_name, field, value, stored) => {
    const run = activate(setting(field, value), 'set');

    expect(run.effects).toEqual([{ kind: 'updateField', field, value: stored }]);
  });

  it('sets a built-in field on the contact itself', () => {
    const run = activate(setting('firstName', 'Thomas'), 'set');

    expect(run.contact.firstName).toBe('Thomas');
    expect(run.contact.fields).toEqual({});
  });

  //  start ──> set plan=pro ──> check(plan is pro) ─yes─> yes
  //                                   └───no──> no
  it('writes a value that later elements of the same step already see', () => {
    const campaign = aCampaign(
      [
        start(),
        aNode('set', 'action.updateField', { field: 'plan', value: 'pro' }),
        aNode('check', 'filter.condition', {
          match: 'all',
          rules: [{ field: 'plan', op: 'equals', value: 'pro' }],
        }),
        end('yes'),
        end('no'),
      ],
      ['start -> set', 'set -> check', 'check:yes -> yes', 'check:no -> no'],
    );

    expect(pathOf(activate(campaign, 'start'))).toEqual([
      'start: entered',
      'set: done',
      'check: yes',
      'yes: completed',
    ]);
  });
});

describe('action.sendWebhook', () => {
  //  start ──> hook ──> after
  const hook = (onFailure?: 'continue' | 'stop') =>
    aCampaign(
      [
        start(),
        aNode('hook', 'action.sendWebhook', {
          url: 'https://crm.example.com/hook',
          method: 'POST',
          contentType: 'form',
          body: { mode: 'postData', template: 'First_Name=[First Name]&Email=[Email]' },
          ...(onFailure ? { onFailure } : {}),
        }),
        end('after'),
      ],
      ['start -> hook', 'hook -> after'],
    );

  it('asks for a delivery and waits for it', () => {
    const run = activate(hook(), 'start');

    expect(pathOf(run)).toEqual(['start: entered', 'hook: sending']);
    expect(run.effects).toEqual([{ kind: 'sendWebhook', nodeId: 'hook' }]);
    expect(run.position).toEqual({
      state: 'waiting',
      nodeId: 'hook',
      waitingFor: 'delivery',
      wakeAt: null,
    });
  });

  it.each<[string, 'continue' | 'stop' | undefined, 'succeeded' | 'failed']>([
    ['a delivery that succeeded', undefined, 'succeeded'],
    ['a delivery that succeeded, whatever onFailure says', 'stop', 'succeeded'],
    ['a failed delivery when onFailure is continue', 'continue', 'failed'],
    ['a failed delivery when onFailure is not set (continue is the default)', undefined, 'failed'],
  ])('goes on after %s', (_name, onFailure, delivery) => {
    const run = activate(hook(onFailure), { mode: 'resume', nodeId: 'hook', delivery });

    expect(pathOf(run)).toEqual(['after: completed']);
    expect(run.position).toEqual({ state: 'completed', nodeId: 'after' });
    expect(run.effects).toEqual([]);
  });

  it('exits the campaign after a failed delivery when onFailure is stop', () => {
    const run = activate(hook('stop'), { mode: 'resume', nodeId: 'hook', delivery: 'failed' });

    expect(run.steps).toEqual([]);
    expect(run.position).toEqual({ state: 'exited', nodeId: 'hook', reason: 'webhook failed' });
  });
});

describe('wait.delay', () => {
  //  start ──> wait ──> after
  it.each<[number, 'minutes' | 'hours' | 'days', string]>([
    [1, 'minutes', '2026-01-01T09:01:00.000Z'],
    [90, 'minutes', '2026-01-01T10:30:00.000Z'],
    [2, 'hours', '2026-01-01T11:00:00.000Z'],
    [1, 'days', '2026-01-02T09:00:00.000Z'],
    [31, 'days', '2026-02-01T09:00:00.000Z'],
  ])('holds the contact %p %s from the step clock', (amount, unit, wakeAt) => {
    const campaign = aCampaign(
      [start(), aNode('wait', 'wait.delay', { amount, unit }), end('after')],
      ['start -> wait', 'wait -> after'],
    );

    const run = activate(campaign, 'start', { now: NOW });

    expect(pathOf(run)).toEqual(['start: entered', 'wait: waiting']);
    expect(run.steps[1].output).toEqual({ until: wakeAt });
    expect(run.position).toEqual({
      state: 'waiting',
      nodeId: 'wait',
      waitingFor: 'time',
      wakeAt: at(wakeAt),
    });
  });

  it('counts a day as 24 hours, even across a daylight-saving change', () => {
    const campaign = aCampaign(
      [start(), aNode('wait', 'wait.delay', { amount: 1, unit: 'days' })],
      ['start -> wait'],
    );

    const run = activate(campaign, 'wait', { now: at('2026-03-28T08:00:00Z') });

    expect(run.position).toMatchObject({ wakeAt: at('2026-03-29T08:00:00Z') });
  });

  it('goes on when the shell resumes it', () => {
    const campaign = aCampaign(
      [start(), aNode('wait', 'wait.delay', { amount: 1, unit: 'days' }), end('after')],
      ['start -> wait', 'wait -> after'],
    );

    expect(pathOf(activate(campaign, { mode: 'resume', nodeId: 'wait' }))).toEqual([
      'after: completed',
    ]);
  });
});

describe('end, and the end of a path', () => {
  //  start ──> end
  it('end completes the contact there', () => {
    const run = activate(aCampaign([start(), end()], ['start -> end']), 'start');

    expect(pathOf(run)).toEqual(['start: entered', 'end: completed']);
    expect(run.position).toEqual({ state: 'completed', nodeId: 'end' });
  });

  //  start ──> tag        (nothing after)
  it('a node with no outgoing edge completes the contact after running', () => {
    const run = activate(aCampaign([start(), addTag('tag', 'vip')], ['start -> tag']), 'start');

    expect(pathOf(run)).toEqual(['start: entered', 'tag: done']);
    expect(run.position).toEqual({ state: 'completed', nodeId: 'tag' });
  });

  //  start ──> wait        (nothing after)
  it('a wait with no outgoing edge completes the contact when it wakes', () => {
    const campaign = aCampaign(
      [start(), aNode('wait', 'wait.delay', { amount: 1, unit: 'days' })],
      ['start -> wait'],
    );

    expect(activate(campaign, { mode: 'resume', nodeId: 'wait' }).position).toEqual({
      state: 'completed',
      nodeId: 'wait',
    });
  });
});

describe('safety', () => {
  //  start ──> a ──> b
  //            ^     │
  //            └─────┘    (a loop with no wait: publishing refuses it)
  it(`exits with "runaway" after ${RUNAWAY_FUSE} elements without a wait`, () => {
    const campaign = anUnvalidatedCampaign(
      [start(), addTag('a', 'ping'), aNode('b', 'action.removeTag', { tag: 'ping' })],
      ['start -> a', 'a -> b', 'b -> a'],
    );

    const run = activate(campaign, 'start');

    expect(run.steps).toHaveLength(RUNAWAY_FUSE);
    expect(run.effects).toHaveLength(RUNAWAY_FUSE - 1);
    expect(run.position).toEqual({ state: 'exited', nodeId: 'b', reason: 'runaway' });
  });

  //  start ──> ghost      (an edge to an element the revision lacks)
  it('exits with "removed node" when it reaches an element the revision does not have', () => {
    const campaign = anUnvalidatedCampaign([start()], ['start -> ghost']);

    const run = activate(campaign, 'start');

    expect(pathOf(run)).toEqual(['start: entered']);
    expect(run.position).toEqual({ state: 'exited', nodeId: 'ghost', reason: 'removed node' });
  });

  it.each([
    ['arrives at', { mode: 'arrive' as const, nodeId: 'ghost' }],
    ['resumes on', { mode: 'resume' as const, nodeId: 'ghost' }],
  ])(
    'exits with "removed node" when it %s an element a later revision removed',
    (_name, startAt) => {
      const campaign = aCampaign([start(), end()], ['start -> end']);

      const run = activate(campaign, startAt);

      expect(run.steps).toEqual([]);
      expect(run.position).toEqual({ state: 'exited', nodeId: 'ghost', reason: 'removed node' });
    },
  );
});
