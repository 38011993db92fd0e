import { Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { JobWork, Principal, PublishInput, PublishResult } from '@tideway/server';
import { JobRunner, PublishService } from '@tideway/server';
import { CurrentPrincipal, publishSchema, RequireScopes, ResourceId } from '@tideway/server';
import type { Request, Response } from 'express';
import { acceptJob, prefersRespondAsync, RespondsAsync } from '../jobs/respond-async';
import { CampaignBody } from './campaign-body';
import { PUBLISH_REFUSED, PUBLISH_RESULT } from './campaign.responses';

@ApiTags('campaigns')
@Controller('api/v1/campaigns/:id/publish')
export class PublishController {
  constructor(
    private readonly publishing: PublishService,
    private readonly runner: JobRunner,
  ) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @RequireScopes('campaigns:write')
  @ApiOperation({
    summary: 'Publish a revision',
    description:
      'Makes `revision` (default: the latest draft) the one contacts run through, and the campaign live (a paused ' +
      'campaign stays paused). Contacts in the campaign move to it by element id; those on elements it lacks leave ' +
      'with the reason `removed node` (`onRemovedNodes: "exit"`, the default) or finish the revision they are on ' +
      '(`"keep"`). The answer counts each. The revision is checked and published in one transaction: a refused publish ' +
      'changes nothing. Contacts move in that same transaction when the campaign has at most 10,000 (JOB_CHUNK_SIZE); ' +
      'a larger one moves them 10,000 per transaction after it (a contact not yet moved runs on its revision), and the ' +
      'job shows how many have moved.\n\nWith `Prefer: respond-async` the answer comes once the revision is published ' +
      '(422, 404 and 409 as without), with the job that moves the contacts.',
  })
  @ApiOkResponse({ schema: PUBLISH_RESULT })
  @RespondsAsync('move its contacts to the revision')
  @ApiUnprocessableEntityResponse({
    description:
      'The revision has problems: `problems` as from POST .../validate, and `details` locating each in the graph',
    schema: PUBLISH_REFUSED,
  })
  @ApiNotFoundResponse({ description: 'No such campaign in this workspace, or no such revision' })
  @ApiConflictResponse({ description: 'The campaign is archived' })
  async publish(
    @CurrentPrincipal() principal: Principal,
    @ResourceId('Campaign') id: string,
    @CampaignBody(publishSchema, { optional: true }) input: PublishInput,
    @Req() request: Request,
    // Not passthrough: the answer is 200 with the result, or 202 with a job.
    @Res() response: Response,
  ): Promise<void> {
    const respondAsync = prefersRespondAsync(request);
    if (respondAsync) this.runner.assertCapacity(principal.workspaceId);
    const published = await this.publishing.publishRevision(principal.workspaceId, id, input);
    const origin = {
      workspaceId: principal.workspaceId,
      userId: principal.userId,
      campaignId: id,
      input: { revision: published.revision, onRemovedNodes: published.onRemovedNodes },
    };
    const work: JobWork<PublishResult> = (progress, signal) =>
      this.publishing.moveContacts(published, progress, signal);
    if (respondAsync) {
      response.json(acceptJob(response, await this.runner.start('publish', origin, work, summary)));
      return;
    }
    response.status(HttpStatus.OK).json(await this.runner.run('publish', origin, work, summary));
  }
}

function summary(result: PublishResult): Record<string, unknown> {
  return { ...result };
}
