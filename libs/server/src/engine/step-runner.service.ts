import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Activation, ActivationStart, CompiledCampaign, StepRecord } from '@tideway/engine';
import { runActivation } from '@tideway/engine';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config';
import { preparedQuery } from '../database/prepared-query';
import { writeCampaignDeliveries } from '../deliveries/campaign-outbox';
import { isGoalReached } from '../hooks/event-sources';
import { HookEvents } from '../hooks/hook-events.service';
import { Metrics } from '../metrics/metrics';
import type { JobQueue } from '../queue/job-queue';
import { JOB_QUEUE } from '../queue/job-queue';
import { CampaignCache } from './campaign-cache';
import type { Clock, RandomSource } from './clock';
import { CLOCK, RANDOM } from './clock';
import { applyContactEffectsOfMany } from './contact-effects';
import { ContactEvents } from './contact-events.service';
import { loadEngineContacts } from './contact-state';
import type { EnrollmentRow } from './enrollment-row';
import { campaignIdOf, ENROLLMENT_COLUMNS, enrollmentLogFields } from './enrollment-row';
import type { PositionWrite } from './enrollment-writes';
import { nextRunAt, recordStepsOfMany, releaseLeases, writePositions } from './enrollment-writes';
import type { LeasedRunnable } from './step-hand-off';
import type { WorkJob } from './work-queues';
import { DELIVERIES_PER_JOB, DELIVERY_QUEUE, jobsOf } from './work-queues';

/** PostgreSQL's codes for a transaction that lost a race and may simply be tried again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;
/**
 * Transactions one call runs back to back for enrollments whose next step is
 * due at once (a wait of 0, a goal reached): after that, the scanner has them,
 * so a loop of instant waits cannot hold a worker for ever.
 */
const MAX_HOPS = 8;

type LockedRow = EnrollmentRow & { campaign_status: string };

/** What a batch's transaction did, acted on once it has committed (`StepRunner.committed`). */
export type BatchOutcome = {
  steps: StepRecord[];
  /** Enrollments moved. */
  moved: Set<string>;
  /** Enrollments due again at once, kept leased for this worker's next hop. */
  continuing: Set<string>;
  /** Deliveries written leased until `leasedUntil`, to enqueue. */
  deliveries: { ids: string[]; leasedUntil: Date }[];
};

/** A webhook delivery that has just settled, and the node its contact waits on. */
export type SettledDelivery = { nodeId: string; status: 'succeeded' | 'failed' };

const SETTLED_SAVEPOINT = 'settled_webhook_steps';

/** One enrollment's activation, decided in memory, waiting to be written with its batch. */
type Move = {
  row: LockedRow;
  campaign: CompiledCampaign;
  start: ActivationStart;
  activation: Activation;
};

/**
 * Moves enrollments: each one activation of the pure core, a batch of them
 * committed in one transaction with everything they caused (ARCHITECTURE.md,
 * invariant 2). Rows are locked, in id order, and re-checked once locked, so
 * two workers never move the same enrollment twice: a row no longer runnable
 * (another worker moved it first) or in a campaign that is not live is left
 * as it is. Batching is what makes a step
 * cheaper than a transaction: the rows, their contacts, the log, the
 * counters and the new positions are each read or written in one statement
 * for the whole batch (docs/decisions/002-durable-engine.md).
 */
@Injectable()
export class StepRunner {
  private readonly logger = new Logger('StepRunner');
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: CampaignCache,
    private readonly contactEvents: ContactEvents,
    private readonly hooks: HookEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
    private readonly metrics: Metrics,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /**
   * Runs the enrollments' next steps, then at once the steps of those left
   * due right away, keeping their lease meanwhile so that no other worker
   * takes them in between.
   */
  async run(enrollmentIds: readonly string[]): Promise<void> {
    let ids = enrollmentIds;
    for (let hop = 1; ids.length > 0; hop++) {
      if (this.stopping) {
        // Rows kept for a next hop that will not come: free for any worker's next scan.
        await releaseLeases(this.db.manager, ids);
        return;
      }
      ids = await this.runIsolated(ids, hop < MAX_HOPS);
    }
  }

  /** The process is shutting down: finish the transaction at hand, start no further hop. */
  stopContinuing(): void {
    this.stopping = true;
  }

