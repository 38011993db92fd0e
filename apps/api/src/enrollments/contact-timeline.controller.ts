import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal, TimelineQuery } from '@tideway/server';
import { CurrentPrincipal, RequireScopes, ResourceId, TimelineService, timelineQuerySchema, ValidQuery } from '@tideway/server';

@ApiTags('contacts')
@Controller('api/v1/contacts/:id/timeline')
export class ContactTimelineController {
  constructor(private readonly timelines: TimelineService) {}

  @Get()
  @RequireScopes('contacts:read', 'campaigns:read')
  @ApiOperation({ summary: "The contact's enrollments, steps and deliveries across campaigns, newest first (page with `before`)" })
  @ApiOkResponse({ description: '{data: [{kind, at, campaignId, campaignName, nodeId, outcome, detail}], nextBefore}' })
  timeline(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Contact') id: string,
    @ValidQuery(timelineQuerySchema) query: TimelineQuery,
  ) {
    return this.timelines.timeline(principal.workspaceId, id, query);
  }
}
