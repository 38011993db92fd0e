import { randomBytes } from 'node:crypto';
import { BullJobQueue } from './bull-job-queue';
import { InlineJobQueue } from './inline-job-queue';
import type { JobQueue } from './job-queue';

/**
 * The queue port's contract, run against every adapter that can run here:
 * the in-process queue always, Bull whenever a Redis is configured for tests.
 */
type Adapter = { name: string; create(): JobQueue };

// Each configuration of `npm test` covers the adapter it runs with.
const redisUrl = process.env.TIDEWAY_TEST_DB === 'postgres' ? process.env.TEST_REDIS_URL : undefined;
const adapters: Adapter[] = redisUrl
  ? [{ name: 'BullJobQueue', create: () => new BullJobQueue(redisUrl, `tideway-contract-${randomBytes(4).toString('hex')}`) }]
  : [{ name: 'InlineJobQueue', create: () => new InlineJobQueue() }];

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(adapters)('$name', ({ create }) => {
  let queue: JobQueue;
  beforeEach(() => {
    queue = create();
  });
  afterEach(() => queue.close());

  it('hands each job to the consumer once, with its data', async () => {
    const seen: number[] = [];
    queue.process<{ n: number }>('contract', 2, async ({ n }) => {
      seen.push(n);
    });
    for (let n = 0; n < 20; n++) await queue.add('contract', { n });
    await waitFor(() => seen.length === 20);
    expect([...seen].sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
  });

  it('delivers jobs added before a consumer exists once it starts', async () => {
    await queue.add('early', { n: 1 });
    const seen: number[] = [];
    queue.process<{ n: number }>('early', 1, async ({ n }) => {
      seen.push(n);
    });
    await waitFor(() => seen.length === 1);
    expect(seen).toEqual([1]);
  });

  it('never runs more handlers at once than the concurrency', async () => {
    let running = 0;
    let peak = 0;
    let done = 0;
    queue.process('limited', 3, async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      done++;
    });
    for (let n = 0; n < 12; n++) await queue.add('limited', { n });
    await waitFor(() => done === 12);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('holds a delayed job back until its delay has passed', async () => {
    const ran: number[] = [];
    queue.process('delayed', 1, async () => {
      ran.push(Date.now());
    });
    const added = Date.now();
    await queue.add('delayed', {}, { delayMs: 300 });
    await waitFor(() => ran.length === 1);
    expect(ran[0] - added).toBeGreaterThanOrEqual(250);
  });

  it('adds a job id that is already waiting only once', async () => {
    await queue.add('dedupe', { n: 1 }, { jobId: 'enrollment-1', delayMs: 200 });
    await queue.add('dedupe', { n: 2 }, { jobId: 'enrollment-1', delayMs: 200 });
    const seen: number[] = [];
    queue.process<{ n: number }>('dedupe', 1, async ({ n }) => {
      seen.push(n);
    });
    await waitFor(() => seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([1]);
  });

  it('accepts the same job id again once the first job has run', async () => {
    const seen: number[] = [];
    queue.process<{ n: number }>('again', 1, async ({ n }) => {
      seen.push(n);
    });
    await queue.add('again', { n: 1 }, { jobId: 'x' });
    await waitFor(() => seen.length === 1);
    await queue.add('again', { n: 2 }, { jobId: 'x' });
    await waitFor(() => seen.length === 2);
    expect(seen).toEqual([1, 2]);
  });

  it('counts a handler that throws as failed and goes on with the next job', async () => {
    const seen: number[] = [];
    queue.process<{ n: number }>('failing', 1, async ({ n }) => {
      if (n === 1) throw new Error('boom');
      seen.push(n);
    });
    await queue.add('failing', { n: 1 });
    await queue.add('failing', { n: 2 });
    await waitFor(() => seen.length === 1);
    const counts = await queue.counts('failing');
    expect(counts.failed).toBe(1);
    expect(seen).toEqual([2]);
  });
});
