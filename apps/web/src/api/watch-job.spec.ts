import { ApiError, networkError } from './api-error';
import type { Job } from './jobs';
import { jobFailure, watchJob } from './watch-job';

const aJob = (changes: Partial<Job> = {}): Job => ({
  id: 'job-1',
  kind: 'import',
  state: 'running',
  campaignId: null,
  total: null,
  processed: 0,
  errors: 0,
  errorSamples: [],
  result: null,
  failure: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: null,
  ...changes,
});

/** Answers the polls in order, and records how long the watcher waited before each. */
function server(...answers: (Job | Error)[]) {
  const waits: number[] = [];
  const fetch = jest.fn(async () => {
    const next = answers.shift();
    if (!next) throw new Error('polled after the job ended');
    if (next instanceof Error) throw next;
    return next;
  });
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { fetch, sleep, waits };
}

describe('watchJob', () => {
  it('polls until the job ends, showing every state on the way, the first look sooner than the rest', async () => {
    const { fetch, sleep, waits } = server(
      aJob({ total: 20_000, processed: 5_000 }),
      aJob({ total: 20_000, processed: 12_500, errors: 2 }),
      aJob({
        state: 'succeeded',
        total: 20_000,
        processed: 20_000,
        errors: 2,
        result: { created: 19_998 },
      }),
    );
    const seen: number[] = [];
    const done = await watchJob(aJob(), {
      fetch,
      sleep,
      signal: new AbortController().signal,
      onUpdate: (job) => seen.push(job.processed),
    });
    expect(done).toMatchObject({
      state: 'succeeded',
      processed: 20_000,
      result: { created: 19_998 },
    });
    expect(seen).toEqual([0, 5_000, 12_500, 20_000]);
    expect(waits).toEqual([150, 500, 500]);
  });

  it('never shows a count going backwards (an answer older than one already shown)', async () => {
    const { fetch, sleep } = server(
      aJob({ total: 10, processed: 6 }),
      aJob({ total: 10, processed: 4 }),
      aJob({ state: 'succeeded', total: 10, processed: 10 }),
    );
    const seen: number[] = [];
    await watchJob(aJob(), {
      fetch,
      sleep,
      signal: new AbortController().signal,
      onUpdate: (job) => seen.push(job.processed),
    });
    expect(seen).toEqual([0, 6, 10]);
  });

  it('resolves with a failed job: the caller decides what a failure means', async () => {
    const failed = aJob({
      state: 'failed',
      processed: 500,
      failure: { statusCode: 409, error: 'Conflict', message: 'Paused midway' },
    });
    const { fetch, sleep } = server(failed);
    const done = await watchJob(aJob(), {
      fetch,
      sleep,
      signal: new AbortController().signal,
      onUpdate: () => undefined,
    });
    expect(jobFailure(done)).toMatchObject({ status: 409, message: 'Paused midway' });
    expect(jobFailure(aJob({ state: 'succeeded' }))).toBeNull();
  });

  it('rides out a few failed polls (a restart, a dropped connection), then gives up', async () => {
    const recovering = server(
      networkError(),
      networkError(),
      aJob({ state: 'succeeded', processed: 3, total: 3 }),
    );
    await expect(
      watchJob(aJob(), {
        ...recovering,
        signal: new AbortController().signal,
        onUpdate: () => undefined,
      }),
    ).resolves.toMatchObject({ state: 'succeeded' });

    const down = server(...Array.from({ length: 5 }, () => networkError()));
    await expect(
      watchJob(aJob(), {
        ...down,
        signal: new AbortController().signal,
        onUpdate: () => undefined,
      }),
    ).rejects.toMatchObject({
      status: 0,
    });
  });

  it('stops at once on an answer that will not change by asking again (the job is gone: 404)', async () => {
    const gone = server(
      new ApiError({ status: 404, error: 'Not Found', message: 'Job not found' }),
    );
    await expect(
      watchJob(aJob(), {
        ...gone,
        signal: new AbortController().signal,
        onUpdate: () => undefined,
      }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(gone.fetch).toHaveBeenCalledTimes(1);
  });

  it('does not poll a job that has already ended', async () => {
    const { fetch, sleep } = server();
    const done = await watchJob(aJob({ state: 'succeeded' }), {
      fetch,
      sleep,
      signal: new AbortController().signal,
      onUpdate: () => undefined,
    });
    expect(done.state).toBe('succeeded');
    expect(fetch).not.toHaveBeenCalled();
  });
});
