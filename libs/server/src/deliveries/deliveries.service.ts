import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { rowsReturnedBy } from '../database/rows-returned-by';
import type { Clock } from '../engine/clock';
import { CLOCK } from '../engine/clock';
import { ApiError } from '../http/api-error';
import type { DeliveryRow } from './delivery-row';
import { redactHeaders } from './http';

export const listDeliveriesQuerySchema = z.object({
  campaignId: z.uuid().optional(),
  nodeId: z.string().max(100).optional(),
  contactId: z.uuid().optional(),
  hookId: z.uuid().optional(),
  status: z.enum(['pending', 'retrying', 'succeeded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .transform((text, ctx) => {
      const cursor = decodeCursor(text);
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'Not a cursor from a previous page' });
      return cursor ?? z.NEVER;
    })
    .optional(),
});
export type ListDeliveriesQuery = z.output<typeof listDeliveriesQuerySchema>;

const SUMMARY_COLUMNS = `d.id, d.webhook_id AS "webhookId", d.status, d.campaign_id AS "campaignId", c.name AS "campaignName",
  d.node_id AS "nodeId", d.contact_id AS "contactId", d.enrollment_id AS "enrollmentId",
  d.request->>'method' AS method, d.request->>'url' AS url, d.attempts, d.max_attempts AS "maxAttempts",
  d.last_status AS "lastStatus", d.last_error AS "lastError", d.next_attempt_at AS "nextAttemptAt",
  d.hook_id AS "hookId", d.event,
  d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.completed_at AS "completedAt"`;

/** The delivery log: every outgoing webhook, its attempts, and replay. */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(workspaceId: string, query: ListDeliveriesQuery) {
    const clauses = ['d.workspace_id = $1'];
    const parameters: unknown[] = [workspaceId];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      clauses.push(sql.replace('?', `$${parameters.length}`));
    };
    if (query.campaignId) add('d.campaign_id = ?', query.campaignId);
    if (query.nodeId) add('d.node_id = ?', query.nodeId);
    if (query.contactId) add('d.contact_id = ?', query.contactId);
    if (query.hookId) add('d.hook_id = ?', query.hookId);
    if (query.status) add('d.status = ?', query.status);
    if (query.cursor) {
      parameters.push(query.cursor.createdAt, query.cursor.id);
      clauses.push(`(d.created_at, d.id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
    }
    const rows: (Record<string, unknown> & { id: string; position: string })[] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS},
              to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
         FROM deliveries d LEFT JOIN campaigns c ON c.id = d.campaign_id
        WHERE ${clauses.join(' AND ')}
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT ${query.limit + 1}`,
      parameters,
    );
    const more = rows.length > query.limit;
    const data = rows.slice(0, query.limit);
    const last = data.at(-1);
    return {
      data: data.map(({ position: _position, ...summary }) => summary),
      nextCursor: more && last ? encodeCursor({ createdAt: last.position, id: last.id }) : null,
    };
  }

  async get(workspaceId: string, id: string) {
    const [row]: (Record<string, unknown> & { request: DeliveryRow['request'] })[] = await this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, d.request FROM deliveries d LEFT JOIN campaigns c ON c.id = d.campaign_id
        WHERE d.id = $1 AND d.workspace_id = $2`,
      [id, workspaceId],
    );
    if (!row) throw ApiError.notFound('Delivery');
    const attempts = await this.db.query(
      `SELECT attempt, at, request, response, duration_ms AS "durationMs", error
         FROM delivery_attempts WHERE delivery_id = $1 ORDER BY id`,
      [id],
    );
    return { ...row, request: { ...row.request, headers: redactHeaders(row.request.headers) }, attempts };
  }

  /**
   * Sends the delivery again, under the same webhook-id (receivers dedupe by
   * it): due now, with one more attempt allowed. A contact that already went
   * on past the webhook does not move again.
   */
  async replay(workspaceId: string, id: string): Promise<{ id: string; status: string }> {
    const now = this.clock.now();
    const [row] = await this.db.transaction((manager) =>
      rowsReturnedBy<{ id: string; status: string }>(
        manager,
        `UPDATE deliveries
            SET status = CASE WHEN attempts = 0 THEN 'pending' ELSE 'retrying' END,
                next_attempt_at = $3, lease_until = NULL, completed_at = NULL, updated_at = $3,
                max_attempts = GREATEST(max_attempts, attempts + 1)
          WHERE id = $1 AND workspace_id = $2
          RETURNING id, status`,
        [id, workspaceId, now],
      ),
    );
    if (!row) throw ApiError.notFound('Delivery');
    return row;
  }
}

type Cursor = { createdAt: string; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor | null {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) return null;
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}
