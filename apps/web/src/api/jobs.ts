import type { ErrorBody } from './api-error';
import { apiRequest } from './client';

export type JobKind = 'import' | 'enrollment' | 'publish';
export type JobState = 'running' | 'succeeded' | 'failed';

export interface JobErrorSample {
  row?: number;
  field?: string;
  message: string;
}

/** Long work on the server (GET /api/v1/jobs/:id): how far it got, its errors, its result. */
export interface Job<Result = Record<string, unknown>> {
  id: string;
  kind: JobKind;
  state: JobState;
  campaignId: string | null;
  /** Null while the server is still counting. */
  total: number | null;
  processed: number;
  errors: number;
  errorSamples: JobErrorSample[];
  /** The synchronous route's answer once done; what was done so far before that. */
  result: Result | null;
  failure: ErrorBody | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** Asks a route to answer at once with `{job}` and do its work in the background (RFC 7240). */
export const RESPOND_ASYNC = { prefer: 'respond-async' } as const;

export const fetchJob = <Result>(id: string, signal?: AbortSignal) =>
  apiRequest<Job<Result>>('GET', `/api/v1/jobs/${encodeURIComponent(id)}`, { signal });
