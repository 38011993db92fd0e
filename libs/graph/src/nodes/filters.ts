import { z } from 'zod';
import { defineNode } from '../node-definition';
import { matchSchema, ruleSchema, summarizeRules } from '../rule';

export const CONDITION_OUTPUTS = ['yes', 'no'] as const;

export const conditionFilter = defineNode({
  type: 'filter.condition',
  group: 'filter',
  label: 'Condition',
  description: 'Rules on fields and tags; contacts go on by "yes" or "no".',
  icon: 'git-branch',
  configSchema: z.strictObject({
    match: matchSchema,
    rules: z.array(ruleSchema).min(1, 'Add at least one rule').max(50),
  }),
  defaultConfig: { match: 'all', rules: [] },
  outputs: () => [...CONDITION_OUTPUTS],
  summarize: (config) => `If ${summarizeRules(config.match, config.rules)}`,
});

const branchSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(50)
    .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _ in a branch id'),
  weight: z.number().finite().min(0).max(1_000_000),
});

export const randomSplit = defineNode({
  type: 'split.random',
  group: 'filter',
  label: 'Random split',
  description: 'Weighted A/B/n split: each contact takes one branch at random.',
  icon: 'shuffle',
  configSchema: z.strictObject({
    branches: z
      .array(branchSchema)
      .min(2, 'A split needs at least two branches')
      .max(20)
      .superRefine((branches, ctx) => {
        const seen = new Set<string>();
        branches.forEach((branch, index) => {
          if (seen.has(branch.id)) {
            ctx.addIssue({
              code: 'custom',
              message: `Branch id "${branch.id}" is used twice`,
              path: [index, 'id'],
            });
          }
          seen.add(branch.id);
        });
        if (branches.length > 0 && branches.every((branch) => branch.weight === 0)) {
          ctx.addIssue({
            code: 'custom',
            message: 'At least one branch needs a weight above 0',
            path: [],
          });
        }
      }),
  }),
  defaultConfig: {
    branches: [
      { id: 'a', weight: 50 },
      { id: 'b', weight: 50 },
    ],
  },
  outputs: (config) => config.branches.map((branch) => branch.id),
  summarize: (config) => {
    const total = config.branches.reduce((sum, branch) => sum + branch.weight, 0);
    const share = (weight: number) => (total > 0 ? Math.round((weight / total) * 100) : 0);
    return `Split ${config.branches.map((b) => `${b.id} ${share(b.weight)}%`).join(' / ')}`;
  },
});

export const FILTER_NODES = [conditionFilter, randomSplit] as const;
