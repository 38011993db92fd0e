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

/** One kind of durable work: rows that say when they are due, and who handles one. */
type DueWork = {
  queue: string;
  /** Claims due rows whose lease is free: $1 now, $2 lease end, $3 batch size. */
  claim: string;
  concurrency: number;
  handle: (id: string) => Promise<void>;
};

/**
 * The only way work enters the queues. Each tick claims due rows of every
 * kind — enrollments of live campaigns that are ready or whose wait is over,
 * deliveries whose next attempt is due — leases them and enqueues their ids.
 * A job lost with Redis or a killed process comes back when its lease runs
 * out; several workers never claim the same row (SKIP LOCKED).
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
        concurrency: config.engine.concurrency,
        handle: (id) => steps.run(id),
        claim: `UPDATE enrollments SET lease_until = $2
                 WHERE id IN (
                   SELECT e.id FROM enrollments e
                    WHERE e.run_at <= $1
                      AND (e.lease_until IS NULL OR e.lease_until < $1)
                      AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = e.campaign_id AND c.status = 'live')
                    ORDER BY e.run_at
                    LIMIT $3
                      FOR UPDATE SKIP LOCKED)
                 RETURNING id`,
      },
      {
        queue: DELIVERY_QUEUE,
        // Deliveries wait on the network, not the CPU: more of them at once.
        concurrency: config.engine.concurrency * 8,
        handle: (id) => deliveries.deliver(id),
        claim: `UPDATE deliveries SET lease_until = $2
                 WHERE id IN (
                   SELECT d.id FROM deliveries d
                    WHERE d.next_attempt_at <= $1
                      AND (d.lease_until IS NULL OR d.lease_until < $1)
                    ORDER BY d.next_attempt_at
                    LIMIT $3
                      FOR UPDATE SKIP LOCKED)
                 RETURNING id`,
      },
    ];
  }

  onApplicationBootstrap(): void {
    for (const work of this.work) {
      this.queue.process<{ id: string }>(work.queue, work.concurrency, ({ id }) =>
        work.handle(id).catch((error: Error) => {
          // The row keeps its lease; the scanner hands it out again when the lease ends.
          this.logger.error(`${work.queue} ${id} failed: ${error.stack ?? error.message}`);
          throw error;
        }),
      );
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
      const now = this.clock.now();
      const leaseEnd = new Date(now.getTime() + this.config.engine.leaseMs);
      const claimed = await this.db.transaction((manager) =>
        rowsReturnedBy<{ id: string }>(manager, work.claim, [now, leaseEnd, this.config.engine.scanBatch]),
      );
      for (const { id } of claimed) await this.queue.add(work.queue, { id }, { jobId: id });
      most = Math.max(most, claimed.length);
    }
    return most;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.scanning = this.scanOnce().then(
        // A full batch means more is waiting: scan again at once.
        (claimed) => this.schedule(claimed >= this.config.engine.scanBatch ? 0 : this.config.engine.scanMs),
        (error: Error) => {
          this.logger.warn(`scan failed: ${error.message}`);
          this.schedule(this.config.engine.scanMs * 4);
        },
      );
    }, delayMs);
    this.timer.unref?.();
  }
}
