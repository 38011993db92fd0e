import { apiRequest } from './client';

export type TimelineKind = 'enrollment' | 'step' | 'delivery';

export interface EnrollmentDetail {
  enrollmentId: string;
  revision: number;
  exitReason?: string;
  endedAt?: string;
}

export interface StepDetail {
  enrollmentId: string;
  /** The node type, e.g. `action.addTag`. */
  type: string;
  output: Record<string, unknown> | null;
}

export interface DeliveryDetailSummary {
  deliveryId: string;
  webhookId: string;
  method: string;
  url: string;
  attempts: number;
  lastStatus?: number;
  lastError?: string;
}

interface EntryBase {
  at: string;
  campaignId: string;
  campaignName: string;
  nodeId: string;
  /** enrollment: its state; step: the node's outcome; delivery: its status. */
  outcome: string;
}

export type TimelineEntry =
  | (EntryBase & { kind: 'enrollment'; detail: EnrollmentDetail })
  | (EntryBase & { kind: 'step'; detail: StepDetail })
  | (EntryBase & { kind: 'delivery'; detail: DeliveryDetailSummary });

export interface TimelinePage {
  data: TimelineEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

export const fetchContactTimeline = (contactId: string, query: { limit?: number; before?: string | null } = {}, signal?: AbortSignal) =>
  apiRequest<TimelinePage>('GET', `/api/v1/contacts/${encodeURIComponent(contactId)}/timeline`, { query: { ...query }, signal });
