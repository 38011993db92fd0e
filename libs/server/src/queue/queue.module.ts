import type { DynamicModule, OnApplicationShutdown } from '@nestjs/common';
import { Inject, Injectable, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { BullJobQueue } from './bull-job-queue';
import { InlineJobQueue } from './inline-job-queue';
import { JOB_QUEUE, QUEUE_KIND } from './job-queue';
import type { QueueKind } from './job-queue';
import type { JobQueue } from './job-queue';

@Injectable()
class QueueShutdown implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
  }
}

/** Bull on Redis when REDIS_URL is set, otherwise the in-process queue. */
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const kind: QueueKind = config.redisUrl ? 'bull' : 'inline';
    return {
      module: QueueModule,
      global: true,
      providers: [
        {
          provide: JOB_QUEUE,
          useFactory: (): JobQueue =>
            config.redisUrl ? new BullJobQueue(config.redisUrl, config.queuePrefix) : new InlineJobQueue(),
        },
        { provide: QUEUE_KIND, useValue: kind },
        QueueShutdown,
      ],
      exports: [JOB_QUEUE, QUEUE_KIND],
    };
  }
}
