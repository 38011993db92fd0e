import { Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Principal, PublishInput, PublishResult } from '@tideway/server';
import { PublishService } from '@tideway/server';
import { CurrentPrincipal, publishSchema, RequireScopes, ResourceId } from '@tideway/server';
import { CampaignBody } from './campaign-body';
import { PUBLISH_REFUSED, PUBLISH_RESULT } from './campaign.responses';

@ApiTags('campaigns')
@Controller('api/v1/campaigns/:id/publish')
export class PublishController {
  constructor(private readonly publishing: PublishService) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'Publish a revision',
    description:
      'Makes `revision` (default: the latest draft) the one contacts run through, and the campaign live (a paused ' +
      'campaign stays paused). Contacts in the campaign move to it by element id; those on elements it lacks leave ' +
      'with the reason `removed node` (`onRemovedNodes: "exit"`, the default) or finish the revision they are on ' +
      '(`"keep"`). The answer counts each. All in one transaction: a refused publish changes nothing.',
  })
  @ApiOkResponse({ schema: PUBLISH_RESULT })
  @ApiUnprocessableEntityResponse({
    description:
      'The revision has problems: `problems` as from POST .../validate, and `details` locating each in the graph',
    schema: PUBLISH_REFUSED,
  })
  @ApiNotFoundResponse({ description: 'No such campaign in this workspace, or no such revision' })
  @ApiConflictResponse({ description: 'The campaign is archived' })
  publish(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @CampaignBody(publishSchema, { optional: true }) input: PublishInput,
  ): Promise<PublishResult> {
    return this.publishing.publish(principal.workspaceId, id, input);
  }
}
