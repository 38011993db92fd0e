import type { TestGraph } from './support/campaigns';
import { aCampaign, aValidGraph, CONFIG, chain, edge, node } from './support/campaigns';
import { aField } from './support/contacts';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

/** A webhook node whose POST body is `template`, sent as `contentType`. */
function webhook(id: string, template: string, contentType: 'form' | 'json' = 'form') {
  return node(id, 'action.sendWebhook', {
    ...(CONFIG['action.sendWebhook'] as object),
    contentType,
    body: { mode: 'postData', template },
  });
}

describe('POST /api/v1/campaigns/:id/validate', () => {
  let app: TestApp;
  let ws: TestWorkspace;
  let campaignId: string;
  beforeAll(async () => {
    app = await startTestApp({ RUN_WORKER: 'false' });
    ws = await aWorkspace(app);
    await aField(ws, { key: 'favouriteColour', label: 'Favourite Colour', type: 'text' });
    campaignId = (await aCampaign(ws)).id;
  });
  afterAll(() => app.close());

  const validate = (graph: unknown, client = ws.client, id = campaignId) =>
    client.post(`/api/v1/campaigns/${id}/validate`, { graph });

  it('finds nothing wrong with a sound graph, and saves nothing', async () => {
    const res = await validate(aValidGraph());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, problems: [] });
    expect((await ws.client.get(`/api/v1/campaigns/${campaignId}`)).body.draftRevision).toBe(1);
  });

  it("knows the workspace's custom fields as merge fields, in any case", async () => {
    const graph = chain(
      node('start', 'trigger.manual'),
      node('set', 'action.updateField', {
        field: 'nickname',
        value: '[favourite  colour] and [First Name]',
      }),
    );
    expect((await validate(graph)).body).toEqual({ valid: true, problems: [] });
  });

  // Each problem the API reports, on the smallest graph that has it.
  const start = () => node('start', 'trigger.manual');
  it.each<[string, TestGraph, object]>([
    [
      'too-many-nodes',
      chain(start(), ...Array.from({ length: 500 }, (_, i) => node(`t${i}`, 'action.addTag'))),
      { rule: 'too-many-nodes', message: expect.stringContaining('at most 500') },
    ],
    [
      'duplicate-id',
      { nodes: [start(), node('dup', 'end'), node('dup', 'end')], edges: [edge('start', 'dup')] },
      { rule: 'duplicate-id', nodeId: 'dup' },
    ],
    [
      'unknown-type',
      chain(start(), node('odd', 'action.teleport')),
      { rule: 'unknown-type', nodeId: 'odd' },
    ],
    [
      'bad-config (schema)',
      chain(start(), node('tag', 'action.addTag', { tag: '' })),
      { rule: 'bad-config', nodeId: 'tag', path: 'config.tag' },
    ],
    [
      'bad-config (template syntax)',
      chain(start(), node('set', 'action.updateField', { field: 'nickname', value: '{{upper' })),
      {
        rule: 'bad-config',
        nodeId: 'set',
        path: 'config.value',
        message: expect.stringContaining('syntax'),
      },
    ],
    [
      'bad-config (unknown template variable)',
      chain(
        start(),
        node('set', 'action.updateField', { field: 'nickname', value: '{{contact.shoeSize}}' }),
      ),
      {
        rule: 'bad-config',
        nodeId: 'set',
        path: 'config.value',
        message: expect.stringContaining('Unknown variable'),
      },
    ],
    [
      'bad-config (a block helper that is not allowed)',
      chain(
        start(),
        node('set', 'action.updateField', {
          field: 'nickname',
          value: '{{#each contact.tags}}x{{/each}}',
        }),
      ),
      {
        rule: 'bad-config',
        nodeId: 'set',
        path: 'config.value',
        message: expect.stringContaining('{{#each}}'),
      },
    ],
    [
      'bad-config (a JSON body that is not JSON)',
      chain(start(), webhook('hook', '{"email": [Email]', 'json')),
      {
        rule: 'bad-config',
        nodeId: 'hook',
        path: 'config.body.template',
        message: expect.stringContaining('not valid JSON'),
      },
    ],
    [
      'bad-config (post data split inside a block)',
      chain(start(), webhook('hook', 'a={{#if contact.email}}b&c{{/if}}=d')),
      {
        rule: 'bad-config',
        nodeId: 'hook',
        path: 'config.body.template',
        message: expect.stringContaining('post data'),
      },
    ],
    [
      'dangling-edge',
      { nodes: [start()], edges: [edge('start', 'ghost', undefined, 'e1')] },
      { rule: 'dangling-edge', edgeId: 'e1' },
    ],
    [
      'edge-into-trigger',
      {
        nodes: [start(), node('tag', 'action.addTag'), node('other', 'trigger.tagAdded')],
        edges: [edge('start', 'tag'), edge('tag', 'other', undefined, 'back')],
      },
      { rule: 'edge-into-trigger', edgeId: 'back', nodeId: 'other' },
    ],
    [
      'missing-output',
      {
        nodes: [start(), node('if', 'filter.condition'), node('end', 'end')],
        edges: [edge('start', 'if'), edge('if', 'end', 'yes')],
      },
      { rule: 'missing-output', nodeId: 'if', message: expect.stringContaining('no') },
    ],
    [
      'extra-output',
      {
        nodes: [start(), node('end', 'end'), node('tag', 'action.addTag')],
        edges: [edge('start', 'end'), edge('end', 'tag', undefined, 'after-end')],
      },
      { rule: 'extra-output', nodeId: 'end', edgeId: 'after-end' },
    ],
    ['no-trigger', chain(node('tag', 'action.addTag')), { rule: 'no-trigger' }],
    [
      'unreachable',
      { nodes: [start(), node('island', 'action.addTag')], edges: [] },
      { rule: 'unreachable', nodeId: 'island' },
    ],
    [
      'cycle-without-wait',
      {
        nodes: [start(), node('a', 'action.addTag'), node('b', 'action.removeTag')],
        edges: [edge('start', 'a'), edge('a', 'b'), edge('b', 'a')],
      },
      { rule: 'cycle-without-wait', nodeId: 'a' },
    ],
    [
      'unknown-merge-field',
      chain(
        start(),
        node('set', 'action.updateField', { field: 'nickname', value: '[Favourite Color]' }),
      ),
      {
        rule: 'unknown-merge-field',
        nodeId: 'set',
        path: 'config.value',
        message: 'Unknown merge field [Favourite Color]',
      },
    ],
  ])('reports %s', async (_rule, graph, problem) => {
    const res = await validate(graph);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.problems).toContainEqual(expect.objectContaining(problem));
  });

  it('reports a template error once, even when both the graph check and the compiler find it', async () => {
    const graph = chain(
      start(),
      node('set', 'action.updateField', { field: 'nickname', value: '{{upper' }),
    );
    const problems = (await validate(graph)).body.problems;
    expect(problems.filter((p: { nodeId?: string }) => p.nodeId === 'set')).toHaveLength(1);
  });

  it('still finds an invalid JSON body next to an unknown merge field', async () => {
    const graph = chain(start(), webhook('hook', '{"colour": [Favourite Color]', 'json'));
    const rules = (await validate(graph)).body.problems.map((p: { rule: string }) => p.rule);
    expect(rules).toEqual(['bad-config', 'unknown-merge-field']);
  });

  it('lists problems by rule, then in graph order', async () => {
    const graph: TestGraph = {
      nodes: [
        node('b', 'action.addTag', { tag: '' }),
        node('a', 'action.updateField', { field: 'nickname', value: '{{nope}}' }),
      ],
      edges: [],
    };
    const problems = (await validate(graph)).body.problems.map(
      (p: { rule: string; nodeId?: string }) => [p.rule, p.nodeId],
    );
    expect(problems).toEqual([
      ['bad-config', 'b'],
      ['bad-config', 'a'],
      ['no-trigger', undefined],
      ['unreachable', 'b'],
      ['unreachable', 'a'],
    ]);
  });

  it.each([
    ['no graph', {}, 'graph'],
    ['nodes that are not a list', { graph: { nodes: {}, edges: [] } }, 'graph.nodes'],
    [
      'a node without a type',
      { graph: { nodes: [{ id: 'a', position: { x: 0, y: 0 }, data: {} }], edges: [] } },
      'graph.nodes[0].type',
    ],
  ])('refuses %s with 422', async (_case, body, path) => {
    const res = await ws.client.post(`/api/v1/campaigns/${campaignId}/validate`, body);
    expect(res.status).toBe(422);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('answers 404 for another workspace’s campaign and a malformed id', async () => {
    const theirs = await aCampaign(await aWorkspace(app));
    expect((await validate(aValidGraph(), ws.client, theirs.id)).status).toBe(404);
    expect((await validate(aValidGraph(), ws.client, 'nope')).status).toBe(404);
  });

  it('needs campaigns:read only, as it changes nothing', async () => {
    const reader = await aWorkspace(app, ['campaigns:read']);
    const [{ id }] = await app.db.query(
      `INSERT INTO campaigns (workspace_id, name, draft_revision) VALUES ($1, 'Seeded', 1) RETURNING id`,
      [reader.workspaceId],
    );
    expect((await validate(aValidGraph(), reader.client, id)).status).toBe(200);
    const noScope = await aWorkspace(app, ['contacts:read']);
    expect((await validate(aValidGraph(), noScope.client, id)).status).toBe(403);
  });
});
