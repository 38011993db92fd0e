import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import type { Clock } from '../engine/clock';
import { CLOCK } from '../engine/clock';
import { DELIVERY_QUEUE, STEP_QUEUE } from '../engine/due-work-scanner.service';
import type { JobQueue, QueueCounts } from '../queue/job-queue';
import { JOB_QUEUE } from '../queue/job-queue';
import type { EnrollmentTotals } from './enrollment-counts';
import { countEnrollments, ENROLLMENT_STATES } from './enrollment-counts';
import { Metrics } from './metrics';

/** The queues the engine uses, as tideway_queue_jobs and the queue dashboard show them. */
export const ENGINE_QUEUES = [STEP_QUEUE, DELIVERY_QUEUE] as const;
const QUEUE_STATES: readonly (keyof QueueCounts)[] = ['waiting', 'active', 'delayed', 'failed'];

/** A scrape never waits longer than this on the database or Redis; the gauge is left out instead. */
const READ_TIMEOUT_MS = 2000;

/**
 * The gauges read at scrape time: enrollments by state and due waits from the
 * database, jobs by queue and state from the JobQueue port. The database
 * figures are shared by every scrape within METRICS_CACHE_SECONDS, so that
 * several scrapers (or a short scrape interval) do not multiply the queries.
 * They describe the whole installation: every API and worker reports the same
 * values (aggregate them with max, not sum). A read that fails or times out
 * is logged and its gauge left without samples for that scrape.
 */
@Injectable()
export class OperationalGauges {
  private readonly logger = new Logger('Metrics');
  private cached: { at: number; counts: Promise<EnrollmentTotals> } | undefined;

  constructor(
    metrics: Metrics,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const registers = [metrics.registry];
    const enrollments: Gauge<'state'> = new Gauge({
      name: 'tideway_enrollments',
      help: 'Enrollments by state (estimated from planner statistics beyond 200,000 rows)',
      labelNames: ['state'] as const,
      registers,
      collect: async () => {
        enrollments.reset();
        const counts = await this.enrollmentCounts();
        if (counts)
          for (const state of ENROLLMENT_STATES) enrollments.set({ state }, counts.byState[state]);
      },
    });
    const waitsDue: Gauge = new Gauge({
      name: 'tideway_waits_due',
      help: 'Enrollments of live campaigns waiting whose wake time has passed, not yet moved on',
      registers,
      collect: async () => {
        waitsDue.reset();
        const counts = await this.enrollmentCounts();
        if (counts) waitsDue.set(counts.waitsDue);
      },
    });
    const jobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'tideway_queue_jobs',
      help: 'Jobs in the engine queues by state (Bull: queue-wide; in-process: this process)',
      labelNames: ['queue', 'state'] as const,
      registers,
      collect: async () => {
        jobs.reset();
        await Promise.all(
          ENGINE_QUEUES.map(async (queue) => {
            const counts = await this.queueCounts(queue);
            if (counts) for (const state of QUEUE_STATES) jobs.set({ queue, state }, counts[state]);
          }),
        );
      },
    });
  }

  private enrollmentCounts(): Promise<EnrollmentTotals | null> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at >= this.config.metrics.cacheMs) {
      const counts = withTimeout(countEnrollments(this.db.manager, this.clock.now()));
      this.cached = { at: now, counts };
      // A failed read is not reused: the next scrape tries again.
      counts.catch(() => {
        if (this.cached?.counts === counts) this.cached = undefined;
      });
    }
    return this.cached.counts.catch((error: unknown) => {
      this.logger.warn(`enrollment gauges left out: ${(error as Error).message}`);
      return null;
    });
  }

  private queueCounts(queue: string): Promise<QueueCounts | null> {
    return withTimeout(this.queue.counts(queue)).catch((error: unknown) => {
      this.logger.warn(`queue gauge of ${queue} left out: ${(error as Error).message}`);
      return null;
    });
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${READ_TIMEOUT_MS} ms`)),
      READ_TIMEOUT_MS,
    );
  });
  // A read that answers after its timeout must not become an unhandled rejection.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
