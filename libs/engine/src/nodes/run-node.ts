import type { GraphNode } from '@tideway/graph';
import { DEFAULT_OUTPUT } from '@tideway/graph';
import type { Effect } from '../core/effects';
import type { NodeResult, StepContext } from '../core/node-result';
import { rulesHold } from '../core/rules';
import { delayWakeTime, untilWakeTime } from '../core/wake-time';
import { coerceFieldValue } from './field-value';
import { goalMetByState } from './goal-met';

/**
 * One handler per node type: what happens to a contact arriving at `node`.
 * Pure; effects are described, not performed. The switch is exhaustive, so a
 * node type added to libs/graph fails to compile here until it is handled.
 */
export function runNode(node: GraphNode, ctx: StepContext): NodeResult {
  switch (node.type) {
    case 'trigger.manual':
    case 'trigger.contactCreated':
    case 'trigger.tagAdded':
    case 'trigger.tagRemoved':
    case 'trigger.fieldChanged':
    case 'trigger.webhookReceived':
      return { kind: 'next', output: DEFAULT_OUTPUT, outcome: 'entered' };

    case 'goal.tagAdded':
    case 'goal.fieldMatches':
    case 'goal.webhookReceived': {
      const met = ctx.simulatedGoals?.has(node.id) || goalMetByState(node, ctx.contact);
      if (met) return { kind: 'next', output: DEFAULT_OUTPUT, outcome: 'met' };
      if (node.data.config.waitHere) return { kind: 'waitForGoal' };
      return { kind: 'next', output: DEFAULT_OUTPUT, outcome: 'not met' };
    }

    case 'filter.condition': {
      const yes = rulesHold(node.data.config.match, node.data.config.rules, ctx.contact);
      return { kind: 'next', output: yes ? 'yes' : 'no', outcome: yes ? 'yes' : 'no' };
    }

    case 'split.random': {
      const branches = node.data.config.branches;
      const total = branches.reduce((sum, branch) => sum + branch.weight, 0);
      let pick = ctx.random() * total;
      const chosen =
        branches.find((branch) => branch.weight > 0 && (pick -= branch.weight) < 0) ??
        [...branches].reverse().find((branch) => branch.weight > 0)!;
      return { kind: 'next', output: chosen.id, outcome: `branch ${chosen.id}` };
    }

    case 'action.addTag':
    case 'action.removeTag': {
      const kind = node.type === 'action.addTag' ? 'addTag' : 'removeTag';
      const effects: Effect[] = [{ kind, tag: node.data.config.tag }];
      return { kind: 'next', output: DEFAULT_OUTPUT, outcome: 'done', effects, detail: { tag: node.data.config.tag } };
    }

    case 'action.updateField': {
      const template = ctx.campaign.fieldValueTemplates.get(node.id)!;
      const rendered = template.render({
        contact: ctx.contact,
        campaign: { id: ctx.campaign.campaignId, name: ctx.campaign.name },
        now: ctx.now,
      });
      const { field } = node.data.config;
      const value = coerceFieldValue(field, rendered, ctx.campaign.fields);
      return {
        kind: 'next',
        output: DEFAULT_OUTPUT,
        outcome: 'done',
        effects: [{ kind: 'updateField', field, value }],
        detail: { field, value },
      };
    }

    case 'action.sendWebhook':
      return { kind: 'waitForDelivery', effects: [{ kind: 'sendWebhook', nodeId: node.id }] };

    case 'wait.delay':
      return { kind: 'wait', until: delayWakeTime(node.data.config, ctx.now) };

    case 'wait.until': {
      const until = untilWakeTime(node.data.config, ctx.contact);
      if (!until) {
        return { kind: 'next', output: DEFAULT_OUTPUT, outcome: 'no date', detail: { reason: 'The date field is empty or not a date' } };
      }
      if (until.getTime() <= ctx.now.getTime()) {
        return { kind: 'next', output: DEFAULT_OUTPUT, outcome: 'date passed', detail: { until: until.toISOString() } };
      }
      return { kind: 'wait', until };
    }

    case 'end':
      return { kind: 'complete' };
  }
}
