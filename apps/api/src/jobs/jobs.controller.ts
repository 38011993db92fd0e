import { Controller, Get, HttpStatus } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { JobKind, JobPage, JobView, ListJobsQuery, Principal } from '@tideway/server';
import {
  ApiError,
  CurrentPrincipal,
  hasScope,
  JOB_KINDS,
  JOB_READ_SCOPE,
  JobsService,
  listJobsQuerySchema,
  ResourceId,
  ValidQuery,
} from '@tideway/server';
import { JOB, JOB_PAGE } from './job.responses';

const SCOPE_RULE =
  'Reading a job takes the scope reading its work takes: `contacts:read` for imports, `campaigns:read` for ' +
  'enrollments and publishes.';

/** Long work and its progress: CSV imports, enrollments, publishes that move many contacts. */
@ApiTags('jobs')
@ApiBearerAuth()
@ApiCookieAuth()
@ApiUnauthorizedResponse({ description: 'No valid API key or session' })
@Controller('api/v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({
    summary: 'Jobs, newest first',
    description: `Of the kinds the caller may read (without \`kind\`), or of one kind. ${SCOPE_RULE}`,
  })
  @ApiOkResponse({ schema: JOB_PAGE })
  @ApiForbiddenResponse({ description: 'The caller may read no job of the kind asked for' })
  list(
    @CurrentPrincipal() principal: Principal,
    @ValidQuery(listJobsQuerySchema) query: ListJobsQuery,
  ): Promise<JobPage> {
    const kinds = (query.kind ? [query.kind] : JOB_KINDS).filter((kind) =>
      hasScope(principal, JOB_READ_SCOPE[kind]),
    );
    if (kinds.length === 0) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        `Missing scope: ${query.kind ? JOB_READ_SCOPE[query.kind] : 'contacts:read or campaigns:read'}`,
      );
    }
    return this.jobs.list(principal.workspaceId, kinds, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A job: how far it got, its errors, its result',
    description:
      'Poll it while `state` is `running` (every half second is plenty); `processed` grows towards `total`. ' +
      SCOPE_RULE,
  })
  @ApiOkResponse({ schema: JOB })
  @ApiForbiddenResponse({ description: 'The caller lacks the scope of the job' })
  @ApiNotFoundResponse({ description: 'No such job in this workspace' })
  async find(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Job') id: string,
  ): Promise<JobView> {
    const job = await this.jobs.find(principal.workspaceId, id);
    if (!hasScope(principal, JOB_READ_SCOPE[job.kind])) throw missingScope(job.kind);
    return job;
  }
}

function missingScope(kind: JobKind): ApiError {
  return new ApiError(HttpStatus.FORBIDDEN, `Missing scope: ${JOB_READ_SCOPE[kind]}`);
}
