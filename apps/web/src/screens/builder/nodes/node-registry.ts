import type { NodeType } from '@tideway/graph';
import type { NodeTypes } from '@xyflow/react';
import { ConditionNode, EndNode, RandomSplitNode, SingleOutputNode, TriggerNode } from './campaign-node';

/**
 * The canvas component of each node type (STYLE.md: a node type is defined
 * once in libs/graph; the web adds a component per type, mapped here). The
 * Record over NodeType makes adding a type without a component a type error.
 */
const NODE_COMPONENTS: Record<NodeType, NodeTypes[string]> = {
  'trigger.manual': TriggerNode,
  'trigger.contactCreated': TriggerNode,
  'trigger.tagAdded': TriggerNode,
  'trigger.tagRemoved': TriggerNode,
  'trigger.fieldChanged': TriggerNode,
  'trigger.webhookReceived': TriggerNode,
  'goal.tagAdded': SingleOutputNode,
  'goal.fieldMatches': SingleOutputNode,
  'goal.webhookReceived': SingleOutputNode,
  'filter.condition': ConditionNode,
  'split.random': RandomSplitNode,
  'action.sendWebhook': SingleOutputNode,
  'action.addTag': SingleOutputNode,
  'action.removeTag': SingleOutputNode,
  'action.updateField': SingleOutputNode,
  'wait.delay': SingleOutputNode,
  'wait.until': SingleOutputNode,
  end: EndNode,
};

export const NODE_TYPES_FOR_CANVAS: NodeTypes = { ...NODE_COMPONENTS, default: SingleOutputNode };
