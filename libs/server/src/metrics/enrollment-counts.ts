import type { EntityManager } from 'typeorm';

export const ENROLLMENT_STATES = ['ready', 'waiting', 'completed', 'exited'] as const;
export type EnrollmentState = (typeof ENROLLMENT_STATES)[number];

/**
 * Up to this many enrollments (by the planner's own row estimate), they are
 * counted row by row; beyond, the states are estimated from the statistics
 * ANALYZE keeps. No index leads with `state`, and completed and exited rows
 * pile up for ever, so an exact count would read the whole table.
 */
export const EXACT_ENROLLMENT_COUNT_LIMIT = 200_000;

export type EnrollmentTotals = {
  byState: Record<EnrollmentState, number>;
  /** True when byState comes from the planner's statistics rather than a count. */
  estimated: boolean;
  /** Enrollments of live campaigns waiting whose run_at has passed: woken, not yet moved by a worker. */
  waitsDue: number;
};

/**
 * What the gauges tideway_enrollments{state} and tideway_waits_due show, in
 * cheap queries: pg_class and pg_stats are one row each; an exact count by
 * state only while the table is small; the due waits campaign by live
 * campaign through the partial index on (campaign_id, run_at)
 * (enrollments_runnable_idx), so their cost is the backlog, not the table.
 */
export async function countEnrollments(
  db: EntityManager,
  now: Date,
  exactUpTo = EXACT_ENROLLMENT_COUNT_LIMIT,
): Promise<EnrollmentTotals> {
  const [stats]: { rows: number; states: string[] | null; freqs: number[] | null }[] =
    await db.query(
      `SELECT c.reltuples::float8 AS rows, s.most_common_vals::text::text[] AS states, s.most_common_freqs AS freqs
         FROM pg_class c
         LEFT JOIN pg_stats s
           ON s.schemaname = c.relnamespace::regnamespace::text AND s.tablename = c.relname AND s.attname = 'state'
        WHERE c.oid = 'enrollments'::regclass`,
    );
  const byState = Object.fromEntries(ENROLLMENT_STATES.map((state) => [state, 0])) as Record<
    EnrollmentState,
    number
  >;
  // reltuples is -1 (unknown) until the table is first vacuumed or analyzed: counted, then.
  const { rows: estimatedRows, states, freqs } = stats;
  const estimated = estimatedRows >= exactUpTo && states !== null && freqs !== null;
  if (estimated) {
    states.forEach((state, index) => {
      if (state in byState)
        byState[state as EnrollmentState] = Math.round(freqs[index] * estimatedRows);
    });
  } else {
    const rows: { state: EnrollmentState; n: string }[] = await db.query(
      `SELECT state, count(*) AS n FROM enrollments GROUP BY state`,
    );
    for (const row of rows) byState[row.state] = Number(row.n);
  }
  const [due]: { n: string }[] = await db.query(
    `SELECT count(*) AS n
       FROM campaigns c
      CROSS JOIN LATERAL (
        SELECT 1 FROM enrollments e
         WHERE e.campaign_id = c.id AND e.run_at <= $1 AND e.state = 'waiting') due
      WHERE c.status = 'live'`,
    [now],
  );
  return { byState, estimated, waitsDue: Number(due.n) };
}
