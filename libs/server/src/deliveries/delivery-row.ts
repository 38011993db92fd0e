import type { WebhookRequest } from '@tideway/engine';

export type DeliveryStatus = 'pending' | 'retrying' | 'succeeded' | 'failed';

export interface DeliveryRow {
  id: string;
  workspace_id: string;
  webhook_id: string;
  campaign_id: string | null;
  revision: number | null;
  node_id: string | null;
  enrollment_id: string | null;
  contact_id: string | null;
  status: DeliveryStatus;
  request: WebhookRequest;
  max_attempts: number;
  attempts: number;
  next_attempt_at: Date | null;
  /** Set for an event hook's delivery (then campaign_id and node_id are null). */
  hook_id: string | null;
  event: string | null;
}

/** The ids a delivery log line carries: the delivery, its webhook-id, and where it came from when known. */
export function deliveryLogFields(
  row: Pick<DeliveryRow, 'id' | 'webhook_id' | 'campaign_id' | 'enrollment_id' | 'hook_id'>,
) {
  return {
    deliveryId: row.id,
    webhookId: row.webhook_id,
    ...(row.campaign_id ? { campaignId: row.campaign_id } : {}),
    ...(row.enrollment_id ? { enrollmentId: row.enrollment_id } : {}),
    ...(row.hook_id ? { hookId: row.hook_id } : {}),
  };
}
