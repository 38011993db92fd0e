import { RULE_OPERATORS, ruleSchema } from './index';

describe('Rule', () => {
  it.each([
    [{ field: 'email', op: 'equals', value: 'a@b.c' }],
    [{ field: 'email', op: 'notEquals', value: 'a@b.c' }],
    [{ field: 'firstName', op: 'contains', value: 'om' }],
    [{ field: 'phone', op: 'isEmpty' }],
    [{ field: 'phone', op: 'isNotEmpty' }],
    [{ field: 'age', op: 'gt', value: 30 }],
    [{ field: 'age', op: 'lt', value: '30.5' }],
    [{ field: 'renewal', op: 'before', value: '2027-01-01' }],
    [{ field: 'renewal', op: 'after', value: '2027-01-01T09:00:00Z' }],
    [{ field: 'tag', op: 'hasTag', value: 'vip' }],
    [{ field: 'tag', op: 'notHasTag', value: 'vip' }],
  ])('accepts %j', (rule) => {
    expect(ruleSchema.safeParse(rule).success).toBe(true);
  });

  it('covers every operator of API.md', () => {
    expect(RULE_OPERATORS).toEqual([
      'equals',
      'notEquals',
      'contains',
      'isEmpty',
      'isNotEmpty',
      'gt',
      'lt',
      'before',
      'after',
      'hasTag',
      'notHasTag',
    ]);
  });

  it.each([
    ['an unknown operator', { field: 'email', op: 'startsWith', value: 'a' }, ['op']],
    ['no value for equals', { field: 'email', op: 'equals' }, ['value']],
    ['an empty value for contains', { field: 'email', op: 'contains', value: '' }, ['value']],
    ['a word for gt', { field: 'age', op: 'gt', value: 'old' }, ['value']],
    ['a non-date for before', { field: 'renewal', op: 'before', value: 'soon' }, ['value']],
    ['hasTag on a field', { field: 'email', op: 'hasTag', value: 'vip' }, ['op']],
    ['equals on "tag"', { field: 'tag', op: 'equals', value: 'vip' }, ['op']],
    ['no field', { field: ' ', op: 'isEmpty' }, ['field']],
    ['an extra key', { field: 'email', op: 'isEmpty', negate: true }, []],
  ])('refuses %s', (_name, rule, path) => {
    const result = ruleSchema.safeParse(rule);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(path);
  });
});
