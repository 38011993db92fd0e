import { z } from 'zod';
import { defineNode } from '../node-definition';
import { matchSchema, ruleSchema, summarizeRules } from '../rule';
import { goalOptions, singleOutput, tagSchema } from './common';

function options(config: { waitHere?: boolean; allowEntry?: boolean }): string {
  const flags = [config.waitHere && 'waits here', config.allowEntry && 'open entry'].filter(
    Boolean,
  );
  return flags.length ? ` (${flags.join(', ')})` : '';
}

export const tagAddedGoal = defineNode({
  type: 'goal.tagAdded',
  group: 'goal',
  label: 'Goal: tag added',
  description: 'Met when the contact gains a tag; contacts upstream jump here.',
  icon: 'flag',
  configSchema: z.strictObject({ tag: tagSchema, ...goalOptions }),
  defaultConfig: { tag: '' },
  outputs: singleOutput,
  summarize: (config) => `Goal: has tag ${config.tag}${options(config)}`,
});

export const fieldMatchesGoal = defineNode({
  type: 'goal.fieldMatches',
  group: 'goal',
  label: 'Goal: fields match',
  description: 'Met when the contact matches the rules; contacts upstream jump here.',
  icon: 'flag',
  configSchema: z.strictObject({
    match: matchSchema,
    rules: z.array(ruleSchema).min(1, 'Add at least one rule').max(50),
    ...goalOptions,
  }),
  defaultConfig: { match: 'all', rules: [] },
  outputs: singleOutput,
  summarize: (config) => `Goal: ${summarizeRules(config.match, config.rules)}${options(config)}`,
});

export const webhookReceivedGoal = defineNode({
  type: 'goal.webhookReceived',
  group: 'goal',
  label: 'Goal: webhook received',
  description: 'Met when an inbound webhook names the contact; contacts upstream jump here.',
  icon: 'flag',
  configSchema: z.strictObject({ ...goalOptions }),
  defaultConfig: {},
  outputs: singleOutput,
  summarize: (config) => `Goal: webhook received${options(config)}`,
});

export const GOAL_NODES = [tagAddedGoal, fieldMatchesGoal, webhookReceivedGoal] as const;
