/**
 * A contact changed (API, import, another campaign's step): which trigger
 * enrolls it, which goal pulls its enrollment forward, which goal lets it in.
 */
import type { GraphNode, NodeConfig, NodeType } from '@tideway/graph';
import type { EngineContact } from './contact';
import type { ContactChange } from './contact-events';
import {
  campaignMayReactTo,
  entryGoalMetBy,
  goalJumpAfter,
  triggerFiredBy,
} from './contact-events';
import { aCampaign, aContact, aNode } from '../testing/factories';

function aChange(overrides: Partial<ContactChange> = {}): ContactChange {
  return { tagsAdded: [], tagsRemoved: [], fieldsChanged: [], ...overrides };
}

describe('triggerFiredBy', () => {
  const trigger = <T extends NodeType>(type: T, ...config: [NodeConfig<T>?]) =>
    aNode('trigger', type, ...(config as [NodeConfig<T>]));
  const created = aChange({ created: true });
  const added = (...tags: string[]) => aChange({ tagsAdded: tags });
  const removed = (...tags: string[]) => aChange({ tagsRemoved: tags });
  const changed = (...fields: string[]) => aChange({ fieldsChanged: fields });
  const plan = (value?: unknown) => ({ fields: value === undefined ? {} : { plan: value } });
  const everything = aChange({ created: true, tagsAdded: ['lead'], fieldsChanged: ['email'] });

  const tagAdded = trigger('trigger.tagAdded', { tag: 'lead' });
  const tagRemoved = trigger('trigger.tagRemoved', { tag: 'lead' });
  const planChanged = trigger('trigger.fieldChanged', { field: 'plan' });
  const planChangedToPro = trigger('trigger.fieldChanged', { field: 'plan', value: 'pro' });
  const planEmptied = trigger('trigger.fieldChanged', { field: 'plan', value: null });

  // [when, trigger, change, contact after the change, fires]
  // prettier-ignore
  const rows: Array<[string, GraphNode, ContactChange, Partial<EngineContact>, boolean]> = [
    ['contactCreated: a new contact', trigger('trigger.contactCreated'), created, {}, true],
    ['contactCreated: an update', trigger('trigger.contactCreated'), changed('email'), {}, false],

    ['tagAdded: its tag added', tagAdded, added('x', 'lead'), {}, true],
    ['tagAdded: a contact created with its tag', tagAdded, { ...created, tagsAdded: ['lead'] }, {}, true],
    ['tagAdded: another tag added', tagAdded, added('leads'), {}, false],
    ['tagAdded: its tag in another case (tags are exact)', tagAdded, added('Lead'), {}, false],
    ['tagAdded: its tag removed', tagAdded, removed('lead'), {}, false],

    ['tagRemoved: its tag removed', tagRemoved, removed('lead'), {}, true],
    ['tagRemoved: its tag added', tagRemoved, added('lead'), {}, false],

    ['fieldChanged: its field changed', planChanged, changed('plan'), plan('basic'), true],
    ['fieldChanged: its field emptied', planChanged, changed('plan'), plan(), true],
    ['fieldChanged: another field changed', planChanged, changed('score'), plan('pro'), false],
    ['fieldChanged: a built-in field', trigger('trigger.fieldChanged', { field: 'email' }), changed('email'), {}, true],

    ['fieldChanged to "pro": changed to pro', planChangedToPro, changed('plan'), plan('pro'), true],
    ['fieldChanged to "pro": changed to PRO', planChangedToPro, changed('plan'), plan('PRO'), true],
    ['fieldChanged to "pro": changed to basic', planChangedToPro, changed('plan'), plan('basic'), false],
    ['fieldChanged to "pro": is pro, another field changed', planChangedToPro, changed('score'), plan('pro'), false],
    ['fieldChanged to 10: changed to "10"', trigger('trigger.fieldChanged', { field: 'score', value: 10 }), changed('score'), { fields: { score: '10' } }, true],
    ['fieldChanged to true: changed to true', trigger('trigger.fieldChanged', { field: 'optedIn', value: true }), changed('optedIn'), { fields: { optedIn: true } }, true],
    ['fieldChanged to true: changed to false', trigger('trigger.fieldChanged', { field: 'optedIn', value: true }), changed('optedIn'), { fields: { optedIn: false } }, false],

    ['fieldChanged to null ("to empty"): emptied', planEmptied, changed('plan'), plan(''), true],
    ['fieldChanged to null ("to empty"): set to null', planEmptied, changed('plan'), plan(null), true],
    ['fieldChanged to null ("to empty"): removed', planEmptied, changed('plan'), plan(), true],
    ['fieldChanged to null ("to empty"): set to pro', planEmptied, changed('plan'), plan('pro'), false],

    ['manual: any change (the API, UI or a test run enrolls)', trigger('trigger.manual'), everything, {}, false],
    ['webhookReceived: any change (its webhook enrolls)', trigger('trigger.webhookReceived', {}), everything, {}, false],
  ];

  //  trigger ──> end
  it.each(
    rows.map(
      ([when, ...row]) => [`${when} ${row[3] ? 'fires it' : 'does not fire it'}`, ...row] as const,
    ),
  )('%s', (_name, node, change, contact, fires) => {
    const campaign = aCampaign([node, aNode('end', 'end')], ['trigger -> end']);

    expect(triggerFiredBy(campaign, change, aContact(contact))?.id).toBe(
      fires ? 'trigger' : undefined,
    );
    // The shell's pre-filter may say yes needlessly, never no when a trigger fires.
    if (fires) expect(campaignMayReactTo(campaign, change)).toBe(true);
  });

  //  byTag ──> end      byPlan ──> end
  it('returns the first trigger in graph order when several fire', () => {
    const campaign = aCampaign(
      [
        aNode('byTag', 'trigger.tagAdded', { tag: 'lead' }),
        aNode('byPlan', 'trigger.fieldChanged', { field: 'plan' }),
        aNode('end', 'end'),
      ],
      ['byTag -> end', 'byPlan -> end'],
    );

    const change = aChange({ tagsAdded: ['lead'], fieldsChanged: ['plan'] });
    expect(triggerFiredBy(campaign, change, aContact())?.id).toBe('byTag');
    expect(triggerFiredBy(campaign, aChange({ fieldsChanged: ['plan'] }), aContact())?.id).toBe(
      'byPlan',
    );
  });
});

