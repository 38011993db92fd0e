import { ApiError, NETWORK_ERROR_STATUS, toApiError } from './api-error';
import { isAbort } from './client';
import type { Job } from './jobs';

/** Half a second: progress feels live, and the server sees two light reads a second per watcher. */
export const JOB_POLL_MS = 500;
/** Most jobs of a small list are done at once: the first look comes sooner. */
export const FIRST_POLL_MS = 150;
/** Polls that may fail in a row (a dropped connection, a restart) before the watcher gives up. */
const MAX_FAILED_POLLS = 5;

export interface WatchJobOptions<Result> {
  fetch: (id: string, signal: AbortSignal) => Promise<Job<Result>>;
  /** Each state seen, the first one included. */
  onUpdate: (job: Job<Result>) => void;
  signal: AbortSignal;
  intervalMs?: number;
  firstPollMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * Polls a job until it is no longer running and resolves with its last
 * state (succeeded or failed: the caller reads which). A failed poll is
 * retried; several in a row reject. Aborting stops the polling (the job goes
 * on on the server) and rejects with the abort.
 */
export async function watchJob<Result>(
  job: Job<Result>,
  options: WatchJobOptions<Result>,
): Promise<Job<Result>> {
  const {
    fetch,
    onUpdate,
    signal,
    intervalMs = JOB_POLL_MS,
    firstPollMs = FIRST_POLL_MS,
    sleep = sleepFor,
  } = options;
  let current = job;
  let failures = 0;
  let polls = 0;
  onUpdate(current);
  while (current.state === 'running') {
    await sleep(polls++ === 0 ? Math.min(firstPollMs, intervalMs) : intervalMs, signal);
    try {
      const next = await fetch(current.id, signal);
      failures = 0;
      // processed never goes back; an answer that says otherwise is older than one already shown.
      if (next.state === 'running' && next.processed < current.processed) continue;
      current = next;
      onUpdate(current);
    } catch (thrown) {
      if (isAbort(thrown) || signal.aborted) throw thrown;
      const error = toApiError(thrown);
      if (error.status !== NETWORK_ERROR_STATUS && error.status < 500) throw error;
      if (++failures >= MAX_FAILED_POLLS) throw error;
    }
  }
  return current;
}

/** The failure of a finished job as an error the forms show. */
export function jobFailure(job: Job<unknown>): ApiError | null {
  if (job.state !== 'failed') return null;
  const failure = job.failure ?? {
    statusCode: 500,
    error: 'Internal Server Error',
    message: 'The job failed.',
  };
  return new ApiError({
    status: failure.statusCode,
    error: failure.error,
    message: failure.message,
    details: failure.details,
  });
}

function sleepFor(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
