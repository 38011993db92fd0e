import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { ApiError } from '../http/api-error';

export const timelineQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime({ offset: true, error: 'An ISO date-time, from a previous page' }).optional(),
});
export type TimelineQuery = z.output<typeof timelineQuerySchema>;

export type TimelineEntry = {
  kind: 'enrollment' | 'step' | 'delivery';
  at: string;
  campaignId: string;
  campaignName: string;
  nodeId: string;
  /** enrollment: its state; step: the node's outcome; delivery: its status. */
  outcome: string;
  detail: Record<string, unknown>;
};

/** A contact's history across campaigns: where it entered, every step it took, every webhook sent for it, newest first. */
@Injectable()
export class TimelineService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async timeline(workspaceId: string, contactId: string, query: TimelineQuery) {
    const [contact] = await this.db.query(`SELECT id FROM contacts WHERE id = $1 AND workspace_id = $2`, [contactId, workspaceId]);
    if (!contact) throw ApiError.notFound('Contact');
    const rows: (TimelineEntry & { at: Date; rank?: number; seq?: string })[] = await this.db.query(
      `SELECT * FROM (
         SELECT 'enrollment' AS kind, e.entered_at AS at, 0 AS rank, e.seq AS seq, e.campaign_id AS "campaignId", c.name AS "campaignName",
                e.node_id AS "nodeId", e.state AS outcome,
                jsonb_strip_nulls(jsonb_build_object('enrollmentId', e.id, 'revision', e.revision,
                  'exitReason', e.exit_reason, 'endedAt', e.ended_at)) AS detail
           FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id
          WHERE e.contact_id = $1
         UNION ALL
         SELECT 'step', s.at, 1, s.id, s.campaign_id, c.name, s.node_id, s.outcome,
                jsonb_build_object('enrollmentId', s.enrollment_id, 'type', s.node_type, 'output', s.output)
           FROM enrollment_steps s JOIN campaigns c ON c.id = s.campaign_id
          WHERE s.contact_id = $1
         UNION ALL
         SELECT 'delivery', d.created_at, 2, 0, d.campaign_id, c.name, d.node_id, d.status,
                jsonb_strip_nulls(jsonb_build_object('deliveryId', d.id, 'webhookId', d.webhook_id,
                  'method', d.request->>'method', 'url', d.request->>'url', 'attempts', d.attempts,
                  'lastStatus', d.last_status, 'lastError', d.last_error))
           FROM deliveries d JOIN campaigns c ON c.id = d.campaign_id
          WHERE d.contact_id = $1
       ) entries
       WHERE $2::timestamptz IS NULL OR at < $2::timestamptz
       -- One activation's rows share a time: enter, then each step in the order it ran, then its delivery.
       ORDER BY at DESC, rank DESC, seq DESC
       LIMIT $3`,
      [contactId, query.before ?? null, query.limit + 1],
    );
    const more = rows.length > query.limit;
    const data = rows.slice(0, query.limit).map(({ rank: _rank, seq: _seq, ...row }) => ({ ...row, at: new Date(row.at).toISOString() }));
    return { data, nextBefore: more ? data.at(-1)!.at : null };
  }
}
