import { apiRequest } from './client';

/** Events other systems can subscribe to (../shared/API.md, "Event hooks"). */
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
export type HookEvent = (typeof HOOK_EVENTS)[number];

export interface HookAttributes {
  target_url: string;
  event: HookEvent;
  resource_id: string | null;
  content_type: 'json' | 'form';
  active: boolean;
  status: 'active' | 'failing' | 'disabled';
  disabled_reason: string | null;
  failing_since: string | null;
  last_delivery_at: string | null;
  last_status: number | null;
  previous_secret_valid_until: string | null;
  created_at: string;
  updated_at: string;
  /** Only in the answers to create and rotate-secret. */
  secret?: string;
}

export interface Hook {
  id: string;
  type: 'hooks';
  attributes: HookAttributes;
}

export interface NewHook {
  target_url: string;
  event: HookEvent;
  resource_id?: string;
  content_type: 'json' | 'form';
}

export interface HookDelivery {
  id: string;
  webhookId: string;
  status: 'pending' | 'retrying' | 'succeeded' | 'failed';
  event: string | null;
  url: string;
  attempts: number;
  maxAttempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

export interface DeliveryAttempt {
  attempt: number;
  at: string;
  request: { method: string; url: string; headers: { name: string; value: string }[]; body: string | null };
  response: { status: number; headers: Record<string, string>; body?: string; durationMs: number } | null;
  durationMs: number;
  error: string | null;
}

const HOOKS = '/api/v1/hooks';
const hookPath = (id: string) => `${HOOKS}/${encodeURIComponent(id)}`;

export const listHooks = (signal?: AbortSignal) =>
  apiRequest<{ data: Hook[] }>('GET', HOOKS, { signal }).then((answer) => answer.data);

export const createHook = (attributes: NewHook) =>
  apiRequest<{ data: Hook }>('POST', HOOKS, { json: { data: { type: 'hooks', attributes } } }).then((answer) => answer.data);

export const updateHook = (id: string, attributes: { active?: boolean; target_url?: string }) =>
  apiRequest<{ data: Hook }>('PATCH', hookPath(id), { json: { data: { type: 'hooks', id, attributes } } }).then(
    (answer) => answer.data,
  );

export const deleteHook = (id: string) => apiRequest<void>('DELETE', hookPath(id));

export const rotateHookSecret = (id: string) =>
  apiRequest<{ data: Hook }>('POST', `${hookPath(id)}/rotate-secret`).then((answer) => answer.data);

export const sendTestEvent = (id: string) =>
  apiRequest<{ deliveryId: string; webhookId: string }>('POST', `${hookPath(id)}/test`);

export const listHookDeliveries = (hookId: string, signal?: AbortSignal) =>
  apiRequest<{ data: HookDelivery[]; nextCursor: string | null }>('GET', '/api/v1/deliveries', {
    query: { hookId, limit: 50 },
    signal,
  }).then((answer) => answer.data);

export const getDeliveryAttempts = (id: string, signal?: AbortSignal) =>
  apiRequest<HookDelivery & { attempts: DeliveryAttempt[] }>('GET', `/api/v1/deliveries/${encodeURIComponent(id)}`, {
    signal,
  });

export const replayDelivery = (id: string) => apiRequest<{ id: string; status: string }>('POST', `/api/v1/deliveries/${encodeURIComponent(id)}/replay`);
