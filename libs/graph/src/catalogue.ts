import type { z } from 'zod';
import type { NodeDefinition, NodeGroup } from './node-definition';
import { addTagAction, removeTagAction, updateFieldAction } from './nodes/actions';
import { endNode } from './nodes/end';
import { conditionFilter, randomSplit } from './nodes/filters';
import { fieldMatchesGoal, tagAddedGoal, webhookReceivedGoal } from './nodes/goals';
import { sendWebhookAction } from './nodes/send-webhook';
import {
  contactCreatedTrigger,
  fieldChangedTrigger,
  manualTrigger,
  tagAddedTrigger,
  tagRemovedTrigger,
  webhookReceivedTrigger,
} from './nodes/triggers';
import { delayWait, untilWait } from './nodes/waits';

/** Every node type, keyed by type, in palette order. */
export const NODE_CATALOGUE = {
  'trigger.manual': manualTrigger,
  'trigger.contactCreated': contactCreatedTrigger,
  'trigger.tagAdded': tagAddedTrigger,
  'trigger.tagRemoved': tagRemovedTrigger,
  'trigger.fieldChanged': fieldChangedTrigger,
  'trigger.webhookReceived': webhookReceivedTrigger,
  'goal.tagAdded': tagAddedGoal,
  'goal.fieldMatches': fieldMatchesGoal,
  'goal.webhookReceived': webhookReceivedGoal,
  'filter.condition': conditionFilter,
  'split.random': randomSplit,
  'action.sendWebhook': sendWebhookAction,
  'action.addTag': addTagAction,
  'action.removeTag': removeTagAction,
  'action.updateField': updateFieldAction,
  'wait.delay': delayWait,
  'wait.until': untilWait,
  end: endNode,
} as const;

export type NodeCatalogue = typeof NODE_CATALOGUE;
export type NodeType = keyof NodeCatalogue;
export type NodeConfig<T extends NodeType> = z.output<NodeCatalogue[T]['configSchema']>;
export type AnyNodeDefinition = NodeDefinition<NodeType, z.ZodType>;

export const NODE_TYPES = Object.keys(NODE_CATALOGUE) as NodeType[];

export function isNodeType(type: string): type is NodeType {
  return Object.prototype.hasOwnProperty.call(NODE_CATALOGUE, type);
}

/** The definition for `type`, typed loosely for code that handles any node. */
export function nodeDefinition(type: string): AnyNodeDefinition | undefined {
  return isNodeType(type) ? (NODE_CATALOGUE[type] as unknown as AnyNodeDefinition) : undefined;
}

export function nodesInGroup(group: NodeGroup): AnyNodeDefinition[] {
  return NODE_TYPES.map((type) => nodeDefinition(type)!).filter(
    (definition) => definition.group === group,
  );
}
