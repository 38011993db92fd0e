import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApiErrorBody } from '../http/api-error';
import { ApiError } from '../http/api-error';
import type { JobKind, ListJobsQuery } from './job.schema';
import type { ProgressSnapshot } from './job-progress';
import { JobProgress } from './job-progress';
import type { JobView } from './job-view';
import { JOB_COLUMNS } from './job-view';

/** Who started a job, where, about what. */
export type JobOrigin = {
  workspaceId: string;
  userId: string | null;
  campaignId?: string;
  input?: Record<string, unknown>;
};

export type JobPage = { data: JobView[]; nextCursor: string | null };

/** At most this often a running job's row is written. */
const PROGRESS_INTERVAL_MS = 250;

/** The rows of jobs: created when work starts, written as it goes, finished once. */
@Injectable()
export class JobsService {
  private readonly logger = new Logger('Jobs');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(kind: JobKind, origin: JobOrigin): Promise<JobView> {
    const [job]: JobView[] = await this.db.query(
      `INSERT INTO jobs (workspace_id, kind, input, campaign_id, created_by)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING ${JOB_COLUMNS}`,
      [
        origin.workspaceId,
        kind,
        JSON.stringify(origin.input ?? {}),
        origin.campaignId ?? null,
        origin.userId,
      ],
    );
    return job;
  }

  /** 404 for a job of another workspace, as for any resource. */
  async find(workspaceId: string, id: string): Promise<JobView> {
    const [job]: JobView[] = await this.db.query(
      `SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1 AND workspace_id = $2`,
      [id, workspaceId],
    );
    if (!job) throw ApiError.notFound('Job');
    return job;
  }

  /** Newest first, of the given kinds (those the caller may read). */
  async list(
    workspaceId: string,
    kinds: readonly JobKind[],
    query: ListJobsQuery,
  ): Promise<JobPage> {
    const clauses = ['workspace_id = $1', 'kind = ANY ($2::text[])'];
    const parameters: unknown[] = [workspaceId, kinds];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      clauses.push(sql.replace('?', `$${parameters.length}`));
    };
    if (query.state) add('state = ?', query.state);
    if (query.campaignId) add('campaign_id = ?', query.campaignId);
    if (query.cursor) add('seq < ?', query.cursor);
    const rows: (JobView & { seq: string })[] = await this.db.query(
      `SELECT ${JOB_COLUMNS}, seq FROM jobs WHERE ${clauses.join(' AND ')}
        ORDER BY seq DESC LIMIT ${query.limit + 1}`,
      parameters,
    );
    const more = rows.length > query.limit;
    const data = rows.slice(0, query.limit);
    return {
      data: data.map(({ seq: _seq, ...job }) => job),
      nextCursor: more ? String(data[data.length - 1].seq) : null,
    };
  }

  /** The progress of a running job, written to its row as the work reports it. */
  progress(jobId: string): JobProgress {
    return new JobProgress(
      async (snapshot) => {
        await this.db.query(
          `UPDATE jobs SET total = $2, processed = $3, errors = $4, error_samples = $5, result = $6, updated_at = now()
            WHERE id = $1 AND state = 'running'`,
          [jobId, ...snapshotValues(snapshot)],
        );
      },
      PROGRESS_INTERVAL_MS,
      (error) =>
        this.logger.warn(`Could not record the progress of job ${jobId}: ${String(error)}`),
    );
  }

  async succeed(jobId: string, snapshot: ProgressSnapshot): Promise<void> {
    // Done means all of it: a total counted before the work began may have been off.
    await this.finish(jobId, 'succeeded', { ...snapshot, total: snapshot.processed }, null);
  }

  async fail(jobId: string, snapshot: ProgressSnapshot, failure: ApiErrorBody): Promise<void> {
    await this.finish(jobId, 'failed', snapshot, failure);
  }

  /** Running jobs of this process are alive: their rows' `updated_at` is now (see failAbandoned). */
  async touch(jobIds: readonly string[]): Promise<void> {
    if (jobIds.length === 0) return;
    await this.db.query(
      `UPDATE jobs SET updated_at = now() WHERE id = ANY ($1::uuid[]) AND state = 'running'`,
      [jobIds],
    );
  }

  /**
   * Jobs left `running` by a process that stopped: on the embedded database
   * (one process) every one at start; on PostgreSQL those not written for
   * `staleMs` (a running job's process writes it as its work goes, and
   * touches it between writes: JobRunner's heartbeat).
   */
  async failAbandoned(staleMs: number | null): Promise<number> {
    const failure: ApiErrorBody = {
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Interrupted: the process running this job stopped before it finished',
    };
    const [{ n }]: { n: number }[] = await this.db.query(
      `WITH failed AS (
         UPDATE jobs SET state = 'failed', failure = $1, updated_at = now(), finished_at = now()
          WHERE state = 'running'
            AND ($2::double precision IS NULL OR updated_at < now() - make_interval(secs => $2::double precision))
          RETURNING 1)
       SELECT count(*)::int AS n FROM failed`,
      [JSON.stringify(failure), staleMs === null ? null : staleMs / 1000],
    );
    return n;
  }

  private async finish(
    jobId: string,
    state: 'succeeded' | 'failed',
    snapshot: ProgressSnapshot,
    failure: ApiErrorBody | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE jobs SET state = $7, total = $2, processed = $3, errors = $4, error_samples = $5, result = $6,
              failure = $8, updated_at = now(), finished_at = now()
        WHERE id = $1`,
      [jobId, ...snapshotValues(snapshot), state, failure && JSON.stringify(failure)],
    );
  }
}

function snapshotValues(snapshot: ProgressSnapshot): unknown[] {
  return [
    snapshot.total,
    snapshot.processed,
    snapshot.errors,
    JSON.stringify(snapshot.errorSamples),
    snapshot.result && JSON.stringify(snapshot.result),
  ];
}
