import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inbound webhooks (../shared/API.md, "Inbound webhooks"): one endpoint per
 * `trigger.webhookReceived` / `goal.webhookReceived` node, found by the
 * SHA-256 of its URL token, and the webhook ids it has seen (replay protection,
 * Standard Webhooks), kept 24 hours.
 */
export class CreateInboundEndpoints1764000005000 implements MigrationInterface {
  name = 'CreateInboundEndpoints1764000005000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE inbound_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        node_id text NOT NULL,
        -- Requests are matched on the hash, so no comparison ever runs on the token itself.
        token_hash text NOT NULL UNIQUE,
        token_prefix text NOT NULL,
        -- Kept to show the URL in the builder (anyone who may read the campaign sees it).
        token text NOT NULL,
        -- The Standard Webhooks signing secret (whsec_...); NULL = requests need no signature.
        secret text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, node_id)
      )`);
    await db.query(`
      CREATE TABLE inbound_receipts (
        endpoint_id uuid NOT NULL REFERENCES inbound_endpoints (id) ON DELETE CASCADE,
        webhook_id text NOT NULL,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (endpoint_id, webhook_id)
      )`);
    await db.query(`CREATE INDEX inbound_receipts_received_idx ON inbound_receipts (received_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE inbound_receipts`);
    await db.query(`DROP TABLE inbound_endpoints`);
  }
}
