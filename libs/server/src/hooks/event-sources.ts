import type { EntityManager } from 'typeorm';
import { CONTACT_COLUMNS, toContactView } from '../contacts/contact-view';
import type { ContactView } from '../contacts/contact-view';
import type { CampaignRef, EnrollmentResource, HookEvent } from './event-payloads';
import { enrollmentEvent, goalAchieved } from './event-payloads';
import { emitHookEvents } from './hook-outbox';

/** Contacts as the API shows them, by id (deleted ones are missing). */
export async function loadContacts(manager: EntityManager, ids: readonly string[]): Promise<Map<string, ContactView>> {
  if (ids.length === 0) return new Map();
  const rows: ContactView[] = await manager.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE id = ANY ($1::uuid[])`, [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((row) => [row.id, toContactView(row)]));
}

type EnrollmentContext = { campaign: CampaignRef; enrollment: EnrollmentResource; contact: ContactView };

/** Enrollments with their campaign and contact, in one query, as the campaign events carry them. */
async function loadEnrollments(manager: EntityManager, ids: readonly string[]): Promise<Map<string, EnrollmentContext>> {
  if (ids.length === 0) return new Map();
  const rows: (EnrollmentResource & { campaignName: string })[] = await manager.query(
    `SELECT e.id, e.campaign_id AS "campaignId", e.contact_id AS "contactId", e.node_id AS "nodeId", e.state,
            e.entered_at AS "enteredAt", e.ended_at AS "endedAt", c.name AS "campaignName"
       FROM enrollments e JOIN campaigns c ON c.id = e.campaign_id
      WHERE e.id = ANY ($1::uuid[])`,
    [[...new Set(ids)]],
  );
  const contacts = await loadContacts(
    manager,
    rows.map((row) => row.contactId),
  );
  const loaded = new Map<string, EnrollmentContext>();
  for (const { campaignName, ...enrollment } of rows) {
    const contact = contacts.get(enrollment.contactId);
    if (contact) loaded.set(enrollment.id, { campaign: { id: enrollment.campaignId, name: campaignName }, enrollment, contact });
  }
  return loaded;
}

/** campaign_enrolled / campaign_completed for these enrollments. */
export function emitEnrollmentEvents(
  manager: EntityManager,
  workspaceId: string,
  event: 'campaign_enrolled' | 'campaign_completed',
  enrollmentIds: readonly string[],
  now: Date,
): Promise<number> {
  if (enrollmentIds.length === 0) return Promise.resolve(0);
  return emitHookEvents(
    manager,
    workspaceId,
    [event],
    async () => {
      const loaded = await loadEnrollments(manager, enrollmentIds);
      return [...loaded.values()].map((c) => enrollmentEvent(event, c.campaign, c.enrollment, c.contact));
    },
    now,
  );
}

/** goal_achieved, once per goal step recorded ('goal achieved' by a jump, 'met' when the contact arrived at it). */
export function emitGoalsAchieved(
  manager: EntityManager,
  workspaceId: string,
  goals: readonly { enrollmentId: string; nodeId: string; type: string }[],
  now: Date,
): Promise<number> {
  if (goals.length === 0) return Promise.resolve(0);
  return emitHookEvents(
    manager,
    workspaceId,
    ['goal_achieved'],
    async () => {
      const loaded = await loadEnrollments(
        manager,
        goals.map((goal) => goal.enrollmentId),
      );
      return goals.flatMap((goal): HookEvent[] => {
        const c = loaded.get(goal.enrollmentId);
        return c ? [goalAchieved(c.campaign, { nodeId: goal.nodeId, type: goal.type }, c.enrollment, c.contact)] : [];
      });
    },
    now,
  );
}

/** Whether a recorded step is a goal reached: jumped to ('goal achieved') or met on arrival ('met'). */
export function isGoalReached(step: { type: string; outcome: string }): boolean {
  return step.type.startsWith('goal.') && (step.outcome === 'goal achieved' || step.outcome === 'met');
}
