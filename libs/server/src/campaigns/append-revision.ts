import type { GraphDraft } from '@tideway/graph';
import type { EntityManager } from 'typeorm';
import { ensureEndpoints } from '../inbound/inbound-endpoints';
import type { LockedCampaign } from './campaign-lock';

export type RevisionAuthorship = { authorId: string | null; message?: string | null };

/**
 * Writes the next revision and makes it the draft. The caller holds the
 * campaign's lock (lockCampaign), which is what makes `draftRevision + 1` safe.
 */
export async function appendRevision(
  manager: EntityManager,
  campaign: LockedCampaign,
  graph: GraphDraft,
  { authorId, message }: RevisionAuthorship,
): Promise<number> {
  const revision = campaign.draftRevision + 1;
  await insertRevision(manager, campaign.id, revision, graph, { authorId, message });
  await manager.query(
    `UPDATE campaigns SET draft_revision = $2, updated_at = now() WHERE id = $1`,
    [campaign.id, revision],
  );
  return revision;
}

export async function insertRevision(
  manager: EntityManager,
  campaignId: string,
  revision: number,
  graph: GraphDraft,
  { authorId, message }: RevisionAuthorship,
): Promise<void> {
  await manager.query(
    `INSERT INTO campaign_revisions (campaign_id, revision, graph, author_id, message)
     VALUES ($1, $2, $3, $4, $5)`,
    [campaignId, revision, JSON.stringify(graph), authorId, message ?? null],
  );
  // Every save (create, copy, edit, restore) gives new webhook elements their inbound URL.
  await ensureEndpoints(manager, campaignId, graph);
}
