import { graphJsonSchema, graphNodeSchema, graphSchema, nodeConfigJsonSchema } from './index';
import { chain, node } from './testing/factories';

describe('graphSchema', () => {
  // manual -> addTag(vip) -> wait 1 day -> end
  const graph = () =>
    chain(
      node('trigger.manual', undefined, 'start'),
      node('action.addTag', { tag: 'vip' }, 'tag'),
      node('wait.delay', undefined, 'wait'),
      node('end', undefined, 'end'),
    );

  it('parses a graph in React Flow shape and types each config by node type', () => {
    const parsed = graphSchema.parse(graph());
    const tag = parsed.nodes.find((n) => n.type === 'action.addTag');
    expect(tag?.type === 'action.addTag' && tag.data.config.tag).toBe('vip');
  });

  it("strips React Flow's own node and edge properties", () => {
    const input = graph();
    const withExtras = {
      nodes: input.nodes.map((n) => ({
        ...n,
        selected: true,
        measured: { width: 10, height: 10 },
      })),
      edges: input.edges.map((e) => ({ ...e, animated: true, targetHandle: null })),
    };
    const parsed = graphSchema.parse(withExtras);
    expect(Object.keys(parsed.nodes[0]).sort()).toEqual(['data', 'id', 'position', 'type']);
    expect(Object.keys(parsed.edges[0]).sort()).toEqual(['id', 'source', 'target']);
  });

  it.each([
    [
      'an unknown type',
      { id: 'x', type: 'action.sendSms', position: { x: 0, y: 0 }, data: { config: {} } },
      ['type'],
    ],
    [
      'a bad config',
      { id: 'x', type: 'action.addTag', position: { x: 0, y: 0 }, data: { config: { tag: '' } } },
      ['data', 'config', 'tag'],
    ],
    ['no position', { id: 'x', type: 'end', data: { config: {} } }, ['position']],
    [
      'an infinite position',
      { id: 'x', type: 'end', position: { x: Infinity, y: 0 }, data: { config: {} } },
      ['position', 'x'],
    ],
  ])('refuses a node with %s', (_name, input, path) => {
    const result = graphNodeSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(path);
  });
});

describe('JSON Schema for OpenAPI', () => {
  it('describes the graph as OpenAPI 3.0 schema, one node variant per type', () => {
    const schema = graphJsonSchema() as unknown as {
      properties: { nodes: { items: { oneOf?: unknown[]; anyOf?: unknown[] } } };
    };
    const variants = schema.properties.nodes.items.oneOf ?? schema.properties.nodes.items.anyOf;
    expect(variants).toHaveLength(18);
    expect(JSON.stringify(schema)).not.toContain('"$schema"');
  });

  it('describes one config, e.g. Send a Webhook with its 30 s timeout cap', () => {
    const schema = nodeConfigJsonSchema('action.sendWebhook') as unknown as {
      properties: Record<string, { maximum?: number }>;
    };
    expect(schema.properties.timeoutMs.maximum).toBe(30_000);
  });
});
