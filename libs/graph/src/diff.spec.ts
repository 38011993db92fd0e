import { diffGraphs } from './index';
import { VALID_CONFIGS, chain, edge, node } from './testing/factories';

// manual -> sendWebhook -> wait 1 day -> end
function revisionOne() {
  return chain(
    node('trigger.manual', undefined, 'start'),
    node(
      'action.sendWebhook',
      { ...VALID_CONFIGS['action.sendWebhook'], headers: [{ name: 'X-A', value: '1' }] },
      'hook',
    ),
    node('wait.delay', { amount: 1, unit: 'days' }, 'wait'),
    node('end', undefined, 'end'),
  );
}

describe('diffGraphs', () => {
  it('finds nothing between a graph and its copy', () => {
    expect(diffGraphs(revisionOne(), revisionOne())).toEqual({
      nodes: { added: [], removed: [], changed: [], moved: [] },
      edges: { added: [], removed: [] },
    });
  });

  it('lists config changes by path, deep into objects and arrays', () => {
    const after = revisionOne();
    const hook = after.nodes[1];
    hook.data.config = {
      ...(hook.data.config as object),
      body: { mode: 'postData', template: 'Email=[Email]' },
      headers: [
        { name: 'X-A', value: '2' },
        { name: 'X-B', value: '3' },
      ],
      timeoutMs: 5000,
    };
    hook.data.label = 'Tell the CRM';
    after.nodes[2].data.config = { amount: 3, unit: 'days' };

    expect(diffGraphs(revisionOne(), after).nodes.changed).toEqual([
      {
        id: 'hook',
        fields: [
          { path: 'label', before: undefined, after: 'Tell the CRM' },
          {
            path: 'config.body.template',
            before: 'First_Name=[First Name]&Email=[Email]',
            after: 'Email=[Email]',
          },
          { path: 'config.headers[0].value', before: '1', after: '2' },
          { path: 'config.headers[1]', before: undefined, after: { name: 'X-B', value: '3' } },
          { path: 'config.timeoutMs', before: undefined, after: 5000 },
        ],
      },
      { id: 'wait', fields: [{ path: 'config.amount', before: 1, after: 3 }] },
    ]);
  });

  it('reports a changed type, and a body whose mode changed as whole values', () => {
    const after = revisionOne();
    after.nodes[2] = {
      ...after.nodes[2],
      type: 'wait.until',
      data: { config: { field: 'renewal' } },
    };
    expect(diffGraphs(revisionOne(), after).nodes.changed).toEqual([
      {
        id: 'wait',
        fields: [
          { path: 'type', before: 'wait.delay', after: 'wait.until' },
          { path: 'config.amount', before: 1, after: undefined },
          { path: 'config.unit', before: 'days', after: undefined },
          { path: 'config.field', before: undefined, after: 'renewal' },
        ],
      },
    ]);
  });

  it('keeps a node that was only dragged out of "changed" and lists it as moved', () => {
    const after = revisionOne();
    after.nodes[1] = { ...after.nodes[1], position: { x: 500, y: 80 } };
    const diff = diffGraphs(revisionOne(), after);
    expect(diff.nodes.changed).toEqual([]);
    expect(diff.nodes.moved).toEqual([
      { id: 'hook', before: revisionOne().nodes[1].position, after: { x: 500, y: 80 } },
    ]);
  });

  // before: manual -> sendWebhook -> wait -> end
  // after:  manual -> sendWebhook -> addTag(vip) -> end      (wait removed)
  it('lists added and removed nodes and edges', () => {
    const before = revisionOne();
    const tag = node('action.addTag', { tag: 'vip' }, 'tag');
    const after = {
      nodes: [before.nodes[0], before.nodes[1], tag, before.nodes[3]],
      edges: [before.edges[0], edge('hook', 'tag'), edge('tag', 'end')],
    };
    const diff = diffGraphs(before, after);
    expect(diff.nodes.added.map((n) => n.id)).toEqual(['tag']);
    expect(diff.nodes.removed.map((n) => n.id)).toEqual(['wait']);
    expect(diff.edges.added.map((e) => e.id)).toEqual(['hook->tag', 'tag->end']);
    expect(diff.edges.removed.map((e) => e.id)).toEqual(['hook->wait', 'wait->end']);
  });

  it('treats an edge React Flow gave a new id as the same edge', () => {
    const after = revisionOne();
    after.edges[0] = { ...after.edges[0], id: 'xy-edge__start-hook' };
    expect(diffGraphs(revisionOne(), after).edges).toEqual({ added: [], removed: [] });
  });

  it('treats an id whose endpoints changed as one edge removed and one added', () => {
    const after = revisionOne();
    after.edges[2] = { ...after.edges[2], source: 'hook' };
    const diff = diffGraphs(revisionOne(), after);
    expect(diff.edges.removed).toEqual([revisionOne().edges[2]]);
    expect(diff.edges.added).toEqual([after.edges[2]]);
  });

  it('compares sourceHandle as part of an edge: yes -> no is a different edge', () => {
    const before = { nodes: [], edges: [edge('cond', 'end', 'yes', 'e1')] };
    const after = { nodes: [], edges: [edge('cond', 'end', 'no', 'e1')] };
    const diff = diffGraphs(before, after);
    expect(diff.edges.removed.map((e) => e.sourceHandle)).toEqual(['yes']);
    expect(diff.edges.added.map((e) => e.sourceHandle)).toEqual(['no']);
  });
});
