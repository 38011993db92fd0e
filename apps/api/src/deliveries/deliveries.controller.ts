import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ListDeliveriesQuery, Principal } from '@tideway/server';
import { CurrentPrincipal, DeliveriesService, listDeliveriesQuerySchema, RequireScopes, ResourceId, ValidQuery } from '@tideway/server';

@ApiTags('deliveries')
@Controller('api/v1/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @RequireScopes('campaigns:read')
  @ApiOperation({ summary: 'The delivery log, newest first, filtered by campaign, node, contact or status' })
  @ApiOkResponse({ description: '{data: Delivery[], nextCursor}' })
  list(@CurrentPrincipal() principal: Principal, @ValidQuery(listDeliveriesQuerySchema) query: ListDeliveriesQuery) {
    return this.deliveries.list(principal.workspaceId, query);
  }

  @Get(':id')
  @RequireScopes('campaigns:read')
  @ApiOperation({ summary: 'A delivery with every attempt: request (credentials redacted), response, duration, error' })
  get(@CurrentPrincipal() principal: Principal, @ResourceId('Delivery') id: string) {
    return this.deliveries.get(principal.workspaceId, id);
  }

  @Post(':id/replay')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequireScopes('campaigns:write')
  @ApiOperation({ summary: 'Send again, now, under the same webhook-id' })
  @ApiAcceptedResponse({ description: '{id, status}' })
  replay(@CurrentPrincipal() principal: Principal, @ResourceId('Delivery') id: string) {
    return this.deliveries.replay(principal.workspaceId, id);
  }
}
