import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jobs: long work (CSV import, enrollment, moving contacts on publish) and
 * its progress, polled at GET /api/v1/jobs/:id. A job's row is written
 * outside the transactions of its work, so a poller sees it move.
 *
 * contacts (workspace_id, id) lets enrollment by filter walk one workspace's
 * contacts in id order, a chunk at a time, however many other workspaces hold.
 */
export class CreateJobs1796597373504 implements MigrationInterface {
  name = 'CreateJobs1796597373504';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Insertion order, for stable newest-first pages.
        seq bigserial NOT NULL,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('import', 'enrollment', 'publish')),
        state text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'succeeded', 'failed')),
        -- What the work was asked to do (a filter, a revision, a file's size): shown, never re-run.
        input jsonb NOT NULL DEFAULT '{}',
        campaign_id uuid REFERENCES campaigns (id) ON DELETE CASCADE,
        -- NULL while the work is still counting.
        total integer,
        processed integer NOT NULL DEFAULT 0,
        errors integer NOT NULL DEFAULT 0,
        -- The first errors only (row, field, message); errors counts them all.
        error_samples jsonb NOT NULL DEFAULT '[]',
        -- The answer of the work (what the synchronous route answers); partial while running or after a failure.
        result jsonb,
        -- Why it failed, in the API's error shape.
        failure jsonb,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX jobs_workspace_seq_idx ON jobs (workspace_id, seq DESC)`);
    await db.query(`CREATE INDEX jobs_running_idx ON jobs (updated_at) WHERE state = 'running'`);
    await db.query(`CREATE INDEX contacts_workspace_id_idx ON contacts (workspace_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX contacts_workspace_id_idx`);
    await db.query(`DROP TABLE jobs`);
  }
}
