import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActivationStart } from '@tideway/engine';
import { runActivation } from '@tideway/engine';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { writeCampaignDeliveries } from '../deliveries/campaign-outbox';
import { isGoalReached } from '../hooks/event-sources';
import { HookEvents } from '../hooks/hook-events.service';
import { CampaignCache } from './campaign-cache';
import type { Clock, RandomSource } from './clock';
import { CLOCK, RANDOM } from './clock';
import { applyContactEffects } from './contact-effects';
import { ContactEvents } from './contact-events.service';
import { loadEngineContact } from './contact-state';
import type { EnrollmentRow } from './enrollment-row';
import { ENROLLMENT_COLUMNS } from './enrollment-row';
import { recordSteps, writePosition } from './enrollment-writes';

/** PostgreSQL's codes for a transaction that lost a race and may simply be tried again. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

/**
 * Moves one enrollment: one activation of the pure core, committed in one
 * transaction with everything it caused (ARCHITECTURE.md, invariant 2). The
 * row lock (SKIP LOCKED) means two workers never move the same enrollment;
 * a row that is locked, no longer runnable, or in a campaign that is not live
 * is left as it is.
 */
@Injectable()
export class StepRunner {
  private readonly logger = new Logger('StepRunner');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: CampaignCache,
    private readonly contactEvents: ContactEvents,
    private readonly hooks: HookEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RANDOM) private readonly random: RandomSource,
  ) {}

  async run(enrollmentId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.transaction((manager) => this.step(manager, enrollmentId));
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= ATTEMPTS || !code || !RETRYABLE.has(code)) {
          this.logger.error(`step of enrollment ${enrollmentId} failed: ${(error as Error).message}`);
          throw error;
        }
      }
    }
  }

  private async step(manager: EntityManager, enrollmentId: string): Promise<void> {
    const now = this.clock.now();
    const [row]: (EnrollmentRow & { campaign_status: string })[] = await manager.query(
      `SELECT ${ENROLLMENT_COLUMNS}, c.status AS campaign_status
         FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id
        WHERE e.id = $1
        FOR UPDATE OF e SKIP LOCKED`,
      [enrollmentId],
    );
    if (!row || row.campaign_status !== 'live' || !isRunnable(row, now)) return;
    const contact = await loadEngineContact(manager, row.contact_id);
    if (!contact) return;
    const campaign = await this.cache.get(manager, row.campaign_id, row.revision);

    const started = performance.now();
    const start = await startOf(manager, row);
    const activation = runActivation(start, { campaign, contact, now, random: this.random });
    const change = await applyContactEffects(manager, row.contact_id, activation.effects, now);
    const { allSendable } = await writeCampaignDeliveries(
      manager,
      campaign,
      { workspaceId: row.workspace_id, enrollmentId: row.id, contactId: row.contact_id, revision: row.revision },
      activation.contact,
      activation.effects,
      now,
    );
    const ref = { id: row.id, campaignId: row.campaign_id, contactId: row.contact_id, revision: row.revision };
    await recordSteps(
      manager,
      ref,
      activation.steps,
      now,
      performance.now() - started,
      start.mode === 'resume' ? start.nodeId : undefined,
    );
    // A delivery that failed before it could be sent wakes its contact at once, to go on per onFailure.
    await writePosition(manager, row.id, activation.position, now, { runNow: !allSendable });
    await this.contactEvents.contactChanged(manager, row.workspace_id, row.contact_id, change, {
      exceptEnrollmentId: row.id,
    });
    await this.hooks.goalsAchieved(
      manager,
      row.campaign_id,
      activation.steps.filter(isGoalReached).map((step) => ({ enrollmentId: row.id, nodeId: step.nodeId, type: step.type })),
    );
    if (activation.position.state === 'completed') {
      await this.hooks.enrollments(manager, row.workspace_id, 'campaign_completed', [row.id]);
    }
  }
}

function isRunnable(row: EnrollmentRow, now: Date): boolean {
  return (row.state === 'ready' || row.state === 'waiting') && row.run_at !== null && row.run_at <= now;
}

/**
 * How an activation starts from the row: run the node, or carry on from the
 * node it waited on; after a webhook, with how its delivery ended.
 */
async function startOf(manager: EntityManager, row: EnrollmentRow): Promise<ActivationStart> {
  if (row.state === 'ready') return { mode: 'arrive', nodeId: row.node_id };
  if (row.waiting_for !== 'delivery') return { mode: 'resume', nodeId: row.node_id };
  const [delivery]: { status: string }[] = await manager.query(
    `SELECT status FROM deliveries WHERE enrollment_id = $1 AND node_id = $2 ORDER BY created_at DESC LIMIT 1`,
    [row.id, row.node_id],
  );
  return { mode: 'resume', nodeId: row.node_id, delivery: delivery?.status === 'succeeded' ? 'succeeded' : 'failed' };
}
