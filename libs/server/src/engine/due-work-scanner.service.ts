import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { rowsReturnedBy } from '../database/rows-returned-by';
import { DeliveryRunner } from '../deliveries/delivery-runner.service';
import type { JobQueue } from '../queue/job-queue';
import { JOB_QUEUE } from '../queue/job-queue';
import type { Clock } from './clock';
import { CLOCK } from './clock';
import { StepRunner } from './step-runner.service';

export const STEP_QUEUE = 'step';
export const DELIVERY_QUEUE = 'deliver';

/** Deliveries sent at once and recorded together by one job: a slow receiver delays its batch-mates' records, never their requests. */
const DELIVERIES_PER_JOB = 8;

/** One kind of durable work: rows that say when they are due, and who handles them. */
type DueWork = {
  queue: string;
  /** Claims due rows whose lease is free: $1 now, $2 lease end, $3 batch size. */
  claim: string;
  /** Ids per job: steps are moved in batches, deliveries sent one by one. */
  jobSize: number;
  concurrency: number;
  handle: (ids: readonly string[]) => Promise<void>;
};

/** A job of the step or delivery queue. Older jobs (before step batches) carry one `id`. */
type WorkJob = { ids?: string[]; id?: string };

/**
 * The only way work enters the queues. Each tick claims due rows of every
 * kind — enrollments of live campaigns that are ready or whose wait is over,
 * deliveries whose next attempt is due — leases them and enqueues their ids.
 * A job lost with Redis or a killed process comes back when its lease runs
 * out; several workers never claim the same row (SKIP LOCKED). While the
 * queue already holds plenty, nothing more is claimed: leases must not run
 * out on rows still waiting in the queue, and a million due rows must not
 * all move into Redis at once.
 * See docs/decisions/002-durable-engine.md.
 */
@Injectable()
export class DueWorkScanner implements OnApplicationBootstrap, OnApplicationShutdown {
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
    steps: StepRunner,
    deliveries: DeliveryRunner,
  ) {
    this.work = [
      {
        queue: STEP_QUEUE,
        jobSize: config.engine.stepBatch,
        concurrency: config.engine.concurrency,
        handle: (ids) => steps.run(ids),
        // A CTE, not `id IN (subquery)`: the update then goes by primary key
        // instead of joining the whole table (a million waiting rows).
        claim: `WITH due AS (
                  SELECT e.id FROM enrollments e
                   WHERE e.run_at <= $1
                     AND (e.lease_until IS NULL OR e.lease_until < $1)
                     AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = e.campaign_id AND c.status = 'live')
                   ORDER BY e.run_at
                   LIMIT $3
                     FOR UPDATE SKIP LOCKED)
                UPDATE enrollments e SET lease_until = $2 FROM due WHERE e.id = due.id
                RETURNING e.id`,
      },
      {
        queue: DELIVERY_QUEUE,
        // Deliveries wait on the network, not the CPU: more of them at once,
        // sent together and recorded in one transaction per job.
        jobSize: DELIVERIES_PER_JOB,
        concurrency: config.engine.concurrency * 2,
        handle: (ids) => deliveries.deliverMany(ids),
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
        return work.handle(ids).catch((error: Error) => {
          // The rows keep their lease; the scanner hands them out again when it ends.
          this.logger.error(
            `${work.queue} ${ids.join(', ')} failed: ${error.stack ?? error.message}`,
          );
          throw error;
        });
      });
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.scanning;
  }

  /** Claims and enqueues one batch of each kind; answers the largest count claimed. */
  async scanOnce(): Promise<number> {
    let most = 0;
    for (const work of this.work) {
      const { waiting } = await this.queue.counts(work.queue);
      // Enough queued to keep every consumer busy until the next tick.
      if (waiting * work.jobSize >= this.config.engine.scanBatch) continue;
      const now = this.clock.now();
      const leaseEnd = new Date(now.getTime() + this.config.engine.leaseMs);
      const claimed = await this.db.transaction((manager) =>
        rowsReturnedBy<{ id: string }>(manager, work.claim, [
          now,
          leaseEnd,
          this.config.engine.scanBatch,
        ]),
      );
      const jobs: string[][] = [];
      for (let i = 0; i < claimed.length; i += work.jobSize)
        jobs.push(claimed.slice(i, i + work.jobSize).map(({ id }) => id));
      await Promise.all(jobs.map((ids) => this.queue.add<WorkJob>(work.queue, { ids })));
      most = Math.max(most, claimed.length);
    }
    return most;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.scanning = this.scanOnce().then(
        // A full batch means more is waiting: scan again at once.
        (claimed) =>
          this.schedule(claimed >= this.config.engine.scanBatch ? 0 : this.config.engine.scanMs),
        (error: Error) => {
          this.logger.warn(`scan failed: ${error.message}`);
          this.schedule(this.config.engine.scanMs * 4);
        },
      );
    }, delayMs);
    this.timer.unref?.();
  }
}
