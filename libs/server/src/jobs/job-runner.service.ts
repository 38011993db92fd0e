import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import type { DatabaseKind } from '../database/database.module';
import { DATABASE_KIND } from '../database/database.module';
import type { ApiErrorBody } from '../http/api-error';
import { ApiError } from '../http/api-error';
import type { JobKind } from './job.schema';
import type { JobProgress } from './job-progress';
import type { JobView } from './job-view';
import type { JobOrigin } from './jobs.service';
import { JobsService } from './jobs.service';

/** The work of a job: reports progress as it goes, stops between transactions once `signal` aborts. */
export type JobWork<T> = (progress: JobProgress, signal: AbortSignal) => Promise<T>;
/** What a job's `result` holds once the work answered `value`. */
export type JobSummary<T> = (value: T) => Record<string, unknown>;

/** Background jobs a workspace may have under way in one API process. */
export const MAX_BACKGROUND_JOBS_PER_WORKSPACE = 3;
/** On PostgreSQL, how often a process touches the rows of the jobs it runs, and sweeps. */
const JOB_HEARTBEAT_MS = 15_000;
/** A running job not written for four heartbeats belongs to a process that stopped. */
export const ABANDONED_AFTER_MS = 4 * JOB_HEARTBEAT_MS;

type Running = { workspaceId: string; controller: AbortController; done: Promise<unknown> };

/**
 * Runs the work of jobs and records how it ended: in the request that asked
 * (the synchronous routes, whose answers stay as they were), or in the
 * background of this API process (`Prefer: respond-async`). On shutdown,
 * background work is asked to stop at its next transaction boundary and
 * awaited, so its job is failed with what it did rather than left running.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Map<string, Running>();
  /** Every job this process is running, in a request or in the background. */
  private readonly executing = new Set<string>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly jobs: JobsService,
    @Inject(DATABASE_KIND) private readonly databaseKind: DatabaseKind,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.databaseKind === 'pglite') {
      // One process owns the embedded database: whatever it left running, it left for good.
      await this.jobs.failAbandoned(null);
      return;
    }
    await this.jobs.failAbandoned(ABANDONED_AFTER_MS);
    this.heartbeat = setInterval(() => {
      this.beat().catch((error: unknown) => {
        this.logger.warn(`Could not touch running jobs or sweep abandoned ones: ${String(error)}`);
      });
    }, JOB_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * What the heartbeat does (PostgreSQL): touches the jobs this process runs,
   * so that a long step without progress does not pass for a dead process,
   * then fails those whose process has stopped (killed, lost its machine):
   * they show as failed about a minute after, rather than running forever.
   */
  async beat(): Promise<void> {
    await this.jobs.touch([...this.executing]);
    await this.jobs.failAbandoned(ABANDONED_AFTER_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    const running = [...this.running.values()];
    running.forEach((job) => job.controller.abort());
    await Promise.allSettled(running.map((job) => job.done));
  }

  /** 429 while the workspace has MAX_BACKGROUND_JOBS_PER_WORKSPACE under way here. */
  assertCapacity(workspaceId: string): void {
    const mine = [...this.running.values()].filter((job) => job.workspaceId === workspaceId);
    if (mine.length >= MAX_BACKGROUND_JOBS_PER_WORKSPACE) {
      throw ApiError.tooManyRequests(
        `This workspace already has ${mine.length} jobs running: wait for one to finish`,
        5,
      );
    }
  }

  /** Runs the work now, under a new job, and answers (or throws) what it does; the job records the outcome either way. */
  async run<T>(
    kind: JobKind,
    origin: JobOrigin,
    work: JobWork<T>,
    summarize: JobSummary<T>,
  ): Promise<T> {
    const job = await this.jobs.create(kind, origin);
    const outcome = await this.execute(job, work, summarize, new AbortController().signal);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /**
   * Starts the work in the background under a new job, answered at once; the
   * job is where its outcome goes. Callers check assertCapacity first, before
   * anything the work depends on is done.
   */
  async start<T>(
    kind: JobKind,
    origin: JobOrigin,
    work: JobWork<T>,
    summarize: JobSummary<T>,
  ): Promise<JobView> {
    const job = await this.jobs.create(kind, origin);
    const controller = new AbortController();
    const done = this.execute(job, work, summarize, controller.signal).finally(() =>
      this.running.delete(job.id),
    );
    this.running.set(job.id, { workspaceId: origin.workspaceId, controller, done });
    return job;
  }

  private async execute<T>(
    job: JobView,
    work: JobWork<T>,
    summarize: JobSummary<T>,
    signal: AbortSignal,
  ): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
    const progress = this.jobs.progress(job.id);
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    this.executing.add(job.id);
    try {
      const value = await work(progress, signal);
      progress.report({ result: summarize(value) });
      outcome = { ok: true, value };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      this.executing.delete(job.id);
    }
    const snapshot = await progress.close();
    try {
      if (outcome.ok) await this.jobs.succeed(job.id, snapshot);
      else await this.jobs.fail(job.id, snapshot, this.failureOf(job, outcome.error));
    } catch (error) {
      this.logger.error(`Could not record the end of job ${job.id}: ${String(error)}`);
    }
    return outcome;
  }

  private failureOf(job: JobView, error: unknown): ApiErrorBody {
    if (error instanceof HttpException) {
      const body = error.getResponse();
      if (typeof body === 'object' && body !== null && 'statusCode' in body)
        return body as ApiErrorBody;
      return { statusCode: error.getStatus(), error: error.name, message: error.message };
    }
    this.logger.error(
      `Job ${job.id} (${job.kind}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'The job failed unexpectedly; the server log says why',
    };
  }
}
