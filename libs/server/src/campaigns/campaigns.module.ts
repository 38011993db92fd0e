import { Module } from '@nestjs/common';
import { CampaignStatusService } from './campaign-status.service';
import { CampaignValidationService } from './campaign-validation.service';
import { CampaignsService } from './campaigns.service';
import { PublishService } from './publish.service';
import { RevisionsService } from './revisions.service';

const SERVICES = [
  CampaignsService,
  RevisionsService,
  CampaignValidationService,
  PublishService,
  CampaignStatusService,
];

/** Campaigns, their revision history, validation, publishing and life cycle. */
@Module({ providers: SERVICES, exports: SERVICES })
export class CampaignsModule {}
