import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { contactFilterSchema, contactFilterWhere } from '../contacts/contact-search.service';
import { rowsReturnedBy } from '../database/rows-returned-by';
import { ApiError } from '../http/api-error';
import type { Clock } from './clock';
import { CLOCK } from './clock';
import type { Reentry } from './enroll';
import { enrollContacts } from './enroll';

export const enrollSchema = z.union([
  z.strictObject({ contactIds: z.array(z.uuid({ error: 'Not a contact id' })).min(1).max(10_000) }),
  z.strictObject({ filter: contactFilterSchema }),
]);
export type EnrollInput = z.output<typeof enrollSchema>;

export const listEnrollmentsQuerySchema = z.object({
  nodeId: z.string().max(100).optional(),
  state: z.enum(['ready', 'waiting', 'completed', 'exited', 'active']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d+$/, 'Not a cursor from a previous page')
    .optional(),
});
export type ListEnrollmentsQuery = z.output<typeof listEnrollmentsQuerySchema>;

type CampaignRow = { id: string; status: string; published_revision: number | null; reentry: Reentry };

/** Enrollments seen from the API: manual enrollment, the list of who is where, removal, counts. */
@Injectable()
export class EnrollmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Enrolls contacts through the campaign's `trigger.manual`; answers how many entered and how many were skipped. */
  enroll(workspaceId: string, campaignId: string, input: EnrollInput): Promise<{ enrolled: number; skipped: number }> {
    return this.db.transaction(async (manager) => {
      const campaign = await this.campaign(manager, workspaceId, campaignId);
      if (campaign.status !== 'live' || campaign.published_revision === null) {
        throw new ApiError(HttpStatus.CONFLICT, 'Only a live campaign takes enrollments: publish it (or resume it) first');
      }
      const [revision]: { graph: { nodes: { id: string; type: string }[] } }[] = await manager.query(
        `SELECT graph FROM campaign_revisions WHERE campaign_id = $1 AND revision = $2`,
        [campaign.id, campaign.published_revision],
      );
      const trigger = revision.graph.nodes.find((node) => node.type === 'trigger.manual');
      if (!trigger) {
        throw ApiError.validation(
          [{ path: 'campaign', message: 'The published revision has no "Added manually" trigger (trigger.manual)' }],
          'This campaign does not take manual enrollments',
        );
      }
      const contactIds = await this.contactIds(manager, workspaceId, input);
      const enrolled = await enrollContacts(
        manager,
        { workspaceId, campaignId: campaign.id, revision: campaign.published_revision, nodeId: trigger.id, state: 'ready' },
        contactIds,
        campaign.reentry,
        this.clock.now(),
      );
      return { enrolled: enrolled.size, skipped: contactIds.length - enrolled.size };
    });
  }

  async list(workspaceId: string, campaignId: string, query: ListEnrollmentsQuery) {
    await this.campaign(this.db.manager, workspaceId, campaignId);
    const clauses = ['e.campaign_id = $1'];
    const parameters: unknown[] = [campaignId];
    if (query.nodeId) {
      parameters.push(query.nodeId);
      clauses.push(`e.node_id = $${parameters.length}`);
    }
    if (query.state === 'active') clauses.push(`e.state IN ('ready', 'waiting')`);
    else if (query.state) {
      parameters.push(query.state);
      clauses.push(`e.state = $${parameters.length}`);
    }
    if (query.cursor) {
      parameters.push(query.cursor);
      clauses.push(`e.seq < $${parameters.length}`);
    }
    const rows: (EnrollmentView & { seq: string })[] = await this.db.query(
      `SELECT e.id, e.contact_id AS "contactId",
              json_build_object('email', c.email, 'firstName', c.first_name, 'lastName', c.last_name) AS contact,
              e.node_id AS "nodeId", e.state, e.waiting_for AS "waitingFor",
              CASE WHEN e.waiting_for = 'time' THEN e.run_at END AS "wakeAt",
              e.revision, e.exit_reason AS "exitReason", e.entered_at AS "enteredAt", e.updated_at AS "updatedAt",
              e.ended_at AS "endedAt", e.seq
         FROM enrollments e JOIN contacts c ON c.id = e.contact_id
        WHERE ${clauses.join(' AND ')}
        ORDER BY e.seq DESC
        LIMIT ${query.limit + 1}`,
      parameters,
    );
    const more = rows.length > query.limit;
    const data = rows.slice(0, query.limit);
    return {
      data: data.map(({ seq: _seq, ...view }) => view),
      nextCursor: more ? String(data.at(-1)!.seq) : null,
    };
  }

  /** Takes the contact out of the campaign (reason `removed`); 404 when it is not in it. */
  async remove(workspaceId: string, campaignId: string, contactId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.campaign(manager, workspaceId, campaignId);
      const now = this.clock.now();
      const rows = await rowsReturnedBy(
        manager,
        `UPDATE enrollments SET state = 'exited', exit_reason = 'removed', run_at = NULL, lease_until = NULL,
                updated_at = $3, ended_at = $3
          WHERE campaign_id = $1 AND contact_id = $2 AND state IN ('ready', 'waiting')
          RETURNING id`,
        [campaignId, contactId, now],
      );
      if (rows.length === 0) throw ApiError.notFound('Active enrollment of that contact');
    });
  }

  async stats(workspaceId: string, campaignId: string) {
    await this.campaign(this.db.manager, workspaceId, campaignId);
    const counts: { node_id: string; entered: string; completed: string; failed: string }[] = await this.db.query(
      `SELECT node_id, sum(entered) AS entered, sum(completed) AS completed, sum(failed) AS failed
         FROM campaign_node_counts WHERE campaign_id = $1 GROUP BY node_id`,
      [campaignId],
    );
    const current: { node_id: string; current: number }[] = await this.db.query(
      `SELECT node_id, count(*)::int AS current FROM enrollments
        WHERE campaign_id = $1 AND state IN ('ready', 'waiting') GROUP BY node_id`,
      [campaignId],
    );
    const states: { state: string; count: number }[] = await this.db.query(
      `SELECT state, count(*)::int AS count FROM enrollments WHERE campaign_id = $1 GROUP BY state`,
      [campaignId],
    );
    const nodes: Record<string, { current: number; entered: number; completed: number; failed: number }> = {};
    const node = (id: string) => (nodes[id] ??= { current: 0, entered: 0, completed: 0, failed: 0 });
    for (const row of counts) {
      Object.assign(node(row.node_id), { entered: Number(row.entered), completed: Number(row.completed), failed: Number(row.failed) });
    }
    for (const row of current) node(row.node_id).current = row.current;
    const count = (state: string) => states.find((row) => row.state === state)?.count ?? 0;
    return {
      nodes,
      enrollments: {
        active: count('ready') + count('waiting'),
        waiting: count('waiting'),
        completed: count('completed'),
        exited: count('exited'),
      },
    };
  }

  private async campaign(manager: EntityManager, workspaceId: string, campaignId: string): Promise<CampaignRow> {
    const [row]: CampaignRow[] = await manager.query(
      `SELECT id, status, published_revision, reentry FROM campaigns WHERE id = $1 AND workspace_id = $2`,
      [campaignId, workspaceId],
    );
    if (!row) throw ApiError.notFound('Campaign');
    return row;
  }

  private async contactIds(manager: EntityManager, workspaceId: string, input: EnrollInput): Promise<string[]> {
    if ('filter' in input) {
      const where = contactFilterWhere(workspaceId, input.filter);
      const rows: { id: string }[] = await manager.query(`SELECT id FROM contacts WHERE ${where.sql}`, where.parameters);
      return rows.map((row) => row.id);
    }
    const ids = [...new Set(input.contactIds.map((id) => id.toLowerCase()))];
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM contacts WHERE workspace_id = $1 AND id = ANY ($2::uuid[])`,
      [workspaceId, ids],
    );
    const known = new Set(rows.map((row) => row.id));
    const unknown = input.contactIds
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !known.has(id.toLowerCase()));
    if (unknown.length > 0) {
      throw ApiError.validation(
        unknown.slice(0, 100).map(({ index }) => ({ path: `contactIds[${index}]`, message: 'No such contact in this workspace' })),
      );
    }
    return ids;
  }
}

export type EnrollmentView = {
  id: string;
  contactId: string;
  contact: { email: string; firstName: string | null; lastName: string | null };
  nodeId: string;
  state: string;
  waitingFor: string | null;
  wakeAt: Date | null;
  revision: number;
  exitReason: string | null;
  enteredAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
};