describe('goalJumpAfter', () => {
  //  start ──> welcome ──> wait ──> goal(customer) ──> thanks
  //                                 (goal(pro): see the farthest-goal case)
  const nurture = (goalOptions: { waitHere?: boolean } = {}) =>
    aCampaign(
      [
        aNode('start', 'trigger.manual'),
        aNode('welcome', 'action.addTag', { tag: 'welcomed' }),
        aNode('wait', 'wait.delay', { amount: 3, unit: 'days' }),
        aNode('goal', 'goal.tagAdded', { tag: 'customer', ...goalOptions }),
        aNode('thanks', 'action.addTag', { tag: 'thanked' }),
      ],
      ['start -> welcome', 'welcome -> wait', 'wait -> goal', 'goal -> thanks'],
    );
  const customer = aContact({ tags: ['customer'] });
  const becameCustomer = aChange({ tagsAdded: ['customer'] });

  it('pulls a contact enrolled upstream to the goal its change met', () => {
    expect(
      goalJumpAfter(nurture(), { nodeId: 'wait', waitingForGoal: false }, becameCustomer, customer),
    ).toBe('goal');
    expect(
      goalJumpAfter(
        nurture(),
        { nodeId: 'start', waitingForGoal: false },
        becameCustomer,
        customer,
      ),
    ).toBe('goal');
  });

  it('leaves a contact whose change did not touch the goal (the step checks state goals itself)', () => {
    const otherChange = aChange({ tagsAdded: ['newsletter'], fieldsChanged: ['plan'] });

    expect(
      goalJumpAfter(nurture(), { nodeId: 'wait', waitingForGoal: false }, otherChange, customer),
    ).toBeUndefined();
  });

  it('leaves a contact the change touched but that does not meet the goal now', () => {
    const removedSince = aContact({ tags: [] });

    expect(
      goalJumpAfter(
        nurture(),
        { nodeId: 'wait', waitingForGoal: false },
        becameCustomer,
        removedSince,
      ),
    ).toBeUndefined();
  });

  it('releases a contact waiting on a waitHere goal that the change met', () => {
    expect(
      goalJumpAfter(
        nurture({ waitHere: true }),
        { nodeId: 'goal', waitingForGoal: true },
        becameCustomer,
        customer,
      ),
    ).toBe('goal');
  });

  it('leaves a contact that is at the goal but not waiting on it', () => {
    expect(
      goalJumpAfter(nurture(), { nodeId: 'goal', waitingForGoal: false }, becameCustomer, customer),
    ).toBeUndefined();
  });

  it('leaves a contact already past the goal', () => {
    expect(
      goalJumpAfter(
        nurture(),
        { nodeId: 'thanks', waitingForGoal: false },
        becameCustomer,
        customer,
      ),
    ).toBeUndefined();
  });

  //  start ──> wait ──> g1(customer) ──> mid ──> g2(plan is pro) ──> done
  it('pulls to the farthest goal the change met', () => {
    const campaign = aCampaign(
      [
        aNode('start', 'trigger.manual'),
        aNode('wait', 'wait.delay', { amount: 1, unit: 'days' }),
        aNode('g1', 'goal.tagAdded', { tag: 'customer' }),
        aNode('mid', 'action.addTag', { tag: 'mid' }),
        aNode('g2', 'goal.fieldMatches', {
          match: 'all',
          rules: [{ field: 'plan', op: 'equals', value: 'pro' }],
        }),
        aNode('done', 'end'),
      ],
      ['start -> wait', 'wait -> g1', 'g1 -> mid', 'mid -> g2', 'g2 -> done'],
    );
    const contact = aContact({ tags: ['customer'], fields: { plan: 'pro' } });
    const at = { nodeId: 'wait', waitingForGoal: false };

    expect(
      goalJumpAfter(
        campaign,
        at,
        aChange({ tagsAdded: ['customer'], fieldsChanged: ['plan'] }),
        contact,
      ),
    ).toBe('g2');
    expect(goalJumpAfter(campaign, at, aChange({ tagsAdded: ['customer'] }), contact)).toBe('g1');
    expect(goalJumpAfter(campaign, at, aChange({ fieldsChanged: ['plan'] }), contact)).toBe('g2');
  });

  //  start ──> wait ──> goal(fields match) ──> end
  describe('goal.fieldMatches is touched by', () => {
    const matching = (rules: Parameters<typeof aNode<'goal.fieldMatches'>>[2]['rules']) =>
      aCampaign(
        [
          aNode('start', 'trigger.manual'),
          aNode('wait', 'wait.delay', { amount: 1, unit: 'days' }),
          aNode('goal', 'goal.fieldMatches', { match: 'all', rules }),
          aNode('end', 'end'),
        ],
        ['start -> wait', 'wait -> goal', 'goal -> end'],
      );
    const at = { nodeId: 'wait', waitingForGoal: false };
    const isPro = [{ field: 'plan', op: 'equals' as const, value: 'pro' }];
    const isVip = [{ field: 'tag', op: 'hasTag' as const, value: 'vip' }];
    const pro = aContact({ fields: { plan: 'pro' }, tags: ['vip'] });

    it.each<[string, ReturnType<typeof matching>, ContactChange, string | undefined]>([
      [
        'a change of a field its rules read',
        matching(isPro),
        aChange({ fieldsChanged: ['plan'] }),
        'goal',
      ],
      ['the contact being created', matching(isPro), aChange({ created: true }), 'goal'],
      [
        'not a change of another field',
        matching(isPro),
        aChange({ fieldsChanged: ['score'] }),
        undefined,
      ],
      ['a tag added, for a tag rule', matching(isVip), aChange({ tagsAdded: ['vip'] }), 'goal'],
      ['a tag removed, for a tag rule', matching(isVip), aChange({ tagsRemoved: ['old'] }), 'goal'],
      [
        'not a field change, for a tag rule',
        matching(isVip),
        aChange({ fieldsChanged: ['plan'] }),
        undefined,
      ],
    ])('%s', (_name, campaign, change, jump) => {
      expect(goalJumpAfter(campaign, at, change, pro)).toBe(jump);
    });
  });

  //  start ──> wait ──> goal(webhook) ──> end
  it('never pulls to goal.webhookReceived (its inbound webhook does, through the shell)', () => {
    const campaign = aCampaign(
      [
        aNode('start', 'trigger.manual'),
        aNode('wait', 'wait.delay', { amount: 1, unit: 'days' }),
        aNode('goal', 'goal.webhookReceived', { waitHere: true }),
        aNode('end', 'end'),
      ],
      ['start -> wait', 'wait -> goal', 'goal -> end'],
    );
    const everything = aChange({ created: true, tagsAdded: ['x'], fieldsChanged: ['email'] });

    expect(
      goalJumpAfter(campaign, { nodeId: 'wait', waitingForGoal: false }, everything, aContact()),
    ).toBeUndefined();
    expect(
      goalJumpAfter(campaign, { nodeId: 'goal', waitingForGoal: true }, everything, aContact()),
    ).toBeUndefined();
  });

  //  start ──> engaged(goal) ──> wait 7 days ─┐
  //                 ^                         │
  //                 └─────────────────────────┘
  it('does not pull a contact round a loop to a goal behind it', () => {
    const campaign = aCampaign(
      [
        aNode('start', 'trigger.manual'),
        aNode('engaged', 'goal.tagAdded', { tag: 'engaged' }),
        aNode('wait', 'wait.delay', { amount: 7, unit: 'days' }),
      ],
      ['start -> engaged', 'engaged -> wait', 'wait -> engaged'],
    );
    const change = aChange({ tagsAdded: ['engaged'] });
    const contact = aContact({ tags: ['engaged'] });

    expect(
      goalJumpAfter(campaign, { nodeId: 'wait', waitingForGoal: false }, change, contact),
    ).toBeUndefined();
    expect(
      goalJumpAfter(campaign, { nodeId: 'start', waitingForGoal: false }, change, contact),
    ).toBe('engaged');
  });
});

