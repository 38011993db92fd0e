import type { GraphDraft } from '@tideway/graph';
import { createFlowNode, flowToGraph, graphToFlow, newNodeId } from './flow-graph';

//   [manual-1] -> [condition-1] --yes--> [addTag-1]
//                               --no---> [end-1]
const graph: GraphDraft = {
  nodes: [
    { id: 'manual-1', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
    {
      id: 'condition-1',
      type: 'filter.condition',
      position: { x: 300, y: 0 },
      data: { label: 'VIP?', config: { match: 'all', rules: [{ field: 'tag', op: 'hasTag', value: 'vip' }] } },
    },
    { id: 'addTag-1', type: 'action.addTag', position: { x: 600, y: -60 }, data: { config: { tag: 'gold' } } },
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
    const edges = [...flow.edges, { id: 'e4', source: 'addTag-1', target: 'end-1', sourceHandle: null, selected: true }];
    const saved = flowToGraph(touched, edges);
    expect(saved.nodes[0]).toEqual({ id: 'manual-1', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } });
    expect(saved.edges[3]).toEqual({ id: 'e4', source: 'addTag-1', target: 'end-1' });
  });

  it('saves no empty label', () => {
    const flow = graphToFlow(graph);
    flow.nodes[1] = { ...flow.nodes[1], data: { ...flow.nodes[1].data, label: '' } };
    expect(flowToGraph(flow.nodes, flow.edges).nodes[1].data).toEqual({ config: graph.nodes[1].data.config });
  });

  it('reads a missing graph as an empty canvas', () => {
    expect(graphToFlow(undefined)).toEqual({ nodes: [], edges: [] });
  });

  it('names new nodes after their type, never reusing an id', () => {
    expect(newNodeId('action.sendWebhook', ['sendWebhook-1', 'sendWebhook-2'])).toBe('sendWebhook-3');
    expect(newNodeId('end', [])).toBe('end-1');
  });

  it('starts a dropped node with its own copy of the catalogue default config', () => {
    const a = createFlowNode('action.sendWebhook', { x: 10, y: 20 }, []);
    const b = createFlowNode('action.sendWebhook', { x: 10, y: 20 }, [a.id]);
    expect(a.data.config).toMatchObject({ method: 'POST', contentType: 'form', body: { mode: 'postData' } });
    expect(b.id).toBe('sendWebhook-2');
    expect(a.data.config).not.toBe(b.data.config);
  });
});
