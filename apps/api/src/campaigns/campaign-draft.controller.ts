import { Controller, HttpCode, HttpStatus, Post, Put } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
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

const SECRETS_ON_SAVE =
  'Secrets (webhook passwords, tokens, signing secrets, credential headers) are answered as `[redacted]`; ' +
  "`[redacted]` sent back in the same place of the same element stands for the latest draft's value.";

const PLACEHOLDER_REFUSED =
  '`[redacted]` where no secret is saved for that element (a new or pasted one): `details` names each ' +
  '`graph.nodes[i].data.config...` path whose secret must be entered again. Nothing is saved.';

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
      'A draft may be invalid; only ids, types and positions are checked. ' +
      SECRETS_ON_SAVE,
  })
  @ApiOkResponse({ schema: SAVED_REVISION })
  @ApiUnprocessableEntityResponse({ description: PLACEHOLDER_REFUSED })
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
      'fields. Saves nothing. ' +
      SECRETS_ON_SAVE,
  })
  @ApiOkResponse({ schema: VALIDATION_RESULT })
  @ApiUnprocessableEntityResponse({ description: PLACEHOLDER_REFUSED })
  validate(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @CampaignBody(validateGraphBodySchema) { graph }: ValidateGraphBody,
  ): Promise<ValidationResult> {
    return this.validation.validate(principal.workspaceId, id, graph);
  }
}
