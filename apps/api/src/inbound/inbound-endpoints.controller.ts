import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AppConfig, InboundEndpointView, Principal } from '@tideway/server';
import {
  APP_CONFIG,
  CampaignsService,
  CurrentPrincipal,
  InboundService,
  RequireScopes,
  ResourceId,
} from '@tideway/server';
import type { Request } from 'express';
import { INBOUND_ENDPOINT, INBOUND_ENDPOINT_LIST, INBOUND_SECRET } from './inbound.responses';
import { publicBaseUrl } from './public-url';

const NO_ENDPOINT =
  'No campaign in this workspace, or the element has no inbound URL (save the campaign first)';

/** The inbound URLs of a campaign's webhook elements, and their signing secrets. */
@ApiTags('inbound webhooks')
@Controller('api/v1/campaigns/:id/inbound')
export class InboundEndpointsController {
  constructor(
    private readonly inbound: InboundService,
    private readonly campaigns: CampaignsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @RequireScopes('campaigns:read')
  @ApiOperation({ summary: "The inbound URLs of the draft's webhook trigger and goal elements" })
  @ApiOkResponse({ schema: INBOUND_ENDPOINT_LIST })
  @ApiNotFoundResponse({ description: 'No such campaign in this workspace' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @Req() request: Request,
  ): Promise<{ data: InboundEndpointView[] }> {
    const campaign = await this.campaigns.get(principal.workspaceId, id);
    return {
      data: await this.inbound.endpointsFor(
        principal.workspaceId,
        id,
        campaign.graph,
        publicBaseUrl(this.config, request),
      ),
    };
  }

  @Put(':nodeId/secret')
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'Require signed requests',
    description:
      'A new Standard Webhooks signing secret (`whsec_...`), shown this once; it replaces any previous one. ' +
      'From now on requests without a valid signature are refused (401).',
  })
  @ApiOkResponse({ schema: INBOUND_SECRET })
  @ApiNotFoundResponse({ description: NO_ENDPOINT })
  createSecret(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @Param('nodeId') nodeId: string,
  ): Promise<{ secret: string }> {
    return this.inbound.createSecret(principal.workspaceId, id, nodeId);
  }

  @Delete(':nodeId/secret')
  @HttpCode(204)
  @RequireScopes('campaigns:write')
  @ApiOperation({ summary: 'Stop requiring signed requests' })
  @ApiNoContentResponse({ description: 'Requests are no longer verified' })
  @ApiNotFoundResponse({ description: NO_ENDPOINT })
  async removeSecret(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @Param('nodeId') nodeId: string,
  ): Promise<void> {
    await this.inbound.removeSecret(principal.workspaceId, id, nodeId);
  }

  @Post(':nodeId/rotate-token')
  @HttpCode(200)
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'A new inbound URL',
    description: 'The old URL answers 404 from now on.',
  })
  @ApiOkResponse({ schema: INBOUND_ENDPOINT })
  @ApiNotFoundResponse({ description: NO_ENDPOINT })
  rotateToken(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @Param('nodeId') nodeId: string,
    @Req() request: Request,
  ): Promise<InboundEndpointView> {
    return this.inbound.rotateToken(
      principal.workspaceId,
      id,
      nodeId,
      publicBaseUrl(this.config, request),
    );
  }
}
