import type { GraphDiff, GraphDraft } from '@tideway/graph';
import { diffGraphs, outputOf } from '@tideway/graph';
import { type FlowEdge, type FlowNode, graphToFlow } from './flow-graph';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffOverlay {
  /** Every node of the newer revision, plus the removed ones where they stood. */
  nodes: FlowNode[];
  edges: FlowEdge[];
  nodeStatus: Record<string, DiffStatus>;
  edgeStatus: Record<string, DiffStatus>;
  diff: GraphDiff;
}

/**
 * Draws revision `before` -> `after` on one canvas: the newer graph, with
 * what was removed put back (shown struck through) so a marketer sees both
 * what is new and what is gone in place.
 */
export function buildDiffOverlay(before: GraphDraft, after: GraphDraft): DiffOverlay {
  const diff = diffGraphs(before, after);
  const nodeStatus: Record<string, DiffStatus> = {};
  const edgeStatus: Record<string, DiffStatus> = {};
  const afterFlow = graphToFlow(after);
  const removedFlow = graphToFlow({ nodes: diff.nodes.removed, edges: diff.edges.removed });

  const added = new Set(diff.nodes.added.map((node) => node.id));
  const changed = new Set(diff.nodes.changed.map((change) => change.id));
  for (const node of afterFlow.nodes) {
    nodeStatus[node.id] = added.has(node.id) ? 'added' : changed.has(node.id) ? 'changed' : 'unchanged';
  }
  for (const node of removedFlow.nodes) nodeStatus[node.id] = 'removed';

  const addedEdges = new Set(diff.edges.added.map((edge) => edge.id));
  for (const edge of afterFlow.edges) edgeStatus[edge.id] = addedEdges.has(edge.id) ? 'added' : 'unchanged';
  // A removed edge may share its id with an added one (same id, new endpoints): keep both on the canvas.
  const shownIds = new Set(afterFlow.edges.map((edge) => edge.id));
  const removedEdges = removedFlow.edges
    .filter((edge) => removedEdgeStillDrawable(edge, afterFlow.nodes, removedFlow.nodes))
    .map((edge) => (shownIds.has(edge.id) ? { ...edge, id: `${edge.id}~removed` } : edge));
  for (const edge of removedEdges) edgeStatus[edge.id] = 'removed';

  return {
    nodes: [...afterFlow.nodes, ...removedFlow.nodes],
    edges: [...afterFlow.edges, ...removedEdges],
    nodeStatus,
    edgeStatus,
    diff,
  };
}

function removedEdgeStillDrawable(edge: FlowEdge, kept: FlowNode[], removed: FlowNode[]): boolean {
  const ids = new Set([...kept, ...removed].map((node) => node.id));
  return ids.has(edge.source) && ids.has(edge.target) && outputOf(edge) !== undefined;
}

/** "config.body.template" -> "body.template": the panel already says which node. */
export function readableFieldPath(path: string): string {
  return path.replace(/^config\.?/, '') || path;
}

export function formatDiffValue(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (value === null) return 'null';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  return JSON.stringify(value);
}
