import { edgeDecoration, nodeDomAttributes } from './flow-decoration';

describe('what the canvas adds to nodes and edges', () => {
  it('gives every node its test id and marks the test-run path', () => {
    expect(nodeDomAttributes('sendWebhook-1', false)).toEqual({ 'data-testid': 'node-sendWebhook-1' });
    expect(nodeDomAttributes('sendWebhook-1', true)).toEqual({ 'data-testid': 'node-sendWebhook-1', 'data-on-path': 'true' });
  });

  //   [a] -> [b] -> [c]      path a, b, c  (a wait may repeat: a, b, b, c)
  //     \--> [d]
  it('highlights only the edges between consecutive steps of the path', () => {
    const path = ['a', 'b', 'b', 'c'];
    expect(edgeDecoration({ id: 'ab', source: 'a', target: 'b' }, path, null)).toMatchObject({ className: 'flow-edge--on-path', animated: true });
    expect(edgeDecoration({ id: 'bc', source: 'b', target: 'c' }, path, null).className).toBe('flow-edge--on-path');
    const untouched = { id: 'ad', source: 'a', target: 'd' };
    expect(edgeDecoration(untouched, path, null)).toBe(untouched);
  });

  it('styles edges the diff added or removed', () => {
    expect(edgeDecoration({ id: 'x', source: 'a', target: 'b' }, [], { x: 'removed' }).className).toBe('flow-edge--removed');
    expect(edgeDecoration({ id: 'x', source: 'a', target: 'b' }, [], { x: 'unchanged' }).className).toBeUndefined();
  });
});
