import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { diffGraphs, type GraphDiff, type DraftNode } from '@tideway/graph';
import { DataSource } from 'typeorm';
import { appendRevision } from './append-revision';
import { assertNotArchived, lockCampaign } from './campaign-lock';
import { staleDraft } from './campaign-errors';
import type { SaveDraftInput } from './campaign.schema';
import {
  listRevisions,
  readRevision,
  type RevisionSummary,
  type RevisionView,
} from './revision-view';

export type SavedRevision = { revision: number };

/** The revision history (PRODUCT.md, "Revision history"): every save is a new numbered revision. */
@Injectable()
export class RevisionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Saves the editor's graph as the next revision, unless someone saved since
   * the editor loaded `baseRevision` (409: the caller reloads rather than
   * overwrite their change).
   */
  saveDraft(
    workspaceId: string,
    authorId: string | null,
    campaignId: string,
    input: SaveDraftInput,
  ): Promise<SavedRevision> {
    return this.db.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, workspaceId, campaignId);
      assertNotArchived(campaign, 'be edited');
      if (input.baseRevision !== campaign.draftRevision) {
        throw staleDraft(input.baseRevision, campaign.draftRevision);
      }
      const revision = await appendRevision(manager, campaign, input.graph, {
        authorId,
        message: input.message,
      });
      return { revision };
    });
  }

  list(workspaceId: string, campaignId: string): Promise<RevisionSummary[]> {
    return listRevisions(this.db, workspaceId, campaignId);
  }

  get(workspaceId: string, campaignId: string, revision: number): Promise<RevisionView> {
    return readRevision(this.db, workspaceId, campaignId, revision);
  }

  /** What changed from revision `a` to revision `b`. */
  async diff(
    workspaceId: string,
    campaignId: string,
    a: number,
    b: number,
  ): Promise<GraphDiff<DraftNode>> {
    const before = await readRevision(this.db, workspaceId, campaignId, a);
    const after = await readRevision(this.db, workspaceId, campaignId, b);
    return diffGraphs(before.graph, after.graph);
  }

  /** A new draft revision equal to `revision`: history is never rewritten, only added to. */
  restore(
    workspaceId: string,
    authorId: string | null,
    campaignId: string,
    revision: number,
  ): Promise<SavedRevision> {
    return this.db.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, workspaceId, campaignId);
      assertNotArchived(campaign, 'be edited');
      const source = await readRevision(manager, workspaceId, campaignId, revision);
      const restored = await appendRevision(manager, campaign, source.graph, {
        authorId,
        message: `Restored revision ${revision}`,
      });
      return { revision: restored };
    });
  }
}
