import type { GraphDraft } from '@tideway/graph';
import type { EntityManager } from 'typeorm';
import { ApiError } from '../http/api-error';

export type RevisionAuthor = { id: string; email: string };

export type RevisionSummary = {
  revision: number;
  createdAt: Date;
  /** Null when the revision was saved by no one we know of (the person was deleted). */
  author: RevisionAuthor | null;
  message: string | null;
  /** Published at some point. */
  published: boolean;
  publishedAt: Date | null;
  /** The revision contacts run through now. */
  current: boolean;
};

export type RevisionView = RevisionSummary & { graph: GraphDraft };

type RevisionRow = Omit<RevisionSummary, 'author'> & {
  authorId: string | null;
  authorEmail: string | null;
  graph?: GraphDraft;
};

const REVISION_COLUMNS = `r.revision, r.created_at AS "createdAt", r.message,
  r.published_at IS NOT NULL AS published, r.published_at AS "publishedAt",
  COALESCE(r.revision = c.published_revision, false) AS current,
  u.id AS "authorId", u.email AS "authorEmail"`;

const FROM_REVISIONS = `FROM campaigns c
  JOIN campaign_revisions r ON r.campaign_id = c.id
  LEFT JOIN users u ON u.id = r.author_id`;

function toSummary(row: RevisionRow): RevisionSummary {
  return {
    revision: row.revision,
    createdAt: row.createdAt,
    author: row.authorId ? { id: row.authorId, email: row.authorEmail ?? '' } : null,
    message: row.message,
    published: row.published,
    publishedAt: row.publishedAt,
    current: row.current,
  };
}

/** Every revision of a campaign, newest first, without graphs. A campaign always has revision 1. */
export async function listRevisions(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  campaignId: string,
): Promise<RevisionSummary[]> {
  const rows: RevisionRow[] = await db.query(
    `SELECT ${REVISION_COLUMNS} ${FROM_REVISIONS}
      WHERE c.workspace_id = $1 AND c.id = $2 ORDER BY r.revision DESC`,
    [workspaceId, campaignId],
  );
  if (rows.length === 0) throw ApiError.notFound('Campaign');
  return rows.map(toSummary);
}

/** One revision with its graph; 404 names the campaign or the revision, whichever is missing. */
export async function readRevision(
  db: Pick<EntityManager, 'query'>,
  workspaceId: string,
  campaignId: string,
  revision: number,
): Promise<RevisionView> {
  const [row]: (RevisionRow & { graph: GraphDraft })[] = await db.query(
    `SELECT ${REVISION_COLUMNS}, r.graph ${FROM_REVISIONS}
      WHERE c.workspace_id = $1 AND c.id = $2 AND r.revision = $3`,
    [workspaceId, campaignId, revision],
  );
  if (row) return { ...toSummary(row), graph: row.graph };
  const [campaign] = await db.query(`SELECT 1 FROM campaigns WHERE workspace_id = $1 AND id = $2`, [
    workspaceId,
    campaignId,
  ]);
  throw ApiError.notFound(campaign ? `Revision ${revision}` : 'Campaign');
}
