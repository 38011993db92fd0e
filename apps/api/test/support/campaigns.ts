import type { TestApp, TestWorkspace } from './test-app';

/** Graph builders and factories for the campaign, revision and publish specs. */

export type TestNode = {
  id: string;
  type: string;
  position: { x: number; y: number };
  data: { label?: string; config: unknown };
};
export type TestEdge = { id: string; source: string; target: string; sourceHandle?: string };
export type TestGraph = { nodes: TestNode[]; edges: TestEdge[] };

/** Valid configs, so a test spells out only what it is about. */
export const CONFIG: Record<string, unknown> = {
  'trigger.manual': {},
  'trigger.tagAdded': { tag: 'lead' },
  'action.addTag': { tag: 'vip' },
  'action.removeTag': { tag: 'vip' },
  'action.updateField': { field: 'nickname', value: '[First Name]' },
  'action.sendWebhook': {
    url: 'https://crm.example.com/hook',
    method: 'POST',
    contentType: 'form',
    body: { mode: 'postData', template: 'First_Name=[First Name]&Email=[Email]' },
  },
  'filter.condition': { match: 'all', rules: [{ field: 'tag', op: 'hasTag', value: 'vip' }] },
  'goal.tagAdded': { tag: 'customer' },
  'wait.delay': { amount: 1, unit: 'days' },
  end: {},
};

/** `node('tag', 'action.addTag')`, with a valid config unless one is given. */
export function node(
  id: string,
  type: string,
  config?: unknown,
  extra: Partial<TestNode> = {},
): TestNode {
  return {
    id,
    type,
    position: { x: 0, y: 0 },
    data: { config: config === undefined ? structuredClone(CONFIG[type] ?? {}) : config },
    ...extra,
  };
}

export function edge(source: string, target: string, sourceHandle?: string, id?: string): TestEdge {
  return {
    id: id ?? `${source}->${target}${sourceHandle ? `:${sourceHandle}` : ''}`,
    source,
    target,
    ...(sourceHandle ? { sourceHandle } : {}),
  };
}

/** A chain of the given nodes, each leading to the next. */
export function chain(...nodes: TestNode[]): TestGraph {
  return { nodes, edges: nodes.slice(1).map((to, i) => edge(nodes[i].id, to.id)) };
}

/**
 *   [start: manual] -> [tag: add vip] -> [wait: 1 day] -> [end]
 */
export function aValidGraph(): TestGraph {
  return chain(
    node('start', 'trigger.manual'),
    node('tag', 'action.addTag'),
    node('wait', 'wait.delay'),
    node('end', 'end'),
  );
}

export async function aCampaign(
  ws: TestWorkspace,
  input: { name?: string; graph?: TestGraph; reentry?: string } = {},
): Promise<any> {
  const res = await ws.client.post('/api/v1/campaigns', { name: 'Welcome series', ...input });
  if (res.status !== 201) throw new Error(`aCampaign: ${res.status} ${res.text}`);
  return res.body;
}

/** A campaign whose draft (revision 1) is `graph`, published. */
export async function aLiveCampaign(
  ws: TestWorkspace,
  graph: TestGraph = aValidGraph(),
): Promise<any> {
  const campaign = await aCampaign(ws, { graph });
  const res = await ws.client.post(`/api/v1/campaigns/${campaign.id}/publish`, {});
  if (res.status !== 200) throw new Error(`aLiveCampaign: ${res.status} ${res.text}`);
  return (await ws.client.get(`/api/v1/campaigns/${campaign.id}`)).body;
}

/** Saves `graph` over the campaign's latest revision; answers the new revision number. */
export async function aDraftSave(
  ws: TestWorkspace,
  campaignId: string,
  graph: TestGraph,
  message?: string,
): Promise<number> {
  const { draftRevision } = (await ws.client.get(`/api/v1/campaigns/${campaignId}`)).body;
  const res = await ws.client.put(`/api/v1/campaigns/${campaignId}/draft`, {
    graph,
    baseRevision: draftRevision,
    message,
  });
  if (res.status !== 200) throw new Error(`aDraftSave: ${res.status} ${res.text}`);
  return res.body.revision;
}

let contacts = 0;

/** A contact made in the database: enrollment tests need people, not the contacts API. */
export async function aContactRow(app: TestApp, workspaceId: string): Promise<string> {
  const [{ id }] = await app.db.query(
    `INSERT INTO contacts (workspace_id, email) VALUES ($1, $2) RETURNING id`,
    [workspaceId, `enrolled${++contacts}-${Date.now()}@example.test`],
  );
  return id;
}

export type EnrollmentSpec = {
  campaignId: string;
  nodeId: string;
  revision: number;
  state?: 'ready' | 'waiting' | 'completed' | 'exited';
  contactId?: string;
  leaseUntil?: Date | null;
};

/**
 * An enrollment row, as the engine would have left it. `run_at` stays NULL so
 * no scanner ever picks the row up while a test looks at it.
 */
export async function anEnrollment(
  app: TestApp,
  ws: TestWorkspace,
  spec: EnrollmentSpec,
): Promise<string> {
  const contactId = spec.contactId ?? (await aContactRow(app, ws.workspaceId));
  const state = spec.state ?? 'waiting';
  const ended = state === 'completed' || state === 'exited';
  const [{ id }] = await app.db.query(
    `INSERT INTO enrollments (workspace_id, campaign_id, contact_id, revision, node_id, state, waiting_for, lease_until, ended_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      ws.workspaceId,
      spec.campaignId,
      contactId,
      spec.revision,
      spec.nodeId,
      state,
      state === 'waiting' ? 'goal' : null,
      spec.leaseUntil ?? null,
      ended ? new Date() : null,
    ],
  );
  return id;
}

export type EnrollmentRow = {
  id: string;
  nodeId: string;
  revision: number;
  state: string;
  exitReason: string | null;
  runAt: Date | null;
  leaseUntil: Date | null;
  endedAt: Date | null;
};

export async function enrollmentRow(app: TestApp, id: string): Promise<EnrollmentRow> {
  const [row] = await app.db.query(
    `SELECT id, node_id AS "nodeId", revision, state, exit_reason AS "exitReason", run_at AS "runAt",
            lease_until AS "leaseUntil", ended_at AS "endedAt"
       FROM enrollments WHERE id = $1`,
    [id],
  );
  return row;
}

/** The campaign's rows as stored: for asserting that a refused request changed nothing. */
export async function campaignSnapshot(app: TestApp, campaignId: string): Promise<unknown> {
  const [campaign] = await app.db.query(`SELECT * FROM campaigns WHERE id = $1`, [campaignId]);
  const revisions = await app.db.query(
    `SELECT revision, graph, author_id, message, published_at FROM campaign_revisions WHERE campaign_id = $1 ORDER BY revision`,
    [campaignId],
  );
  const enrollments = await app.db.query(
    `SELECT * FROM enrollments WHERE campaign_id = $1 ORDER BY id`,
    [campaignId],
  );
  return { campaign, revisions, enrollments };
}
