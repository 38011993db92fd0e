/**
 * What campaign-level changes do to the contacts in a campaign (enrollments
 * ready or waiting; docs/decisions/002-durable-engine.md). Each runs in the
 * caller's transaction and answers how many rows it touched; counts come from
 * `WITH … RETURNING` so millions of ids never travel back.
 */
import type { EntityManager } from 'typeorm';

const ACTIVE = `state IN ('ready', 'waiting')`;

async function count(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const [{ n }]: { n: number }[] = await manager.query(sql, parameters);
  return n;
}

/** Contacts on an element the revision has continue on it: by node id. */
export function moveToRevision(
  manager: EntityManager,
  campaignId: string,
  revision: number,
  nodeIds: readonly string[],
): Promise<number> {
  return count(
    manager,
    `WITH moved AS (
       UPDATE enrollments SET revision = $2, updated_at = now()
        WHERE campaign_id = $1 AND ${ACTIVE} AND revision <> $2 AND node_id = ANY($3::text[])
        RETURNING 1)
     SELECT count(*)::int AS n FROM moved`,
    [campaignId, revision, nodeIds],
  );
}

/** Contacts on elements not in `nodeIds` (or all, when null) leave the campaign with `reason`. */
export function exitActive(
  manager: EntityManager,
  campaignId: string,
  reason: string,
  keepOnNodes: readonly string[] | null = null,
): Promise<number> {
  return count(
    manager,
    `WITH exited AS (
       UPDATE enrollments
          SET state = 'exited', exit_reason = $2, run_at = NULL, ended_at = now(), updated_at = now()
        WHERE campaign_id = $1 AND ${ACTIVE} AND ($3::text[] IS NULL OR NOT (node_id = ANY($3::text[])))
        RETURNING 1)
     SELECT count(*)::int AS n FROM exited`,
    [campaignId, reason, keepOnNodes],
  );
}

/** Contacts on elements not in `nodeIds`: they stay where they are, on the revision they run. */
export function countActiveOffGraph(
  manager: EntityManager,
  campaignId: string,
  nodeIds: readonly string[],
): Promise<number> {
  return count(
    manager,
    `SELECT count(*)::int AS n FROM enrollments
      WHERE campaign_id = $1 AND ${ACTIVE} AND NOT (node_id = ANY($2::text[]))`,
    [campaignId, nodeIds],
  );
}

/**
 * A paused campaign's rows kept their leases while the step runner left them
 * alone; freeing them lets the scanner claim every one at once on resume.
 */
export async function releaseLeases(manager: EntityManager, campaignId: string): Promise<void> {
  await manager.query(
    `UPDATE enrollments SET lease_until = NULL WHERE campaign_id = $1 AND ${ACTIVE}`,
    [campaignId],
  );
}
