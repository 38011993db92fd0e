import { Module } from '@nestjs/common';
import { EnrollmentScanner } from './enrollment-scanner.service';

/** Consumes the step queue and runs the scanner: imported by workers, and by the API in embedded mode. */
@Module({
  providers: [EnrollmentScanner],
  exports: [EnrollmentScanner],
})
export class EngineWorkerModule {}
