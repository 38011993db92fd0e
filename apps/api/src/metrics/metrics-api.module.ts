import { Module } from '@nestjs/common';
import { MetricsModule } from '@tideway/server';
import { MetricsController } from './metrics.controller';

/** GET /metrics, from the process's metrics (MetricsModule, which the engine counts into). */
@Module({ imports: [MetricsModule], controllers: [MetricsController] })
export class MetricsApiModule {}
