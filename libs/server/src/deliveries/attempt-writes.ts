import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { DeliveryRow, DeliveryStatus } from './delivery-row';

// Each write is one statement for a whole job's attempts. Every join on
// jsonb_to_recordset also says `id = ANY`, which tells the planner how many
// rows: it guesses 100 for the function and would hash-join a scan of the
// whole table.

/** How an attempt ends its delivery: done, failed for good, or tried again at `nextAt`. */
export type AttemptOutcome = {
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
};

/**
 * The deliveries' new state, each written only if no other worker recorded
 * this attempt meanwhile (its attempt count is still the one sent). Answers
 * the ids written.
 */
export async function writeAttemptOutcomes(
  manager: EntityManager,
  attempts: readonly { delivery: DeliveryRow; outcome: AttemptOutcome; nextAt: Date | null }[],
  now: Date,
): Promise<Set<string>> {
  const written = await preparedQuery<{ id: string }>(
    manager,
    `UPDATE deliveries d
        SET attempts = v.attempt, status = v.status, next_attempt_at = v.next_at, lease_until = NULL,
            last_status = v.last_status, last_error = v.last_error, updated_at = $2,
            completed_at = CASE WHEN v.status IN ('succeeded', 'failed') THEN $2::timestamptz END
       FROM jsonb_to_recordset($1::jsonb)
         AS v(id uuid, attempt int, previous int, status text, next_at timestamptz, last_status int, last_error text)
      WHERE d.id = v.id AND d.id = ANY ($3::uuid[]) AND d.attempts = v.previous
      RETURNING d.id`,
    [
      JSON.stringify(
        attempts.map(({ delivery, outcome, nextAt }) => ({
          id: delivery.id,
          attempt: outcome.attempts,
          previous: delivery.attempts,
          status: outcome.status,
          next_at: nextAt,
          last_status: outcome.lastStatus,
          last_error: outcome.lastError,
        })),
      ),
      now,
      attempts.map(({ delivery }) => delivery.id),
    ],
  );
  return new Set(written.map(({ id }) => id));
}

/** One row of the attempt log: the request as sent (credentials redacted) and what came back. */
export type AttemptLogRow = {
  deliveryId: string;
  attempt: number;
  request: unknown;
  response: unknown;
  durationMs: number;
  error: string | null;
};

export async function logAttempts(
  manager: EntityManager,
  rows: readonly AttemptLogRow[],
  now: Date,
): Promise<void> {
  await preparedQuery(
    manager,
    `INSERT INTO delivery_attempts (delivery_id, attempt, at, request, response, duration_ms, error)
     SELECT v.delivery_id, v.attempt, $1, v.request, v.response, v.duration_ms, v.error
       FROM jsonb_to_recordset($2::jsonb)
         AS v(delivery_id uuid, attempt int, request jsonb, response jsonb, duration_ms double precision, error text)`,
    [
      now,
      JSON.stringify(
        rows.map((row) => ({
          delivery_id: row.deliveryId,
          attempt: row.attempt,
          request: row.request,
          response: row.response,
          duration_ms: row.durationMs,
          error: row.error,
        })),
      ),
    ],
  );
}

/**
 * The contacts waiting on these settled webhooks go on (per onFailure when
 * one failed): runnable now, and leased until `leaseUntil` to the caller,
 * which hands them to the step queue once this commits. Answers the
 * enrollments woken.
 */
export async function wakeWaitingEnrollments(
  manager: EntityManager,
  settled: readonly DeliveryRow[],
  now: Date,
  leaseUntil: Date,
): Promise<string[]> {
  const waiting = settled.filter(
    (delivery) => delivery.enrollment_id && delivery.contact_id && delivery.node_id,
  );
  if (waiting.length === 0) return [];
  const woken = await preparedQuery<{ id: string }>(
    manager,
    `UPDATE enrollments e SET run_at = $2, lease_until = $4, updated_at = $2
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, node_id text)
      WHERE e.id = v.id AND e.id = ANY ($3::uuid[]) AND e.node_id = v.node_id
        AND e.state = 'waiting' AND e.waiting_for = 'delivery'
      RETURNING e.id`,
    [
      JSON.stringify(
        waiting.map((delivery) => ({ id: delivery.enrollment_id, node_id: delivery.node_id })),
      ),
      now,
      waiting.map((delivery) => delivery.enrollment_id),
      leaseUntil,
    ],
  );
  return woken.map(({ id }) => id);
}
