import { Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EnrollInput, ListEnrollmentsQuery, Principal } from '@tideway/server';
import {
  CurrentPrincipal,
  enrollSchema,
  EnrollmentsService,
  listEnrollmentsQuerySchema,
  RequireScopes,
  ResourceId,
  ValidBody,
  ValidQuery,
} from '@tideway/server';

@ApiTags('enrollments')
@Controller('api/v1/campaigns/:id')
export class EnrollmentsController {
  constructor(private readonly enrollments: EnrollmentsService) {}

  @Post('enrollments')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes('campaigns:write', 'contacts:read')
  @ApiOperation({
    summary: 'Enroll contacts through the campaign\'s "Added manually" trigger',
    description:
      'By `contactIds` or by a contact `filter` (`tag`, `search`). Only a live campaign with a trigger.manual takes ' +
      'enrollments. Contacts the re-entry policy keeps out are counted as skipped. Contacts start moving within a moment.',
  })
  @ApiAcceptedResponse({ description: '{enrolled, skipped}' })
  enroll(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @ValidBody(enrollSchema) input: EnrollInput,
  ) {
    return this.enrollments.enroll(principal.workspaceId, id, input);
  }

  @Get('enrollments')
  @RequireScopes('campaigns:read')
  @ApiOperation({ summary: 'Who is where: enrollments newest first; `state=active` means ready or waiting' })
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

