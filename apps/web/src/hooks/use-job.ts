import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error';
import { isAbort } from '../api/client';
import { fetchJob, type Job } from '../api/jobs';
import { jobFailure, watchJob } from '../api/watch-job';

export interface JobRun<Result> {
  /** The latest state of the job: shown while it runs, and after. */
  job: Job<Result> | null;
  /** Starting the job or waiting for it to end. */
  pending: boolean;
  /** It could not start, could not be followed, or failed. */
  error: ApiError | null;
  /** Starts the work and follows its job; resolves with the job once it succeeded, undefined otherwise. */
  run: (start: () => Promise<Job<Result>>) => Promise<Job<Result> | undefined>;
  reset: () => void;
}

/**
 * State for one long piece of work the user started (an import, an
 * enrollment, a publish): the request that starts it answers a job at once,
 * which is then polled until it ends, so the screen shows a count rather than
 * a bare spinner. Leaving the screen stops the polling, not the work.
 */
export function useJob<Result>(): JobRun<Result> {
  const [job, setJob] = useState<Job<Result> | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const run = useCallback(async (start: () => Promise<Job<Result>>) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setPending(true);
    setError(null);
    setJob(null);
    try {
      const started = await start();
      const finished = await watchJob(started, {
        fetch: (id, signal) => fetchJob<Result>(id, signal),
        onUpdate: (next) => {
          if (!controller.signal.aborted) setJob(next);
        },
        signal: controller.signal,
      });
      const failure = jobFailure(finished);
      if (failure) {
        setError(failure);
        return undefined;
      }
      return finished;
    } catch (thrown) {
      if (!isAbort(thrown) && !controller.signal.aborted) setError(toApiError(thrown));
      return undefined;
    } finally {
      if (!controller.signal.aborted) setPending(false);
    }
  }, []);

  const reset = useCallback(() => {
    controllerRef.current?.abort();
    setJob(null);
    setError(null);
    setPending(false);
  }, []);

  return { job, pending, error, run, reset };
}
