import type { TestGraph, TestNode } from './support/campaigns';
import { aCampaign, campaignSnapshot, chain, node } from './support/campaigns';
import type { TestApp, TestWorkspace } from './support/test-app';
import { aWorkspace, startTestApp } from './support/test-app';

/**
 * Send a Webhook secrets in campaign graphs (API.md: "Secrets and passwords
 * are never returned in full by the API"): every answer with a graph shows
 * them as [redacted], and a graph sent back redacted keeps the stored values.
 */
const REDACTED = '[redacted]';
const PASSWORD = 'basic-pass-7Qz1';
const TOKEN = 'bearer-tok-9Xw2';
const SIGNING = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const API_KEY = 'api-key-3Lm8';
const SECRETS = [PASSWORD, TOKEN, SIGNING, API_KEY];

const WEBHOOK = {
  url: 'https://crm.example.com/hook',
  method: 'POST',
  contentType: 'form',
  body: { mode: 'postData', template: 'Email=[Email]' },
};

/** [start] -> [basic: password, signing secret, X-Api-Key] -> [bearer: token] -> [end] */
function secretGraph(): TestGraph {
  return chain(
    node('start', 'trigger.manual'),
    node('basic', 'action.sendWebhook', {
      ...WEBHOOK,
      headers: [
        { name: 'X-Campaign', value: '[Campaign Name]' },
        { name: 'X-Api-Key', value: API_KEY },
      ],
      auth: { type: 'basic', username: 'crm', password: PASSWORD },
      secret: SIGNING,
    }),
    node('bearer', 'action.sendWebhook', { ...WEBHOOK, auth: { type: 'bearer', token: TOKEN } }),
    node('end', 'end'),
  );
}

