import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import type { AppConfig } from '@tideway/server';
import {
  ConfigModule,
  DatabaseModule,
  EngineModule,
  EngineWorkerModule,
  MetricsModule,
  MetricsServer,
  QueueModule,
} from '@tideway/server';

/**
 * A worker process: the database and the queues, no HTTP API. Run N of them on one
 * PostgreSQL + Redis; they share the queues and the database decides who moves what.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config),
        QueueModule.forRoot(config),
        EngineModule.forRoot(),
        EngineWorkerModule,
        MetricsModule,
      ],
      // GET /metrics on METRICS_PORT, when set: a worker has no other HTTP.
      providers: [MetricsServer],
    };
  }
}
