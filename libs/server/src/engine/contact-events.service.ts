import { Inject, Injectable } from '@nestjs/common';
import type { CompiledCampaign, ContactChange, EngineContact, StepRecord } from '@tideway/engine';
import { campaignMayReactTo, entryGoalMetBy, goalJumpAfter, triggerFiredBy } from '@tideway/engine';
import type { EntityManager } from 'typeorm';
import { HookEvents } from '../hooks/hook-events.service';
import { CampaignCache } from './campaign-cache';
import type { Clock } from './clock';
import { CLOCK } from './clock';
import { loadEngineContacts } from './contact-state';
import type { Reentry } from './enroll';
import { enrollContacts } from './enroll';
import { recordSteps } from './enrollment-writes';
import type { LeasedRunnable } from './step-hand-off';

type LiveCampaignRow = { id: string; published_revision: number; reentry: Reentry };
type LiveCampaign = LiveCampaignRow & { compiled: CompiledCampaign };
export type ActiveEnrollment = {
  id: string;
  contact_id: string;
  campaign_id: string;
  revision: number;
  node_id: string;
  waiting_for: string | null;
};
export type ChangedContact = {
  contactId: string;
  change: ContactChange;
  exceptEnrollmentId?: string;
};

export function isNoChange(change: ContactChange): boolean {
  return (
    !change.created &&
    !change.tagsAdded.length &&
    !change.tagsRemoved.length &&
    !change.fieldsChanged.length
  );
}

/**
 * Where contact changes meet campaigns: triggers enroll, goals pull enrolled
 * contacts forward, goals open to entry let others in. Runs in the
 * transaction of the change itself, so a change that rolls back fires
 * nothing and one that commits cannot lose its event. It only repositions
 * enrollments and makes them runnable; the step runner does the rest. Given
 * `leased`, the enrollments made runnable are leased to the caller (and
 * their ids added), for it to hand to the step queue once it commits;
 * without, the scanner finds them.
 */
