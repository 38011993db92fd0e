import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { countActiveOffGraph, exitActive, moveToRevision } from './active-enrollments';
import { assertNotArchived, lockCampaign } from './campaign-lock';
import { invalidRevision } from './campaign-errors';
import type { CampaignStatus, PublishInput } from './campaign.schema';
import { graphProblems } from './graph-problems';
import { ensureEndpoints } from '../inbound/inbound-endpoints';
import { readRevision } from './revision-view';

export type PublishResult = {
  revision: number;
  status: CampaignStatus;
  /** Contacts that continue on the new revision, on the element of the same id. */
  moved: number;
  /** Contacts on elements the new revision lacks that left the campaign (onRemovedNodes: exit). */
  exited: number;
  /** Contacts on elements the new revision lacks that finish the revision they are on (onRemovedNodes: keep). */
  kept: number;
};

/** The exit reason of contacts whose element a publish removed. */
export const REMOVED_NODE_EXIT_REASON = 'removed node';

/**
 * Makes a revision the one contacts run through (docs/decisions/002-durable-engine.md,
 * "Publishing"). One transaction: the revision is checked, the campaign goes
 * live, and its active contacts move to the revision by node id, so no step
 * ever sees a campaign half published.
 */
@Injectable()
export class PublishService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  publish(workspaceId: string, campaignId: string, input: PublishInput): Promise<PublishResult> {
    return this.db.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, workspaceId, campaignId);
      assertNotArchived(campaign, 'be published');
      const revision = input.revision ?? campaign.draftRevision;
      const { graph } = await readRevision(manager, workspaceId, campaignId, revision);
      const problems = await graphProblems(manager, workspaceId, graph, this.config.webhooks);
      if (problems.length > 0) throw invalidRevision(revision, graph, problems);
      // Revisions saved before inbound endpoints existed get theirs when published.
      await ensureEndpoints(manager, campaignId, graph);

      // A paused campaign stays paused: publishing changes what runs, not whether it runs.
      const status: CampaignStatus = campaign.status === 'paused' ? 'paused' : 'live';
      await manager.query(
        `UPDATE campaign_revisions SET published_at = now() WHERE campaign_id = $1 AND revision = $2`,
        [campaignId, revision],
      );
      await manager.query(
        `UPDATE campaigns SET published_revision = $2, status = $3, updated_at = now() WHERE id = $1`,
        [campaignId, revision, status],
      );

      const nodeIds = graph.nodes.map((node) => node.id);
      const moved = await moveToRevision(manager, campaignId, revision, nodeIds);
      let exited = 0;
      let kept = 0;
      if (input.onRemovedNodes === 'exit') {
        exited = await exitActive(manager, campaignId, REMOVED_NODE_EXIT_REASON, nodeIds);
      } else {
        kept = await countActiveOffGraph(manager, campaignId, nodeIds);
      }
      return { revision, status, moved, exited, kept };
    });
  }
}
