import type { ApiErrorBody } from '../http/api-error';
import type { JobErrorSample, JobKind, JobState } from './job.schema';

/** A job as the API shows it (GET /api/v1/jobs/:id). */
export type JobView = {
  id: string;
  kind: JobKind;
  state: JobState;
  input: Record<string, unknown>;
  campaignId: string | null;
  /** How much work there is; null while it is still being counted. */
  total: number | null;
  processed: number;
  errors: number;
  errorSamples: JobErrorSample[];
  /** What the synchronous route answers; while running or after a failure, what was done so far. */
  result: Record<string, unknown> | null;
  /** Why it failed, in the API's error shape. */
  failure: ApiErrorBody | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

export const JOB_COLUMNS = `id, kind, state, input, campaign_id AS "campaignId", total, processed, errors,
  error_samples AS "errorSamples", result, failure, created_by AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt", finished_at AS "finishedAt"`;

/** Where a client polls a job. */
export function jobPath(id: string): string {
  return `/api/v1/jobs/${id}`;
}
