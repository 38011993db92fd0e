import { apiRequest } from './client';

/** Every outgoing webhook, from a campaign's Send a Webhook element or an event hook (../shared/API.md, "Deliveries"). */
export const DELIVERY_STATUSES = ['pending', 'retrying', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface HttpHeader {
  name: string;
  value: string;
}

export interface DeliverySummary {
  id: string;
  /** The Standard Webhooks `webhook-id`: the same on every attempt and replay, so receivers can dedupe. */
  webhookId: string;
  status: DeliveryStatus;
  campaignId: string | null;
  campaignName: string | null;
  nodeId: string | null;
  contactId: string | null;
  enrollmentId: string | null;
  hookId: string | null;
  event: string | null;
  method: string;
  url: string;
  attempts: number;
  maxAttempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface AttemptResponse {
  status: number;
  headers: Record<string, string>;
  /** Only when the element logs response bodies. */
  body?: string;
  bodyTruncated?: boolean;
  durationMs: number;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  request: { method: string; url: string; headers: HttpHeader[]; body: string | null; timeoutMs?: number };
  /** Null when no answer came (timeout, refused connection, blocked address). */
  response: AttemptResponse | null;
  durationMs: number;
  error: string | null;
}

/** In the detail, `attempts` is the attempt log rather than its count. */
export interface DeliveryDetail extends Omit<DeliverySummary, 'attempts'> {
  /** Credentials redacted by the server. */
  request: { method: string; url: string; headers: HttpHeader[]; body: string | null };
  attempts: DeliveryAttempt[];
}

export interface DeliveryQuery {
  campaignId?: string;
  nodeId?: string;
  contactId?: string;
  hookId?: string;
  status?: DeliveryStatus | '';
  limit?: number;
  cursor?: string | null;
}

export interface DeliveryPage {
  data: DeliverySummary[];
  nextCursor: string | null;
}

const DELIVERIES = '/api/v1/deliveries';
const deliveryPath = (id: string) => `${DELIVERIES}/${encodeURIComponent(id)}`;

export const listDeliveries = (query: DeliveryQuery, signal?: AbortSignal) =>
  apiRequest<DeliveryPage>('GET', DELIVERIES, { query: { ...query }, signal });

export const fetchDelivery = (id: string, signal?: AbortSignal) => apiRequest<DeliveryDetail>('GET', deliveryPath(id), { signal });

/** Sends again now, under the same webhook-id; answers 202 with the delivery's new status. */
export const replayDelivery = (id: string) =>
  apiRequest<{ id: string; status: DeliveryStatus }>('POST', `${deliveryPath(id)}/replay`);