function expectNoSecrets(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

type HookConfig = {
  url: string;
  headers: { name: string; value: string }[];
  auth: { type: string; username?: string; password?: string; token?: string };
  secret?: string;
};
const configOf = (graph: TestGraph, id: string) => graph.nodes.find((n) => n.id === id)?.data.config as HookConfig;

describe('secrets in campaign graphs', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RUN_WORKER: 'false' });
  });
  afterAll(() => app.close());

  async function storedGraph(campaignId: string, revision?: number): Promise<TestGraph> {
    const [row] = await app.db.query(
      `SELECT r.graph FROM campaign_revisions r JOIN campaigns c ON c.id = r.campaign_id
        WHERE r.campaign_id = $1 AND r.revision = COALESCE($2::int, c.draft_revision)`,
      [campaignId, revision ?? null],
    );
    return row.graph;
  }

  async function aSecretCampaign(ws: TestWorkspace): Promise<{ id: string }> {
    const campaign = await aCampaign(ws, { graph: secretGraph() });
    expect(await storedGraph(campaign.id)).toEqual(secretGraph());
    return campaign;
  }

  const save = (ws: TestWorkspace, id: string, graph: unknown, baseRevision: number) =>
    ws.client.put(`/api/v1/campaigns/${id}/draft`, { graph, baseRevision });

  it('answers every graph redacted: create, GET, revision, list, duplicate, status changes', async () => {
    const ws = await aWorkspace(app);
    const created = await ws.client.post('/api/v1/campaigns', { name: 'Secrets', graph: secretGraph() });
    expect(created.status).toBe(201);
    expectNoSecrets(created.text);

    const got = await ws.client.get(`/api/v1/campaigns/${created.body.id}`);
    expect(got.status).toBe(200);
    expectNoSecrets(got.text);
    expect(configOf(got.body.graph, 'basic')).toEqual({
      ...WEBHOOK,
      headers: [
        { name: 'X-Campaign', value: '[Campaign Name]' },
        { name: 'X-Api-Key', value: REDACTED },
      ],
      auth: { type: 'basic', username: 'crm', password: REDACTED },
      secret: REDACTED,
    });
    expect(configOf(got.body.graph, 'bearer').auth).toEqual({ type: 'bearer', token: REDACTED });

    const revision = await ws.client.get(`/api/v1/campaigns/${created.body.id}/revisions/1`);
    expect(revision.status).toBe(200);
    expectNoSecrets(revision.text);
    expect(revision.body.graph).toEqual(got.body.graph);

    const list = await ws.client.get('/api/v1/campaigns');
    expectNoSecrets(list.text);

    const copy = await ws.client.post(`/api/v1/campaigns/${created.body.id}/duplicate`);
    expect(copy.status).toBe(201);
    expectNoSecrets(copy.text);
    expect(copy.body.graph).toEqual(got.body.graph);
    // The copy is made server-side from what is stored: its secrets are the real ones.
    expect(await storedGraph(copy.body.id)).toEqual(secretGraph());

    const renamed = await ws.client.patch(`/api/v1/campaigns/${created.body.id}`, { name: 'Renamed' });
    expectNoSecrets(renamed.text);
    const published = await ws.client.post(`/api/v1/campaigns/${created.body.id}/publish`, {});
    expect(published.status).toBe(200);
    expectNoSecrets(published.text);
    const paused = await ws.client.post(`/api/v1/campaigns/${created.body.id}/pause`);
    expect(paused.status).toBe(200);
    expectNoSecrets(paused.text);
  });

  it('lists a changed secret in the diff without showing it, and redacts added and removed nodes', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aSecretCampaign(ws);
    const next = secretGraph();
    configOf(next, 'basic').auth.password = 'changed-pass-4Kd0';
    next.nodes = next.nodes.filter((n) => n.id !== 'bearer');
    next.nodes.push(
      node('bearer2', 'action.sendWebhook', { ...WEBHOOK, auth: { type: 'bearer', token: 'new-tok-5Rt6' } }),
    );
    next.edges = chain(...next.nodes).edges;
    expect((await save(ws, campaign.id, next, 1)).status).toBe(200);

    const diff = await ws.client.get(`/api/v1/campaigns/${campaign.id}/revisions/1/diff/2`);
    expect(diff.status).toBe(200);
    expectNoSecrets(diff.text);
    expect(diff.text).not.toContain('changed-pass-4Kd0');
    expect(diff.text).not.toContain('new-tok-5Rt6');
    expect(diff.body.nodes.changed).toEqual([
      { id: 'basic', fields: [{ path: 'config.auth.password', before: REDACTED, after: REDACTED }] },
    ]);
    expect(diff.body.nodes.removed.map((n: TestNode) => n.id)).toEqual(['bearer']);
    expect(diff.body.nodes.removed[0].data.config.auth.token).toBe(REDACTED);
    expect(diff.body.nodes.added[0].data.config.auth.token).toBe(REDACTED);
  });

  it('saves a redacted graph back with the stored secrets, and stores a secret typed anew', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aSecretCampaign(ws);
    const redacted = (await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body.graph;

    // Unchanged, but for a moved element and a new label.
    redacted.nodes[1].position = { x: 40, y: 80 };
    redacted.nodes[1].data.label = 'To the CRM';
    const saved = await save(ws, campaign.id, redacted, 1);
    expect(saved.status).toBe(200);
    const stored = await storedGraph(campaign.id);
    expect(configOf(stored, 'basic')).toEqual(configOf(secretGraph(), 'basic'));
    expect(configOf(stored, 'bearer')).toEqual(configOf(secretGraph(), 'bearer'));
    expect(stored.nodes[1]).toMatchObject({ position: { x: 40, y: 80 }, data: { label: 'To the CRM' } });

    // One secret replaced, the others sent back redacted.
    const again = (await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body.graph;
    configOf(again, 'bearer').auth.token = 'rotated-tok-2Vb7';
    configOf(again, 'basic').headers.reverse(); // headers keep their secrets when reordered
    expect((await save(ws, campaign.id, again, 2)).status).toBe(200);
    const rotated = await storedGraph(campaign.id);
    expect(configOf(rotated, 'bearer').auth.token).toBe('rotated-tok-2Vb7');
    expect(configOf(rotated, 'basic')).toMatchObject({
      headers: [
        { name: 'X-Api-Key', value: API_KEY },
        { name: 'X-Campaign', value: '[Campaign Name]' },
      ],
      auth: { password: PASSWORD },
      secret: SIGNING,
    });
    expectNoSecrets((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).text);
    expect((await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).text).not.toContain('rotated-tok-2Vb7');

    // Restoring revision 1 copies its stored secrets, not placeholders.
    const restored = await ws.client.post(`/api/v1/campaigns/${campaign.id}/revisions/1/restore`);
    expect(restored.status).toBe(201);
    expect(await storedGraph(campaign.id)).toEqual(secretGraph());
  });

  it('refuses a placeholder on a new element with 422 naming the path, and changes nothing', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aSecretCampaign(ws);
    const graph = (await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body.graph;
    // A copy of the webhook pasted as a new element: its placeholders stand for nothing.
    graph.nodes.push({ ...structuredClone(graph.nodes[2]), id: 'pasted' });
    const before = await campaignSnapshot(app, campaign.id);

    const res = await save(ws, campaign.id, graph, 1);
    expect(res.status).toBe(422);
    expect(res.body.details).toEqual([
      { path: 'graph.nodes[4].data.config.auth.token', message: expect.stringMatching(/^Enter the secret again/) },
    ]);
    expect(await campaignSnapshot(app, campaign.id)).toEqual(before);

    const validated = await ws.client.post(`/api/v1/campaigns/${campaign.id}/validate`, { graph });
    expect(validated.status).toBe(422);
    expect(validated.body.details.map((d: { path: string }) => d.path)).toEqual(['graph.nodes[4].data.config.auth.token']);

    const created = await ws.client.post('/api/v1/campaigns', { name: 'From a copy', graph });
    expect(created.status).toBe(422);
    expect(created.body.details.map((d: { path: string }) => d.path)).toEqual([
      'graph.nodes[1].data.config.auth.password',
      'graph.nodes[1].data.config.secret',
      'graph.nodes[1].data.config.headers[1].value',
      'graph.nodes[2].data.config.auth.token',
      'graph.nodes[4].data.config.auth.token',
    ]);
  });

  it('validates a redacted graph as the stored one: no bad-config for the placeholders', async () => {
    const ws = await aWorkspace(app);
    const campaign = await aSecretCampaign(ws);
    const graph = (await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body.graph;
    const res = await ws.client.post(`/api/v1/campaigns/${campaign.id}/validate`, { graph });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: true, problems: [] });

    // A real problem is still found, and the answer shows no secret.
    configOf(graph, 'basic').secret = 'whsec_short';
    const bad = await ws.client.post(`/api/v1/campaigns/${campaign.id}/validate`, { graph });
    expect(bad.body.valid).toBe(false);
    expect(bad.body.problems).toEqual([
      expect.objectContaining({ nodeId: 'basic', rule: 'bad-config', path: 'config.secret' }),
    ]);
    expectNoSecrets(bad.text);
  });

  it('answers a refused publish without secrets', async () => {
    const ws = await aWorkspace(app);
    const graph = secretGraph();
    configOf(graph, 'bearer').url = 'ftp://nowhere';
    const campaign = await aCampaign(ws, { graph });
    const res = await ws.client.post(`/api/v1/campaigns/${campaign.id}/publish`, {});
    expect(res.status).toBe(422);
    expectNoSecrets(res.text);
  });
});
