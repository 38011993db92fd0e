import { z } from 'zod';

/** Fields every contact has; anything else in `Rule.field` is a custom field key. */
export const BUILT_IN_FIELD_KEYS = ['email', 'firstName', 'lastName', 'phone'] as const;

export const RULE_OPERATORS = [
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
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

const TAG_OPERATORS: readonly RuleOperator[] = ['hasTag', 'notHasTag'];
const VALUELESS_OPERATORS: readonly RuleOperator[] = ['isEmpty', 'isNotEmpty'];

const isDateLike = (value: unknown) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value));

/**
 * `{field: <key> | "tag", op, value?}`. The tag operators go with field "tag"
 * and a tag name; `isEmpty` / `isNotEmpty` take no value; `gt` / `lt` a number;
 * `before` / `after` an ISO date.
 */
export const ruleSchema = z
  .strictObject({
    field: z.string().trim().min(1, 'Choose a field'),
    op: z.enum(RULE_OPERATORS),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  })
  .superRefine((rule, ctx) => {
    const issue = (message: string, path: string[]) =>
      ctx.addIssue({ code: 'custom', message, path });
    const isTagOp = TAG_OPERATORS.includes(rule.op);
    if (isTagOp !== (rule.field === 'tag')) {
      issue(
        isTagOp ? `"${rule.op}" applies to field "tag"` : `field "tag" takes hasTag or notHasTag`,
        ['op'],
      );
    }
    if (VALUELESS_OPERATORS.includes(rule.op)) return;
    if (rule.value === undefined || rule.value === '') {
      issue(`"${rule.op}" needs a value`, ['value']);
    } else if ((rule.op === 'gt' || rule.op === 'lt') && !Number.isFinite(Number(rule.value))) {
      issue(`"${rule.op}" compares numbers; "${String(rule.value)}" is not one`, ['value']);
    } else if ((rule.op === 'before' || rule.op === 'after') && !isDateLike(rule.value)) {
      issue(`"${rule.op}" needs an ISO date such as 2026-01-31`, ['value']);
    }
  });

export type Rule = z.output<typeof ruleSchema>;

export const matchSchema = z.enum(['all', 'any']);

export const OPERATOR_LABELS: Record<RuleOperator, string> = {
  equals: 'is',
  notEquals: 'is not',
  contains: 'contains',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  gt: '>',
  lt: '<',
  before: 'is before',
  after: 'is after',
  hasTag: 'has tag',
  notHasTag: 'does not have tag',
};

export function summarizeRule(rule: Rule): string {
  if (rule.op === 'hasTag' || rule.op === 'notHasTag')
    return `${OPERATOR_LABELS[rule.op]} ${String(rule.value ?? '')}`;
  const value = VALUELESS_OPERATORS.includes(rule.op) ? '' : ` ${String(rule.value ?? '')}`;
  return `${rule.field} ${OPERATOR_LABELS[rule.op]}${value}`;
}

export function summarizeRules(match: 'all' | 'any', rules: readonly Rule[]): string {
  if (rules.length === 0) return 'No rules yet';
  return rules.map(summarizeRule).join(match === 'all' ? ' and ' : ' or ');
}
