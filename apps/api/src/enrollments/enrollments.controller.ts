import { Controller, Delete, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  EnrollInput,
  EnrollmentCounts,
  JobView,
  JobWork,
  ListEnrollmentsQuery,
  Principal,
} from '@tideway/server';
import {
  CurrentPrincipal,
  enrollSchema,
  EnrollmentsService,
  JobRunner,
  listEnrollmentsQuerySchema,
  RequireScopes,
  ResourceId,
  ValidBody,
  ValidQuery,
} from '@tideway/server';
import type { Request, Response } from 'express';
import { acceptJob, prefersRespondAsync, RespondsAsync } from '../jobs/respond-async';

@ApiTags('enrollments')
@Controller('api/v1/campaigns/:id')
export class EnrollmentsController {
  constructor(
    private readonly enrollments: EnrollmentsService,
    private readonly runner: JobRunner,
  ) {}

  @Post('enrollments')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes('campaigns:write', 'contacts:read')
  @ApiOperation({
    summary: 'Enroll contacts through the campaign\'s "Added manually" trigger',
    description:
      'By `contactIds` or by a contact `filter` (`tag`, `search`). Only a live campaign with a trigger.manual takes ' +
      'enrollments. Contacts the re-entry policy keeps out are counted as skipped. Contacts start moving within a moment.\n\n' +
      'Contacts are enrolled 10,000 per transaction (JOB_CHUNK_SIZE) in contact id order, so a filter matching a million ' +
      'contacts needs neither the memory nor the lock of one transaction, and a job shows its progress. Stopped midway (the ' +
      'campaign paused: 409; a shutdown), the chunks before stay enrolled and the job fails with its count; enrolling ' +
      'again is safe, the re-entry policy skipping who is in already.',
  })
  @RespondsAsync('enroll the contacts', '`{enrolled, skipped}`, once every contact is enrolled')
  async enroll(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @ValidBody(enrollSchema) input: EnrollInput,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EnrollmentCounts | { job: JobView }> {
    const respondAsync = prefersRespondAsync(request);
    if (respondAsync) this.runner.assertCapacity(principal.workspaceId);
    const plan = await this.enrollments.plan(principal.workspaceId, id, input);
    const origin = {
      workspaceId: principal.workspaceId,
      userId: principal.userId,
      campaignId: id,
      input: 'filter' in input ? { filter: input.filter } : { contacts: plan.total },
    };
    const work: JobWork<EnrollmentCounts> = (progress, signal) =>
      this.enrollments.run(plan, progress, signal);
    if (respondAsync) {
      return acceptJob(
        response,
        await this.runner.start('enrollment', origin, work, (counts) => counts),
      );
    }
    return this.runner.run('enrollment', origin, work, (counts) => counts);
  }

  @Get('enrollments')
  @RequireScopes('campaigns:read')
  @ApiOperation({
    summary: 'Who is where: enrollments newest first; `state=active` means ready or waiting',
  })
  @ApiOkResponse({ description: '{data: Enrollment[], nextCursor}' })
  list(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @ValidQuery(listEnrollmentsQuerySchema) query: ListEnrollmentsQuery,
  ) {
    return this.enrollments.list(principal.workspaceId, id, query);
  }

  @Delete('enrollments/:contactId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireScopes('campaigns:write')
  @ApiOperation({ summary: 'Take a contact out of the campaign (it exits with reason "removed")' })
  @ApiNoContentResponse()
  async remove(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @ResourceId('Contact', 'contactId') contactId: string,
  ): Promise<void> {
    await this.enrollments.remove(principal.workspaceId, id, contactId);
  }

  @Get('stats')
  @RequireScopes('campaigns:read')
  @ApiOperation({
    summary: 'Contacts per element',
    description:
      '`nodes[id]`: `current` (on it now), `entered`, `completed` (moved on), `failed`. `enrollments`: `active` ' +
      '(in the campaign now, ready or waiting), `waiting`, `completed`, `exited`.',
  })
  stats(@CurrentPrincipal() principal: Principal, @ResourceId('Campaign') id: string) {
    return this.enrollments.stats(principal.workspaceId, id);
  }
}
