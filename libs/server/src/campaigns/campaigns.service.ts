import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GraphDraft } from '@tideway/graph';
import { DataSource } from 'typeorm';
import { insertRevision } from './append-revision';
import { secretsToEnterAgain } from './campaign-errors';
import { assertNotArchived, lockCampaign } from './campaign-lock';
import type {
  CreateCampaignInput,
  ListCampaignsQuery,
  UpdateCampaignInput,
} from './campaign.schema';
import {
  CAMPAIGN_COLUMNS,
  loadCampaign,
  readCampaign,
  toCampaignSummary,
  type CampaignSummary,
  type CampaignView,
} from './campaign-view';
import { restoreGraphSecrets } from './graph-secrets';

export const EMPTY_GRAPH: GraphDraft = { nodes: [], edges: [] };

/** Campaigns as things with a name and a draft: create, find, rename, copy. */
@Injectable()
export class CampaignsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get(workspaceId: string, id: string): Promise<CampaignView> {
    return readCampaign(this.db, workspaceId, id);
  }

  /**
   * Revision 1 is the first draft, with the graph given or an empty canvas.
   * A new campaign has no stored secrets, so a redacted placeholder in the
   * graph (copied from another campaign's answer) is refused, not saved.
   */
  create(
    workspaceId: string,
    authorId: string | null,
    input: CreateCampaignInput,
  ): Promise<CampaignView> {
    const { unresolved } = restoreGraphSecrets(input.graph ?? EMPTY_GRAPH, null);
    if (unresolved.length > 0) throw secretsToEnterAgain(unresolved);
    return this.db.transaction(async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO campaigns (workspace_id, name, reentry, draft_revision) VALUES ($1, $2, $3, 1) RETURNING id`,
        [workspaceId, input.name, input.reentry ?? 'once'],
      );
      await insertRevision(manager, id, 1, input.graph ?? EMPTY_GRAPH, { authorId });
      return readCampaign(manager, workspaceId, id);
    });
  }

  /**
   * Newest edit first; archived campaigns only when asked for. Active contacts
   * are counted for all campaigns in one grouped query.
   */
  async list(workspaceId: string, query: ListCampaignsQuery): Promise<CampaignSummary[]> {
    const parameters: unknown[] = [workspaceId];
    const clauses = ['c.workspace_id = $1'];
    if (query.status) {
      parameters.push(query.status);
      clauses.push(`c.status = $${parameters.length}`);
    } else {
      clauses.push(`c.status <> 'archived'`);
    }
    if (query.search) {
      parameters.push(`%${escapeLike(query.search)}%`);
      clauses.push(`c.name ILIKE $${parameters.length}`);
    }
    const rows = await this.db.query(
      `SELECT ${CAMPAIGN_COLUMNS}, COALESCE(a.active, 0)::int AS "activeContacts"
         FROM campaigns c
         LEFT JOIN (
           SELECT campaign_id, count(*) AS active FROM enrollments
            WHERE workspace_id = $1 AND state IN ('ready', 'waiting')
            GROUP BY campaign_id
         ) a ON a.campaign_id = c.id
        WHERE ${clauses.join(' AND ')}
        ORDER BY c.updated_at DESC, c.id DESC`,
      parameters,
    );
    return rows.map(toCampaignSummary);
  }

  /** Renaming or changing re-entry is allowed in any status but archived; an empty patch changes nothing. */
  update(workspaceId: string, id: string, patch: UpdateCampaignInput): Promise<CampaignView> {
    return this.db.transaction(async (manager) => {
      const campaign = await lockCampaign(manager, workspaceId, id);
      assertNotArchived(campaign, 'be changed');
      if (patch.name !== undefined || patch.reentry !== undefined) {
        await manager.query(
          `UPDATE campaigns SET name = COALESCE($2, name), reentry = COALESCE($3, reentry), updated_at = now()
            WHERE id = $1`,
          [id, patch.name ?? null, patch.reentry ?? null],
        );
      }
      return readCampaign(manager, workspaceId, id);
    });
  }

  /**
   * A new draft campaign with the source's draft graph and re-entry policy;
   * any status may be copied. The graph is copied as stored, secrets included.
   */
  duplicate(workspaceId: string, authorId: string | null, id: string): Promise<CampaignView> {
    return this.db.transaction(async (manager) => {
      const source = await loadCampaign(manager, workspaceId, id);
      const [copy]: { id: string }[] = await manager.query(
        `INSERT INTO campaigns (workspace_id, name, reentry, draft_revision) VALUES ($1, $2, $3, 1) RETURNING id`,
        [workspaceId, copyName(source.name), source.reentry],
      );
      await insertRevision(manager, copy.id, 1, source.graph, {
        authorId,
        message: `Copied from "${source.name}" revision ${source.draftRevision}`,
      });
      return readCampaign(manager, workspaceId, copy.id);
    });
  }
}

/** "<name> (copy)", shortened so the copy can be renamed within the name limit. */
function copyName(name: string): string {
  const suffix = ' (copy)';
  return `${name.slice(0, 200 - suffix.length)}${suffix}`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
