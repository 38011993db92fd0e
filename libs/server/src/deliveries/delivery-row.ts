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
