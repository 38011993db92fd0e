import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event hooks (REST hooks): other systems subscribe to an event, optionally
 * filtered on one resource. Their deliveries go through the same outbox as
 * Send a Webhook, so a delivery names either a campaign node or a hook.
 */
export class CreateHooks1764000004000 implements MigrationInterface {
  name = 'CreateHooks1764000004000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE hooks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        target_url text NOT NULL,
        event text NOT NULL CHECK (event IN ('contact_created', 'contact_updated', 'contact_deleted', 'tag_added', 'tag_removed',
                                             'campaign_enrolled', 'campaign_completed', 'goal_achieved', 'delivery_failed')),
        -- NULL: every resource (a wildcard hook).
        resource_id text,
        content_type text NOT NULL DEFAULT 'json' CHECK (content_type IN ('json', 'form')),
        active boolean NOT NULL DEFAULT true,
        -- The creator's scopes at creation: a hook never sees more than the key that made it.
        scopes text[] NOT NULL,
        secret text NOT NULL,
        -- During a rotation the old secret signs too, until previous_secret_until.
        previous_secret text,
        previous_secret_until timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        failing_since timestamptz,
        disabled_reason text,
        last_delivery_at timestamptz,
        last_status integer
      )`);
    await db.query(`CREATE INDEX hooks_workspace_event_idx ON hooks (workspace_id, event) WHERE active`);
    await db.query(`CREATE INDEX hooks_workspace_created_idx ON hooks (workspace_id, created_at)`);
    await db.query(`
      ALTER TABLE deliveries
        ADD COLUMN hook_id uuid REFERENCES hooks (id) ON DELETE CASCADE,
        ADD COLUMN event text`);
    await db.query(`CREATE INDEX deliveries_hook_idx ON deliveries (hook_id, created_at DESC) WHERE hook_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE deliveries DROP COLUMN hook_id, DROP COLUMN event`);
    await db.query(`DROP TABLE hooks`);
  }
}