describe('entryGoalMetBy', () => {
  //  start ──> wait ──> goal(customer, allowEntry?) ──> thanks
  const withGoal = (goal: GraphNode) =>
    aCampaign(
      [
        aNode('start', 'trigger.manual'),
        aNode('wait', 'wait.delay', { amount: 1, unit: 'days' }),
        goal,
        aNode('thanks', 'end'),
      ],
      ['start -> wait', 'wait -> goal', 'goal -> thanks'],
    );
  const customer = aContact({ tags: ['customer'] });
  const becameCustomer = aChange({ tagsAdded: ['customer'] });

  it('lets a contact in at a goal with allowEntry that its change met', () => {
    const campaign = withGoal(
      aNode('goal', 'goal.tagAdded', { tag: 'customer', allowEntry: true }),
    );

    expect(entryGoalMetBy(campaign, becameCustomer, customer)?.id).toBe('goal');
  });

  it.each<[string, GraphNode, ContactChange, EngineContact]>([
    [
      'a goal without allowEntry',
      aNode('goal', 'goal.tagAdded', { tag: 'customer' }),
      becameCustomer,
      customer,
    ],
    [
      'allowEntry: false',
      aNode('goal', 'goal.tagAdded', { tag: 'customer', allowEntry: false }),
      becameCustomer,
      customer,
    ],
    [
      'a change that did not touch the goal',
      aNode('goal', 'goal.tagAdded', { tag: 'customer', allowEntry: true }),
      aChange({ tagsAdded: ['lead'] }),
      customer,
    ],
    [
      'a goal the contact does not meet',
      aNode('goal', 'goal.tagAdded', { tag: 'customer', allowEntry: true }),
      becameCustomer,
      aContact(),
    ],
    [
      'goal.webhookReceived (its webhook lets contacts in, not a change)',
      aNode('goal', 'goal.webhookReceived', { allowEntry: true }),
      aChange({ created: true, tagsAdded: ['customer'] }),
      customer,
    ],
  ])('lets no one in through %s', (_name, goal, change, contact) => {
    expect(entryGoalMetBy(withGoal(goal), change, contact)).toBeUndefined();
  });

  it('lets a contact in at a fields-match goal when a field its rules read changed', () => {
    const campaign = withGoal(
      aNode('goal', 'goal.fieldMatches', {
        match: 'any',
        rules: [{ field: 'plan', op: 'equals', value: 'pro' }],
        allowEntry: true,
      }),
    );

    expect(
      entryGoalMetBy(
        campaign,
        aChange({ fieldsChanged: ['plan'] }),
        aContact({ fields: { plan: 'Pro' } }),
      )?.id,
    ).toBe('goal');
  });
});

