import type { DynamicModule } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig, EngineOptions } from '@tideway/server';
import {
  AuthGuard,
  ConfigModule,
  DatabaseModule,
  EngineModule,
  EngineWorkerModule,
  QueueModule,
} from '@tideway/server';
import { DeliveriesApiModule } from './deliveries/deliveries-api.module';
import { HooksApiModule } from './hooks/hooks-api.module';
import { EnrollmentsApiModule } from './enrollments/enrollments-api.module';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { UsersModule } from './users/users.module';
import { WorkspacesModule } from './workspaces/workspaces.module';
import { ContactsApiModule } from './contacts/contacts-api.module';
import { FieldsApiModule } from './fields/fields-api.module';
import { CampaignsApiModule } from './campaigns/campaigns-api.module';
import { InboundApiModule } from './inbound/inbound-api.module';
import { JobsApiModule } from './jobs/jobs-api.module';
import { MetricsApiModule } from './metrics/metrics-api.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';

/** The HTTP API. With config.runWorker the same process also consumes the queues. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, engine: EngineOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(config),
        QueueModule.forRoot(config),
        EngineModule.forRoot(engine),
        ...(config.runWorker ? [EngineWorkerModule] : []),
        AuthModule,
        UsersModule,
        WorkspacesModule,
        ApiKeysModule,
        ContactsApiModule,
        FieldsApiModule,
        CampaignsApiModule,
        EnrollmentsApiModule,
        DeliveriesApiModule,
        HooksApiModule,
        InboundApiModule,
        JobsApiModule,
        MetricsApiModule,
        QueueDashboardModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }, ReadinessService],
    };
  }
}
