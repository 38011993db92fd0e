import type { GraphDraft } from '@tideway/graph';
import type { EntityManager } from 'typeorm';
import { ApiError } from '../http/api-error';
import type { CampaignStatus, ReentryPolicy } from './campaign.schema';
import { redactGraphSecrets } from './graph-secrets';

/** What every campaign answer shares (the list's summaries and the full campaign). */
type CampaignHeader = {
  id: string;
  name: string;
  status: CampaignStatus;
  draftRevision: number;
  publishedRevision: number | null;
  /** The latest save is not the revision that runs (or nothing was ever published). */
  hasUnpublishedChanges: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type CampaignView = CampaignHeader & { reentry: ReentryPolicy; graph: GraphDraft };

export type CampaignSummary = CampaignHeader & {
  /** Contacts in the campaign now: enrollments ready or waiting. */
  activeContacts: number;
};

type CampaignRow = Omit<CampaignHeader, 'hasUnpublishedChanges'>;

/** Columns of `campaigns c` under the view's property names, for raw queries. */
export const CAMPAIGN_COLUMNS = `c.id, c.name, c.status, c.reentry, c.draft_revision AS "draftRevision",
  c.published_revision AS "publishedRevision", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

function headerOf(row: CampaignRow): CampaignHeader {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    draftRevision: row.draftRevision,
    publishedRevision: row.publishedRevision,
    hasUnpublishedChanges: row.publishedRevision !== row.draftRevision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toCampaignSummary(row: CampaignRow & { activeContacts: number }): CampaignSummary {
  return { ...headerOf(row), activeContacts: row.activeContacts };
}

/**
 * The campaign with its draft's graph, as answers show it: secrets redacted
 * (graph-secrets.ts). Takes the caller's manager so a write can answer what
 * it wrote from inside its own transaction.
 */
export async function readCampaign(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  id: string,
): Promise<CampaignView> {
  const campaign = await loadCampaign(db, workspaceId, id);
  return { ...campaign, graph: redactGraphSecrets(campaign.graph) };
}

/** The campaign with its draft's graph as stored, secrets included: for copying, never for an answer. */
export async function loadCampaign(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  id: string,
): Promise<CampaignView> {
  const [row]: Array<CampaignRow & { reentry: ReentryPolicy; graph: GraphDraft }> = await db.query(
    `SELECT ${CAMPAIGN_COLUMNS}, r.graph
       FROM campaigns c
       JOIN campaign_revisions r ON r.campaign_id = c.id AND r.revision = c.draft_revision
      WHERE c.workspace_id = $1 AND c.id = $2`,
    [workspaceId, id],
  );
  if (!row) throw ApiError.notFound('Campaign');
  return { ...headerOf(row), reentry: row.reentry, graph: row.graph };
}
