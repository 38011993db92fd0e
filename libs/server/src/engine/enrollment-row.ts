import type { DataSource } from 'typeorm';

/** An enrollments row as the engine reads it. */
export interface EnrollmentRow {
  id: string;
  workspace_id: string;
  campaign_id: string;
  contact_id: string;
  revision: number;
  node_id: string;
  state: 'ready' | 'waiting' | 'completed' | 'exited';
  waiting_for: 'time' | 'goal' | 'delivery' | null;
  run_at: Date | null;
}

export const ENROLLMENT_COLUMNS = `e.id, e.workspace_id, e.campaign_id, e.contact_id, e.revision, e.node_id, e.state, e.waiting_for, e.run_at`;

/** The ids an engine log line carries about an enrollment (see logging/pino-nest-logger.ts). */
export function enrollmentLogFields(row: Pick<EnrollmentRow, 'id' | 'campaign_id' | 'contact_id'>) {
  return { enrollmentId: row.id, campaignId: row.campaign_id, contactId: row.contact_id };
}

/**
 * The campaign of an enrollment whose step failed, for the log line that says
 * so: read outside the failed transaction, and given up on quietly.
 */
export async function campaignIdOf(
  db: DataSource,
  enrollmentId: string,
): Promise<string | undefined> {
  try {
    const [row]: { campaign_id: string }[] = await db.query(
      `SELECT campaign_id FROM enrollments WHERE id = $1`,
      [enrollmentId],
    );
    return row?.campaign_id;
  } catch {
    return undefined;
  }
}
