import type { Position, StepRecord } from '@tideway/engine';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

/** Outcomes after which the contact is still on the node (it waits there). */
const STAYED = new Set(['waiting', 'waiting for goal', 'sending']);

export type EnrollmentRef = { id: string; campaignId: string; contactId: string; revision: number };

export type PositionWrite = {
  enrollmentId: string;
  position: Position;
  /** Make it runnable now whatever the position says (a delivery that failed before it was sent). */
  runNow?: boolean;
};

/** When the enrollment should run next: null once it has left, or while it waits for a goal or a delivery. */
export function nextRunAt({ position, runNow }: PositionWrite, now: Date): Date | null {
  if (position.state === 'completed' || position.state === 'exited') return null;
  return position.state === 'ready' || runNow ? now : position.wakeAt;
}

/**
 * Stores where activations left their contacts, in one statement. The row's
 * columns follow the position: only `ready` and timed waits have a `run_at`
 * (the scanner's work list). The lease is released, except for the ids in
 * `keepLease`, whose next step this worker runs at once.
 */
export async function writePositions(
  manager: EntityManager,
  writes: readonly PositionWrite[],
  now: Date,
  keepLease: { ids: ReadonlySet<string>; until: Date } | null = null,
): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.map((write) => {
    const { position } = write;
    const ended = position.state === 'completed' || position.state === 'exited';
    return {
      id: write.enrollmentId,
      node_id: position.nodeId,
      state: position.state,
      waiting_for: position.state === 'waiting' ? position.waitingFor : null,
      run_at: nextRunAt(write, now),
      lease_until: keepLease?.ids.has(write.enrollmentId) ? keepLease.until : null,
      exit_reason: position.state === 'exited' ? position.reason : null,
      ended_at: ended ? now : null,
    };
  });
  // `id = ANY` tells the planner how many rows: it guesses 100 for
  // jsonb_to_recordset and would hash-join a scan of the whole table.
  await preparedQuery(
    manager,
    `UPDATE enrollments e
        SET node_id = v.node_id, state = v.state, waiting_for = v.waiting_for, run_at = v.run_at,
            lease_until = v.lease_until, exit_reason = v.exit_reason, updated_at = $2, ended_at = v.ended_at
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, node_id text, state text, waiting_for text, run_at timestamptz,
                                                lease_until timestamptz, exit_reason text, ended_at timestamptz)
      WHERE e.id = v.id AND e.id = ANY ($3::uuid[])`,
    [JSON.stringify(rows), now, rows.map((row) => row.id)],
  );
}

export type EnrollmentSteps = {
  enrollment: EnrollmentRef;
  steps: readonly StepRecord[];
  durationMs: number;
  /** The node it waited on, now left: counted as completed. */
  resumedNodeId?: string;
};

/** The execution log of one activation, and the per-node counters. */
export function recordSteps(
  manager: EntityManager,
  enrollment: EnrollmentRef,
  steps: readonly StepRecord[],
  now: Date,
  durationMs: number,
  resumedNodeId?: string,
): Promise<void> {
  return recordStepsOfMany(manager, [{ enrollment, steps, durationMs, resumedNodeId }], now);
}

/**
 * The execution log of many activations, one row per node run, and the
 * per-node counters, in one statement each. Counters are summed first and
 * written in node order, so concurrent batches lock counter rows in the same
 * order and hold them only from the end of the batch to its commit.
 */
export async function recordStepsOfMany(
  manager: EntityManager,
  batch: readonly EnrollmentSteps[],
  now: Date,
): Promise<void> {
  const logRows = batch.flatMap(({ enrollment, steps, durationMs }) =>
    steps.map((s) => ({
      enrollment_id: enrollment.id,
      campaign_id: enrollment.campaignId,
      contact_id: enrollment.contactId,
      revision: enrollment.revision,
      node_id: s.nodeId,
      node_type: s.type,
      outcome: s.outcome,
      output: s.output,
      duration_ms: durationMs / Math.max(1, steps.length),
    })),
  );
  if (logRows.length > 0) {
    await preparedQuery(
      manager,
      `INSERT INTO enrollment_steps (enrollment_id, campaign_id, contact_id, revision, node_id, node_type, outcome, output, at, duration_ms)
       SELECT s.enrollment_id, s.campaign_id, s.contact_id, s.revision, s.node_id, s.node_type, s.outcome, s.output, $1, s.duration_ms
         FROM jsonb_to_recordset($2::jsonb)
           AS s(enrollment_id uuid, campaign_id uuid, contact_id uuid, revision int, node_id text, node_type text,
                outcome text, output jsonb, duration_ms double precision)`,
      [now, JSON.stringify(logRows)],
    );
  }
  const counts = new Map<string, NodeCount>();
  const bump = (campaignId: string, nodeId: string, key: 'entered' | 'completed' | 'failed') => {
    const id = `${campaignId} ${nodeId}`;
    const count = counts.get(id) ?? {
      campaign_id: campaignId,
      node_id: nodeId,
      entered: 0,
      completed: 0,
      failed: 0,
    };
    count[key]++;
    counts.set(id, count);
  };
  for (const { enrollment, steps, resumedNodeId } of batch) {
    if (resumedNodeId) bump(enrollment.campaignId, resumedNodeId, 'completed');
    for (const step of steps) {
      // A goal reached by a jump is entered and left in one go, like any node passed through.
      bump(enrollment.campaignId, step.nodeId, 'entered');
      if (step.outcome === 'failed') bump(enrollment.campaignId, step.nodeId, 'failed');
      else if (!STAYED.has(step.outcome)) bump(enrollment.campaignId, step.nodeId, 'completed');
    }
  }
  await addCounts(
    manager,
    [...counts.keys()].sort().map((id) => counts.get(id)!),
  );
}

type NodeCount = {
  campaign_id: string;
  node_id: string;
  entered: number;
  completed: number;
  failed: number;
};

async function addCounts(manager: EntityManager, rows: readonly NodeCount[]): Promise<void> {
  if (rows.length === 0) return;
  await preparedQuery(
    manager,
    `INSERT INTO campaign_node_counts AS n (campaign_id, node_id, shard, entered, completed, failed)
     SELECT r.campaign_id, r.node_id, (pg_backend_pid() % $1::int)::smallint, r.entered, r.completed, r.failed
       FROM jsonb_to_recordset($2::jsonb) AS r(campaign_id uuid, node_id text, entered bigint, completed bigint, failed bigint)
     ON CONFLICT (campaign_id, node_id, shard) DO UPDATE
       SET entered = n.entered + excluded.entered,
           completed = n.completed + excluded.completed,
           failed = n.failed + excluded.failed`,
    [COUNTER_SHARDS, JSON.stringify(rows)],
  );
}

/**
 * Each connection adds to its own shard of a node's counters, chosen by its
 * server process id: connections of one pool and of several workers get
 * distinct ids, so concurrent steps through one node seldom wait on the same
 * row lock until the other commits (a random shard of 8 collided in most
 * batches with 8 steps at once).
 */
const COUNTER_SHARDS = 64;

/** Leases this process holds on rows it will not run after all: free for any worker's next scan. */
export async function releaseLeases(manager: EntityManager, ids: readonly string[]): Promise<void> {
  await manager.query(`UPDATE enrollments SET lease_until = NULL WHERE id = ANY ($1::uuid[])`, [
    ids,
  ]);
}
