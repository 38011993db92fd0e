import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { diffGraphs, type GraphDiff, type DraftNode } from '@tideway/graph';
import { DataSource } from 'typeorm';
import { appendRevision } from './append-revision';
import { assertNotArchived, lockCampaign } from './campaign-lock';
import { secretsToEnterAgain, staleDraft } from './campaign-errors';
import type { SaveDraftInput } from './campaign.schema';
import { redactDiffSecrets, redactGraphSecrets, restoreGraphSecrets } from './graph-secrets';
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
   * overwrite their change). Secrets the editor got redacted and sent back
   * untouched keep their stored values (from the latest draft); a
   * placeholder with no stored value is refused (422).
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
      const latest = await readRevision(manager, workspaceId, campaignId, campaign.draftRevision);
      const { graph, unresolved } = restoreGraphSecrets(input.graph, latest.graph);
      if (unresolved.length > 0) throw secretsToEnterAgain(unresolved);
      const revision = await appendRevision(manager, campaign, graph, {
        authorId,
        message: input.message,
      });
      return { revision };
    });
  }

  list(workspaceId: string, campaignId: string): Promise<RevisionSummary[]> {
    return listRevisions(this.db, workspaceId, campaignId);
  }

  /** One revision, its secrets redacted. */
  async get(workspaceId: string, campaignId: string, revision: number): Promise<RevisionView> {
    const view = await readRevision(this.db, workspaceId, campaignId, revision);
    return { ...view, graph: redactGraphSecrets(view.graph) };
  }

  /**
   * What changed from revision `a` to revision `b`. Compared as stored, so a
   * changed secret is listed, but shown as REDACTED before and after.
   */
  async diff(
    workspaceId: string,
    campaignId: string,
    a: number,
    b: number,
  ): Promise<GraphDiff<DraftNode>> {
    const before = await readRevision(this.db, workspaceId, campaignId, a);
    const after = await readRevision(this.db, workspaceId, campaignId, b);
    return redactDiffSecrets(diffGraphs(before.graph, after.graph), before.graph, after.graph);
  }

  /**
   * A new draft revision equal to `revision`: history is never rewritten, only
   * added to. The graph is copied as stored, secrets included.
   */
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
