import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { CampaignView, Principal } from '@tideway/server';
import { CampaignStatusService } from '@tideway/server';
import { CurrentPrincipal, RequireScopes, ResourceId } from '@tideway/server';
import { CAMPAIGN } from './campaign.responses';

/** Life-cycle transitions; each answers the campaign. A transition from the wrong status is 409. */
@ApiTags('campaigns')
@Controller('api/v1/campaigns/:id')
@RequireScopes('campaigns:write')
@ApiOkResponse({ schema: CAMPAIGN })
@ApiNotFoundResponse({ description: 'No such campaign in this workspace' })
export class CampaignStatusController {
  constructor(private readonly status: CampaignStatusService) {}

  @Post('pause')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Pause a live campaign',
    description:
      'Nothing moves and nothing is lost: contacts stay where they are until it is resumed.',
  })
  @ApiConflictResponse({ description: 'The campaign is not live' })
  pause(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
  ): Promise<CampaignView> {
    return this.status.pause(principal.workspaceId, id);
  }

  @Post('resume')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Resume a paused campaign',
    description: 'Its contacts run on at once; waits that fell due while paused run now.',
  })
  @ApiConflictResponse({ description: 'The campaign is not paused' })
  resume(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
  ): Promise<CampaignView> {
    return this.status.resume(principal.workspaceId, id);
  }

  @Post('archive')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Archive a campaign',
    description:
      'From any status. Contacts in it leave with the reason `archived`; the campaign becomes read-only and is listed only with `status=archived`.',
  })
  @ApiConflictResponse({ description: 'The campaign is archived already' })
  archive(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
  ): Promise<CampaignView> {
    return this.status.archive(principal.workspaceId, id);
  }
}
