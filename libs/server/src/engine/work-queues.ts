/**
 * The engine's two queues and the shape of their jobs. A job only names rows
 * (ARCHITECTURE.md, invariant 1): the database says what to do with them.
 */
export const STEP_QUEUE = 'step';
export const DELIVERY_QUEUE = 'deliver';

/** Deliveries sent at once and recorded together by one job: a slow receiver delays its batch-mates' records, never their requests. */
export const DELIVERIES_PER_JOB = 24;

/** A job of the step or delivery queue. Older jobs (before step batches) carry one `id`. */
export type WorkJob = { ids?: string[]; id?: string };

/** `ids` in jobs of at most `size`. */
export function jobsOf(ids: readonly string[], size: number): string[][] {
  const jobs: string[][] = [];
  for (let i = 0; i < ids.length; i += size) jobs.push(ids.slice(i, i + size));
  return jobs;
}
