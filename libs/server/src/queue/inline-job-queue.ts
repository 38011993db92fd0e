import { AsyncResource } from 'node:async_hooks';
import type { JobHandler, JobOptions, JobQueue, QueueCounts } from './job-queue';

type Job = { data: unknown; jobId?: string };

type Lane = {
  waiting: Job[];
  delayed: Map<NodeJS.Timeout, Job>;
  ids: Set<string>;
  active: number;
  failed: number;
  consumer?: { concurrency: number; handler: JobHandler<unknown> };
};

/**
 * The embedded mode's queue: jobs live in this process's memory. Losing them
 * in a crash is allowed by design, since each job only points at a database
 * row that a reconciler will find again.
 */
export class InlineJobQueue implements JobQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  async add<T>(queue: string, data: T, options: JobOptions = {}): Promise<void> {
    if (this.closed) return;
    const lane = this.lane(queue);
    if (options.jobId !== undefined) {
      if (lane.ids.has(options.jobId)) return;
      lane.ids.add(options.jobId);
    }
    const job: Job = { data, jobId: options.jobId };
    if (options.delayMs && options.delayMs > 0) {
      const timer = setTimeout(() => {
        lane.delayed.delete(timer);
        this.enqueue(queue, lane, job);
      }, options.delayMs);
      timer.unref();
      lane.delayed.set(timer, job);
    } else {
      this.enqueue(queue, lane, job);
    }
  }

  process<T>(queue: string, concurrency: number, handler: JobHandler<T>): void {
    const lane = this.lane(queue);
    if (lane.consumer) throw new Error(`Queue ${queue} already has a consumer`);
    // Jobs run in the consumer's async context, as they would in a worker of
    // their own: not in that of whoever added them, whose request id would
    // otherwise follow the job into the engine's log lines.
    const detached = AsyncResource.bind(handler as JobHandler<unknown>);
    lane.consumer = { concurrency: Math.max(1, concurrency), handler: detached };
    this.drain(lane);
  }

  async counts(queue: string): Promise<QueueCounts> {
    const lane = this.lane(queue);
    return { waiting: lane.waiting.length, active: lane.active, delayed: lane.delayed.size, failed: lane.failed };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) {
      for (const timer of lane.delayed.keys()) clearTimeout(timer);
      lane.delayed.clear();
      lane.waiting.length = 0;
    }
    await Promise.allSettled([...this.running]);
  }

  private lane(queue: string): Lane {
    let lane = this.lanes.get(queue);
    if (!lane) {
      lane = { waiting: [], delayed: new Map(), ids: new Set(), active: 0, failed: 0 };
      this.lanes.set(queue, lane);
    }
    return lane;
  }

  private enqueue(_queue: string, lane: Lane, job: Job): void {
    lane.waiting.push(job);
    this.drain(lane);
  }

  private drain(lane: Lane): void {
    const consumer = lane.consumer;
    if (!consumer || this.closed) return;
    while (lane.active < consumer.concurrency && lane.waiting.length > 0) {
      const job = lane.waiting.shift()!;
      if (job.jobId !== undefined) lane.ids.delete(job.jobId);
      lane.active++;
      const run = Promise.resolve()
        .then(() => consumer.handler(job.data))
        .catch(() => {
          lane.failed++;
        })
        .finally(() => {
          lane.active--;
          this.running.delete(run);
          this.drain(lane);
        });
      this.running.add(run);
    }
  }
}
