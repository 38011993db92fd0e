import type { EntityManager } from 'typeorm';
import { rowsReturnedBy } from '../database/rows-returned-by';
import { emitEnrollmentEvents } from '../hooks/event-sources';
import type { LeasedRunnable } from './step-hand-off';

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
 * in its transaction. With `leased`, the new enrollments are leased to the
 * caller (their ids added to it), which hands them to the step queue once
 * they commit.
 */
export async function enrollContacts(
  manager: EntityManager,
  start: EnrollmentStart,
  contactIds: readonly string[],
  reentry: Reentry,
  now: Date,
  leased: LeasedRunnable | null = null,
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
    `INSERT INTO enrollments (workspace_id, campaign_id, contact_id, revision, node_id, state, waiting_for, run_at, lease_until, entered_at, updated_at)
     SELECT $1, $2, c.id, $3, $4, $5, $6, $7, $10, $7, $7
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
      leased?.until ?? null,
    ],
  );
  for (const row of rows) leased?.ids.add(row.id);
  await emitEnrollmentEvents(
    manager,
    start.workspaceId,
    'campaign_enrolled',
    rows.map((row) => row.id),
    now,
  );
  return new Map(rows.map((row) => [row.contact_id, row.id]));
}

/** Contacts chosen by a condition on the `contacts` table, its parameters numbered from $1. */
export type ContactSelection = { sql: string; parameters: readonly unknown[] };

/** Contact ids after `after` (exclusive) up to `upTo` (inclusive); no bound where null. */
export type ContactIdRange = { after: string | null; upTo: string | null };

/**
 * The id ending the next `size` contacts of the selection after `after`, in
 * id order; null when fewer are left (the last chunk runs to the end).
 * Chunks of a large selection are enrolled one transaction each, walking
 * the contacts (workspace_id, id) index.
 */
export async function chunkEnd(
  manager: EntityManager,
  selection: ContactSelection,
  after: string | null,
  size: number,
): Promise<string | null> {
  const statement = new Statement(selection);
  const where = statement.inRange({ after, upTo: null });
  const [row]: { id: string }[] = await manager.query(
    `SELECT id FROM contacts WHERE ${where} ORDER BY id OFFSET ${statement.add(size - 1)} LIMIT 1`,
    statement.parameters,
  );
  return row?.id ?? null;
}

/**
 * enrollContacts for the selected contacts with ids in `range`, set-based:
 * the ids never leave the database but for those enrolled, which are
 * answered (for their campaign_enrolled events, and for the step queue).
 * The same re-entry rules and events. Answers how many contacts the range
 * held and which entered. With `leaseUntil`, the new enrollments are leased
 * to the caller, which hands them to the step queue once they commit.
 *
 * A campaign's earlier enrollments are looked up per contact of the chunk
 * (LATERAL … LIMIT 1, on the contact index or the active-enrollment key),
 * never read as a whole: the planner, without statistics (PGlite never
 * analyzes) or with stale ones after a large enrollment, takes a campaign as
 * small and would hash or bitmap-scan all its enrollments in every chunk,
 * making each chunk cost what the campaign holds.
 */
export async function enrollContactRange(
  manager: EntityManager,
  start: EnrollmentStart,
  selection: ContactSelection,
  range: ContactIdRange,
  reentry: Reentry,
  now: Date,
  leaseUntil: Date | null = null,
): Promise<{ matched: number; enrolled: string[] }> {
  if (reentry === 'anyTime') {
    const restart = new Statement(selection);
    const where = restart.inRange(range);
    const campaignId = restart.add(start.campaignId);
    const at = restart.add(now);
    await manager.query(
      `UPDATE enrollments SET state = 'exited', exit_reason = 'restarted', run_at = NULL, lease_until = NULL,
              updated_at = ${at}, ended_at = ${at}
        WHERE id IN (
          SELECT active.id FROM (SELECT id FROM contacts WHERE ${where}) c
            CROSS JOIN LATERAL (
              SELECT a.id FROM enrollments a
               WHERE a.campaign_id = ${campaignId} AND a.contact_id = c.id AND a.state IN ('ready', 'waiting')
               LIMIT 1) active)`,
      restart.parameters,
    );
  }
  const insert = new Statement(selection);
  const where = insert.inRange(range);
  const campaignId = insert.add(start.campaignId);
  const at = insert.add(now);
  // campaign_id compared as text, so no index on it is combined into the probe: by contact only.
  const once =
    reentry === 'once'
      ? `LEFT JOIN LATERAL (
           SELECT true AS found FROM enrollments p
            WHERE p.contact_id = c.id AND p.campaign_id::text = ${campaignId}::text LIMIT 1
         ) earlier ON true
         WHERE earlier.found IS NULL`
      : '';
  const [row]: { matched: number; ids: string[] }[] = await manager.query(
    `WITH chunk AS MATERIALIZED (SELECT id FROM contacts WHERE ${where}),
          entered AS (
            INSERT INTO enrollments (workspace_id, campaign_id, contact_id, revision, node_id, state, waiting_for, run_at, lease_until, entered_at, updated_at)
            SELECT ${insert.add(start.workspaceId)}::uuid, ${campaignId}::uuid, c.id, ${insert.add(start.revision)}::int,
                   ${insert.add(start.nodeId)}::text, ${insert.add(start.state)}::text, ${insert.add(start.waitingFor ?? null)}::text,
                   ${at}::timestamptz, ${insert.add(leaseUntil)}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
              FROM chunk c
              ${once}
            ON CONFLICT (campaign_id, contact_id) WHERE state IN ('ready', 'waiting') DO NOTHING
            RETURNING id)
     SELECT (SELECT count(*)::int FROM chunk) AS matched, ARRAY(SELECT id::text FROM entered) AS ids`,
    insert.parameters,
  );
  await emitEnrollmentEvents(manager, start.workspaceId, 'campaign_enrolled', row.ids, now);
  return { matched: row.matched, enrolled: row.ids };
}

/** One statement's parameters: the selection's first, then those added as placeholders. */
class Statement {
  readonly parameters: unknown[];
  private readonly selection: string;

  constructor(selection: ContactSelection) {
    this.selection = selection.sql;
    this.parameters = [...selection.parameters];
  }

  add(value: unknown): string {
    this.parameters.push(value);
    return `$${this.parameters.length}`;
  }

  inRange(range: ContactIdRange): string {
    let where = `(${this.selection})`;
    if (range.after !== null) where += ` AND id > ${this.add(range.after)}::uuid`;
    if (range.upTo !== null) where += ` AND id <= ${this.add(range.upTo)}::uuid`;
    return where;
  }
}
