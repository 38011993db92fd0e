import { Controller, Get, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { DraftNode, GraphDiff } from '@tideway/graph';
import type { Principal, RevisionSummary, RevisionView } from '@tideway/server';
import { RevisionsService } from '@tideway/server';
import { CurrentPrincipal, RequireScopes, ResourceId } from '@tideway/server';
import { REVISION, REVISION_DIFF, REVISION_LIST, SAVED_REVISION } from './campaign.responses';
import { RevisionNumber } from './revision-number.pipe';

@ApiTags('campaigns')
@Controller('api/v1/campaigns/:id/revisions')
@ApiNotFoundResponse({ description: 'No such campaign in this workspace, or no such revision' })
export class RevisionsController {
  constructor(private readonly revisions: RevisionsService) {}

  @Get()
  @RequireScopes('campaigns:read')
  @ApiOperation({ summary: 'The revision history, newest first' })
  @ApiOkResponse({ schema: REVISION_LIST })
  async list(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
  ): Promise<{ data: RevisionSummary[] }> {
    return { data: await this.revisions.list(principal.workspaceId, id) };
  }

  @Get(':n')
  @RequireScopes('campaigns:read')
  @ApiOperation({ summary: 'One revision with its graph' })
  @ApiOkResponse({ schema: REVISION })
  get(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @RevisionNumber('n') n: number,
  ): Promise<RevisionView> {
    return this.revisions.get(principal.workspaceId, id, n);
  }

  @Get(':a/diff/:b')
  @RequireScopes('campaigns:read')
  @ApiOperation({
    summary: 'What changed from revision a to revision b',
    description:
      'Elements added, removed and changed (type, label and each config value by path); elements only dragged are in ' +
      '`nodes.moved`. Connections match by id, or by the same output and target when the editor renamed them. ' +
      'A changed secret is listed with `before` and `after` as `[redacted]`.',
  })
  @ApiOkResponse({ schema: REVISION_DIFF })
  diff(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @RevisionNumber('a') a: number,
    @RevisionNumber('b') b: number,
  ): Promise<GraphDiff<DraftNode>> {
    return this.revisions.diff(principal.workspaceId, id, a, b);
  }

  @Post(':n/restore')
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'Restore a revision',
    description:
      'Saves a new draft revision whose graph is that of revision `n`, with the message "Restored revision n".',
  })
  @ApiCreatedResponse({ schema: SAVED_REVISION })
  @ApiConflictResponse({ description: 'The campaign is archived' })
  restore(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @RevisionNumber('n') n: number,
  ): Promise<{ revision: number }> {
    return this.revisions.restore(principal.workspaceId, principal.userId, id, n);
  }
}
