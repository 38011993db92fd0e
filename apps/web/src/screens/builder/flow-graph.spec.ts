import type { GraphDraft } from '@tideway/graph';
import { applyNodeChanges } from '@xyflow/react';
import {
  createFlowNode,
  flowToGraph,
  graphFingerprint,
  graphToFlow,
  newNodeId,
  positionsFingerprint,
  sameStructure,
} from './flow-graph';

//   [manual-1] -> [condition-1] --yes--> [addTag-1]
//                               --no---> [end-1]
const graph: GraphDraft = {
  nodes: [
    { id: 'manual-1', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
    {
      id: 'condition-1',
      type: 'filter.condition',
      position: { x: 300, y: 0 },
      data: {
        label: 'VIP?',
        config: { match: 'all', rules: [{ field: 'tag', op: 'hasTag', value: 'vip' }] },
      },
    },
    {
      id: 'addTag-1',
      type: 'action.addTag',
      position: { x: 600, y: -60 },
      data: { config: { tag: 'gold' } },
    },
    { id: 'end-1', type: 'end', position: { x: 600, y: 60 }, data: { config: {} } },
  ],
  edges: [
    { id: 'e1', source: 'manual-1', target: 'condition-1' },
    { id: 'e2', source: 'condition-1', target: 'addTag-1', sourceHandle: 'yes' },
    { id: 'e3', source: 'condition-1', target: 'end-1', sourceHandle: 'no' },
  ],
};

describe('graph <-> canvas state', () => {
  it('round-trips the API graph unchanged', () => {
    const flow = graphToFlow(graph);
    expect(flowToGraph(flow.nodes, flow.edges)).toEqual(graph);
  });

  it('drops React Flow runtime keys and a null sourceHandle when saving', () => {
    const flow = graphToFlow(graph);
    const touched = flow.nodes.map((node) => ({
      ...node,
      selected: true,
      dragging: false,
      measured: { width: 240, height: 80 },
      position: { x: node.position.x + 0.4, y: node.position.y },
    }));
    const edges = [
      ...flow.edges,
      { id: 'e4', source: 'addTag-1', target: 'end-1', sourceHandle: null, selected: true },
    ];
    const saved = flowToGraph(touched, edges);
    expect(saved.nodes[0]).toEqual({
      id: 'manual-1',
      type: 'trigger.manual',
      position: { x: 0, y: 0 },
      data: { config: {} },
    });
    expect(saved.edges[3]).toEqual({ id: 'e4', source: 'addTag-1', target: 'end-1' });
  });

  it('saves no empty label', () => {
    const flow = graphToFlow(graph);
    flow.nodes[1] = { ...flow.nodes[1], data: { ...flow.nodes[1].data, label: '' } };
    expect(flowToGraph(flow.nodes, flow.edges).nodes[1].data).toEqual({
      config: graph.nodes[1].data.config,
    });
  });

  it('reads a missing graph as an empty canvas', () => {
    expect(graphToFlow(undefined)).toEqual({ nodes: [], edges: [] });
  });

  it('names new nodes after their type, never reusing an id', () => {
    expect(newNodeId('action.sendWebhook', ['sendWebhook-1', 'sendWebhook-2'])).toBe(
      'sendWebhook-3',
    );
    expect(newNodeId('end', [])).toBe('end-1');
  });

  it('starts a dropped node with its own copy of the catalogue default config', () => {
    const a = createFlowNode('action.sendWebhook', { x: 10, y: 20 }, []);
    const b = createFlowNode('action.sendWebhook', { x: 10, y: 20 }, [a.id]);
    expect(a.data.config).toMatchObject({
      method: 'POST',
      contentType: 'form',
      body: { mode: 'postData' },
    });
    expect(b.id).toBe('sendWebhook-2');
    expect(a.data.config).not.toBe(b.data.config);
  });

  it('sees the same structure after moves, measurements and selection, not after an edit', () => {
    const flow = graphToFlow(graph);
    const moved = {
      ...flow,
      nodes: applyNodeChanges(
        [
          { type: 'position', id: 'addTag-1', position: { x: 900, y: 40 }, dragging: true },
          { type: 'dimensions', id: 'end-1', dimensions: { width: 248, height: 70 } },
          { type: 'select', id: 'manual-1', selected: true },
        ],
        flow.nodes,
      ),
    };
    expect(sameStructure(flow, moved)).toBe(true);
    expect(
      sameStructure(flow, {
        ...flow,
        edges: flow.edges.map((edge) => ({ ...edge, selected: true })),
      }),
    ).toBe(true);

    const relabelled = {
      ...flow,
      nodes: flow.nodes.map((node) =>
        node.id === 'end-1' ? { ...node, data: { ...node.data, label: 'Done' } } : node,
      ),
    };
    expect(sameStructure(flow, relabelled)).toBe(false);
    expect(sameStructure(flow, { ...flow, edges: flow.edges.slice(1) })).toBe(false);
    expect(
      sameStructure(flow, {
        ...flow,
        edges: flow.edges.map((edge) =>
          edge.id === 'e3' ? { ...edge, target: 'addTag-1' } : edge,
        ),
      }),
    ).toBe(false);
    expect(sameStructure(flow, { ...flow, nodes: [...flow.nodes].reverse() })).toBe(false);
  });

  it('fingerprints positions apart from the rest, as the canvas rounds them', () => {
    const flow = graphToFlow(graph);
    const before = graphFingerprint(graph);
    const nudged = flow.nodes.map((node) =>
      node.id === 'end-1' ? { ...node, position: { x: 600.4, y: 59.6 } } : node,
    );
    expect(positionsFingerprint(nudged)).toBe(before.positions);
    expect(graphFingerprint(flowToGraph(nudged, flow.edges))).toEqual(before);

    const moved = flow.nodes.map((node) =>
      node.id === 'end-1' ? { ...node, position: { x: 640, y: 60 } } : node,
    );
    const after = graphFingerprint(flowToGraph(moved, flow.edges));
    expect(after.structure).toBe(before.structure);
    expect(after.positions).not.toBe(before.positions);
    expect(positionsFingerprint(moved)).toBe(after.positions);
    expect(graphFingerprint(flowToGraph(flow.nodes, flow.edges.slice(1))).structure).not.toBe(
      before.structure,
    );
  });
});
