import { useMemo, useRef } from 'react';
import type { DiffStatus } from './diff-overlay';
import type { FlowEdge, FlowNode } from './flow-graph';
import { edgeDecoration, nodeDomAttributes } from './flow-decoration';

/**
 * The nodes and edges as the canvas draws them: each node's root carries
 * `data-testid="node-<id>"` (and `data-on-path` after a test run); path and
 * diff edges get their classes. Decorated objects are cached per source
 * object, so dragging one node re-renders only that node.
 */
export function useDecoratedFlow({
  nodes,
  edges,
  onPath,
  path,
  edgeStatus,
}: {
  nodes: FlowNode[];
  edges: FlowEdge[];
  onPath: Record<string, number>;
  path: readonly string[];
  edgeStatus: Record<string, DiffStatus> | null;
}) {
  const nodeCache = useRef(new WeakMap<FlowNode, { onPath: boolean; node: FlowNode }>());
  const decoratedNodes = useMemo(
    () =>
      nodes.map((node) => {
        const nodeOnPath = onPath[node.id] !== undefined;
        const cached = nodeCache.current.get(node);
        if (cached && cached.onPath === nodeOnPath) return cached.node;
        const decorated = {
          ...node,
          domAttributes: nodeDomAttributes(node.id, nodeOnPath) as FlowNode['domAttributes'],
        };
        nodeCache.current.set(node, { onPath: nodeOnPath, node: decorated });
        return decorated;
      }),
    [nodes, onPath],
  );
  const decoratedEdges = useMemo(
    () => edges.map((edge) => edgeDecoration(edge, path, edgeStatus)),
    [edges, path, edgeStatus],
  );
  return { nodes: decoratedNodes, edges: decoratedEdges };
}
