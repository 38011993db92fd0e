import {
  DEFAULT_OUTPUT,
  NODE_CATALOGUE,
  NODE_GROUPS,
  NODE_TYPES,
  type NodeType,
  nodeDefinition,
  nodesInGroup,
} from './index';
import { VALID_CONFIGS } from './testing/factories';

describe('the node catalogue', () => {
  it('holds every element type of PRODUCT.md, each under its own type', () => {
    expect(NODE_TYPES).toEqual([
      'trigger.manual',
      'trigger.contactCreated',
      'trigger.tagAdded',
      'trigger.tagRemoved',
      'trigger.fieldChanged',
      'trigger.webhookReceived',
      'goal.tagAdded',
      'goal.fieldMatches',
      'goal.webhookReceived',
      'filter.condition',
      'split.random',
      'action.sendWebhook',
      'action.addTag',
      'action.removeTag',
      'action.updateField',
      'wait.delay',
      'wait.until',
      'end',
    ]);
    for (const type of NODE_TYPES) expect(NODE_CATALOGUE[type].type).toBe(type);
  });

  it.each(NODE_TYPES)('%s has a group, label, description and icon', (type) => {
    const definition = nodeDefinition(type)!;
    expect(NODE_GROUPS).toContain(definition.group);
    expect(
      type === 'end' || type.startsWith(`${definition.group}.`) || type === 'split.random',
    ).toBe(true);
    expect(definition.label).not.toBe('');
    expect(definition.description).not.toBe('');
    expect(definition.icon).toMatch(/^[a-z-]+$/);
  });

  it.each(NODE_TYPES)('%s accepts its valid example config', (type) => {
    expect(nodeDefinition(type)!.configSchema.safeParse(VALID_CONFIGS[type]).success).toBe(true);
  });

  it.each(NODE_TYPES)('%s starts from a default config that only lacks user input', (type) => {
    const result = nodeDefinition(type)!.configSchema.safeParse(NODE_CATALOGUE[type].defaultConfig);
    const codes = result.success ? [] : result.error.issues.map((issue) => issue.code);
    expect(
      codes.every((code) => code === 'too_small' || code === 'invalid_format' || code === 'custom'),
    ).toBe(true);
  });

  it('groups elements for the palette', () => {
    expect(nodesInGroup('wait').map((d) => d.type)).toEqual(['wait.delay', 'wait.until']);
    expect(nodesInGroup('filter').map((d) => d.type)).toEqual(['filter.condition', 'split.random']);
  });

  it('knows no type outside the catalogue, not even a prototype name', () => {
    expect(nodeDefinition('action.sendSms')).toBeUndefined();
    expect(nodeDefinition('constructor')).toBeUndefined();
  });
});

describe('outputs', () => {
  it.each<[NodeType, unknown, unknown[]]>([
    ['trigger.manual', {}, [DEFAULT_OUTPUT]],
    ['goal.tagAdded', { tag: 'x' }, [DEFAULT_OUTPUT]],
    ['action.sendWebhook', VALID_CONFIGS['action.sendWebhook'], [DEFAULT_OUTPUT]],
    ['wait.delay', { amount: 1, unit: 'days' }, [DEFAULT_OUTPUT]],
    ['filter.condition', VALID_CONFIGS['filter.condition'], ['yes', 'no']],
    [
      'split.random',
      {
        branches: [
          { id: 'x', weight: 1 },
          { id: 'y', weight: 2 },
          { id: 'z', weight: 0 },
        ],
      },
      ['x', 'y', 'z'],
    ],
    ['end', {}, []],
  ])('%s with %j has outputs %j', (type, config, outputs) => {
    expect(nodeDefinition(type)!.outputs(config)).toEqual(outputs);
  });

  it('writes the single default output as null, the absent sourceHandle', () => {
    expect(DEFAULT_OUTPUT).toBeNull();
  });
});

describe('summaries', () => {
  it.each<[NodeType, unknown, string]>([
    ['trigger.manual', {}, 'Enrolled manually'],
    ['trigger.tagAdded', { tag: 'lead' }, 'When tag lead is added'],
    ['trigger.fieldChanged', { field: 'plan' }, 'When plan changes'],
    ['trigger.fieldChanged', { field: 'plan', value: 'pro' }, 'When plan changes to pro'],
    [
      'trigger.webhookReceived',
      { mapping: [{ param: 'e', field: 'email' }] },
      'When a webhook arrives (1 mapped field)',
    ],
    ['goal.tagAdded', { tag: 'customer', waitHere: true }, 'Goal: has tag customer (waits here)'],
    [
      'goal.fieldMatches',
      {
        match: 'any',
        rules: [
          { field: 'plan', op: 'equals', value: 'pro' },
          { field: 'email', op: 'isEmpty' },
        ],
      },
      'Goal: plan is pro or email is empty',
    ],
    ['goal.webhookReceived', { allowEntry: true }, 'Goal: webhook received (open entry)'],
    [
      'filter.condition',
      {
        match: 'all',
        rules: [
          { field: 'tag', op: 'hasTag', value: 'vip' },
          { field: 'age', op: 'gt', value: 30 },
        ],
      },
      'If has tag vip and age > 30',
    ],
    [
      'split.random',
      {
        branches: [
          { id: 'a', weight: 1 },
          { id: 'b', weight: 3 },
        ],
      },
      'Split a 25% / b 75%',
    ],
    [
      'action.sendWebhook',
      VALID_CONFIGS['action.sendWebhook'],
      'POST https://crm.example.com/hook (form)',
    ],
    [
      'action.sendWebhook',
      { ...VALID_CONFIGS['action.sendWebhook'], method: 'GET' },
      'GET https://crm.example.com/hook (query)',
    ],
    [
      'action.sendWebhook',
      { ...VALID_CONFIGS['action.sendWebhook'], url: `https://example.com/${'x'.repeat(80)}` },
      `POST https://example.com/${'x'.repeat(39)}… (form)`,
    ],
    ['action.addTag', { tag: 'vip' }, 'Add tag vip'],
    ['action.removeTag', { tag: 'vip' }, 'Remove tag vip'],
    [
      'action.updateField',
      { field: 'nickname', value: '[First Name]' },
      'Set nickname to [First Name]',
    ],
    ['wait.delay', { amount: 3, unit: 'days' }, 'Wait 3 days'],
    ['wait.delay', { amount: 1, unit: 'hours' }, 'Wait 1 hour'],
    ['wait.until', { at: '2026-12-01T09:00:00Z' }, 'Wait until 2026-12-01T09:00:00Z'],
    [
      'wait.until',
      { field: 'renewal', time: '09:00', timezone: 'Europe/Paris' },
      'Wait until the date in renewal at 09:00 Europe/Paris',
    ],
    ['end', {}, 'Leave the campaign'],
  ])('%s %j reads "%s"', (type, config, summary) => {
    expect(nodeDefinition(type)!.summarize(config)).toBe(summary);
  });
});
