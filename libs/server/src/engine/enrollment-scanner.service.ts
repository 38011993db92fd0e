import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { rowsReturnedBy } from '../database/rows-returned-by';
import type { JobQueue } from '../queue/job-queue';
import { JOB_QUEUE } from '../queue/job-queue';
import type { Clock } from './clock';
import { CLOCK } from './clock';
import { StepRunner } from './step-runner.service';

export const STEP_QUEUE = 'step';

/**
 * The only way work enters the step queue: claims runnable enrollments of
 * live campaigns (ready ones, and waits that are due) whose lease is free,
 * leases them and enqueues their ids. A job lost with Redis or a killed
 * process comes back when its lease runs out; several workers' scanners never
 * claim the same row (SKIP LOCKED). See docs/decisions/002-durable-engine.md.
 */
@Injectable()
export class EnrollmentScanner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EnrollmentScanner');
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly runner: StepRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process<{ enrollmentId: string }>(STEP_QUEUE, this.config.engine.concurrency, ({ enrollmentId }) =>
      this.runner.run(enrollmentId),
    );
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.scanning;
  }

  /** Claims and enqueues one batch; answers how many enrollments it claimed. */
  async scanOnce(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.db.transaction((manager) =>
      rowsReturnedBy<{ id: string }>(
        manager,
        `UPDATE enrollments SET lease_until = $2
          WHERE id IN (
            SELECT e.id FROM enrollments e
             WHERE e.run_at <= $1
               AND (e.lease_until IS NULL OR e.lease_until < $1)
               AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = e.campaign_id AND c.status = 'live')
             ORDER BY e.run_at
             LIMIT $3
               FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [now, new Date(now.getTime() + this.config.engine.leaseMs), this.config.engine.scanBatch],
      ),
    );
    for (const { id } of claimed) await this.queue.add(STEP_QUEUE, { enrollmentId: id }, { jobId: id });
    return claimed.length;
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
