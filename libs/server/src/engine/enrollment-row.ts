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
