import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scanner's work list, by campaign: it claims due rows of live campaigns
 * only, so it walks each live campaign's due rows in order and never those
 * of a paused campaign, which may hold any number of them. Indexed on run_at
 * alone, the list began with the paused campaigns' rows, walked at every
 * scan, and which plan reached the live ones hung on the statistics.
 */
export class EnrollmentsDueByCampaign1796625600000 implements MigrationInterface {
  name = 'EnrollmentsDueByCampaign1796625600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX enrollments_runnable_idx`);
    await db.query(
      `CREATE INDEX enrollments_runnable_idx ON enrollments (campaign_id, run_at) WHERE run_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX enrollments_runnable_idx`);
    await db.query(
      `CREATE INDEX enrollments_runnable_idx ON enrollments (run_at) WHERE run_at IS NOT NULL`,
    );
  }
}
