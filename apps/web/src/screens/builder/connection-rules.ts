import { nodeDefinition, outputOf } from '@tideway/graph';
import type { FlowEdge, FlowNode } from './flow-graph';

export interface ConnectionAttempt {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
}

export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether an edge may be drawn, decided while dragging so the canvas refuses
 * what validateGraph would report later: an edge into a trigger, a second
 * edge from one output, an output the node does not have, a self loop.
 */
export function judgeConnection(
  connection: ConnectionAttempt,
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): ConnectionVerdict {
  const { source, target } = connection;
  if (!source || !target) return { ok: false, reason: 'Drop on an element’s input' };
  if (source === target) return { ok: false, reason: 'An element cannot lead to itself' };
  const from = nodes.find((node) => node.id === source);
  const to = nodes.find((node) => node.id === target);
  if (!from || !to) return { ok: false, reason: 'Unknown element' };
  const toDefinition = nodeDefinition(to.type ?? '');
  if (toDefinition?.group === 'trigger') return { ok: false, reason: 'Nothing leads into a trigger' };
  const fromDefinition = nodeDefinition(from.type ?? '');
  const handle = connection.sourceHandle ?? null;
  if (fromDefinition) {
    let outputs: (string | null)[] = [];
    try {
      outputs = fromDefinition.outputs(from.data.config as never);
    } catch {
      outputs = [];
    }
    if (!outputs.includes(handle)) return { ok: false, reason: 'That element has no such output' };
  }
  if (edges.some((edge) => edge.source === source && outputOf(edge) === handle)) {
    return { ok: false, reason: 'That output already leads somewhere' };
  }
  return { ok: true };
}

export function isValidConnection(
  connection: ConnectionAttempt,
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): boolean {
  return judgeConnection(connection, nodes, edges).ok;
}
