import type { HookEventName } from './event-payloads';

/** A hooks row as the API reads it. */
export type HookRow = {
  id: string;
  target_url: string;
  event: HookEventName;
  resource_id: string | null;
  content_type: 'json' | 'form';
  active: boolean;
  failing_since: Date | null;
  disabled_reason: string | null;
  last_delivery_at: Date | null;
  last_status: number | null;
  previous_secret_until: Date | null;
  created_at: Date;
  updated_at: Date;
};

export const HOOK_COLUMNS = `id, target_url, event, resource_id, content_type, active, failing_since, disabled_reason,
  last_delivery_at, last_status, previous_secret_until, created_at, updated_at`;

export type HookStatus = 'active' | 'failing' | 'disabled';

/** A hook as a JSON:API resource. The secret appears only in the answers to create and rotate. */
export function toHookResource(row: HookRow, now: Date, secret?: string) {
  const status: HookStatus = !row.active ? 'disabled' : row.failing_since ? 'failing' : 'active';
  return {
    id: row.id,
    type: 'hooks' as const,
    attributes: {
      target_url: row.target_url,
      event: row.event,
      resource_id: row.resource_id,
      content_type: row.content_type,
      active: row.active,
      status,
      disabled_reason: row.disabled_reason,
      failing_since: row.failing_since,
      last_delivery_at: row.last_delivery_at,
      last_status: row.last_status,
      /** Until then the previous secret signs too. */
      previous_secret_valid_until: row.previous_secret_until && row.previous_secret_until > now ? row.previous_secret_until : null,
      created_at: row.created_at,
      updated_at: row.updated_at,
      ...(secret ? { secret } : {}),
    },
  };
}
export type HookResource = ReturnType<typeof toHookResource>;
