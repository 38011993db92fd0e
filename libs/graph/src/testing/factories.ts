import { NODE_CATALOGUE, type NodeConfig, type NodeType } from '../catalogue';
import type { DraftNode, Edge, GraphDraft } from '../schema';

/** Valid example configs, so a test only spells out what it is about. */
export const VALID_CONFIGS: { [T in NodeType]: NodeConfig<T> } = {
  'trigger.manual': {},
  'trigger.contactCreated': {},
  'trigger.tagAdded': { tag: 'lead' },
  'trigger.tagRemoved': { tag: 'lead' },
  'trigger.fieldChanged': { field: 'email' },
  'trigger.webhookReceived': { mapping: [{ param: 'email', field: 'email' }] },
  'goal.tagAdded': { tag: 'customer' },
  'goal.fieldMatches': { match: 'all', rules: [{ field: 'plan', op: 'equals', value: 'pro' }] },
  'goal.webhookReceived': {},
  'filter.condition': { match: 'all', rules: [{ field: 'tag', op: 'hasTag', value: 'vip' }] },
  'split.random': {
    branches: [
      { id: 'a', weight: 50 },
      { id: 'b', weight: 50 },
    ],
  },
  'action.sendWebhook': {
    url: 'https://crm.example.com/hook',
    method: 'POST',
    contentType: 'form',
    body: { mode: 'postData', template: 'First_Name=[First Name]&Email=[Email]' },
  },
  'action.addTag': { tag: 'vip' },
  'action.removeTag': { tag: 'vip' },
  'action.updateField': { field: 'nickname', value: '[First Name]' },
  'wait.delay': { amount: 1, unit: 'days' },
  'wait.until': { field: 'renewal' },
  end: {},
};

let counter = 0;

/** `node('action.addTag', {tag: 'vip'}, 'tag')`; id defaults to a fresh one. */
export function node<T extends NodeType>(
  type: T,
  config?: Partial<NodeConfig<T>> | unknown,
  id?: string,
): DraftNode {
  counter += 1;
  return {
    id: id ?? `${type.split('.').pop()}${counter}`,
    type,
    position: { x: 0, y: 0 },
    data: { config: config === undefined ? structuredCloneLike(VALID_CONFIGS[type]) : config },
  };
}

/** A node of a type the catalogue does not know. */
export function unknownNode(type: string, id: string): DraftNode {
  return { id, type, position: { x: 0, y: 0 }, data: { config: {} } };
}

export function edge(source: string, target: string, sourceHandle?: string, id?: string): Edge {
  return {
    id: id ?? `${source}->${target}${sourceHandle ? `:${sourceHandle}` : ''}`,
    source,
    target,
    ...(sourceHandle ? { sourceHandle } : {}),
  };
}

/**
 * `aGraph([a, b, c], [[a, b], [b, c, 'yes']])`: nodes, and edges as
 * `[source, target, handle?]` of those nodes.
 */
export function aGraph(
  nodes: DraftNode[],
  edges: Array<[DraftNode, DraftNode, string?]> = [],
): GraphDraft {
  return { nodes, edges: edges.map(([from, to, handle]) => edge(from.id, to.id, handle)) };
}

/** A chain `a -> b -> c` of the given nodes. */
export function chain(...nodes: DraftNode[]): GraphDraft {
  return aGraph(
    nodes,
    nodes.slice(1).map((to, i) => [nodes[i], to] as [DraftNode, DraftNode]),
  );
}

function structuredCloneLike<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export const catalogueTypes = Object.keys(NODE_CATALOGUE) as NodeType[];
