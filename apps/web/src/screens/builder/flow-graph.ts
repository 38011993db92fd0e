import type { Edge, Node } from '@xyflow/react';
import type { DraftNode, Edge as GraphEdge, GraphDraft } from '@tideway/graph';
import { nodeDefinition } from '@tideway/graph';

/** What a canvas node carries: exactly the API node's `data`. */
export type CampaignNodeData = { label?: string; config: unknown };
export type FlowNode = Node<CampaignNodeData, string>;
export type FlowEdge = Edge;

export interface FlowState {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/**
 * The API graph is React Flow's own shape (API.md), so the conversion is
 * mostly a copy; what it adds is the discipline: the canvas never saves its
 * runtime keys (selected, measured, dragging…), and an edge from a default
 * output saves no `sourceHandle`.
 */
export function graphToFlow(graph: GraphDraft | null | undefined): FlowState {
  const nodes: FlowNode[] = (graph?.nodes ?? []).map((node) => ({
    id: node.id,
    type: node.type,
    position: { x: node.position?.x ?? 0, y: node.position?.y ?? 0 },
    data: {
      ...(node.data?.label !== undefined ? { label: node.data.label } : {}),
      config: node.data?.config ?? {},
    },
  }));
  const edges: FlowEdge[] = (graph?.edges ?? []).map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
  }));
  return { nodes, edges };
}

export function flowToGraph(nodes: readonly FlowNode[], edges: readonly FlowEdge[]): GraphDraft {
  return {
    nodes: nodes.map((node): DraftNode => ({
      id: node.id,
      type: node.type ?? 'unknown',
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: {
        ...(node.data.label !== undefined && node.data.label !== ''
          ? { label: node.data.label }
          : {}),
        config: node.data.config,
      },
    })),
    edges: edges.map((edge): GraphEdge => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
      ...(edge.sourceHandle ? { sourceHandle: edge.sourceHandle } : {}),
    })),
  };
}

/**
 * Whether two canvases differ at most in what validation never reads: where
 * nodes are, their measured size, selection and dragging. Nodes are compared by
 * id, type and `data` object (an edit replaces a node's data; a move keeps it),
 * edges by their ends.
 */
export function sameStructure(a: FlowState, b: FlowState): boolean {
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const [x, y] = [a.nodes[i], b.nodes[i]];
    if (x !== y && (x.id !== y.id || x.type !== y.type || x.data !== y.data)) return false;
  }
  for (let i = 0; i < a.edges.length; i++) {
    const [x, y] = [a.edges[i], b.edges[i]];
    if (
      x !== y &&
      (x.id !== y.id ||
        x.source !== y.source ||
        x.target !== y.target ||
        (x.sourceHandle ?? null) !== (y.sourceHandle ?? null))
    )
      return false;
  }
  return true;
}

/** `sendWebhook-3`: readable in the API, the delivery log and test ids; unique in the graph. */
export function newNodeId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const stem = type === 'end' ? 'end' : (type.split('.').pop() ?? 'node');
  for (let n = 1; ; n++) {
    const id = `${stem}-${n}`;
    if (!used.has(id)) return id;
  }
}

export function edgeIdFor(
  source: string,
  sourceHandle: string | null | undefined,
  target: string,
): string {
  return `${source}${sourceHandle ? `.${sourceHandle}` : ''}->${target}`;
}

/** A fresh node of `type` with its catalogue default config (deep-copied: nodes never share config objects). */
export function createFlowNode(
  type: string,
  position: { x: number; y: number },
  taken: Iterable<string>,
): FlowNode {
  const definition = nodeDefinition(type);
  return {
    id: newNodeId(type, taken),
    type,
    position,
    data: { config: structuredClone(definition?.defaultConfig ?? {}) },
  };
}

/**
 * Stable strings of the saved shape, to tell whether the canvas has unsaved
 * changes: where the nodes are (which changes on every frame of a drag) apart
 * from everything else (which does not). Equal for two graphs exactly when their
 * JSON is.
 */
export function graphFingerprint(graph: GraphDraft): { structure: string; positions: string } {
  return {
    structure: JSON.stringify({
      nodes: graph.nodes.map(({ position: _, ...node }) => node),
      edges: graph.edges,
    }),
    positions: positionsFingerprint(graph.nodes),
  };
}

/** The positions part of graphFingerprint, of the graph or of the canvas (rounded as flowToGraph saves them). */
export function positionsFingerprint(
  nodes: readonly { position: { x: number; y: number } }[],
): string {
  return nodes
    .map((node) => `${Math.round(node.position.x)},${Math.round(node.position.y)}`)
    .join(' ');
}
