import type { Graph, GraphNode, NodeConfig, NodeType } from '@tideway/graph';
import { graphSchema, validateGraph } from '@tideway/graph';
import type { FieldDefinition } from '@tideway/templates';
import type { Activation, ActivationStart } from '../core/activation';
import { runActivation } from '../core/activation';
import type { CompiledCampaign } from '../core/compiled-campaign';
import { compileCampaign } from '../core/compiled-campaign';
import type { EngineContact } from '../core/contact';
import { seededRandom } from '../core/random';

/** An instant, written as the ISO text a spec reads best in. */
export function at(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Not an instant: ${iso}`);
  return date;
}

/** The clock most specs run at. */
export const NOW = at('2026-01-01T09:00:00Z');

/** Custom fields most specs use, as `compileCampaign` receives them. */
export const CUSTOM_FIELDS: FieldDefinition[] = [
  { key: 'plan', label: 'Plan', type: 'text' },
  { key: 'score', label: 'Score', type: 'number' },
  { key: 'renewal', label: 'Renewal Date', type: 'date' },
  { key: 'optedIn', label: 'Opted In', type: 'boolean' },
  { key: 'nickname', label: 'Nickname', type: 'text' },
];

export function aContact(overrides: Partial<EngineContact> = {}): EngineContact {
  return {
    id: 'c_1',
    email: 'tom@example.com',
    firstName: 'Tom',
    lastName: 'Cat',
    phone: null,
    fields: {},
    tags: [],
    ...overrides,
  };
}

/** `aNode('check', 'filter.condition', {...})`: an element with its config typed. */
export function aNode<T extends NodeType>(
  id: string,
  type: T,
  ...config: Record<never, never> extends NodeConfig<T> ? [NodeConfig<T>?] : [NodeConfig<T>]
): GraphNode {
  return { id, type, position: { x: 0, y: 0 }, data: { config: config[0] ?? {} } } as GraphNode;
}

/**
 * Edges as the canvas reads: `'start -> check'`, `'check:yes -> vip'`
 * (source, output handle, target).
 */
export function edgesOf(arrows: readonly string[]): Graph['edges'] {
  return arrows.map((arrow) => {
    const match = /^\s*([^:\s]+)(?::(\S+))?\s*->\s*(\S+)\s*$/.exec(arrow);
    if (!match) throw new Error(`Not an edge: "${arrow}" (write "a -> b" or "a:yes -> b")`);
    const [, source, handle, target] = match;
    return { id: arrow.trim(), source, target, ...(handle ? { sourceHandle: handle } : {}) };
  });
}

export const IDENTITY = { campaignId: 'cmp_1', name: 'Welcome series', revision: 1 };

/**
 * A published campaign: the graph must pass `validateGraph` (so a spec never
 * leans on a graph the editor would refuse), then it is compiled.
 */
export function aCampaign(
  nodes: GraphNode[],
  arrows: readonly string[] = [],
  fields: readonly FieldDefinition[] = CUSTOM_FIELDS,
): CompiledCampaign {
  const graph = { nodes, edges: edgesOf(arrows) };
  const problems = validateGraph(graph);
  if (problems.length > 0) {
    throw new Error(
      `Invalid test graph:\n${problems.map((p) => `  ${p.rule}: ${p.message}`).join('\n')}`,
    );
  }
  return compileCampaign(graphSchema.parse(graph), IDENTITY, fields);
}

/** A campaign compiled without validation, for graphs publishing would refuse. */
export function anUnvalidatedCampaign(
  nodes: GraphNode[],
  arrows: readonly string[],
): CompiledCampaign {
  return compileCampaign({ nodes, edges: edgesOf(arrows) }, IDENTITY, CUSTOM_FIELDS);
}

export interface RunOptions {
  contact?: EngineContact;
  now?: Date;
  random?: () => number;
  simulatedGoals?: readonly string[];
}

/**
 * One activation. `start` is a node id to arrive at, or a full ActivationStart
 * (resume after a wait or delivery, pulled to a goal).
 */
export function activate(
  campaign: CompiledCampaign,
  start: string | ActivationStart,
  options: RunOptions = {},
): Activation {
  return runActivation(typeof start === 'string' ? { mode: 'arrive', nodeId: start } : start, {
    campaign,
    contact: options.contact ?? aContact(),
    now: options.now ?? NOW,
    random: options.random ?? seededRandom(1),
    simulatedGoals: options.simulatedGoals ? new Set(options.simulatedGoals) : undefined,
  });
}

/** The steps an activation logged, as `nodeId: outcome`, the way a test run shows its path. */
export function pathOf(activation: Activation): string[] {
  return activation.steps.map((step) => `${step.nodeId}: ${step.outcome}`);
}