@Injectable()
export class ContactEvents {
  constructor(
    private readonly cache: CampaignCache,
    private readonly hooks: HookEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  contactChanged(
    manager: EntityManager,
    workspaceId: string,
    contactId: string,
    change: ContactChange,
    options: { exceptEnrollmentId?: string; leased?: LeasedRunnable | null } = {},
  ): Promise<void> {
    return this.contactsChanged(
      manager,
      workspaceId,
      [{ contactId, change, exceptEnrollmentId: options.exceptEnrollmentId }],
      options.leased,
    );
  }

  /**
   * The same for many contacts (an import batch, a batch of steps), each
   * contact at most once: the live campaigns, the contacts and their active
   * enrollments are read once for all. `exceptEnrollmentId` is the enrollment
   * whose own step made the change (it checks its goals itself).
   */
  async contactsChanged(
    manager: EntityManager,
    workspaceId: string,
    changes: readonly ChangedContact[],
    leased: LeasedRunnable | null = null,
  ): Promise<void> {
    const changed = changes.filter(({ change }) => !isNoChange(change));
    if (changed.length === 0) return;
    // Event hooks hear of every change, whether or not a campaign is live.
    await this.hooks.contactsChanged(manager, workspaceId, changed);
    const rows: LiveCampaignRow[] = await manager.query(
      `SELECT id, published_revision, reentry FROM campaigns WHERE workspace_id = $1 AND status = 'live'`,
      [workspaceId],
    );
    if (rows.length === 0) return;
    const live: LiveCampaign[] = [];
    for (const row of rows) {
      live.push({
        ...row,
        compiled: await this.cache.get(manager, row.id, row.published_revision),
      });
    }
    // Most step changes (a tag only that campaign uses) matter to no campaign: read nothing for them.
    const heard = changed.filter(({ change }) =>
      live.some((campaign) => campaignMayReactTo(campaign.compiled, change)),
    );
    if (heard.length === 0) return;

    const contactIds = heard.map(({ contactId }) => contactId);
    const contacts = await loadEngineContacts(manager, contactIds);
    // Rows a running step holds are skipped: that step checks the goals ahead itself.
    const active: ActiveEnrollment[] = await manager.query(
      `SELECT id, contact_id, campaign_id, revision, node_id, waiting_for FROM enrollments
        WHERE contact_id = ANY ($1::uuid[]) AND state IN ('ready', 'waiting')
        FOR UPDATE SKIP LOCKED`,
      [contactIds],
    );
    const now = this.clock.now();
    for (const { contactId, change, exceptEnrollmentId } of heard) {
      const contact = contacts.get(contactId);
      if (!contact) continue;
      const enrollments = active.filter(
        (e) => e.contact_id === contactId && e.id !== exceptEnrollmentId,
      );
      await this.dispatch(manager, workspaceId, live, contact, enrollments, change, now, leased);
    }
  }

  private async dispatch(
    manager: EntityManager,
    workspaceId: string,
    live: readonly LiveCampaign[],
    contact: EngineContact,
    active: readonly ActiveEnrollment[],
    change: ContactChange,
    now: Date,
    leased: LeasedRunnable | null,
  ): Promise<void> {
    const contactId = contact.id;
    for (const campaign of live) {
      const { compiled } = campaign;
      const enrollment = active.find((e) => e.campaign_id === campaign.id);
      if (enrollment) {
        const onRevision =
          enrollment.revision === compiled.revision
            ? compiled
            : await this.cache.get(manager, campaign.id, enrollment.revision);
        const goal = goalJumpAfter(
          onRevision,
          { nodeId: enrollment.node_id, waitingForGoal: enrollment.waiting_for === 'goal' },
          change,
          contact,
        );
        if (goal) {
          await this.reachGoal(manager, onRevision, enrollment, contactId, goal, now, leased);
          continue;
        }
      }
      const trigger = triggerFiredBy(compiled, change, contact);
      if (trigger) {
        await enrollContacts(
          manager,
          {
            workspaceId,
            campaignId: campaign.id,
            revision: compiled.revision,
            nodeId: trigger.id,
            state: 'ready',
          },
          [contactId],
          campaign.reentry,
          now,
          leased,
        );
        continue;
      }
      if (!enrollment) {
        const goal = entryGoalMetBy(compiled, change, contact);
        if (goal)
          await this.enterAtGoal(
            manager,
            workspaceId,
            compiled,
            campaign.reentry,
            contactId,
            goal.id,
            now,
            leased,
          );
      }
    }
  }

  /**
   * The contact is pulled to `goalId`: the jump is logged now, the step runner carries it on from the goal.
   * Public for events that only one caller sees (an inbound webhook meeting goal.webhookReceived).
   */
  async reachGoal(
    manager: EntityManager,
    campaign: CompiledCampaign,
    enrollment: ActiveEnrollment,
    contactId: string,
    goalId: string,
    now: Date,
    leased: LeasedRunnable | null = null,
  ): Promise<void> {
    await manager.query(
      `UPDATE enrollments SET node_id = $2, state = 'waiting', waiting_for = 'goal', run_at = $3, lease_until = $4, updated_at = $3
        WHERE id = $1`,
      [enrollment.id, goalId, now, leased?.until ?? null],
    );
    leased?.ids.add(enrollment.id);
    const step = goalStep(campaign, goalId, enrollment.node_id);
    await recordSteps(
      manager,
      {
        id: enrollment.id,
        campaignId: campaign.campaignId,
        contactId,
        revision: enrollment.revision,
      },
      [step],
      now,
      0,
    );
    await this.hooks.goalsAchieved(manager, campaign.campaignId, [
      { enrollmentId: enrollment.id, nodeId: goalId, type: step.type },
    ]);
  }

  /** A contact outside the campaign enters at the goal (allowEntry), per re-entry; answers whether it entered. */
  async enterAtGoal(
    manager: EntityManager,
    workspaceId: string,
    campaign: CompiledCampaign,
    reentry: Reentry,
    contactId: string,
    goalId: string,
    now: Date,
    leased: LeasedRunnable | null = null,
  ): Promise<boolean> {
    const enrolled = await enrollContacts(
      manager,
      {
        workspaceId,
        campaignId: campaign.campaignId,
        revision: campaign.revision,
        nodeId: goalId,
        state: 'waiting',
        waitingFor: 'goal',
      },
      [contactId],
      reentry,
      now,
      leased,
    );
    const id = enrolled.get(contactId);
    if (id) {
      const step = goalStep(campaign, goalId, null);
      await recordSteps(
        manager,
        { id, campaignId: campaign.campaignId, contactId, revision: campaign.revision },
        [step],
        now,
        0,
      );
      await this.hooks.goalsAchieved(manager, campaign.campaignId, [
        { enrollmentId: id, nodeId: goalId, type: step.type },
      ]);
    }
    return id !== undefined;
  }
}

function goalStep(campaign: CompiledCampaign, goalId: string, from: string | null): StepRecord {
  return {
    nodeId: goalId,
    type: campaign.nodes.get(goalId)!.type,
    outcome: 'goal achieved',
    output: from ? { from } : { entered: true },
  };
}
