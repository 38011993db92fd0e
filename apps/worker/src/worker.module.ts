import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, ConfigModule, DatabaseModule, QueueModule } from '@tideway/server';

/**
 * A worker process: the database and the queues, no HTTP. Run N of them on one
 * PostgreSQL + Redis; they share the queues and the database decides who moves what.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), QueueModule.forRoot(config)],
    };
  }
}
