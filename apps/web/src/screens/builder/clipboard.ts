import { edgeIdFor, type FlowEdge, type FlowNode, type FlowState, newNodeId } from './flow-graph';

/** What Ctrl+C keeps: the selected elements and the edges between them. */
export function copySelection(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): FlowState | null {
  const picked = nodes.filter((node) => node.selected);
  if (picked.length === 0) return null;
  const ids = new Set(picked.map((node) => node.id));
  return {
    nodes: picked.map((node) => ({ ...node, data: structuredClone(node.data) })),
    edges: edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
  };
}

/**
 * The copied elements with fresh ids, offset so they do not hide the
 * originals, selected (and everything else deselected) so they can be moved
 * at once.
 */
export function pasteClipboard(clipboard: FlowState, current: FlowState, offset = 40): FlowState {
  const taken = new Set(current.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  const pasted: FlowNode[] = clipboard.nodes.map((node) => {
    const id = newNodeId(node.type ?? 'node', taken);
    taken.add(id);
    renamed.set(node.id, id);
    return {
      id,
      type: node.type,
      position: { x: node.position.x + offset, y: node.position.y + offset },
      data: structuredClone(node.data),
      selected: true,
    };
  });
  const pastedEdges: FlowEdge[] = clipboard.edges.map((edge) => {
    const source = renamed.get(edge.source) ?? edge.source;
    const target = renamed.get(edge.target) ?? edge.target;
    return {
      id: edgeIdFor(source, edge.sourceHandle, target),
      source,
      target,
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
    };
  });
  return {
    nodes: [...current.nodes.map((node) => (node.selected ? { ...node, selected: false } : node)), ...pasted],
    edges: [...current.edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)), ...pastedEdges],
  };
}
