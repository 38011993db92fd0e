import { Module } from '@nestjs/common';
import { JobsModule } from '@tideway/server';
import { JobsController } from './jobs.controller';

/** GET /api/v1/jobs: progress of long work, started by the import, enrollment and publish routes. */
@Module({ imports: [JobsModule], controllers: [JobsController] })
export class JobsApiModule {}
