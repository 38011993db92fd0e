import type { Position, StepRecord } from '@tideway/engine';
import type { EntityManager } from 'typeorm';

/** Outcomes after which the contact is still on the node (it waits there). */
const STAYED = new Set(['waiting', 'waiting for goal', 'sending']);

export type EnrollmentRef = { id: string; campaignId: string; contactId: string; revision: number };

/**
 * Stores where an activation left the contact. The row's columns follow the
 * position: only `ready` and timed waits have a `run_at` (the scanner's work
 * list), and the lease is released either way.
 */
export async function writePosition(
  manager: EntityManager,
  enrollmentId: string,
  position: Position,
  now: Date,
  options: { runNow?: boolean } = {},
) {
  const ended = position.state === 'completed' || position.state === 'exited';
  const runAt = ended ? null : position.state === 'ready' || options.runNow ? now : position.wakeAt;
  await manager.query(
    `UPDATE enrollments
        SET node_id = $2, state = $3, waiting_for = $4, run_at = $5, lease_until = NULL,
            exit_reason = $6, updated_at = $7, ended_at = $8
      WHERE id = $1`,
    [
      enrollmentId,
      position.nodeId,
      position.state,
      position.state === 'waiting' ? position.waitingFor : null,
      runAt,
      position.state === 'exited' ? position.reason : null,
      now,
      ended ? now : null,
    ],
  );
}

/** The execution log, one row per node run, and the per-node counters, in one statement each. */
export async function recordSteps(
  manager: EntityManager,
  enrollment: EnrollmentRef,
  steps: readonly StepRecord[],
  now: Date,
  durationMs: number,
  resumedNodeId?: string,
): Promise<void> {
  if (steps.length > 0) {
    await manager.query(
      `INSERT INTO enrollment_steps (enrollment_id, campaign_id, contact_id, revision, node_id, node_type, outcome, output, at, duration_ms)
       SELECT $1, $2, $3, $4, s.node_id, s.node_type, s.outcome, s.output, $5, $6
         FROM jsonb_to_recordset($7::jsonb) AS s(node_id text, node_type text, outcome text, output jsonb)`,
      [
        enrollment.id,
        enrollment.campaignId,
        enrollment.contactId,
        enrollment.revision,
        now,
        durationMs / Math.max(1, steps.length),
        JSON.stringify(steps.map((s) => ({ node_id: s.nodeId, node_type: s.type, outcome: s.outcome, output: s.output }))),
      ],
    );
  }
  const counts = new Map<string, { entered: number; completed: number; failed: number }>();
  const bump = (nodeId: string, key: 'entered' | 'completed' | 'failed') => {
    const count = counts.get(nodeId) ?? { entered: 0, completed: 0, failed: 0 };
    count[key]++;
    counts.set(nodeId, count);
  };
  if (resumedNodeId) bump(resumedNodeId, 'completed');
  for (const step of steps) {
    // A goal reached by a jump is entered and left in one go, like any node passed through.
    bump(step.nodeId, 'entered');
    if (step.outcome === 'failed') bump(step.nodeId, 'failed');
    else if (!STAYED.has(step.outcome)) bump(step.nodeId, 'completed');
  }
  await addCounts(manager, enrollment.campaignId, counts);
}

async function addCounts(
  manager: EntityManager,
  campaignId: string,
  counts: ReadonlyMap<string, { entered: number; completed: number; failed: number }>,
): Promise<void> {
  if (counts.size === 0) return;
  const rows = [...counts].map(([node_id, c]) => ({ node_id, ...c }));
  await manager.query(
    `INSERT INTO campaign_node_counts AS n (campaign_id, node_id, shard, entered, completed, failed)
     SELECT $1, r.node_id, $2, r.entered, r.completed, r.failed
       FROM jsonb_to_recordset($3::jsonb) AS r(node_id text, entered bigint, completed bigint, failed bigint)
     ON CONFLICT (campaign_id, node_id, shard) DO UPDATE
       SET entered = n.entered + excluded.entered,
           completed = n.completed + excluded.completed,
           failed = n.failed + excluded.failed`,
    [campaignId, Math.floor(Math.random() * COUNTER_SHARDS), JSON.stringify(rows)],
  );
}

const COUNTER_SHARDS = 8;