describe('campaignMayReactTo', () => {
  //  start(manual) ──> tag ──> end
  const noListeners = aCampaign(
    [
      aNode('start', 'trigger.manual'),
      aNode('tag', 'action.addTag', { tag: 'first' }),
      aNode('end', 'end'),
    ],
    ['start -> tag', 'tag -> end'],
  );
  //  start(manual) ──> wait ──> goal(customer) ──> end
  const withGoal = aCampaign(
    [
      aNode('start', 'trigger.manual'),
      aNode('wait', 'wait.delay', { amount: 1, unit: 'days' }),
      aNode('goal', 'goal.tagAdded', { tag: 'customer' }),
      aNode('end', 'end'),
    ],
    ['start -> wait', 'wait -> goal', 'goal -> end'],
  );
  //  start(fieldChanged plan = pro) ──> end
  const onPlan = aCampaign(
    [aNode('start', 'trigger.fieldChanged', { field: 'plan', value: 'pro' }), aNode('end', 'end')],
    ['start -> end'],
  );

  it('says no for a campaign with no trigger or goal that hears that kind of change', () => {
    expect(
      campaignMayReactTo(noListeners, aChange({ tagsAdded: ['first'], fieldsChanged: ['plan'] })),
    ).toBe(false);
    expect(campaignMayReactTo(withGoal, aChange({ tagsAdded: ['newsletter'] }))).toBe(false);
    expect(campaignMayReactTo(onPlan, aChange({ fieldsChanged: ['score'] }))).toBe(false);
  });

  it('says yes for a goal or trigger the change touches, whatever the contact now holds', () => {
    expect(campaignMayReactTo(withGoal, aChange({ tagsAdded: ['customer'] }))).toBe(true);
    // The value condition is checked later, against the contact.
    expect(campaignMayReactTo(onPlan, aChange({ fieldsChanged: ['plan'] }))).toBe(true);
  });
});