  /**
   * One batch; when it fails for a reason other than a lost race, each
   * enrollment alone, so that one bad row holds back none of the others. A
   * row whose step fails keeps its lease: the scanner hands it out again
   * when the lease ends.
   */
  private async runIsolated(ids: readonly string[], mayContinue: boolean): Promise<string[]> {
    try {
      return await this.transaction(ids, mayContinue);
    } catch (error) {
      if (ids.length === 1) {
        const campaignId = await campaignIdOf(this.db, ids[0]);
        this.logger.error({ enrollmentId: ids[0], campaignId, err: error }, 'step failed');
        return [];
      }
      this.logger.warn(
        { enrollmentIds: ids, err: error },
        `a batch of ${ids.length} steps failed; running them one by one`,
      );
      const next: string[] = [];
      for (const id of ids) next.push(...(await this.runIsolated([id], mayContinue)));
      return next;
    }
  }

  /**
   * Moves on, inside the caller's transaction, the enrollments waiting on
   * webhooks that this transaction has just settled: the delivery's record
   * and the contact's next step commit together, and the row is written once
   * rather than woken and then moved. Should the steps fail, they are rolled
   * back alone (a savepoint), the record stands, and the caller wakes the
   * contacts for a step of their own. Enrollments not moved (a paused
   * campaign, a node gone) are left to the caller too. The caller passes the
   * answer to `committed` once its transaction commits.
   */
  async moveSettled(
    manager: EntityManager,
    settled: ReadonlyMap<string, SettledDelivery>,
  ): Promise<BatchOutcome> {
    const outcome = noMoves();
    if (settled.size === 0) return outcome;
    await manager.query(`SAVEPOINT ${SETTLED_SAVEPOINT}`);
    try {
      await this.moveAll(manager, [...settled.keys()], true, outcome, settled);
      await manager.query(`RELEASE SAVEPOINT ${SETTLED_SAVEPOINT}`);
      return outcome;
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT ${SETTLED_SAVEPOINT}`);
      this.logger.warn(
        { enrollmentIds: [...settled.keys()], err: error },
        'steps after settled webhooks failed; the contacts go on in steps of their own',
      );
      return noMoves();
    }
  }

  /** A batch's transaction committed: count its steps and send the deliveries it wrote. */
  async committed(outcome: BatchOutcome): Promise<void> {
    this.metrics.stepsCommitted(outcome.steps);
    await this.handOffDeliveries(outcome.deliveries);
  }

  private async transaction(ids: readonly string[], mayContinue: boolean): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      // What the attempt did, acted on once it committed: a rolled-back attempt never happened.
      const outcome = noMoves();
      try {
        await this.db.transaction((manager) => this.moveAll(manager, ids, mayContinue, outcome));
        await this.committed(outcome);
        return [...outcome.continuing];
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) throw error;
      }
    }
  }

  /**
   * Locks and moves the batch, in rounds of distinct contacts: a contact's
   * second enrollment in the batch runs after the first, on the contact and
   * the row as the first left them. `settled` makes enrollments waiting on
   * those webhooks runnable, with the deliveries' outcomes already known.
   */
  private async moveAll(
    manager: EntityManager,
    ids: readonly string[],
    mayContinue: boolean,
    outcome: BatchOutcome,
    settled?: ReadonlyMap<string, SettledDelivery>,
  ): Promise<void> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.engine.leaseMs);
    const keepLease = mayContinue ? { ids: outcome.continuing, until: leaseUntil } : null;
    let pending = ids;
    while (pending.length > 0) {
      // Waits rather than SKIP LOCKED: a scanner's claim that found a row
      // already leased still holds its lock for a moment (PostgreSQL keeps
      // the lock of a row that fails the re-check), and skipping would
      // strand the row until its lease ran out.
      const rows = await preparedQuery<LockedRow>(
        manager,
        `SELECT ${ENROLLMENT_COLUMNS}, c.status AS campaign_status
           FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id
          WHERE e.id = ANY ($1::uuid[])
          ORDER BY e.id
          FOR UPDATE OF e`,
        [pending],
      );
      const contacts = new Set<string>();
      const round: LockedRow[] = [];
      const later: string[] = [];
      const paused: string[] = [];
      for (const row of rows) {
        if (row.campaign_status !== 'live') {
          paused.push(row.id);
          continue;
        }
        if (!(settled ? waitsOn(row, settled) : isRunnable(row, now))) continue;
        if (contacts.has(row.contact_id)) later.push(row.id);
        else {
          contacts.add(row.contact_id);
          round.push(row);
        }
      }
      // Left as they are, but not leased: the scanner claims them as soon as
      // the campaign is resumed, not a lease later.
      if (paused.length > 0) await releaseLeases(manager, paused);
      await this.moveRound(manager, round, now, keepLease, outcome, leaseUntil, settled);
      pending = later;
    }
  }

  /**
   * The deliveries the batch wrote, leased, go to the delivery queue now
   * rather than at the next scan. Should Redis refuse them, their lease
   * runs out and the scanner claims them: nothing is lost either way.
   */
  private async handOffDeliveries(written: BatchOutcome['deliveries']): Promise<void> {
    const jobs = written.flatMap(({ ids, leasedUntil }) =>
      jobsOf(ids, DELIVERIES_PER_JOB).map((job) => ({
        ids: job,
        leaseUntil: leasedUntil.toISOString(),
      })),
    );
    if (jobs.length === 0) return;
    try {
      await Promise.all(jobs.map((job) => this.queue.add<WorkJob>(DELIVERY_QUEUE, job)));
    } catch (error) {
      this.logger.warn(
        { deliveryIds: written.flatMap(({ ids }) => ids), err: error },
        'could not enqueue deliveries; the scanner will claim them',
      );
    }
  }

  private async moveRound(
    manager: EntityManager,
    rows: readonly LockedRow[],
    now: Date,
    keepLease: LeasedRunnable | null,
    outcome: BatchOutcome,
    leaseUntil: Date,
    settled?: ReadonlyMap<string, SettledDelivery>,
  ): Promise<void> {
    if (rows.length === 0) return;
    const started = performance.now();
    const contacts = await loadEngineContacts(
      manager,
      rows.map((row) => row.contact_id),
    );
    const deliveries = settled
      ? new Map([...settled].map(([id, { status }]) => [id, status]))
      : await settledDeliveries(manager, rows);
    const moves: Move[] = [];
    for (const row of rows) {
      const contact = contacts.get(row.contact_id);
      if (!contact) continue;
      const campaign = await this.cache.get(manager, row.campaign_id, row.revision);
      const start = startOf(row, deliveries);
      moves.push({
        row,
        campaign,
        start,
        activation: runActivation(start, { campaign, contact, now, random: this.random }),
      });
    }
    for (const { row, start, activation } of moves)
      this.logger.debug(
        {
          ...enrollmentLogFields(row),
          from: start.nodeId,
          to: activation.position.nodeId,
          state: activation.position.state,
        },
        'step decided',
      );

    const changes = await applyContactEffectsOfMany(
      manager,
      moves.map(({ row, activation }) => ({
        contactId: row.contact_id,
        effects: activation.effects,
      })),
      now,
    );
    const { sendable, unsendable } = await writeCampaignDeliveries(
      manager,
      moves.map(({ row, campaign, activation }) => ({
        campaign,
        enrollment: {
          workspaceId: row.workspace_id,
          enrollmentId: row.id,
          contactId: row.contact_id,
          revision: row.revision,
        },
        contact: activation.contact,
        effects: activation.effects,
      })),
      now,
      leaseUntil,
    );
    if (sendable.length > 0) outcome.deliveries.push({ ids: sendable, leasedUntil: leaseUntil });
    // A delivery that failed before it could be sent wakes its contact at once, to go on per onFailure.
    const positions: PositionWrite[] = moves.map(({ row, activation }) => ({
      enrollmentId: row.id,
      position: activation.position,
      runNow: unsendable.has(row.id),
    }));
    const durationMs = (performance.now() - started) / moves.length;
    await recordStepsOfMany(
      manager,
      moves.map(({ row, start, activation }) => ({
        enrollment: {
          id: row.id,
          campaignId: row.campaign_id,
          contactId: row.contact_id,
          revision: row.revision,
        },
        steps: activation.steps,
        durationMs,
        resumedNodeId: start.mode === 'resume' ? start.nodeId : undefined,
      })),
      now,
    );
    for (const { row, activation } of moves) {
      outcome.steps.push(...activation.steps);
      outcome.moved.add(row.id);
    }
    if (keepLease) {
      for (const write of positions)
        if (nextRunAt(write, now)?.getTime() === now.getTime())
          keepLease.ids.add(write.enrollmentId);
    }
    await writePositions(manager, positions, now, keepLease);

    for (const [workspaceId, ofWorkspace] of groupBy(moves, ({ row }) => row.workspace_id)) {
      await this.contactEvents.contactsChanged(
        manager,
        workspaceId,
        ofWorkspace.map(({ row }) => ({
          contactId: row.contact_id,
          change: changes.get(row.contact_id)!,
          exceptEnrollmentId: row.id,
        })),
        // Contacts this batch sends into other campaigns (or to goals) take their next hop here too.
        keepLease,
      );
      const completed = ofWorkspace.filter(
        ({ activation }) => activation.position.state === 'completed',
      );
      if (completed.length > 0) {
        await this.hooks.enrollments(
          manager,
          workspaceId,
          'campaign_completed',
          completed.map(({ row }) => row.id),
        );
      }
    }
    for (const [campaignId, ofCampaign] of groupBy(moves, ({ row }) => row.campaign_id)) {
      await this.hooks.goalsAchieved(
        manager,
        campaignId,
        ofCampaign.flatMap(({ row, activation }) =>
          activation.steps
            .filter(isGoalReached)
            .map((step) => ({ enrollmentId: row.id, nodeId: step.nodeId, type: step.type })),
        ),
      );
    }
  }
}

/** The outcome of a batch that moved nothing. */
export function noMoves(): BatchOutcome {
  return { steps: [], moved: new Set(), continuing: new Set(), deliveries: [] };
}

/** The row still waits on the webhook whose delivery settled, at the same node. */
function waitsOn(row: EnrollmentRow, settled: ReadonlyMap<string, SettledDelivery>): boolean {
  return (
    row.state === 'waiting' &&
    row.waiting_for === 'delivery' &&
    settled.get(row.id)?.nodeId === row.node_id
  );
}

function isRunnable(row: EnrollmentRow, now: Date): boolean {
  return (
    (row.state === 'ready' || row.state === 'waiting') && row.run_at !== null && row.run_at <= now
  );
}

/** How the latest delivery of each enrollment waiting on a Send a Webhook ended, by enrollment id. */
async function settledDeliveries(
  manager: EntityManager,
  rows: readonly EnrollmentRow[],
): Promise<Map<string, string>> {
  const waiting = rows.filter((row) => row.state === 'waiting' && row.waiting_for === 'delivery');
  if (waiting.length === 0) return new Map();
  // `id = ANY` tells the planner how many rows: it guesses 100 for
  // jsonb_to_recordset and would hash-join a scan of the whole table.
  const latest = await preparedQuery<{ enrollment_id: string; status: string }>(
    manager,
    `SELECT DISTINCT ON (d.enrollment_id) d.enrollment_id, d.status
       FROM deliveries d
       JOIN jsonb_to_recordset($1::jsonb) AS w(id uuid, node_id text) ON d.enrollment_id = w.id AND d.node_id = w.node_id
      WHERE d.enrollment_id = ANY ($2::uuid[])
      ORDER BY d.enrollment_id, d.created_at DESC`,
    [
      JSON.stringify(waiting.map((row) => ({ id: row.id, node_id: row.node_id }))),
      waiting.map((row) => row.id),
    ],
  );
  return new Map(latest.map((row) => [row.enrollment_id, row.status]));
}

/**
 * How an activation starts from the row: run the node, or carry on from the
 * node it waited on; after a webhook, with how its delivery ended.
 */
function startOf(row: EnrollmentRow, deliveries: ReadonlyMap<string, string>): ActivationStart {
  if (row.state === 'ready') return { mode: 'arrive', nodeId: row.node_id };
  if (row.waiting_for !== 'delivery') return { mode: 'resume', nodeId: row.node_id };
  return {
    mode: 'resume',
    nodeId: row.node_id,
    delivery: deliveries.get(row.id) === 'succeeded' ? 'succeeded' : 'failed',
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
