import type { ContactView } from '../contacts/contact-view';
import type { Scope } from '../tenancy/roles';

/**
 * The events a hook can subscribe to, and what each one sends. Every body is
 * `{"id": <id>, "event": <event>, "payload": {...}}` (JSON, or form with
 * bracket keys: `payload[contact][email]=...`, `payload[contact][tags][0]=vip`).
 *
 * | event | `id` | `resource_id` filters on | payload | scope |
 * |---|---|---|---|---|
 * | contact_created | contact id | contact id | `{contact}` | contacts:read |
 * | contact_updated | contact id | contact id | `{contact, changes: {fields, tagsAdded, tagsRemoved}}` | contacts:read |
 * | contact_deleted | contact id | contact id | `{contact}` (as it was) | contacts:read |
 * | tag_added, tag_removed | contact id | the tag | `{tag, contact}` | contacts:read |
 * | campaign_enrolled, campaign_completed | enrollment id | campaign id | `{campaign, enrollment, contact}` | campaigns:read |
 * | goal_achieved | enrollment id | campaign id | `{campaign, goal: {nodeId, type}, enrollment, contact}` | campaigns:read |
 * | delivery_failed | delivery id | campaign id (a campaign's webhook), hook id (a hook disabled) | `{reason, delivery, campaign, hook}` | campaigns:read |
 *
 * `contact` is the API's Contact resource; `campaign` is `{id, name}`;
 * `enrollment` is `{id, campaignId, contactId, nodeId, state, enteredAt, endedAt}`;
 * `delivery` is `{id, webhookId, status, method, url, attempts, lastStatus, lastError, campaignId, nodeId, contactId, hookId}`.
 * A contact created with tags also sends tag_added for each tag, as campaign
 * triggers see it. A hook's own failed deliveries send delivery_failed only
 * when they disable the hook (otherwise a failing delivery_failed hook would
 * feed itself).
 */
export const HOOK_EVENTS = [
  'contact_created',
  'contact_updated',
  'contact_deleted',
  'tag_added',
  'tag_removed',
  'campaign_enrolled',
  'campaign_completed',
  'goal_achieved',
  'delivery_failed',
] as const;
export type HookEventName = (typeof HOOK_EVENTS)[number];

/** The scope a hook (and the key creating it) needs to see an event. */
export const SCOPE_OF_EVENT: Readonly<Record<HookEventName, Scope>> = {
  contact_created: 'contacts:read',
  contact_updated: 'contacts:read',
  contact_deleted: 'contacts:read',
  tag_added: 'contacts:read',
  tag_removed: 'contacts:read',
  campaign_enrolled: 'campaigns:read',
  campaign_completed: 'campaigns:read',
  goal_achieved: 'campaigns:read',
  delivery_failed: 'campaigns:read',
};

/** What `resource_id` names for an event's hooks: a tag, or the id of a contact, campaign (or hook). */
export function resourceKindOf(event: HookEventName): 'contact' | 'tag' | 'campaign' | 'campaign or hook' {
  if (event === 'tag_added' || event === 'tag_removed') return 'tag';
  if (event.startsWith('contact_')) return 'contact';
  return event === 'delivery_failed' ? 'campaign or hook' : 'campaign';
}

/** One event, ready to be matched against hooks: `resourceId` is what a hook's resource_id filter compares with. */
export type HookEvent = {
  event: HookEventName;
  id: string;
  resourceId: string | null;
  payload: Record<string, unknown>;
};

export type HookBody = { id: string; event: HookEventName; payload: Record<string, unknown> };

export function hookBody(event: HookEvent): HookBody {
  return { id: event.id, event: event.event, payload: event.payload };
}

export type ContactResource = ContactView;
export type CampaignRef = { id: string; name: string };
export type EnrollmentResource = {
  id: string;
  campaignId: string;
  contactId: string;
  nodeId: string;
  state: string;
  enteredAt: Date | string;
  endedAt: Date | string | null;
};
export type DeliveryResource = {
  id: string;
  webhookId: string;
  status: string;
  method: string;
  url: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  campaignId: string | null;
  nodeId: string | null;
  contactId: string | null;
  hookId: string | null;
};
export type ContactChangeSummary = { fields: string[]; tagsAdded: string[]; tagsRemoved: string[] };

export function contactCreated(contact: ContactResource): HookEvent {
  return { event: 'contact_created', id: contact.id, resourceId: contact.id, payload: { contact } };
}

export function contactUpdated(contact: ContactResource, changes: ContactChangeSummary): HookEvent {
  return { event: 'contact_updated', id: contact.id, resourceId: contact.id, payload: { contact, changes } };
}

