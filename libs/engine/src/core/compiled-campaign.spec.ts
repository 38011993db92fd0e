import { compileCampaign, nextNode, nodesOfType } from './compiled-campaign';
import { CUSTOM_FIELDS, IDENTITY, aCampaign, aContact, aNode } from '../testing/factories';

//  start ──> check ─yes─> g1(customer) ──> wait ──> g2(pro) ──> done
//              └───no──> other
const funnel = () =>
  aCampaign(
    [
      aNode('start', 'trigger.manual'),
      aNode('check', 'filter.condition', {
        match: 'all',
        rules: [{ field: 'tag', op: 'hasTag', value: 'vip' }],
      }),
      aNode('g1', 'goal.tagAdded', { tag: 'customer' }),
      aNode('wait', 'wait.delay', { amount: 1, unit: 'days' }),
      aNode('g2', 'goal.fieldMatches', {
        match: 'all',
        rules: [{ field: 'plan', op: 'equals', value: 'pro' }],
      }),
      aNode('done', 'action.updateField', { field: 'nickname', value: 'Dear [First Name]' }),
      aNode('other', 'end'),
    ],
    [
      'start -> check',
      'check:yes -> g1',
      'check:no -> other',
      'g1 -> wait',
      'wait -> g2',
      'g2 -> done',
    ],
  );

describe('compileCampaign', () => {
  it('indexes where each output leads; a missing one means the path ends', () => {
    const campaign = funnel();

    expect(nextNode(campaign, 'start')).toBe('check');
    expect(nextNode(campaign, 'check', 'yes')).toBe('g1');
    expect(nextNode(campaign, 'check', 'no')).toBe('other');
    expect(nextNode(campaign, 'check')).toBeUndefined();
    expect(nextNode(campaign, 'done')).toBeUndefined();
    expect(nextNode(campaign, 'ghost')).toBeUndefined();
  });

  it('lists, for each element, the goals ahead of it, farthest first', () => {
    const { goalsAhead } = funnel();

    expect(goalsAhead.get('start')).toEqual(['g2', 'g1']);
    expect(goalsAhead.get('check')).toEqual(['g2', 'g1']);
    expect(goalsAhead.get('g1')).toEqual(['g2']);
    expect(goalsAhead.get('wait')).toEqual(['g2']);
    expect(goalsAhead.get('g2')).toEqual([]);
    expect(goalsAhead.get('other')).toEqual([]);
  });

  it('lists, for each goal, the elements it lies ahead of (where an event may pull contacts from)', () => {
    const { upstreamOf } = funnel();

    expect([...upstreamOf.get('g1')!].sort()).toEqual(['check', 'start']);
    expect([...upstreamOf.get('g2')!].sort()).toEqual(['check', 'g1', 'start', 'wait']);
  });

  //  start ──> g(engaged) ──> hook ──> wait ─┐      g is on a loop: it is ahead of start only
  //                ^                         │
  //                └─────────────────────────┘
  it('does not count a goal on a loop with an element as ahead of it', () => {
    const campaign = aCampaign(
      [
        aNode('start', 'trigger.manual'),
        aNode('g', 'goal.tagAdded', { tag: 'engaged' }),
        aNode('hook', 'action.addTag', { tag: 'sent' }),
        aNode('wait', 'wait.delay', { amount: 7, unit: 'days' }),
      ],
      ['start -> g', 'g -> hook', 'hook -> wait', 'wait -> g'],
    );

    expect(campaign.goalsAhead.get('start')).toEqual(['g']);
    expect(campaign.goalsAhead.get('hook')).toEqual([]);
    expect(campaign.goalsAhead.get('wait')).toEqual([]);
    expect(campaign.goalsAhead.get('g')).toEqual([]);
    expect([...campaign.upstreamOf.get('g')!]).toEqual(['start']);
  });

  it('compiles each Update field template once, with the custom fields it was given', () => {
    const campaign = funnel();
    const template = campaign.fieldValueTemplates.get('done')!;

    expect([...campaign.fieldValueTemplates.keys()]).toEqual(['done']);
    expect(template.render({ contact: aContact({ firstName: 'Ada' }) })).toBe('Dear Ada');
    expect(campaign.fields).toBe(CUSTOM_FIELDS);
  });

  it('refuses an Update field template naming a field the workspace does not have', () => {
    const graph = {
      nodes: [aNode('set', 'action.updateField', { field: 'nickname', value: '[Shoe Size]' })],
      edges: [],
    };

    expect(() => compileCampaign(graph, IDENTITY, CUSTOM_FIELDS)).toThrow(/Shoe Size/);
  });

  it('keeps the identity, triggers and goals', () => {
    const campaign = funnel();

    expect(campaign).toMatchObject(IDENTITY);
    expect(campaign.triggers.map((node) => node.id)).toEqual(['start']);
    expect(campaign.goals.map((node) => node.id)).toEqual(['g1', 'g2']);
    expect(nodesOfType(campaign, 'goal.tagAdded').map((node) => node.data.config.tag)).toEqual([
      'customer',
    ]);
  });
});
