import type { TestApp, TestWorkspace } from './test-app';

/** Factories and waits for the engine specs: campaigns built from small graphs, published through the API. */

type NodeSpec = [id: string, type: string, config?: Record<string, unknown>];
type EdgeSpec = [source: string, target: string, sourceHandle?: string];

export function aGraph(nodes: NodeSpec[], edges: EdgeSpec[]) {
  return {
    nodes: nodes.map(([id, type, config = {}], index) => ({ id, type, position: { x: index * 200, y: 0 }, data: { config } })),
    edges: edges.map(([source, target, sourceHandle]) => ({
      id: `${source}->${target}${sourceHandle ? `:${sourceHandle}` : ''}`,
      source,
      target,
      ...(sourceHandle ? { sourceHandle } : {}),
    })),
  };
}

/** Edges joining the nodes one after the other: `chain('a', 'b', 'c')` is a -> b -> c. */
export function chain(...ids: string[]): EdgeSpec[] {
  return ids.slice(1).map((id, index) => [ids[index], id]);
}

let campaigns = 0;

export async function aLiveCampaign(
  ws: TestWorkspace,
  graph: ReturnType<typeof aGraph>,
  options: { reentry?: 'once' | 'afterLeaving' | 'anyTime' } = {},
): Promise<string> {
  const created = await ws.client.post('/api/v1/campaigns', { name: `Campaign ${++campaigns}`, graph, ...options });
  if (created.status !== 201) throw new Error(`create campaign: ${created.status} ${created.text}`);
  const published = await ws.client.post(`/api/v1/campaigns/${created.body.id}/publish`, {});
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
  return created.body.id;
}

export type EnrollmentState = { id: string; node_id: string; state: string; waiting_for: string | null; exit_reason: string | null };

export async function enrollmentsOf(app: TestApp, campaignId: string, contactId: string): Promise<EnrollmentState[]> {
  return app.db.query(
    `SELECT id, node_id, state, waiting_for, exit_reason FROM enrollments WHERE campaign_id = $1 AND contact_id = $2 ORDER BY seq`,
    [campaignId, contactId],
  );
}

export async function stepsOf(app: TestApp, campaignId: string, contactId: string): Promise<{ node_id: string; outcome: string }[]> {
  return app.db.query(
    `SELECT node_id, outcome FROM enrollment_steps WHERE campaign_id = $1 AND contact_id = $2 ORDER BY id`,
    [campaignId, contactId],
  );
}

/** Polls until `probe` answers something truthy (the engine works asynchronously); never sleeps a fixed time. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The engine runs in the test app's process (RUN_WORKER), scanning often so specs stay quick. */
export const ENGINE_ENV = { RUN_WORKER: 'true', ENGINE_SCAN_MS: '20' };
