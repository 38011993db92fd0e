import { Module } from '@nestjs/common';
import { CampaignsModule, InboundModule, JobsModule } from '@tideway/server';
import { CampaignDraftController } from './campaign-draft.controller';
import { CampaignStatusController } from './campaign-status.controller';
import { CampaignsController } from './campaigns.controller';
import { PublishController } from './publish.controller';
import { RevisionsController } from './revisions.controller';

/** The HTTP routes of campaigns, revisions and publishing; the behaviour lives in CampaignsModule. */
@Module({
  imports: [CampaignsModule, InboundModule, JobsModule],
  controllers: [
    CampaignsController,
    CampaignDraftController,
    PublishController,
    CampaignStatusController,
    RevisionsController,
  ],
})
export class CampaignsApiModule {}