export function contactDeleted(contact: ContactResource): HookEvent {
  return { event: 'contact_deleted', id: contact.id, resourceId: contact.id, payload: { contact } };
}

export function tagChanged(event: 'tag_added' | 'tag_removed', tag: string, contact: ContactResource): HookEvent {
  return { event, id: contact.id, resourceId: tag, payload: { tag, contact } };
}

export function enrollmentEvent(
  event: 'campaign_enrolled' | 'campaign_completed',
  campaign: CampaignRef,
  enrollment: EnrollmentResource,
  contact: ContactResource,
): HookEvent {
  return { event, id: enrollment.id, resourceId: campaign.id, payload: { campaign, enrollment, contact } };
}

export function goalAchieved(
  campaign: CampaignRef,
  goal: { nodeId: string; type: string },
  enrollment: EnrollmentResource,
  contact: ContactResource,
): HookEvent {
  return { event: 'goal_achieved', id: enrollment.id, resourceId: campaign.id, payload: { campaign, goal, enrollment, contact } };
}

export type DeliveryFailure = {
  reason: string;
  delivery: DeliveryResource;
  campaign: CampaignRef | null;
  hook: { id: string; target_url: string; event: string; active: boolean; disabled_reason: string | null } | null;
};

/** A campaign's webhook that failed for good (filter: the campaign), or a hook that was disabled (filter: the hook). */
export function deliveryFailed(failure: DeliveryFailure): HookEvent {
  return {
    event: 'delivery_failed',
    id: failure.delivery.id,
    resourceId: failure.hook?.id ?? failure.campaign?.id ?? null,
    payload: { ...failure },
  };
}

const SAMPLE_CONTACT: ContactResource = {
  id: '5b0c3a5e-8f7e-4c1e-9a51-0d6b2c1e7f10',
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '+44 20 7946 0000',
  fields: { company: 'Analytical Engines Ltd', score: 42 },
  tags: ['vip', 'newsletter'],
  createdAt: new Date('2025-01-15T09:30:00.000Z'),
  updatedAt: new Date('2025-01-16T10:00:00.000Z'),
};
const SAMPLE_CAMPAIGN: CampaignRef = { id: 'c2f1a3b4-5d6e-4f70-8a9b-0c1d2e3f4a5b', name: 'Welcome series' };
const SAMPLE_ENROLLMENT: EnrollmentResource = {
  id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
  campaignId: SAMPLE_CAMPAIGN.id,
  contactId: SAMPLE_CONTACT.id,
  nodeId: 'start',
  state: 'ready',
  enteredAt: '2025-01-16T10:00:00.000Z',
  endedAt: null,
};

/** What each event looks like, for `GET /api/v1/hooks/<event>_sample` and test sends. */
export function sampleEvent(event: HookEventName): HookEvent {
  switch (event) {
    case 'contact_created':
      return contactCreated(SAMPLE_CONTACT);
    case 'contact_updated':
      return contactUpdated(SAMPLE_CONTACT, { fields: ['firstName'], tagsAdded: ['vip'], tagsRemoved: [] });
    case 'contact_deleted':
      return contactDeleted(SAMPLE_CONTACT);
    case 'tag_added':
    case 'tag_removed':
      return tagChanged(event, 'vip', SAMPLE_CONTACT);
    case 'campaign_enrolled':
      return enrollmentEvent(event, SAMPLE_CAMPAIGN, SAMPLE_ENROLLMENT, SAMPLE_CONTACT);
    case 'campaign_completed':
      return enrollmentEvent(
        event,
        SAMPLE_CAMPAIGN,
        { ...SAMPLE_ENROLLMENT, nodeId: 'end', state: 'completed', endedAt: '2025-01-20T10:00:00.000Z' },
        SAMPLE_CONTACT,
      );
    case 'goal_achieved':
      return goalAchieved(
        SAMPLE_CAMPAIGN,
        { nodeId: 'purchased', type: 'goal.tagAdded' },
        { ...SAMPLE_ENROLLMENT, nodeId: 'purchased', state: 'ready' },
        SAMPLE_CONTACT,
      );
    case 'delivery_failed':
      return deliveryFailed({
        reason: 'The webhook failed after 5 attempts: HTTP 500',
        delivery: {
          id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
          webhookId: 'msg_2bV8oQ1uY3n5Jm0xW7cLkA',
          status: 'failed',
          method: 'POST',
          url: 'https://crm.example.com/hook',
          attempts: 5,
          lastStatus: 500,
          lastError: 'HTTP 500',
          campaignId: SAMPLE_CAMPAIGN.id,
          nodeId: 'notify-crm',
          contactId: SAMPLE_CONTACT.id,
          hookId: null,
        },
        campaign: SAMPLE_CAMPAIGN,
        hook: null,
      });
  }
}
