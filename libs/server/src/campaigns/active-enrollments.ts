/**
 * What campaign-level changes do to the contacts in a campaign (enrollments
 * ready or waiting; docs/decisions/002-durable-engine.md). Each runs in the
 * caller's transaction and answers how many rows it touched; counts come from
 * `WITH … RETURNING` so millions of ids never travel back. Given a contact
 * range, they touch only that slice of the campaign (a publish moving a large
 * campaign's contacts a chunk per transaction).
 */
import type { EntityManager } from 'typeorm';

const ACTIVE = `state IN ('ready', 'waiting')`;

/** Contacts with ids after `after` (exclusive) up to `upTo` (inclusive); no bound where null. */
export type ContactRange = { after: string | null; upTo: string | null };

const WHOLE_CAMPAIGN: ContactRange = { after: null, upTo: null };

/** The range as SQL over `contact_id`, its values appended to `parameters`. */
function inRange(range: ContactRange, parameters: unknown[]): string {
  let sql = '';
  if (range.after !== null) {
    parameters.push(range.after);
    sql += ` AND contact_id > $${parameters.length}::uuid`;
  }
  if (range.upTo !== null) {
    parameters.push(range.upTo);
    sql += ` AND contact_id <= $${parameters.length}::uuid`;
  }
  return sql;
}

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
  range: ContactRange = WHOLE_CAMPAIGN,
): Promise<number> {
  const parameters: unknown[] = [campaignId, revision, nodeIds];
  return count(
    manager,
    `WITH moved AS (
       UPDATE enrollments SET revision = $2, updated_at = now()
        WHERE campaign_id = $1 AND ${ACTIVE} AND revision <> $2 AND node_id = ANY($3::text[])${inRange(range, parameters)}
        RETURNING 1)
     SELECT count(*)::int AS n FROM moved`,
    parameters,
  );
}

/** Contacts on elements not in `nodeIds` (or all, when null) leave the campaign with `reason`. */
export function exitActive(
  manager: EntityManager,
  campaignId: string,
  reason: string,
  keepOnNodes: readonly string[] | null = null,
  range: ContactRange = WHOLE_CAMPAIGN,
): Promise<number> {
  const parameters: unknown[] = [campaignId, reason, keepOnNodes];
  return count(
    manager,
    `WITH exited AS (
       UPDATE enrollments
          SET state = 'exited', exit_reason = $2, run_at = NULL, ended_at = now(), updated_at = now()
        WHERE campaign_id = $1 AND ${ACTIVE} AND ($3::text[] IS NULL OR NOT (node_id = ANY($3::text[])))${inRange(range, parameters)}
        RETURNING 1)
     SELECT count(*)::int AS n FROM exited`,
    parameters,
  );
}

/** Contacts on elements not in `nodeIds`: they stay where they are, on the revision they run. */
export function countActiveOffGraph(
  manager: EntityManager,
  campaignId: string,
  nodeIds: readonly string[],
  range: ContactRange = WHOLE_CAMPAIGN,
): Promise<number> {
  const parameters: unknown[] = [campaignId, nodeIds];
  return count(
    manager,
    `SELECT count(*)::int AS n FROM enrollments
      WHERE campaign_id = $1 AND ${ACTIVE} AND NOT (node_id = ANY($2::text[]))${inRange(range, parameters)}`,
    parameters,
  );
}

/** Contacts in the campaign now (in `range`). */
export function countActive(
  manager: EntityManager,
  campaignId: string,
  range: ContactRange = WHOLE_CAMPAIGN,
): Promise<number> {
  const parameters: unknown[] = [campaignId];
  return count(
    manager,
    `SELECT count(*)::int AS n FROM enrollments WHERE campaign_id = $1 AND ${ACTIVE}${inRange(range, parameters)}`,
    parameters,
  );
}

/**
 * The contact id ending the next `size` active enrollments after `after`, in
 * contact id order (the campaign's active-enrollment index); null when fewer
 * are left.
 */
export async function activeChunkEnd(
  manager: EntityManager,
  campaignId: string,
  after: string | null,
  size: number,
): Promise<string | null> {
  const parameters: unknown[] = [campaignId];
  const range = inRange({ after, upTo: null }, parameters);
  parameters.push(size - 1);
  const [row]: { contact_id: string }[] = await manager.query(
    `SELECT contact_id FROM enrollments WHERE campaign_id = $1 AND ${ACTIVE}${range}
      ORDER BY contact_id OFFSET $${parameters.length} LIMIT 1`,
    parameters,
  );
  return row?.contact_id ?? null;
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
