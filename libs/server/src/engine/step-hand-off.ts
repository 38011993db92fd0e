import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import type { JobQueue, QueueKind } from '../queue/job-queue';
import { JOB_QUEUE, QUEUE_KIND } from '../queue/job-queue';
import type { Clock } from './clock';
import { CLOCK } from './clock';
import { releaseLeases } from './enrollment-writes';
import type { WorkJob } from './work-queues';
import { jobsOf, STEP_QUEUE } from './work-queues';

/**
 * How long enrollments handed off a few at a time wait for batch-mates:
 * gathered for this long, their next steps run as one batch instead of many
 * small ones.
 */
export const HAND_OFF_WINDOW_MS = 20;

/**
 * The most enrollments the step queue may hold for a hand-off to add more:
 * at even 1,000 steps a second that is 20 s of work, well inside a lease
 * (ENGINE_LEASE_MS, a minute by default), so no row handed off waits in the
 * queue until its lease runs out and the scanner claims it a second time.
 */
export const HAND_OFF_QUEUED_ROWS = 20_000;

/**
 * The enrollments one transaction made runnable and leased to its caller
 * until `until`: once it commits, the caller runs them itself or hands them
 * to the step queue (StepHandOff.handCommitted). Should it never, the lease
 * keeps the scanner off them until `until`, and then it claims them.
 */
export type LeasedRunnable = { until: Date; ids: Set<string> };

/**
 * Enrollments made runnable and leased by this process in a committed
 * transaction go to the step queue at once, without waiting for the scanner
 * to find and claim them: contacts just enrolled (by hand, by a trigger, by
 * an inbound webhook), a contact pulled to a goal, one whose webhook
 * settled but whose step could not run in the record's transaction, or one
 * due again at once after that step. Their lease is what makes this safe:
 * should the process die before it enqueues them, or Redis refuse the job,
 * the lease runs out and the scanner claims them as it claims any due row.
 * Nothing is lost either way; at worst they wait a lease.
 */
@Injectable()
export class StepHandOff implements BeforeApplicationShutdown {
  private readonly logger = new Logger('StepHandOff');
  private pending: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Whether anything consumes the step queue: Redis reaches every worker; the in-process queue, only this one's. */
  private readonly consumed: boolean;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(QUEUE_KIND) queueKind: QueueKind,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.consumed = queueKind === 'bull' || config.runWorker;
  }

  /**
   * Whether `rows` more enrollments may be leased now to be handed off:
   * not when nothing would take them from the queue, nor while the queue
   * is full (HAND_OFF_QUEUED_ROWS). Rows not handed off are left unleased
   * to the scanner, which claims them as the queue drains.
   */
  async room(rows: number): Promise<boolean> {
    if (!this.consumed || this.stopped) return false;
    try {
      const { waiting } = await this.queue.counts(STEP_QUEUE);
      return waiting * this.config.engine.stepBatch + rows <= HAND_OFF_QUEUED_ROWS;
    } catch (error) {
      // Redis unreachable: the rows go to the scanner, and the enrollment does not fail for it.
      this.logger.warn(
        { err: error },
        'could not count the step queue; leaving enrollments to the scanner',
      );
      return false;
    }
  }

  /** Leases for one transaction to take, to be handed over by `handCommitted` once it commits. */
  leases(): LeasedRunnable {
    return {
      until: new Date(this.clock.now().getTime() + this.config.engine.leaseMs),
      ids: new Set(),
    };
  }

  /**
   * The enrollments a committed transaction leased: to the step queue while
   * it has room (see `room`), or else released at once to the scanner rather
   * than left waiting for their lease to end.
   */
  async handCommitted(leased: LeasedRunnable): Promise<void> {
    if (leased.ids.size === 0) return;
    const ids = [...leased.ids];
    if (await this.room(ids.length)) this.hand(ids);
    else await this.release(ids);
  }

  /** Leased, runnable enrollments whose transaction has committed. */
  hand(enrollmentIds: readonly string[]): void {
    if (enrollmentIds.length === 0) return;
    if (this.stopped) {
      void this.release(enrollmentIds);
      return;
    }
    this.pending.push(...enrollmentIds);
    if (this.pending.length >= this.config.engine.stepBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), HAND_OFF_WINDOW_MS);
  }

  /** Shutting down: what is still gathered is released for any worker's next scan. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const left = this.pending;
    this.pending = [];
    await this.release(left);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const ids = this.pending;
    this.pending = [];
    for (const job of jobsOf(ids, this.config.engine.stepBatch)) {
      this.queue
        .add<WorkJob>(STEP_QUEUE, { ids: job })
        .catch((error: unknown) =>
          this.logger.warn(
            { enrollmentIds: job, err: error },
            'could not enqueue steps; the scanner will claim them when their lease ends',
          ),
        );
    }
  }

  private async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await releaseLeases(this.db.manager, ids);
    } catch (error) {
      this.logger.warn(
        { enrollmentIds: ids, err: error },
        'could not release leases; the scanner will claim them when they end',
      );
    }
  }
}
