import Bull from 'bull';
import type { JobHandler, JobOptions, JobQueue, QueueCounts } from './job-queue';

/**
 * Bull on Redis: the scaled mode's queue, shared by every worker process.
 * Completed jobs are removed at once so that a jobId can be added again later.
 */
export class BullJobQueue implements JobQueue {
  private readonly queues = new Map<string, Bull.Queue>();

  constructor(
    private readonly redisUrl: string,
    private readonly prefix: string,
  ) {}

  async add<T>(queue: string, data: T, options: JobOptions = {}): Promise<void> {
    await this.queue(queue).add(data, {
      jobId: options.jobId,
      delay: options.delayMs && options.delayMs > 0 ? Math.ceil(options.delayMs) : undefined,
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  process<T>(queue: string, concurrency: number, handler: JobHandler<T>): void {
    void this.queue(queue).process(Math.max(1, concurrency), (job) => handler(job.data as T));
  }

  async counts(queue: string): Promise<QueueCounts> {
    const counts = await this.queue(queue).getJobCounts();
    return {
      waiting: counts.waiting,
      active: counts.active,
      delayed: counts.delayed,
      failed: counts.failed,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }

  /** The Bull queue behind `name`, for tools that read Bull itself (the queue dashboard). */
  bullQueue(name: string): Bull.Queue {
    return this.queue(name);
  }

  private queue(name: string): Bull.Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Bull(name, this.redisUrl, { prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
