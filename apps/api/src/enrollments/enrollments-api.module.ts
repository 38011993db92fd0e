import { Module } from '@nestjs/common';
import { EnrollmentsService, JobsModule, TestRunService, TimelineService } from '@tideway/server';
import { ContactTimelineController } from './contact-timeline.controller';
import { EnrollmentsController } from './enrollments.controller';
import { TestRunsController } from './test-runs.controller';

/** The engine seen over HTTP: enrollments, counts, test runs, contact timelines. */
@Module({
  imports: [JobsModule],
  controllers: [EnrollmentsController, TestRunsController, ContactTimelineController],
  providers: [EnrollmentsService, TestRunService, TimelineService],
})
export class EnrollmentsApiModule {}
