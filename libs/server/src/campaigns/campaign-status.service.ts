import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiError } from '../http/api-error';
import { exitActive, releaseLeases } from './active-enrollments';
import { lockCampaign, type LockedCampaign } from './campaign-lock';
import type { CampaignStatus } from './campaign.schema';
import { readCampaign, type CampaignView } from './campaign-view';

/**
 * Pause, resume, archive (PRODUCT.md, "Campaign life cycle"). Publishing,
 * which also sets the status, is PublishService's.
 */
@Injectable()
export class CampaignStatusService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Nothing moves while paused and nothing is lost: rows stay as they are (the step runner skips them). */
  pause(workspaceId: string, id: string): Promise<CampaignView> {
    return this.change(workspaceId, id, async (campaign) => {
      if (campaign.status !== 'live')
        throw wrongTransition(campaign, 'paused', 'Only a live campaign can be paused');
      return 'paused';
    });
  }

  resume(workspaceId: string, id: string): Promise<CampaignView> {
    return this.change(workspaceId, id, async (campaign, manager) => {
      if (campaign.status !== 'paused')
        throw wrongTransition(campaign, 'resumed', 'Only a paused campaign can be resumed');
      await releaseLeases(manager, campaign.id);
      return 'live';
    });
  }

  /** For good: the campaign becomes read-only and its contacts leave it. */
  archive(workspaceId: string, id: string): Promise<CampaignView> {
    return this.change(workspaceId, id, async (campaign, manager) => {
      if (campaign.status === 'archived')
        throw ApiError.conflict('The campaign is archived already');
      await exitActive(manager, campaign.id, 'archived');
      return 'archived';
    });
  }

  private change(
    workspaceId: string,
    id: string,
    next: (campaign: LockedCampaign, manager: EntityManager) => Promise<CampaignStatus>,
  ): Promise<CampaignView> {
    return this.db.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, workspaceId, id);
      const status = await next(campaign, manager);
      await manager.query(`UPDATE campaigns SET status = $2, updated_at = now() WHERE id = $1`, [
        id,
        status,
      ]);
      return readCampaign(manager, workspaceId, id);
    });
  }
}

function wrongTransition(campaign: LockedCampaign, verb: string, rule: string): ApiError {
  return ApiError.conflict(`The campaign is ${campaign.status} and cannot be ${verb}. ${rule}`);
}
