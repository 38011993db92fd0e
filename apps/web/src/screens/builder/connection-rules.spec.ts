import { judgeConnection } from './connection-rules';
import { graphToFlow } from './flow-graph';

//   [tagAdded-1] -> [condition-1] --yes--> [wait-1]
//                                 --no-->  (open)
//   [split-1] a/b (open)
const { nodes, edges } = graphToFlow({
  nodes: [
    { id: 'tagAdded-1', type: 'trigger.tagAdded', position: { x: 0, y: 0 }, data: { config: { tag: 'lead' } } },
    { id: 'condition-1', type: 'filter.condition', position: { x: 0, y: 0 }, data: { config: { match: 'all', rules: [] } } },
    { id: 'wait-1', type: 'wait.delay', position: { x: 0, y: 0 }, data: { config: { amount: 1, unit: 'days' } } },
    {
      id: 'split-1',
      type: 'split.random',
      position: { x: 0, y: 0 },
      data: { config: { branches: [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }] } },
    },
    { id: 'end-1', type: 'end', position: { x: 0, y: 0 }, data: { config: {} } },
  ],
  edges: [
    { id: 'e1', source: 'tagAdded-1', target: 'condition-1' },
    { id: 'e2', source: 'condition-1', target: 'wait-1', sourceHandle: 'yes' },
  ],
});

describe('connecting elements on the canvas', () => {
  it.each([
    ['the free "no" output of a condition', { source: 'condition-1', sourceHandle: 'no', target: 'end-1' }],
    ['a split branch', { source: 'split-1', sourceHandle: 'b', target: 'wait-1' }],
    ['a wait’s single output', { source: 'wait-1', sourceHandle: null, target: 'end-1' }],
  ])('accepts %s', (_name, connection) => {
    expect(judgeConnection(connection, nodes, edges)).toEqual({ ok: true });
  });

  it.each([
    ['an edge into a trigger', { source: 'wait-1', target: 'tagAdded-1' }, 'Nothing leads into a trigger'],
    ['a second edge from one output', { source: 'condition-1', sourceHandle: 'yes', target: 'end-1' }, 'That output already leads somewhere'],
    ['a second edge from a single output', { source: 'tagAdded-1', target: 'end-1' }, 'That output already leads somewhere'],
    ['a self loop', { source: 'wait-1', target: 'wait-1' }, 'An element cannot lead to itself'],
    ['an output the node does not have', { source: 'split-1', sourceHandle: 'c', target: 'end-1' }, 'That element has no such output'],
    ['the default output of a condition', { source: 'condition-1', sourceHandle: null, target: 'end-1' }, 'That element has no such output'],
    ['anything out of End', { source: 'end-1', target: 'wait-1' }, 'That element has no such output'],
    ['a drop on nothing', { source: 'wait-1', target: null }, 'Drop on an element’s input'],
  ])('refuses %s', (_name, connection, reason) => {
    expect(judgeConnection(connection, nodes, edges)).toEqual({ ok: false, reason });
  });
});
