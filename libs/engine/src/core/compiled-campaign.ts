import type { Graph, GraphNode, NodeType, OutputHandle } from '@tideway/graph';
import { DEFAULT_OUTPUT, outputOf } from '@tideway/graph';
import type { CompiledTemplate, FieldDefinition } from '@tideway/templates';
import { compileTemplate } from '@tideway/templates';
import type { CompiledWebhook } from '../webhook/webhook-request';
import { compileWebhook } from '../webhook/webhook-request';

/**
 * A published revision prepared once for execution (ARCHITECTURE.md,
 * invariant 4): edges indexed by node and output, the goals that lie ahead of
 * each node, templates compiled. Workers cache it per (campaign, revision).
 */
export interface CompiledCampaign {
  readonly campaignId: string;
  readonly name: string;
  readonly revision: number;
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Where each output of each node leads; a missing entry means the contact completes there. */
  readonly next: ReadonlyMap<string, ReadonlyMap<OutputHandle, string>>;
  readonly triggers: readonly GraphNode[];
  readonly goals: readonly GraphNode[];
  /** For each node, the goals ahead of it (reachable, and not on a loop with it), farthest first. */
  readonly goalsAhead: ReadonlyMap<string, readonly string[]>;
  /** For each goal, the nodes it lies ahead of (contacts there may jump to it). */
  readonly upstreamOf: ReadonlyMap<string, ReadonlySet<string>>;
  /** action.updateField values, compiled. */
  readonly fieldValueTemplates: ReadonlyMap<string, CompiledTemplate>;
  /** action.sendWebhook requests, compiled. */
  readonly webhooks: ReadonlyMap<string, CompiledWebhook>;
  readonly fields: readonly FieldDefinition[];
}

export type CampaignIdentity = { campaignId: string; name: string; revision: number };

export function compileCampaign(
  graph: Graph,
  identity: CampaignIdentity,
  fields: readonly FieldDefinition[] = [],
): CompiledCampaign {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const next = new Map<string, Map<OutputHandle, string>>();
  for (const node of graph.nodes) next.set(node.id, new Map());
  for (const edge of graph.edges) next.get(edge.source)?.set(outputOf(edge), edge.target);

  const goals = graph.nodes.filter((node) => node.type.startsWith('goal.'));
  const distances = new Map(graph.nodes.map((node) => [node.id, distancesFrom(node.id, next)]));
  const upstreamOf = new Map(goals.map((goal) => [goal.id, new Set<string>()]));
  const goalsAhead = new Map<string, string[]>();
  for (const node of graph.nodes) {
    const from = distances.get(node.id)!;
    // A goal on a loop with the node lies behind it as much as ahead: jumping
    // there would run the loop again with no wait, for ever. Only goals the
    // node cannot be reached back from are ahead.
    const ahead = goals
      .filter((goal) => from.has(goal.id) && !distances.get(goal.id)!.has(node.id))
      .sort((a, b) => from.get(b.id)! - from.get(a.id)! || a.id.localeCompare(b.id))
      .map((goal) => goal.id);
    goalsAhead.set(node.id, ahead);
    for (const goalId of ahead) upstreamOf.get(goalId)!.add(node.id);
  }

  const fieldValueTemplates = new Map<string, CompiledTemplate>();
  const webhooks = new Map<string, CompiledWebhook>();
  for (const node of graph.nodes) {
    if (node.type === 'action.updateField') {
      fieldValueTemplates.set(node.id, compileTemplate(node.data.config.value, { fields, target: 'text' }));
    } else if (node.type === 'action.sendWebhook') {
      webhooks.set(node.id, compileWebhook(node.data.config, fields));
    }
  }

  return {
    ...identity,
    nodes,
    next,
    triggers: graph.nodes.filter((node) => node.type.startsWith('trigger.')),
    goals,
    goalsAhead,
    upstreamOf,
    fieldValueTemplates,
    webhooks,
    fields,
  };
}

/** The node a contact goes to from `nodeId` by `output`, or undefined when the path ends. */
export function nextNode(campaign: CompiledCampaign, nodeId: string, output: OutputHandle = DEFAULT_OUTPUT) {
  return campaign.next.get(nodeId)?.get(output);
}

export function nodesOfType<T extends NodeType>(campaign: CompiledCampaign, type: T) {
  return [...campaign.nodes.values()].filter((node) => node.type === type) as Extract<GraphNode, { type: T }>[];
}

/** Breadth-first distances along edges from `start` (not counting start itself unless on a cycle). */
function distancesFrom(start: string, next: ReadonlyMap<string, ReadonlyMap<OutputHandle, string>>) {
  const distances = new Map<string, number>();
  let frontier = [start];
  for (let depth = 1; frontier.length > 0; depth++) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const target of next.get(id)?.values() ?? []) {
        if (!distances.has(target)) {
          distances.set(target, depth);
          following.push(target);
        }
      }
    }
    frontier = following;
  }
  return distances;
}
