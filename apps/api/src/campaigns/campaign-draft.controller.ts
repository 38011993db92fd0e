import { Controller, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  Principal,
  SaveDraftInput,
  ValidateGraphBody,
  ValidationResult,
} from '@tideway/server';
import { CampaignValidationService, RevisionsService } from '@tideway/server';
import {
  CurrentPrincipal,
  RequireScopes,
  ResourceId,
  saveDraftSchema,
  validateGraphBodySchema,
} from '@tideway/server';
import { CampaignBody } from './campaign-body';
import { SAVED_REVISION, VALIDATION_RESULT } from './campaign.responses';

/** The editor's two calls: save the canvas, and ask what is wrong with it. */
@ApiTags('campaigns')
@Controller('api/v1/campaigns/:id')
@ApiNotFoundResponse({ description: 'No such campaign in this workspace' })
export class CampaignDraftController {
  constructor(
    private readonly revisions: RevisionsService,
    private readonly validation: CampaignValidationService,
  ) {}

  @Put('draft')
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'Save the draft as a new revision',
    description:
      'Saves `graph` as revision `draftRevision + 1`, by the caller, with `message`. `baseRevision` is the revision the ' +
      'editor loaded: if someone saved since, nothing is saved and the answer is 409 with `latestRevision`. ' +
      'A draft may be invalid; only ids, types and positions are checked.',
  })
  @ApiOkResponse({ schema: SAVED_REVISION })
  @ApiConflictResponse({
    description: '`baseRevision` is not the latest revision, or the campaign is archived',
  })
  saveDraft(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @CampaignBody(saveDraftSchema) input: SaveDraftInput,
  ): Promise<{ revision: number }> {
    return this.revisions.saveDraft(principal.workspaceId, principal.userId, id, input);
  }

  @Post('validate')
  @HttpCode(HttpStatus.OK)
  @RequireScopes('campaigns:read')
  @ApiOperation({
    summary: 'Check a graph',
    description:
      "Every problem that would stop `graph` from being published, with the workspace's custom fields as known merge " +
      'fields. Saves nothing.',
  })
  @ApiOkResponse({ schema: VALIDATION_RESULT })
  validate(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @CampaignBody(validateGraphBodySchema) { graph }: ValidateGraphBody,
  ): Promise<ValidationResult> {
    return this.validation.validate(principal.workspaceId, id, graph);
  }
}
