/**
 * The engine's two queues and the shape of their jobs. A job only names rows
 * (ARCHITECTURE.md, invariant 1): the database says what to do with them.
 */
export const STEP_QUEUE = 'step';
export const DELIVERY_QUEUE = 'deliver';

/**
 * Deliveries sent at once and recorded together by one job: a slow receiver
 * delays its batch-mates' records, never their requests. Half a default step
 * batch (ENGINE_STEP_BATCH, 50), whose deliveries then make two full jobs:
 * each job is a transaction, and its commit costs the same for 2 as for 25.
 */
export const DELIVERIES_PER_JOB = 25;

/**
 * A job of the step or delivery queue. Older jobs (before step batches) carry
 * one `id`. A delivery job also carries the lease its rows were given when
 * it was made (`leaseUntil`, ISO 8601): the job sends only rows that still
 * hold that lease, or none, so a row claimed again meanwhile (its lease ran
 * out while the job waited) is sent by one job, not two.
 */
export type WorkJob = { ids?: string[]; id?: string; leaseUntil?: string };

/**
 * `ids` in as few jobs of at most `size` as hold them, evenly: 60 in jobs of
 * 25 go 20, 20, 20 rather than 25, 25, 10, so no job is a transaction for a
 * remainder of a few.
 */
export function jobsOf(ids: readonly string[], size: number): string[][] {
  const jobs: string[][] = [];
  const count = Math.ceil(ids.length / size);
  for (let start = 0; jobs.length < count;) {
    const end = start + Math.ceil((ids.length - start) / (count - jobs.length));
    jobs.push(ids.slice(start, end));
    start = end;
  }
  return jobs;
}
