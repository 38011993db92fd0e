import type { WebhookRequest } from '@tideway/engine';
import type { EntityManager } from 'typeorm';
import { newWebhookId } from '../deliveries/webhook-id';
import type { ActiveHook } from './active-hooks';
import { activeHooks, hookMatches, listensTo } from './active-hooks';
import { toBracketForm } from './bracket-form';
import type { HookEvent, HookEventName } from './event-payloads';
import { hookBody } from './event-payloads';

/** Attempts per hook delivery: with the default backoff, about a day of retries before it fails for good. */
export const HOOK_MAX_ATTEMPTS = 8;
const ROWS_PER_STATEMENT = 1_000;

/**
 * The outbox of event hooks: called inside the transaction of the change that
 * caused the events, so they commit (and are sent) with it or roll back with
 * it. `build` runs only when an active hook of the workspace listens to one of
 * `names`, so a workspace without hooks pays one cached lookup and no loading.
 */
export async function emitHookEvents(
  manager: EntityManager,
  workspaceId: string,
  names: readonly HookEventName[],
  build: (hooks: readonly ActiveHook[]) => Promise<readonly HookEvent[]> | readonly HookEvent[],
  now: Date,
): Promise<number> {
  if (names.length === 0) return 0;
  const hooks = listensTo(await activeHooks(manager, workspaceId), names);
  if (hooks.length === 0) return 0;
  return writeHookDeliveries(manager, workspaceId, hooks, await build(hooks), now);
}

/** One pending delivery per (event, hook that matches it), its request rendered now. */
export async function writeHookDeliveries(
  manager: EntityManager,
  workspaceId: string,
  hooks: readonly ActiveHook[],
  events: readonly HookEvent[],
  now: Date,
): Promise<number> {
  const rows: { webhook_id: string; hook_id: string; event: string; request: WebhookRequest }[] = [];
  for (const event of events) {
    const bodies = new Map<string, string>();
    for (const hook of hooks) {
      if (!hookMatches(hook, event)) continue;
      let body = bodies.get(hook.content_type);
      if (body === undefined) {
        body = renderHookBody(event, hook.content_type);
        bodies.set(hook.content_type, body);
      }
      rows.push({ webhook_id: newWebhookId(), hook_id: hook.id, event: event.event, request: hookRequest(hook, body) });
    }
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await manager.query(
      `INSERT INTO deliveries (workspace_id, webhook_id, hook_id, event, status, request, max_attempts, next_attempt_at, created_at, updated_at)
       SELECT $1, r.webhook_id, r.hook_id, r.event, 'pending', r.request, $2, $3, $3, $3
         FROM jsonb_to_recordset($4::jsonb) AS r(webhook_id text, hook_id uuid, event text, request jsonb)`,
      [workspaceId, HOOK_MAX_ATTEMPTS, now, JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT))],
    );
  }
  return rows.length;
}

export function renderHookBody(event: HookEvent, contentType: 'json' | 'form'): string {
  const body = hookBody(event);
  return contentType === 'form' ? toBracketForm(body) : JSON.stringify(body);
}

export function hookRequest(hook: Pick<ActiveHook, 'target_url' | 'content_type'>, body: string): WebhookRequest {
  return {
    method: 'POST',
    url: hook.target_url,
    headers: [
      { name: 'Content-Type', value: hook.content_type === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' },
    ],
    body,
  };
}
