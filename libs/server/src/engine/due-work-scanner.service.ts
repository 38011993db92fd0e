import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { preparedQuery } from '../database/prepared-query';
import { DeliveryRunner } from '../deliveries/delivery-runner.service';
import type { JobQueue } from '../queue/job-queue';
import { JOB_QUEUE } from '../queue/job-queue';
import type { Clock } from './clock';
import { CLOCK } from './clock';
import { StepRunner } from './step-runner.service';
import type { WorkJob } from './work-queues';
import { DELIVERIES_PER_JOB, DELIVERY_QUEUE, jobsOf, STEP_QUEUE } from './work-queues';

export { DELIVERY_QUEUE, STEP_QUEUE } from './work-queues';

/** How soon a scanner that found its queue full looks again (a Redis round trip, no query). */
const BACKLOG_POLL_MS = 25;

/** One kind of durable work: rows that say when they are due, and who handles them. */
type DueWork = {
  queue: string;
  /** The log field that names a job's rows. */
  idsField: 'enrollmentIds' | 'deliveryIds';
  /** Claims due rows whose lease is free: $1 now, $2 lease end, $3 batch size. */
  claim: string;
  /** Ids per job: steps are moved in batches, deliveries sent one by one. */
  jobSize: number;
  concurrency: number;
  /** Whether a job names the lease its rows were claimed with (WorkJob.leaseUntil). */
  fenced: boolean;
  handle: (ids: readonly string[], job: WorkJob) => Promise<void>;
};

/**
 * The only way work enters the queues. Each tick claims due rows of every
 * kind — enrollments of live campaigns that are ready or whose wait is over,
 * deliveries whose next attempt is due — leases them and enqueues their ids.
 * A job lost with Redis or a killed process comes back when its lease runs
 * out; several workers never claim the same row (SKIP LOCKED). While the
 * queue already holds plenty, nothing more is claimed: leases must not run
 * out on rows still waiting in the queue, and a million due rows must not
 * all move into Redis at once.
 *
 * Steps are claimed campaign by campaign, each live campaign's due rows
 * walked in order on (campaign_id, run_at) and the oldest of them all taken:
 * a paused campaign's due rows are never read, and no plan has to sort every
 * due row of the table, whatever the statistics say. Candidates are picked
 * unlocked and locked after (SKIP LOCKED), so that rows beyond the batch are
 * not locked for nothing; a row another scanner holds is skipped, and one it
 * claimed meanwhile fails the re-check of its lease. Rows are then found by
 * id (`= ANY`), not joined: a join of a thousand candidates was planned as a
 * scan of the whole table.
 * See docs/decisions/002-durable-engine.md.
 */
