import { Module } from '@nestjs/common';
import { DeliveryRunner } from '../deliveries/delivery-runner.service';
import { DueWorkScanner } from './due-work-scanner.service';

/** Consumes the step and delivery queues and runs the scanner: imported by workers, and by the API in embedded mode. */
@Module({
  providers: [DueWorkScanner, DeliveryRunner],
  exports: [DueWorkScanner],
})
export class EngineWorkerModule {}
