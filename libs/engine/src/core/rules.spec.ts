/**
 * Rule operators, as a marketer meets them in a Condition (and in a
 * "fields match" goal, which uses the same rules). Each row runs a contact
 * through a one-rule condition and reads the output it took.
 */
import type { Rule } from '@tideway/graph';
import type { EngineContact } from './contact';
import { rulesHold } from './rules';
import { aCampaign, aContact, aNode, activate, pathOf } from '../testing/factories';

//  start ──> check ─yes─> yes
//              └───no──> no
function outputTaken(match: 'all' | 'any', rules: Rule[], contact: EngineContact): string {
  const campaign = aCampaign(
    [
      aNode('start', 'trigger.manual'),
      aNode('check', 'filter.condition', { match, rules }),
      aNode('yes', 'end'),
      aNode('no', 'end'),
    ],
    ['start -> check', 'check:yes -> yes', 'check:no -> no'],
  );
  const run = activate(campaign, 'check', { contact });
  expect(pathOf(run)[0]).toBe(`check: ${run.position.nodeId}`);
  return run.position.nodeId;
}

type Row = [description: string, rule: Rule, contact: Partial<EngineContact>, output: 'yes' | 'no'];

const plan = (value: unknown) => ({ fields: { plan: value } });
const score = (value: unknown) => ({ fields: { score: value } });
const renewal = (value: unknown) => ({ fields: { renewal: value } });

// prettier-ignore
const OPERATORS: Record<string, Row[]> = {
  equals: [
    ['text, ignoring case', { field: 'plan', op: 'equals', value: 'pro' }, plan('Pro'), 'yes'],
    ['text, ignoring surrounding spaces', { field: 'plan', op: 'equals', value: 'pro' }, plan('  pro '), 'yes'],
    ['other text', { field: 'plan', op: 'equals', value: 'pro' }, plan('professional'), 'no'],
    ['a number against a numeric text', { field: 'score', op: 'equals', value: '10' }, score(10), 'yes'],
    ['numbers as numbers (10.0 is 10)', { field: 'score', op: 'equals', value: 10 }, score('10.0'), 'yes'],
    ['a boolean field against "true"', { field: 'optedIn', op: 'equals', value: 'true' }, { fields: { optedIn: true } }, 'yes'],
    ['a built-in field', { field: 'email', op: 'equals', value: 'tom@example.com' }, { email: 'TOM@Example.com' }, 'yes'],
    ['a missing value', { field: 'plan', op: 'equals', value: 'pro' }, {}, 'no'],
    ['a null value', { field: 'plan', op: 'equals', value: 'pro' }, plan(null), 'no'],
  ],
  notEquals: [
    ['other text', { field: 'plan', op: 'notEquals', value: 'pro' }, plan('basic'), 'yes'],
    ['the same text in another case', { field: 'plan', op: 'notEquals', value: 'pro' }, plan('PRO'), 'no'],
    ['the same number written differently', { field: 'score', op: 'notEquals', value: 5 }, score('5.00'), 'no'],
    ['a missing value (nothing is not "pro")', { field: 'plan', op: 'notEquals', value: 'pro' }, {}, 'yes'],
  ],
  contains: [
    ['a part, ignoring case', { field: 'email', op: 'contains', value: 'EXAMPLE' }, { email: 'tom@example.com' }, 'yes'],
    ['text that is not there', { field: 'email', op: 'contains', value: 'acme' }, { email: 'tom@example.com' }, 'no'],
    ['digits of a number', { field: 'score', op: 'contains', value: '23' }, score(1234), 'yes'],
    ['a missing value', { field: 'plan', op: 'contains', value: 'p' }, {}, 'no'],
  ],
  isEmpty: [
    ['a missing custom field', { field: 'plan', op: 'isEmpty' }, {}, 'yes'],
    ['a null custom field', { field: 'plan', op: 'isEmpty' }, plan(null), 'yes'],
    ['empty text', { field: 'plan', op: 'isEmpty' }, plan(''), 'yes'],
    ['only spaces', { field: 'plan', op: 'isEmpty' }, plan('   '), 'yes'],
    ['a null built-in field', { field: 'phone', op: 'isEmpty' }, { phone: null }, 'yes'],
    ['text', { field: 'plan', op: 'isEmpty' }, plan('pro'), 'no'],
    ['the number 0', { field: 'score', op: 'isEmpty' }, score(0), 'no'],
    ['false', { field: 'optedIn', op: 'isEmpty' }, { fields: { optedIn: false } }, 'no'],
  ],
  isNotEmpty: [
    ['text', { field: 'plan', op: 'isNotEmpty' }, plan('pro'), 'yes'],
    ['the number 0', { field: 'score', op: 'isNotEmpty' }, score(0), 'yes'],
    ['a missing value', { field: 'plan', op: 'isNotEmpty' }, {}, 'no'],
    ['only spaces', { field: 'plan', op: 'isNotEmpty' }, plan(' '), 'no'],
  ],
  gt: [
    ['a greater number', { field: 'score', op: 'gt', value: 9 }, score(10), 'yes'],
    ['numeric text as numbers, not as text ("10" > "9")', { field: 'score', op: 'gt', value: '9' }, score('10'), 'yes'],
    ['an equal number', { field: 'score', op: 'gt', value: 10 }, score(10), 'no'],
    ['a smaller number', { field: 'score', op: 'gt', value: 10 }, score(-1), 'no'],
    ['a word', { field: 'score', op: 'gt', value: 0 }, score('ten'), 'no'],
    ['a missing value', { field: 'score', op: 'gt', value: -1 }, {}, 'no'],
  ],
  lt: [
    ['a smaller number', { field: 'score', op: 'lt', value: 10 }, score(9.5), 'yes'],
    ['a negative numeric text', { field: 'score', op: 'lt', value: 0 }, score('-1'), 'yes'],
    ['an equal number', { field: 'score', op: 'lt', value: 10 }, score(10), 'no'],
    ['empty text (not zero)', { field: 'score', op: 'lt', value: 1 }, score(''), 'no'],
    ['a missing value', { field: 'score', op: 'lt', value: 1 }, {}, 'no'],
  ],
  before: [
    ['an earlier date', { field: 'renewal', op: 'before', value: '2026-02-01' }, renewal('2026-01-31'), 'yes'],
    ['the same date', { field: 'renewal', op: 'before', value: '2026-02-01' }, renewal('2026-02-01'), 'no'],
    ['a later date', { field: 'renewal', op: 'before', value: '2026-02-01' }, renewal('2026-03-01'), 'no'],
    [
      'a date-time as an instant (00:30 in Paris is still January in UTC)',
      { field: 'renewal', op: 'before', value: '2026-02-01' },
      renewal('2026-02-01T00:30:00+01:00'),
      'yes',
    ],
    ['a Date value', { field: 'renewal', op: 'before', value: '2026-02-01' }, renewal(new Date('2026-01-01T00:00:00Z')), 'yes'],
    ['text that is not a date', { field: 'renewal', op: 'before', value: '2026-02-01' }, renewal('soon'), 'no'],
    ['a number', { field: 'renewal', op: 'before', value: '2026-02-01' }, renewal(20260101), 'no'],
    ['a missing value', { field: 'renewal', op: 'before', value: '2026-02-01' }, {}, 'no'],
  ],
  after: [
    ['a later date', { field: 'renewal', op: 'after', value: '2026-02-01' }, renewal('2026-02-02'), 'yes'],
    ['a later instant on the same day', { field: 'renewal', op: 'after', value: '2026-02-01' }, renewal('2026-02-01T00:00:01Z'), 'yes'],
    ["a date-time without an offset, read as UTC (never the server's zone)", { field: 'renewal', op: 'after', value: '2026-02-01' }, renewal('2026-02-01T05:00'), 'yes'],
    ['the same date', { field: 'renewal', op: 'after', value: '2026-02-01' }, renewal('2026-02-01'), 'no'],
    ['an earlier date', { field: 'renewal', op: 'after', value: '2026-02-01' }, renewal('2025-12-31'), 'no'],
    ['a missing value', { field: 'renewal', op: 'after', value: '2026-02-01' }, {}, 'no'],
  ],
  hasTag: [
    ['a tag the contact has', { field: 'tag', op: 'hasTag', value: 'vip' }, { tags: ['lead', 'vip'] }, 'yes'],
    ['the tag in another case (tags match exactly)', { field: 'tag', op: 'hasTag', value: 'vip' }, { tags: ['VIP'] }, 'no'],
    ['a tag that only starts the same', { field: 'tag', op: 'hasTag', value: 'vip' }, { tags: ['vip-2025'] }, 'no'],
    ['no tags at all', { field: 'tag', op: 'hasTag', value: 'vip' }, { tags: [] }, 'no'],
  ],
  notHasTag: [
    ['no tags at all', { field: 'tag', op: 'notHasTag', value: 'vip' }, { tags: [] }, 'yes'],
    ['the tag in another case', { field: 'tag', op: 'notHasTag', value: 'vip' }, { tags: ['VIP'] }, 'yes'],
    ['the tag', { field: 'tag', op: 'notHasTag', value: 'vip' }, { tags: ['vip'] }, 'no'],
  ],
};

