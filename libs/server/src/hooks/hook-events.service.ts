import { Inject, Injectable } from '@nestjs/common';
import type { ContactChange } from '@tideway/engine';
import type { EntityManager } from 'typeorm';
import type { ContactView } from '../contacts/contact-view';
import type { Clock } from '../engine/clock';
import { CLOCK } from '../engine/clock';
import type { DeliveryFailure, HookEvent, HookEventName } from './event-payloads';
import { contactCreated, contactDeleted, contactUpdated, deliveryFailed, tagChanged } from './event-payloads';
import { emitEnrollmentEvents, emitGoalsAchieved, loadContacts } from './event-sources';
import { emitHookEvents } from './hook-outbox';

/**
 * Where the rest of the server reports what happened, for event hooks. Every
 * method takes the manager of the transaction that made the change and writes
 * the deliveries there (the outbox): an event commits with its cause or not at
 * all. Cheap when nothing listens: see emitHookEvents.
 */
@Injectable()
export class HookEvents {
  private readonly workspaceOfCampaign = new Map<string, string>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Events already built (a test send goes around this: it targets one hook). */
  emit(manager: EntityManager, workspaceId: string, events: readonly HookEvent[]): Promise<number> {
    const names = [...new Set(events.map((event) => event.event))];
    return emitHookEvents(manager, workspaceId, names, () => events, this.clock.now());
  }

  /**
   * contact_created or contact_updated, and tag_added / tag_removed per tag,
   * for changes from the API, imports and campaign steps alike (ContactEvents).
   */
  contactsChanged(
    manager: EntityManager,
    workspaceId: string,
    changes: readonly { contactId: string; change: ContactChange }[],
  ): Promise<number> {
    const names = new Set<HookEventName>();
    for (const { change } of changes) {
      names.add(change.created ? 'contact_created' : 'contact_updated');
      if (change.tagsAdded.length) names.add('tag_added');
      if (change.tagsRemoved.length) names.add('tag_removed');
    }
    return emitHookEvents(
      manager,
      workspaceId,
      [...names],
      async (hooks) => {
        const wanted = new Set(hooks.map((hook) => hook.event));
        const contacts = await loadContacts(
          manager,
          changes.map(({ contactId }) => contactId),
        );
        return changes.flatMap(({ contactId, change }) => {
          const contact = contacts.get(contactId);
          if (!contact) return [];
          const events: HookEvent[] = [
            change.created
              ? contactCreated(contact)
              : contactUpdated(contact, {
                  fields: [...change.fieldsChanged],
                  tagsAdded: [...change.tagsAdded],
                  tagsRemoved: [...change.tagsRemoved],
                }),
            ...change.tagsAdded.map((tag) => tagChanged('tag_added', tag, contact)),
            ...change.tagsRemoved.map((tag) => tagChanged('tag_removed', tag, contact)),
          ];
          return events.filter((event) => wanted.has(event.event));
        });
      },
      this.clock.now(),
    );
  }

  contactDeleted(manager: EntityManager, workspaceId: string, contact: ContactView): Promise<number> {
    return emitHookEvents(manager, workspaceId, ['contact_deleted'], () => [contactDeleted(contact)], this.clock.now());
  }

  enrollments(
    manager: EntityManager,
    workspaceId: string,
    event: 'campaign_enrolled' | 'campaign_completed',
    enrollmentIds: readonly string[],
  ): Promise<number> {
    return emitEnrollmentEvents(manager, workspaceId, event, enrollmentIds, this.clock.now());
  }

  /** goal_achieved for goal steps of one campaign's enrollments. */
  async goalsAchieved(
    manager: EntityManager,
    campaignId: string,
    goals: readonly { enrollmentId: string; nodeId: string; type: string }[],
  ): Promise<number> {
    if (goals.length === 0) return 0;
    return emitGoalsAchieved(manager, await this.workspaceOf(manager, campaignId), goals, this.clock.now());
  }

  /** A campaign never changes workspace, so the answer is kept for good (bounded). */
  private async workspaceOf(manager: EntityManager, campaignId: string): Promise<string> {
    const known = this.workspaceOfCampaign.get(campaignId);
    if (known) return known;
    const [row]: { workspace_id: string }[] = await manager.query(`SELECT workspace_id FROM campaigns WHERE id = $1`, [campaignId]);
    if (this.workspaceOfCampaign.size >= 10_000) this.workspaceOfCampaign.clear();
    this.workspaceOfCampaign.set(campaignId, row.workspace_id);
    return row.workspace_id;
  }

  deliveryFailed(manager: EntityManager, workspaceId: string, failure: DeliveryFailure): Promise<number> {
    return emitHookEvents(manager, workspaceId, ['delivery_failed'], () => [deliveryFailed(failure)], this.clock.now());
  }
}
