import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfig, AuthGuard, ConfigModule, DatabaseModule, QueueModule } from '@tideway/server';
import { HealthController } from './health/health.controller';

/** The HTTP API. With config.runWorker the same process also consumes the queues. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(config), QueueModule.forRoot(config)],
      controllers: [HealthController],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
