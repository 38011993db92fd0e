/**
 * The queue port. A job only says "look at row X": the database is the truth
 * and the queue is transport (../shared/ARCHITECTURE.md, invariant 1), so an
 * adapter may lose jobs on a crash; reconcilers re-enqueue from the database.
 *
 * Two adapters: Bull on Redis (scaled mode, shared by N workers) and an
 * in-process queue (embedded mode). Both pass the same contract suite.
 */
export type JobOptions = {
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** While a job with this id is waiting or delayed, adding it again does nothing. */
  jobId?: string;
};

export type JobHandler<T> = (data: T) => Promise<void>;

export type QueueCounts = { waiting: number; active: number; delayed: number; failed: number };

export interface JobQueue {
  add<T>(queue: string, data: T, options?: JobOptions): Promise<void>;
  /** Consumes `queue` in this process with at most `concurrency` handlers at a time. */
  process<T>(queue: string, concurrency: number, handler: JobHandler<T>): void;
  counts(queue: string): Promise<QueueCounts>;
  /** Stops taking new jobs and waits for running handlers to finish. */
  close(): Promise<void>;
}

export type QueueKind = 'inline' | 'bull';
export const JOB_QUEUE = Symbol('JOB_QUEUE');
export const QUEUE_KIND = Symbol('QUEUE_KIND');