describe.each(Object.entries(OPERATORS))('rule operator %s', (_op, rows) => {
  it.each(rows.map(([description, ...row]) => [`${description} -> ${row[2]}`, ...row] as const))(
    '%s',
    (_name, rule, contact, output) => {
      expect(outputTaken('all', [rule], aContact(contact))).toBe(output);
    },
  );
});

describe('match all / any', () => {
  const isPro: Rule = { field: 'plan', op: 'equals', value: 'pro' };
  const isVip: Rule = { field: 'tag', op: 'hasTag', value: 'vip' };

  it.each<['all' | 'any', Partial<EngineContact>, 'yes' | 'no']>([
    ['all', { fields: { plan: 'pro' }, tags: ['vip'] }, 'yes'],
    ['all', { fields: { plan: 'pro' }, tags: [] }, 'no'],
    ['any', { fields: { plan: 'pro' }, tags: [] }, 'yes'],
    ['any', { fields: { plan: 'basic' }, tags: ['vip'] }, 'yes'],
    ['any', { fields: { plan: 'basic' }, tags: [] }, 'no'],
  ])('"%s" of (plan is pro, has tag vip) for %j goes out by %s', (match, contact, output) => {
    expect(outputTaken(match, [isPro, isVip], aContact(contact))).toBe(output);
  });

  it('treats an empty rule list as "all hold" / "none holds", as Array.every / some do', () => {
    expect(rulesHold('all', [], aContact())).toBe(true);
    expect(rulesHold('any', [], aContact())).toBe(false);
  });
});
