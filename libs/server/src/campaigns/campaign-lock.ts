import type { EntityManager } from 'typeorm';
import { ApiError } from '../http/api-error';
import type { CampaignStatus } from './campaign.schema';

export type LockedCampaign = {
  id: string;
  name: string;
  status: CampaignStatus;
  draftRevision: number;
  publishedRevision: number | null;
};

/**
 * Locks the campaign row for the rest of the transaction. Every write to a
 * campaign or its revisions takes this lock first, so revision numbers and
 * status changes are decided one at a time (two saves from the same base: the
 * second waits, then sees it is stale).
 */
export async function lockCampaign(
  manager: EntityManager,
  workspaceId: string,
  id: string,
): Promise<LockedCampaign> {
  const [row]: LockedCampaign[] = await manager.query(
    `SELECT id, name, status, draft_revision AS "draftRevision", published_revision AS "publishedRevision"
       FROM campaigns WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
    [workspaceId, id],
  );
  if (!row) throw ApiError.notFound('Campaign');
  return row;
}

/** Archived campaigns are kept for the record: nothing about them changes any more. */
export function assertNotArchived(campaign: LockedCampaign, action: string): void {
  if (campaign.status === 'archived') {
    throw ApiError.conflict(
      `The campaign is archived: it cannot ${action}. Duplicate it to work on a copy`,
    );
  }
}
