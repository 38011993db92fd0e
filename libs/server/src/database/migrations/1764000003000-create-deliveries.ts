import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox of outgoing webhooks (ARCHITECTURE.md, invariant 3): a step's
 * transaction writes the delivery, the delivery queue sends it with retries,
 * and every attempt is logged.
 */
export class CreateDeliveries1764000003000 implements MigrationInterface {
  name = 'CreateDeliveries1764000003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        -- Stable over every attempt and replay: receivers dedupe by it (Standard Webhooks webhook-id).
        webhook_id text NOT NULL UNIQUE,
        campaign_id uuid REFERENCES campaigns (id) ON DELETE CASCADE,
        revision integer,
        node_id text,
        enrollment_id uuid REFERENCES enrollments (id) ON DELETE SET NULL,
        contact_id uuid REFERENCES contacts (id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed')),
        -- As rendered at the step, without credentials or signature (added when sending).
        request jsonb NOT NULL,
        max_attempts integer NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        last_status integer,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await db.query(`CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE next_attempt_at IS NOT NULL`);
    await db.query(`CREATE INDEX deliveries_workspace_idx ON deliveries (workspace_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX deliveries_campaign_idx ON deliveries (campaign_id, created_at DESC)`);
    await db.query(`CREATE INDEX deliveries_contact_idx ON deliveries (contact_id, created_at DESC)`);
    await db.query(`CREATE INDEX deliveries_enrollment_idx ON deliveries (enrollment_id, created_at DESC)`);
    await db.query(`
      CREATE TABLE delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        -- As sent, with credentials and signatures redacted.
        request jsonb NOT NULL,
        response jsonb,
        duration_ms real NOT NULL,
        error text
      )`);
    await db.query(`CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE delivery_attempts`);
    await db.query(`DROP TABLE deliveries`);
  }
}
