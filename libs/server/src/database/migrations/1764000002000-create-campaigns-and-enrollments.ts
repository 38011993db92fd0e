import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Campaigns, their revisions, and the durable engine's state (docs/decisions/002-durable-engine.md). */
export class CreateCampaignsAndEnrollments1764000002000 implements MigrationInterface {
  name = 'CreateCampaignsAndEnrollments1764000002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'live', 'paused', 'archived')),
        reentry text NOT NULL DEFAULT 'once' CHECK (reentry IN ('once', 'afterLeaving', 'anyTime')),
        draft_revision integer NOT NULL,
        published_revision integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX campaigns_workspace_idx ON campaigns (workspace_id, updated_at DESC)`);
    // Contact events look up the live campaigns of a workspace.
    await db.query(`CREATE INDEX campaigns_live_idx ON campaigns (workspace_id) WHERE status = 'live'`);
    await db.query(`
      CREATE TABLE campaign_revisions (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        revision integer NOT NULL,
        graph jsonb NOT NULL,
        author_id uuid REFERENCES users (id) ON DELETE SET NULL,
        message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        PRIMARY KEY (campaign_id, revision)
      )`);
    await db.query(`
      CREATE TABLE enrollments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Insertion order, for stable newest-first pages of a campaign's enrollments.
        seq bigserial NOT NULL,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        revision integer NOT NULL,
        node_id text NOT NULL,
        state text NOT NULL CHECK (state IN ('ready', 'waiting', 'completed', 'exited')),
        waiting_for text CHECK (waiting_for IN ('time', 'goal', 'delivery')),
        run_at timestamptz,
        lease_until timestamptz,
        exit_reason text,
        entered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz
      )`);
    // At most one active enrollment of a contact in a campaign.
    await db.query(`
      CREATE UNIQUE INDEX enrollments_active_key ON enrollments (campaign_id, contact_id)
        WHERE state IN ('ready', 'waiting')`);
    // The scanner's work list: ready rows and timed waits, by when they may run.
    await db.query(`CREATE INDEX enrollments_runnable_idx ON enrollments (run_at) WHERE run_at IS NOT NULL`);
    await db.query(`CREATE INDEX enrollments_campaign_node_idx ON enrollments (campaign_id, node_id, state)`);
    await db.query(`CREATE INDEX enrollments_campaign_seq_idx ON enrollments (campaign_id, seq DESC)`);
    await db.query(`CREATE INDEX enrollments_contact_idx ON enrollments (contact_id, entered_at DESC)`);
    await db.query(`
      CREATE TABLE enrollment_steps (
        id bigserial PRIMARY KEY,
        enrollment_id uuid NOT NULL REFERENCES enrollments (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        revision integer NOT NULL,
        node_id text NOT NULL,
        node_type text NOT NULL,
        outcome text NOT NULL,
        output jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now(),
        duration_ms real NOT NULL DEFAULT 0
      )`);
    await db.query(`CREATE INDEX enrollment_steps_enrollment_idx ON enrollment_steps (enrollment_id, id)`);
    await db.query(`CREATE INDEX enrollment_steps_contact_idx ON enrollment_steps (contact_id, id DESC)`);
    // Per-node counters for GET .../stats, kept in the step's transaction. Each
    // increment lands on one of a few shards (summed when read), so concurrent
    // steps through one busy node rarely wait on the same row lock.
    await db.query(`
      CREATE TABLE campaign_node_counts (
        campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
        node_id text NOT NULL,
        shard smallint NOT NULL,
        entered bigint NOT NULL DEFAULT 0,
        completed bigint NOT NULL DEFAULT 0,
        failed bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, node_id, shard)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['campaign_node_counts', 'enrollment_steps', 'enrollments', 'campaign_revisions', 'campaigns']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
