import type { GraphDraft } from '@tideway/graph';
import type { EntityManager } from 'typeorm';
import { hashToken, randomToken } from '../auth/tokens';

/** The node types that receive inbound webhooks, each with an endpoint of its own. */
export const INBOUND_NODE_TYPES = ['trigger.webhookReceived', 'goal.webhookReceived'] as const;
export type InboundNodeType = (typeof INBOUND_NODE_TYPES)[number];

/** The URL path of an endpoint; the token is its credential. */
export const INBOUND_PATH = '/hooks/in/';

export type InboundEndpointRow = {
  id: string;
  workspaceId: string;
  campaignId: string;
  nodeId: string;
  token: string;
  secret: string | null;
};

const ENDPOINT_COLUMNS = `id, workspace_id AS "workspaceId", campaign_id AS "campaignId", node_id AS "nodeId", token, secret`;

/** A new URL token: 32 random bytes, with a prefix that tells what it is when seen in a log. */
export function newInboundToken(): string {
  return randomToken('twin_');
}

export function isInboundNode(node: { type: string }): node is { type: InboundNodeType } {
  return (INBOUND_NODE_TYPES as readonly string[]).includes(node.type);
}

/**
 * Gives every inbound node of `graph` an endpoint, in the caller's
 * transaction. Idempotent: a node that has one keeps its URL. Endpoints of
 * nodes the graph no longer has are kept, since the published revision may
 * still have them (a request for a node that is not published answers 409),
 * and so that a node put back gets its URL back.
 */
export async function ensureEndpoints(
  manager: Pick<EntityManager, 'query'>,
  campaignId: string,
  graph: Pick<GraphDraft, 'nodes'>,
): Promise<void> {
  const nodes = graph.nodes.filter(isInboundNode) as { id: string }[];
  if (nodes.length === 0) return;
  const rows = nodes.map((node) => {
    const token = newInboundToken();
    return {
      node_id: node.id,
      token,
      token_hash: hashToken(token),
      token_prefix: token.slice(0, 12),
    };
  });
  await manager.query(
    `INSERT INTO inbound_endpoints (workspace_id, campaign_id, node_id, token, token_hash, token_prefix)
     SELECT c.workspace_id, c.id, r.node_id, r.token, r.token_hash, r.token_prefix
       FROM campaigns c, jsonb_to_recordset($2::jsonb) AS r(node_id text, token text, token_hash text, token_prefix text)
      WHERE c.id = $1
     ON CONFLICT (campaign_id, node_id) DO NOTHING`,
    [campaignId, JSON.stringify(rows)],
  );
}

export async function endpointsOf(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  campaignId: string,
): Promise<InboundEndpointRow[]> {
  return db.query(
    `SELECT ${ENDPOINT_COLUMNS} FROM inbound_endpoints WHERE workspace_id = $1 AND campaign_id = $2 ORDER BY node_id`,
    [workspaceId, campaignId],
  );
}

/** The endpoint whose token hashes to `tokenHash`, or none. */
export async function endpointByTokenHash(
  db: Pick<EntityManager, 'query'>,
  tokenHash: string,
): Promise<InboundEndpointRow | undefined> {
  const [row]: InboundEndpointRow[] = await db.query(
    `SELECT ${ENDPOINT_COLUMNS} FROM inbound_endpoints WHERE token_hash = $1`,
    [tokenHash],
  );
  return row;
}
