import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { refreshStatistics } from '../database/refresh-statistics';
import { throwIfInterrupted } from '../jobs/job-interrupted';
import type { ProgressSink } from '../jobs/job-progress';
import { NO_PROGRESS } from '../jobs/job-progress';
import type { ContactRange } from './active-enrollments';
import {
  activeChunkEnd,
  countActive,
  countActiveOffGraph,
  exitActive,
  moveToRevision,
} from './active-enrollments';
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

/** A revision made the published one, and what is left to do about the contacts in the campaign. */
export type PublishedRevision = {
  campaignId: string;
  revision: number;
  status: CampaignStatus;
  nodeIds: string[];
  onRemovedNodes: 'exit' | 'keep';
  /** Contacts in the campaign when it was published. */
  active: number;
  /** Set when they were moved in the publish's own transaction (a campaign of at most JOB_CHUNK_SIZE contacts). */
  done?: PublishResult;
};

/** The exit reason of contacts whose element a publish removed. */
export const REMOVED_NODE_EXIT_REASON = 'removed node';

/**
 * Makes a revision the one contacts run through (docs/decisions/002-durable-engine.md,
 * "Publishing"). One transaction checks the revision and makes the campaign
 * live on it; a refused publish changes nothing. Its active contacts move to
 * the revision by node id: in that same transaction when they are at most
 * JOB_CHUNK_SIZE, so no step ever sees the campaign half published;
 * otherwise a chunk of contacts per transaction after it, so a campaign of a
 * million contacts neither holds one giant transaction nor hides its
 * progress. Between chunks, a contact not yet moved runs on the revision it
 * is on, as every enrollment does.
 */
@Injectable()
export class PublishService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(
    workspaceId: string,
    campaignId: string,
    input: PublishInput,
  ): Promise<PublishResult> {
    return this.moveContacts(await this.publishRevision(workspaceId, campaignId, input));
  }

  /** Checks the revision (422 with problems, 404, 409 archived) and makes it the published one. */
  publishRevision(
    workspaceId: string,
    campaignId: string,
    input: PublishInput,
  ): Promise<PublishedRevision> {
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

      const published: PublishedRevision = {
        campaignId,
        revision,
        status,
        nodeIds: graph.nodes.map((node) => node.id),
        onRemovedNodes: input.onRemovedNodes,
        active: await countActive(manager, campaignId),
      };
      if (published.active <= this.config.jobs.chunkSize) {
        published.done = await this.moveRange(manager, published, { after: null, upTo: null });
      }
      return published;
    });
  }

  /**
   * Moves the campaign's contacts to the published revision, a chunk per
   * transaction in contact id order. Stops early, with what it did, when a
   * later publish has replaced the revision (that one moves everyone).
   * Interrupted, the chunks before stay moved; publishing again finishes.
   */
  async moveContacts(
    published: PublishedRevision,
    progress: ProgressSink = NO_PROGRESS,
    signal?: AbortSignal,
  ): Promise<PublishResult> {
    if (published.done) {
      progress.report({
        total: published.active,
        processed: published.active,
        result: published.done,
      });
      return published.done;
    }
    const result: PublishResult = {
      revision: published.revision,
      status: published.status,
      moved: 0,
      exited: 0,
      kept: 0,
    };
    let processed = 0;
    progress.report({ total: published.active, processed, result: { ...result } });
    // Chunks walk the campaign's active enrollments in contact order: a plan that needs statistics.
    await refreshStatistics(this.db, 'enrollments');
    let after: string | null = null;
    for (;;) {
      throwIfInterrupted(signal);
      type Chunk = { upTo: string | null; active: number; done: PublishResult | null };
      const chunk: Chunk = await this.db.transaction(async (manager): Promise<Chunk> => {
        // Shared lock: a publish or status change waits for this chunk, and this chunk sees theirs.
        const [campaign]: { published_revision: number | null }[] = await manager.query(
          `SELECT published_revision FROM campaigns WHERE id = $1 FOR SHARE`,
          [published.campaignId],
        );
        // A later publish replaced the revision: it moves everyone itself.
        if (campaign?.published_revision !== published.revision) {
          return { upTo: null, active: 0, done: null };
        }
        const { campaignId } = published;
        const upTo = await activeChunkEnd(manager, campaignId, after, this.config.jobs.chunkSize);
        const range = { after, upTo };
        const active = await countActive(manager, campaignId, range);
        return { upTo, active, done: await this.moveRange(manager, published, range) };
      });
      // Counted once committed.
      processed += chunk.active;
      if (chunk.done) {
        result.moved += chunk.done.moved;
        result.exited += chunk.done.exited;
        result.kept += chunk.done.kept;
      }
      progress.report({ processed, result: { ...result } });
      if (chunk.upTo === null) return result;
      after = chunk.upTo;
    }
  }

  private async moveRange(
    manager: EntityManager,
    published: PublishedRevision,
    range: ContactRange,
  ): Promise<PublishResult> {
    const { campaignId, revision, nodeIds } = published;
    const moved = await moveToRevision(manager, campaignId, revision, nodeIds, range);
    let exited = 0;
    let kept = 0;
    if (published.onRemovedNodes === 'exit') {
      exited = await exitActive(manager, campaignId, REMOVED_NODE_EXIT_REASON, nodeIds, range);
    } else {
      kept = await countActiveOffGraph(manager, campaignId, nodeIds, range);
    }
    return { revision, status: published.status, moved, exited, kept };
  }
}
