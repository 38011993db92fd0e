import { diffGraphs, type GraphDraft } from '@tideway/graph';
import {
  REDACTED,
  isSecretHeaderName,
  redactDiffSecrets,
  redactGraphSecrets,
  restoreGraphSecrets,
} from './graph-secrets';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function hook(config: unknown, id = 'hook'): GraphDraft {
  return {
    nodes: [
      { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
      { id, type: 'action.sendWebhook', position: { x: 0, y: 100 }, data: { label: 'CRM', config } },
    ],
    edges: [{ id: 'e1', source: 'start', target: id }],
  } as GraphDraft;
}

const configOf = (graph: GraphDraft, index = 1) => graph.nodes[index].data?.config;

describe('isSecretHeaderName', () => {
  it.each([
    ['Authorization', true],
    ['proxy-authorization', true],
    ['Cookie', true],
    ['X-Api-Key', true],
    [' x-api-key ', true],
    ['X-Auth-Token', true],
    ['X-Webhook-Secret', true],
    ['X-Password', true],
    ['X-API_KEY', true],
    ['ApiKey', true],
    ['X-Campaign', false],
    ['Content-Type', false],
    ['', false],
    [42, false],
    [undefined, false],
  ])('%p -> %p', (name, secret) => {
    expect(isSecretHeaderName(name)).toBe(secret);
  });
});

describe('redactGraphSecrets', () => {
  it.each<[string, unknown, unknown]>([
    [
      'basic password (the user name stays)',
      { auth: { type: 'basic', username: 'crm', password: 'hunter2' } },
      { auth: { type: 'basic', username: 'crm', password: REDACTED } },
    ],
    ['bearer token', { auth: { type: 'bearer', token: 'tok-1' } }, { auth: { type: 'bearer', token: REDACTED } }],
    ['signing secret', { secret: SECRET }, { secret: REDACTED }],
    [
      'sensitive headers only',
      {
        headers: [
          { name: 'X-Campaign', value: '[Campaign Name]' },
          { name: 'X-Api-Key', value: 'key-1' },
          { name: 'authorization', value: 'Token abc' },
          { name: 'Cookie', value: 'sid=1' },
          { name: 'X-Refresh-Token', value: 'r-1' },
        ],
      },
      {
        headers: [
          { name: 'X-Campaign', value: '[Campaign Name]' },
          { name: 'X-Api-Key', value: REDACTED },
          { name: 'authorization', value: REDACTED },
          { name: 'Cookie', value: REDACTED },
          { name: 'X-Refresh-Token', value: REDACTED },
        ],
      },
    ],
    ['empty secrets stay empty', { auth: { type: 'basic', username: 'u', password: '' }, secret: '' }, { auth: { type: 'basic', username: 'u', password: '' }, secret: '' }],
    ['non-strings are left alone', { auth: { type: 'bearer', token: 42 }, secret: null, headers: [{ name: 'X-Api-Key', value: 7 }] }, { auth: { type: 'bearer', token: 42 }, secret: null, headers: [{ name: 'X-Api-Key', value: 7 }] }],
    ['auth not an object', { auth: 'basic' }, { auth: 'basic' }],
    ['headers not an array', { headers: { 'X-Api-Key': 'k' } }, { headers: { 'X-Api-Key': 'k' } }],
    ['header rows that are not objects', { headers: ['X-Api-Key: k', null] }, { headers: ['X-Api-Key: k', null] }],
    ['no config at all', undefined, undefined],
    ['config not an object', 'secret', 'secret'],
  ])('%s', (_, config, expected) => {
    const graph = hook(config);
    const before = structuredClone(graph);
    const redacted = redactGraphSecrets(graph);
    expect(configOf(redacted)).toEqual(expected);
    expect(graph).toEqual(before); // the input is not changed
    expect({ ...redacted, nodes: redacted.nodes.map((n) => ({ ...n, data: { ...n.data, config: null } })) }).toEqual({
      ...graph,
      nodes: graph.nodes.map((n) => ({ ...n, data: { ...n.data, config: null } })),
    });
  });

  it('redacts in any node type and keeps unknown keys, positions and edges', () => {
    const graph = {
      nodes: [{ id: 'x', type: 'mystery', position: { x: 1, y: 2 }, data: { config: { secret: 's', other: { deep: [1] } } }, extra: true }],
      edges: [{ id: 'e', source: 'x', target: 'y' }],
      viewport: { zoom: 1 },
    };
    expect(redactGraphSecrets(graph)).toEqual({
      ...graph,
      nodes: [{ ...graph.nodes[0], data: { config: { secret: REDACTED, other: { deep: [1] } } } }],
    });
  });

  it.each([null, undefined, {}, { nodes: 'no' }, { nodes: [null, 1, { id: 'a' }, { data: null }] }])(
    'copes with a malformed graph: %p',
    (graph) => {
      expect(redactGraphSecrets(graph)).toEqual(graph);
    },
  );
});

describe('restoreGraphSecrets', () => {
  const stored = hook({
    auth: { type: 'basic', username: 'crm', password: 'hunter2' },
    secret: SECRET,
    headers: [
      { name: 'X-Api-Key', value: 'key-1' },
      { name: 'Authorization', value: 'Token abc' },
    ],
  });

  it('gives back the stored graph from its redacted copy', () => {
    const { graph, unresolved } = restoreGraphSecrets(redactGraphSecrets(stored), stored);
    expect(unresolved).toEqual([]);
    expect(graph).toEqual(stored);
  });

  it.each<[string, unknown, unknown, { nodeId: string; nodeIndex: number; path: string }[]]>([
    [
      'a new value replaces the stored one',
      { auth: { type: 'basic', username: 'crm', password: 'new-pass' }, secret: REDACTED },
      { auth: { type: 'basic', username: 'crm', password: 'new-pass' }, secret: SECRET },
      [],
    ],
    [
      'headers follow their names when reordered',
      { headers: [{ name: 'Authorization', value: REDACTED }, { name: 'X-Api-Key', value: REDACTED }] },
      { headers: [{ name: 'Authorization', value: 'Token abc' }, { name: 'X-Api-Key', value: 'key-1' }] },
      [],
    ],
    [
      'a header added in front keeps the others',
      { headers: [{ name: 'X-Campaign', value: 'c' }, { name: 'x-api-key', value: REDACTED }, { name: 'Authorization', value: REDACTED }] },
      { headers: [{ name: 'X-Campaign', value: 'c' }, { name: 'x-api-key', value: 'key-1' }, { name: 'Authorization', value: 'Token abc' }] },
      [],
    ],
    [
      'a renamed secret header keeps the value at its place',
      { headers: [{ name: 'X-Api-Token', value: REDACTED }] },
      { headers: [{ name: 'X-Api-Token', value: 'key-1' }] },
      [],
    ],
    [
      'bearer where basic was stored: no token to keep',
      { auth: { type: 'bearer', token: REDACTED } },
      { auth: { type: 'bearer', token: REDACTED } },
      [{ nodeId: 'hook', nodeIndex: 1, path: 'auth.token' }],
    ],
    [
      'a new secret header with a placeholder',
      { headers: [{ name: 'X-Api-Key', value: 'key-1' }, { name: 'Authorization', value: 'Token abc' }, { name: 'X-Secret', value: REDACTED }] },
      { headers: [{ name: 'X-Api-Key', value: 'key-1' }, { name: 'Authorization', value: 'Token abc' }, { name: 'X-Secret', value: REDACTED }] },
      [{ nodeId: 'hook', nodeIndex: 1, path: 'headers[2].value' }],
    ],
    [
      'a new secret header in front does not take the moved header\'s value',
      { headers: [{ name: 'X-Secret', value: REDACTED }, { name: 'X-Api-Key', value: REDACTED }] },
      { headers: [{ name: 'X-Secret', value: REDACTED }, { name: 'X-Api-Key', value: 'key-1' }] },
      [{ nodeId: 'hook', nodeIndex: 1, path: 'headers[0].value' }],
    ],
    [
      'a placeholder where nothing is secret is a value like any other',
      { headers: [{ name: 'X-Note', value: REDACTED }] },
      { headers: [{ name: 'X-Note', value: REDACTED }] },
      [],
    ],
  ])('%s', (_, incoming, expected, unresolved) => {
    const result = restoreGraphSecrets(hook(incoming), stored);
    expect(configOf(result.graph)).toEqual(expected);
    expect(result.unresolved).toEqual(unresolved);
  });

  it('does not take secrets from a node of another id, or from no source', () => {
    const incoming = redactGraphSecrets(hook(configOf(stored), 'pasted'));
    const other = restoreGraphSecrets(incoming, stored);
    expect(other.unresolved).toEqual([
      { nodeId: 'pasted', nodeIndex: 1, path: 'auth.password' },
      { nodeId: 'pasted', nodeIndex: 1, path: 'secret' },
      { nodeId: 'pasted', nodeIndex: 1, path: 'headers[0].value' },
      { nodeId: 'pasted', nodeIndex: 1, path: 'headers[1].value' },
    ]);
    expect(other.graph).toEqual(incoming);
    expect(restoreGraphSecrets(incoming, null).unresolved).toHaveLength(4);
  });

  it('does not change its inputs', () => {
    const incoming = redactGraphSecrets(stored);
    const copy = structuredClone(incoming);
    restoreGraphSecrets(incoming, stored);
    expect(incoming).toEqual(copy);
  });
});

describe('redactDiffSecrets', () => {
  const before = hook({
    url: 'https://crm.example.com',
    auth: { type: 'basic', username: 'crm', password: 'old-pass' },
    headers: [{ name: 'X-Api-Key', value: 'key-1' }],
  });

  const diffOf = (afterConfig: unknown, afterGraph = hook(afterConfig)) =>
    redactDiffSecrets(diffGraphs(before, afterGraph), before, afterGraph);

  it.each<[string, unknown, { path: string; before: unknown; after: unknown }[]]>([
    [
      'a changed secret is listed, redacted',
      { url: 'https://crm.example.com', auth: { type: 'basic', username: 'crm', password: 'new-pass' }, headers: [{ name: 'X-Api-Key', value: 'key-2' }] },
      [
        { path: 'config.auth.password', before: REDACTED, after: REDACTED },
        { path: 'config.headers[0].value', before: REDACTED, after: REDACTED },
      ],
    ],
    [
      'basic to bearer',
      { url: 'https://crm.example.com', auth: { type: 'bearer', token: 'tok' }, headers: [{ name: 'X-Api-Key', value: 'key-1' }] },
      [
        { path: 'config.auth.type', before: 'basic', after: 'bearer' },
        { path: 'config.auth.username', before: 'crm', after: undefined },
        { path: 'config.auth.password', before: REDACTED, after: undefined },
        { path: 'config.auth.token', before: undefined, after: REDACTED },
      ],
    ],
    [
      'whole objects added or removed are redacted inside',
      { url: 'https://crm.example.com', secret: SECRET, headers: [{ name: 'X-Api-Key', value: 'key-1' }, { name: 'Cookie', value: 'c=1' }] },
      [
        { path: 'config.auth', before: { type: 'basic', username: 'crm', password: REDACTED }, after: undefined },
        { path: 'config.headers[1]', before: undefined, after: { name: 'Cookie', value: REDACTED } },
        { path: 'config.secret', before: undefined, after: REDACTED },
      ],
    ],
    [
      'a header renamed away from secret shows its value as it now is',
      { url: 'https://crm.example.com', auth: { type: 'basic', username: 'crm', password: 'old-pass' }, headers: [{ name: 'X-Note', value: 'public' }] },
      [
        { path: 'config.headers[0].name', before: 'X-Api-Key', after: 'X-Note' },
        { path: 'config.headers[0].value', before: REDACTED, after: 'public' },
      ],
    ],
    [
      'other changes are shown as they are',
      { url: 'https://crm.example.com/v2', auth: { type: 'basic', username: 'crm', password: 'old-pass' }, headers: [{ name: 'X-Api-Key', value: 'key-1' }] },
      [{ path: 'config.url', before: 'https://crm.example.com', after: 'https://crm.example.com/v2' }],
    ],
    [
      'a config that stops being an object',
      'broken',
      [{ path: 'config', before: { url: 'https://crm.example.com', auth: { type: 'basic', username: 'crm', password: REDACTED }, headers: [{ name: 'X-Api-Key', value: REDACTED }] }, after: 'broken' }],
    ],
  ])('%s', (_, afterConfig, fields) => {
    const diff = diffOf(afterConfig);
    expect(diff.nodes.changed).toEqual([{ id: 'hook', fields: expect.arrayContaining(fields) }]);
    expect(diff.nodes.changed[0].fields).toHaveLength(fields.length);
  });

  it('redacts added and removed nodes, and leaves the diff it was given alone', () => {
    const after = hook(configOf(before), 'hook2');
    const raw = diffGraphs(before, after);
    const copy = structuredClone(raw);
    const diff = redactDiffSecrets(raw, before, after);
    expect(raw).toEqual(copy);
    const text = JSON.stringify(diff);
    expect(text).not.toContain('old-pass');
    expect(text).not.toContain('key-1');
    expect(diff.nodes.added[0].data?.config).toMatchObject({ auth: { password: REDACTED } });
    expect(diff.nodes.removed[0].data?.config).toMatchObject({ headers: [{ value: REDACTED }] });
  });
});
