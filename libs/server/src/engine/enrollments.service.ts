import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { contactFilterSchema, contactFilterWhere } from '../contacts/contact-search.service';
import { refreshStatistics } from '../database/refresh-statistics';
import { rowsReturnedBy } from '../database/rows-returned-by';
import { ApiError } from '../http/api-error';
import { seqCursor } from '../http/seq-cursor';
import { throwIfInterrupted } from '../jobs/job-interrupted';
import type { ProgressSink } from '../jobs/job-progress';
import { NO_PROGRESS } from '../jobs/job-progress';
import type { Clock } from './clock';
import { CLOCK } from './clock';
import type { ContactSelection, EnrollmentStart, Reentry } from './enroll';
import { chunkEnd, enrollContactRange } from './enroll';
import { StepHandOff } from './step-hand-off';

export const enrollSchema = z.union([
  z.strictObject({
    contactIds: z
      .array(z.uuid({ error: 'Not a contact id' }))
      .min(1)
      .max(10_000),
  }),
  z.strictObject({ filter: contactFilterSchema }),
]);
export type EnrollInput = z.output<typeof enrollSchema>;

export const listEnrollmentsQuerySchema = z.object({
  nodeId: z.string().max(100).optional(),
  state: z.enum(['ready', 'waiting', 'completed', 'exited', 'active']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: seqCursor.optional(),
});
export type ListEnrollmentsQuery = z.output<typeof listEnrollmentsQuerySchema>;

type CampaignRow = {
  id: string;
  status: string;
  published_revision: number | null;
  reentry: Reentry;
};

/** What a manual enrollment will enroll, checked: the campaign takes it and the contacts exist. */
export type EnrollmentPlan = {
  workspaceId: string;
  campaignId: string;
  selection: ContactSelection;
  /** Known up front for contactIds; counted when the work starts for a filter. */
  total: number | null;
};

export type EnrollmentCounts = { enrolled: number; skipped: number };

/** Enrollments seen from the API: manual enrollment, the list of who is where, removal, counts. */
@Injectable()
export class EnrollmentsService {
  private readonly chunkSize: number;
  private readonly leaseMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly handOff: StepHandOff,
  ) {
    this.chunkSize = config.jobs.chunkSize;
    this.leaseMs = config.engine.leaseMs;
  }

  /** Enrolls contacts through the campaign's `trigger.manual`; answers how many entered and how many were skipped. */
  async enroll(
    workspaceId: string,
    campaignId: string,
    input: EnrollInput,
  ): Promise<EnrollmentCounts> {
    return this.run(await this.plan(workspaceId, campaignId, input));
  }

  /**
   * Checks an enrollment before it starts, so a refused one (404, 409 not
   * live, 422 no manual trigger or unknown contact ids) changes nothing.
   */
  async plan(workspaceId: string, campaignId: string, input: EnrollInput): Promise<EnrollmentPlan> {
    const manager = this.db.manager;
    await this.enrollingCampaign(
      manager,
      workspaceId,
      await this.campaign(manager, workspaceId, campaignId),
    );
    if ('filter' in input) {
      return {
        workspaceId,
        campaignId,
        selection: contactFilterWhere(workspaceId, input.filter),
        total: null,
      };
    }
    const ids = await this.knownContactIds(manager, workspaceId, input.contactIds);
    return {
      workspaceId,
      campaignId,
      selection: {
        sql: 'workspace_id = $1 AND id = ANY ($2::uuid[])',
        parameters: [workspaceId, ids],
      },
      total: ids.length,
    };
  }

  /**
   * Enrolls the planned contacts JOB_CHUNK_SIZE at a time in id order, each
   * chunk one transaction that checks again that the campaign takes
   * enrollments, so memory and lock time stay flat for a million contacts
   * and others get the database between chunks. Stopped midway (the
   * campaign paused, a shutdown, an error), the chunks before stay enrolled:
   * enrolling again is safe, the re-entry policy skips who is in already.
   *
   * A chunk enrolled while the step queue has room is leased and handed to
   * it as the chunk commits, so its contacts start at once and the scanner
   * never has to find and claim them (a write of every row saved); the rest
   * are left to the scanner (StepHandOff.room).
   */
  async run(
    plan: EnrollmentPlan,
    progress: ProgressSink = NO_PROGRESS,
    signal?: AbortSignal,
  ): Promise<EnrollmentCounts> {
    const counts = { enrolled: 0, skipped: 0 };
    let total = plan.total;
    if (total === null) {
      const [{ n }]: { n: number }[] = await this.db.query(
        `SELECT count(*)::int AS n FROM contacts WHERE ${plan.selection.sql}`,
        [...plan.selection.parameters],
      );
      total = n;
    }
    progress.report({ total, processed: 0, result: counts });
    if (total > this.chunkSize) {
      // Chunks walk contacts in id order and probe enrollments per contact: plans that need statistics.
      await refreshStatistics(this.db, 'contacts');
      await refreshStatistics(this.db, 'enrollments');
    }
    let after: string | null = null;
    let processed = 0;
    let chunks = 0;
    for (;;) {
      throwIfInterrupted(signal);
      const handOff = await this.handOff.room(this.chunkSize);
      const { upTo, chunk } = await this.db.transaction(async (manager) => {
        const start = await this.enrollingCampaign(
          manager,
          plan.workspaceId,
          await this.campaign(manager, plan.workspaceId, plan.campaignId, 'FOR SHARE'),
          processed,
        );
        const end = await chunkEnd(manager, plan.selection, after, this.chunkSize);
        const range = { after, upTo: end };
        const now = this.clock.now();
        const leaseUntil = handOff ? new Date(now.getTime() + this.leaseMs) : null;
        return {
          upTo: end,
          chunk: await enrollContactRange(
            manager,
            start,
            plan.selection,
            range,
            start.reentry,
            now,
            leaseUntil,
          ),
        };
      });
      if (handOff) this.handOff.hand(chunk.enrolled);
      // Counted once committed.
      processed += chunk.matched;
      counts.enrolled += chunk.enrolled.length;
      counts.skipped += chunk.matched - chunk.enrolled.length;
      progress.report({ processed, result: { ...counts } });
      chunks++;
      // The scanner's claim of due enrollments is planned on these statistics
      // too; those of before this job (often of an empty table) would have it
      // sort all the campaign's rows for every claim. Refreshed once the first
      // chunk is in, and again at the end.
      if (total > this.chunkSize && (chunks === 1 || upTo === null))
        await refreshStatistics(this.db, 'enrollments');
      if (upTo === null) return counts;
      after = upTo;
    }
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
    const counts: { node_id: string; entered: string; completed: string; failed: string }[] =
      await this.db.query(
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
    const nodes: Record<
      string,
      { current: number; entered: number; completed: number; failed: number }
    > = {};
    const node = (id: string) =>
      (nodes[id] ??= { current: 0, entered: 0, completed: 0, failed: 0 });
    for (const row of counts) {
      Object.assign(node(row.node_id), {
        entered: Number(row.entered),
        completed: Number(row.completed),
        failed: Number(row.failed),
      });
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

  private async campaign(
    manager: EntityManager,
    workspaceId: string,
    campaignId: string,
    lock: '' | 'FOR SHARE' = '',
  ): Promise<CampaignRow> {
    const [row]: CampaignRow[] = await manager.query(
      `SELECT id, status, published_revision, reentry FROM campaigns WHERE id = $1 AND workspace_id = $2 ${lock}`,
      [campaignId, workspaceId],
    );
    if (!row) throw ApiError.notFound('Campaign');
    return row;
  }

  /** Where a manual enrollment enters the campaign: 409 unless live, 422 without a trigger.manual. */
  private async enrollingCampaign(
    manager: EntityManager,
    workspaceId: string,
    campaign: CampaignRow,
    enrolledBefore = 0,
  ): Promise<EnrollmentStart & { reentry: Reentry }> {
    const midway =
      enrolledBefore > 0
        ? ` (it changed after ${enrolledBefore} contacts were handled; they stay enrolled)`
        : '';
    if (campaign.status !== 'live' || campaign.published_revision === null) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        `Only a live campaign takes enrollments: publish it (or resume it) first${midway}`,
      );
    }
    const [revision]: { graph: { nodes: { id: string; type: string }[] } }[] = await manager.query(
      `SELECT graph FROM campaign_revisions WHERE campaign_id = $1 AND revision = $2`,
      [campaign.id, campaign.published_revision],
    );
    const trigger = revision.graph.nodes.find((node) => node.type === 'trigger.manual');
    if (!trigger) {
      throw ApiError.validation(
        [
          {
            path: 'campaign',
            message: 'The published revision has no "Added manually" trigger (trigger.manual)',
          },
        ],
        `This campaign does not take manual enrollments${midway}`,
      );
    }
    return {
      workspaceId,
      campaignId: campaign.id,
      revision: campaign.published_revision,
      nodeId: trigger.id,
      state: 'ready',
      reentry: campaign.reentry,
    };
  }

  /** The ids, deduplicated; 422 naming each one that is not a contact of the workspace. */
  private async knownContactIds(
    manager: EntityManager,
    workspaceId: string,
    contactIds: readonly string[],
  ): Promise<string[]> {
    const ids = [...new Set(contactIds.map((id) => id.toLowerCase()))];
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM contacts WHERE workspace_id = $1 AND id = ANY ($2::uuid[])`,
      [workspaceId, ids],
    );
    const known = new Set(rows.map((row) => row.id));
    const unknown = contactIds
      .map((id, index) => ({ id, index }))
      .filter(({ id }) => !known.has(id.toLowerCase()));
    if (unknown.length > 0) {
      throw ApiError.validation(
        unknown.slice(0, 100).map(({ index }) => ({
          path: `contactIds[${index}]`,
          message: 'No such contact in this workspace',
        })),
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
