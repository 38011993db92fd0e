import { Module } from '@nestjs/common';
import { JobRunner } from './job-runner.service';
import { JobsService } from './jobs.service';

/** Jobs: long work run in the API process, its progress and outcome kept for polling. */
@Module({ providers: [JobsService, JobRunner], exports: [JobsService, JobRunner] })
export class JobsModule {}
