import type { EntityManager } from 'typeorm';
import { rowsReturnedBy } from '../database/rows-returned-by';
import { emitEnrollmentEvents } from '../hooks/event-sources';

export type Reentry = 'once' | 'afterLeaving' | 'anyTime';

export type EnrollmentStart = {
  workspaceId: string;
  campaignId: string;
  revision: number;
  nodeId: string;
  /** `ready` to run the node; `waiting` + goal for a contact entering at a met goal. */
  state: 'ready' | 'waiting';
  waitingFor?: 'goal';
};

/**
 * Enrolls contacts per the campaign's re-entry policy, in one statement:
 * `once` skips contacts that were ever in the campaign, `afterLeaving` those
 * in it now, `anyTime` ends an active enrollment (reason `restarted`) and
 * starts again. The partial unique index on active enrollments settles races.
 * Answers the new enrollment ids by contact. Every caller (triggers, manual
 * enrollment, inbound webhooks) gets campaign_enrolled for event hooks here,
 * in its transaction.
 */
export async function enrollContacts(
  manager: EntityManager,
  start: EnrollmentStart,
  contactIds: readonly string[],
  reentry: Reentry,
  now: Date,
): Promise<Map<string, string>> {
  if (contactIds.length === 0) return new Map();
  if (reentry === 'anyTime') {
    await manager.query(
      `UPDATE enrollments SET state = 'exited', exit_reason = 'restarted', run_at = NULL, lease_until = NULL,
              updated_at = $3, ended_at = $3
        WHERE campaign_id = $1 AND contact_id = ANY ($2::uuid[]) AND state IN ('ready', 'waiting')`,
      [start.campaignId, contactIds, now],
    );
  }
  const rows = await rowsReturnedBy<{ id: string; contact_id: string }>(
    manager,
    `INSERT INTO enrollments (workspace_id, campaign_id, contact_id, revision, node_id, state, waiting_for, run_at, entered_at, updated_at)
     SELECT $1, $2, c.id, $3, $4, $5, $6, $7, $7, $7
       FROM unnest($8::uuid[]) AS c(id)
      WHERE $9 <> 'once' OR NOT EXISTS (SELECT 1 FROM enrollments p WHERE p.campaign_id = $2 AND p.contact_id = c.id)
     ON CONFLICT (campaign_id, contact_id) WHERE state IN ('ready', 'waiting') DO NOTHING
     RETURNING id, contact_id`,
    [
      start.workspaceId,
      start.campaignId,
      start.revision,
      start.nodeId,
      start.state,
      start.waitingFor ?? null,
      now,
      contactIds,
      reentry,
    ],
  );
  await emitEnrollmentEvents(
    manager,
    start.workspaceId,
    'campaign_enrolled',
    rows.map((row) => row.id),
    now,
  );
  return new Map(rows.map((row) => [row.contact_id, row.id]));
}
