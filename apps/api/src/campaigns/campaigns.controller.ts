import { Controller, Get, Inject, Patch, Post, Req } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type {
  AppConfig,
  CampaignSummary,
  CampaignView,
  CreateCampaignInput,
  ListCampaignsQuery,
  Principal,
  UpdateCampaignInput,
} from '@tideway/server';
import { APP_CONFIG, CampaignsService, inboundFields, InboundService } from '@tideway/server';
import type { Request } from 'express';
import { publicBaseUrl } from '../inbound/public-url';
import {
  createCampaignSchema,
  CurrentPrincipal,
  listCampaignsQuerySchema,
  RequireScopes,
  ResourceId,
  updateCampaignSchema,
  ValidBody,
  ValidQuery,
} from '@tideway/server';
import { CampaignBody } from './campaign-body';
import { CAMPAIGN, CAMPAIGN_DETAIL, CAMPAIGN_LIST } from './campaign.responses';

@ApiTags('campaigns')
@Controller('api/v1/campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly inbound: InboundService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'Create a campaign',
    description:
      'Revision 1 is the first draft, with `graph` or an empty canvas. The graph is saved as drawn: ' +
      'only ids, types and positions are checked (POST .../validate reports the rest). `reentry` defaults to `once`. ' +
      'Every answer with a graph shows its secrets (webhook passwords, tokens, signing secrets, credential headers) as `[redacted]`.',
  })
  @ApiCreatedResponse({ schema: CAMPAIGN })
  @ApiUnprocessableEntityResponse({
    description: 'The graph holds `[redacted]` where a secret goes: a new campaign has none saved to stand for',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @CampaignBody(createCampaignSchema) input: CreateCampaignInput,
  ): Promise<CampaignView> {
    return this.campaigns.create(principal.workspaceId, principal.userId, input);
  }

  @Get()
  @RequireScopes('campaigns:read')
  @ApiOperation({
    summary: 'List campaigns, newest edit first',
    description:
      '`search` matches the name (substring, case-insensitive). Archived campaigns are listed only with `status=archived`.',
  })
  @ApiOkResponse({ schema: CAMPAIGN_LIST })
  async list(
    @CurrentPrincipal() principal: Principal,
    @ValidQuery(listCampaignsQuerySchema) query: ListCampaignsQuery,
  ): Promise<{ data: CampaignSummary[] }> {
    return { data: await this.campaigns.list(principal.workspaceId, query) };
  }

  @Get(':id')
  @RequireScopes('campaigns:read')
  @ApiOperation({
    summary: 'A campaign with its draft graph',
    description: 'With the inbound URLs of its webhook elements (`inbound`) and, when it has one, `inboundUrl`.',
  })
  @ApiOkResponse({ schema: CAMPAIGN_DETAIL })
  @ApiNotFoundResponse({ description: 'No such campaign in this workspace' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @Req() request: Request,
  ): Promise<CampaignView & ReturnType<typeof inboundFields>> {
    const campaign = await this.campaigns.get(principal.workspaceId, id);
    const endpoints = await this.inbound.endpointsFor(principal.workspaceId, id, campaign.graph, publicBaseUrl(this.config, request));
    return { ...campaign, ...inboundFields(endpoints, campaign.graph) };
  }

  @Patch(':id')
  @RequireScopes('campaigns:write')
  @ApiOperation({ summary: 'Rename a campaign or change its re-entry policy' })
  @ApiOkResponse({ schema: CAMPAIGN })
  @ApiNotFoundResponse({ description: 'No such campaign in this workspace' })
  @ApiConflictResponse({ description: 'The campaign is archived (read-only)' })
  update(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @ValidBody(updateCampaignSchema) patch: UpdateCampaignInput,
  ): Promise<CampaignView> {
    return this.campaigns.update(principal.workspaceId, id, patch);
  }

  @Post(':id/duplicate')
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'Copy a campaign',
    description:
      'A new draft campaign "<name> (copy)" whose revision 1 is the draft graph of this one, secrets included. Archived campaigns can be copied.',
  })
  @ApiCreatedResponse({ schema: CAMPAIGN })
  @ApiNotFoundResponse({ description: 'No such campaign in this workspace' })
  duplicate(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
  ): Promise<CampaignView> {
    return this.campaigns.duplicate(principal.workspaceId, principal.userId, id);
  }
}
