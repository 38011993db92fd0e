import dagre from '@dagrejs/dagre';
import type { FlowEdge, FlowNode } from './flow-graph';

const DEFAULT_SIZE = { width: 260, height: 84 };

/**
 * Left-to-right layered layout (dagre), the way contacts flow. Uses each
 * node's measured size when the canvas has rendered it.
 */
export function layoutGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): FlowNode[] {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) {
    graph.setNode(node.id, {
      width: node.measured?.width ?? DEFAULT_SIZE.width,
      height: node.measured?.height ?? DEFAULT_SIZE.height,
    });
  }
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  return nodes.map((node) => {
    const placed = graph.node(node.id);
    if (!placed) return node;
    const width = node.measured?.width ?? DEFAULT_SIZE.width;
    const height = node.measured?.height ?? DEFAULT_SIZE.height;
    return { ...node, position: { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) } };
  });
}
