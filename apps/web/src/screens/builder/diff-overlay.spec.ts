import type { GraphDraft } from '@tideway/graph';
import { buildDiffOverlay, formatDiffValue, readableFieldPath } from './diff-overlay';

const node = (id: string, type: string, config: unknown) => ({ id, type, position: { x: 0, y: 0 }, data: { config } });

// revision 1:  [manual] -> [tag vip] -> [end]
// revision 2:  [manual] -> [tag gold] -> [wait 2 days]      (end removed, wait added)
const before: GraphDraft = {
  nodes: [node('manual', 'trigger.manual', {}), node('tag', 'action.addTag', { tag: 'vip' }), node('end', 'end', {})],
  edges: [
    { id: 'e1', source: 'manual', target: 'tag' },
    { id: 'e2', source: 'tag', target: 'end' },
  ],
};
const after: GraphDraft = {
  nodes: [node('manual', 'trigger.manual', {}), node('tag', 'action.addTag', { tag: 'gold' }), node('wait', 'wait.delay', { amount: 2, unit: 'days' })],
  edges: [
    { id: 'e1', source: 'manual', target: 'tag' },
    { id: 'e3', source: 'tag', target: 'wait' },
  ],
};

describe('the diff drawn on the canvas', () => {
  const overlay = buildDiffOverlay(before, after);

  it('marks each node added, removed, changed or unchanged, keeping removed ones in place', () => {
    expect(overlay.nodeStatus).toEqual({ manual: 'unchanged', tag: 'changed', wait: 'added', end: 'removed' });
    expect(overlay.nodes.map((n) => n.id)).toEqual(['manual', 'tag', 'wait', 'end']);
  });

  it('draws removed edges next to the new ones', () => {
    expect(overlay.edgeStatus).toEqual({ e1: 'unchanged', e3: 'added', e2: 'removed' });
  });

  it('lists config before and after for changed nodes', () => {
    expect(overlay.diff.nodes.changed).toEqual([{ id: 'tag', fields: [{ path: 'config.tag', before: 'vip', after: 'gold' }] }]);
    expect(readableFieldPath('config.body.template')).toBe('body.template');
    expect(formatDiffValue(undefined)).toBe('(not set)');
    expect(formatDiffValue('')).toBe('(empty)');
    expect(formatDiffValue({ a: 1 })).toBe('{"a":1}');
  });

  it('keeps an edge whose id was reused for new endpoints twice, once removed', () => {
    const reused = buildDiffOverlay(before, { ...before, edges: [before.edges[0], { id: 'e2', source: 'manual', target: 'end' }] });
    expect(reused.edgeStatus).toMatchObject({ e2: 'added', 'e2~removed': 'removed' });
  });
});
