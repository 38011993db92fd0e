import { Global, Module } from '@nestjs/common';
import { Metrics } from './metrics';
import { OperationalGauges } from './operational-gauges';

/**
 * The process's metrics, injectable everywhere (the engine counts into them).
 * Serving them is the app's part: the API's GET /metrics, a worker's
 * MetricsServer on METRICS_PORT.
 */
@Global()
@Module({
  providers: [Metrics, OperationalGauges],
  exports: [Metrics],
})
export class MetricsModule {}
