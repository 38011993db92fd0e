export {
  NODE_CATALOGUE,
  NODE_TYPES,
  isNodeType,
  nodeDefinition,
  nodesInGroup,
  type AnyNodeDefinition,
  type NodeCatalogue,
  type NodeConfig,
  type NodeType,
} from './catalogue';
export { diffGraphs, type FieldChange, type GraphDiff } from './diff';
export {
  NODE_GROUPS,
  defineNode,
  type NodeDefinition,
  type NodeGroup,
  type TemplatedField,
} from './node-definition';
export { CONDITION_OUTPUTS } from './nodes/filters';
export {
  MAX_WEBHOOK_ATTEMPTS,
  MAX_WEBHOOK_TIMEOUT_MS,
  sendWebhookConfigSchema,
  type SendWebhookConfig,
} from './nodes/send-webhook';
export { WAIT_UNITS } from './nodes/waits';
export { DEFAULT_OUTPUT, outputOf, type OutputHandle } from './outputs';
export {
  BUILT_IN_FIELD_KEYS,
  RULE_OPERATORS,
  matchSchema,
  ruleSchema,
  summarizeRule,
  summarizeRules,
  type Rule,
  type RuleOperator,
} from './rule';
export {
  edgeSchema,
  graphEnvelopeSchema,
  graphJsonSchema,
  graphNodeSchema,
  graphSchema,
  nodeConfigJsonSchema,
  positionSchema,
  type DraftNode,
  type Edge,
  type Graph,
  type GraphDraft,
  type GraphNode,
  type GraphNodeOf,
  type Position,
} from './schema';
export {
  MAX_NODES,
  PROBLEM_RULES,
  formatPath,
  validateGraph,
  type Problem,
  type ProblemRule,
  type ValidationContext,
} from './validate';
