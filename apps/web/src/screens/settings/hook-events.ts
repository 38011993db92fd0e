import type { HookEvent } from '../../api/hooks';

/** How the settings screen names each event, and what its resource filter means. */
export const HOOK_EVENT_LABELS: Record<HookEvent, { label: string; filter: string }> = {
  contact_created: { label: 'Contact created', filter: 'Contact ID' },
  contact_updated: { label: 'Contact updated', filter: 'Contact ID' },
  contact_deleted: { label: 'Contact deleted', filter: 'Contact ID' },
  tag_added: { label: 'Tag added', filter: 'Tag' },
  tag_removed: { label: 'Tag removed', filter: 'Tag' },
  campaign_enrolled: { label: 'Contact entered a campaign', filter: 'Campaign ID' },
  campaign_completed: { label: 'Contact completed a campaign', filter: 'Campaign ID' },
  goal_achieved: { label: 'Goal achieved', filter: 'Campaign ID' },
  delivery_failed: { label: 'Delivery failed / hook disabled', filter: 'Campaign or hook ID' },
};

export const HOOK_STATUS_CLASS = { active: 'status status--live', failing: 'status status--paused', disabled: 'status' } as const;