@Injectable()
export class DueWorkScanner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DueWorkScanner');
  private readonly work: DueWork[];
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly steps: StepRunner,
    deliveries: DeliveryRunner,
  ) {
    this.work = [
      {
        queue: STEP_QUEUE,
        idsField: 'enrollmentIds',
        jobSize: config.engine.stepBatch,
        concurrency: config.engine.concurrency,
        fenced: false,
        handle: (ids) => steps.run(ids),
        claim: `WITH candidates AS (
                  SELECT due.id
                    FROM campaigns c
                   CROSS JOIN LATERAL (
                     SELECT e.id, e.run_at FROM enrollments e
                      WHERE e.campaign_id = c.id
                        AND e.run_at <= $1
                        AND (e.lease_until IS NULL OR e.lease_until < $1)
                      ORDER BY e.run_at
                      LIMIT $3) due
                   WHERE c.status = 'live'
                   ORDER BY due.run_at
                   LIMIT $3),
                due AS (
                  SELECT e.id FROM enrollments e
                   WHERE e.id = ANY (ARRAY(SELECT id FROM candidates))
                     AND e.run_at <= $1
                     AND (e.lease_until IS NULL OR e.lease_until < $1)
                     FOR UPDATE SKIP LOCKED)
                UPDATE enrollments e SET lease_until = $2
                 WHERE e.id = ANY (ARRAY(SELECT id FROM due))
                RETURNING e.id`,
      },
      {
        queue: DELIVERY_QUEUE,
        idsField: 'deliveryIds',
        // Deliveries wait on the network, not the CPU: more of them at once,
        // sent together and recorded in one transaction per job.
        jobSize: DELIVERIES_PER_JOB,
        concurrency: config.engine.concurrency * 2,
        // A request cannot be taken back: a delivery goes out only under the lease its job names.
        fenced: true,
        handle: (ids, job) =>
          deliveries.deliverMany(ids, job.leaseUntil ? new Date(job.leaseUntil) : null),
        claim: `WITH due AS (
                  SELECT d.id FROM deliveries d
                   WHERE d.next_attempt_at <= $1
                     AND (d.lease_until IS NULL OR d.lease_until < $1)
                   ORDER BY d.next_attempt_at
                   LIMIT $3
                     FOR UPDATE SKIP LOCKED)
                UPDATE deliveries d SET lease_until = $2 FROM due WHERE d.id = due.id
                RETURNING d.id`,
      },
    ];
  }

  onApplicationBootstrap(): void {
    for (const work of this.work) {
      this.queue.process<WorkJob>(work.queue, work.concurrency, (job) => {
        const ids = job.ids ?? (job.id ? [job.id] : []);
        return work.handle(ids, job).catch((error: Error) => {
          // The rows keep their lease; the scanner hands them out again when it ends.
          this.logger.error(
            { queue: work.queue, [work.idsField]: ids, err: error },
            `${work.queue} job failed`,
          );
          throw error;
        });
      });
    }
    this.schedule(0);
  }

  /**
   * Graceful stop (SIGTERM), before the database closes: claim nothing more,
   * let the steps and deliveries this process holds finish, for at most
   * SHUTDOWN_TIMEOUT_MS. Jobs not started stay in Redis for other workers;
   * whatever this process could not finish keeps its lease and is claimed
   * again when the lease ends (nothing is lost, and a delivery is sent again
   * only under its own webhook-id).
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.scanning;
    this.steps.stopContinuing();
    const finished = await Promise.race([
      this.queue.close().then(() => true),
      new Promise<false>((resolve) =>
        setTimeout(resolve, this.config.shutdownTimeoutMs, false).unref(),
      ),
    ]);
    if (!finished) {
      this.logger.warn(
        `work still running after SHUTDOWN_TIMEOUT_MS (${this.config.shutdownTimeoutMs} ms): stopping anyway; it is claimed again when its lease ends`,
      );
    }
  }

  /**
   * Claims and enqueues one batch of each kind; answers the largest count
   * claimed, and whether a queue was too full to claim for.
   */
  async scanOnce(): Promise<{ claimed: number; backlogged: boolean }> {
    let most = 0;
    let backlogged = false;
    for (const work of this.work) {
      const claimed = await this.claim(work).catch((error: unknown) => {
        this.logger.warn({ queue: work.queue, err: error }, 'scan failed');
        throw error;
      });
      if (claimed === 'backlogged') backlogged = true;
      else most = Math.max(most, claimed);
    }
    return { claimed: most, backlogged };
  }

  /** Claims one batch of due rows of `work` and enqueues them; answers how many. */
  private async claim(work: DueWork): Promise<number | 'backlogged'> {
    const { waiting } = await this.queue.counts(work.queue);
    // A scan's worth already queued: claiming more would only age leases in the queue.
    if (waiting * work.jobSize >= this.config.engine.scanBatch) return 'backlogged';
    const now = this.clock.now();
    const leaseEnd = new Date(now.getTime() + this.config.engine.leaseMs);
    const claimed = await this.db.transaction((manager) =>
      preparedQuery<{ id: string }>(manager, work.claim, [
        now,
        leaseEnd,
        this.config.engine.scanBatch,
      ]),
    );
    const jobs = jobsOf(
      claimed.map(({ id }) => id),
      work.jobSize,
    );
    const fence = work.fenced ? { leaseUntil: leaseEnd.toISOString() } : {};
    await Promise.all(jobs.map((ids) => this.queue.add<WorkJob>(work.queue, { ids, ...fence })));
    if (claimed.length > 0)
      this.logger.debug(
        { queue: work.queue, claimed: claimed.length, jobs: jobs.length },
        'claimed due work',
      );
    return claimed.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.scanning = this.scanOnce().then(
        // A full batch means more is due: scan again at once; a full queue is
        // looked at again soon, so that consumers never run dry.
        ({ claimed, backlogged }) =>
          this.schedule(
            claimed >= this.config.engine.scanBatch
              ? 0
              : backlogged
                ? Math.min(BACKLOG_POLL_MS, this.config.engine.scanMs)
                : this.config.engine.scanMs,
          ),
        // scanOnce logged it, naming the queue.
        () => this.schedule(this.config.engine.scanMs * 4),
      );
    }, delayMs);
    this.timer.unref?.();
  }
}
