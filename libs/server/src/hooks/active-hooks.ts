import type { EntityManager } from 'typeorm';
import type { HookEvent, HookEventName } from './event-payloads';
import { SCOPE_OF_EVENT } from './event-payloads';

/** What matching an event needs of a hook (no secret: signing happens when sending). */
export type ActiveHook = {
  id: string;
  event: HookEventName;
  resource_id: string | null;
  content_type: 'json' | 'form';
  target_url: string;
  scopes: string[];
};

/**
 * How long a process trusts its list of a workspace's active hooks. Changes
 * made in this process (create, update, delete, disable) drop the entry at
 * once; another process sees them within this time. It keeps the common
 * case, a workspace without hooks, free of queries on every contact change
 * and step (issue 8's throughput).
 */
export const ACTIVE_HOOKS_TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;
const entries = new Map<string, { hooks: ActiveHook[]; until: number }>();

/** The workspace's active hooks, read with the caller's manager (its transaction) unless recently read. */
export async function activeHooks(manager: EntityManager, workspaceId: string): Promise<ActiveHook[]> {
  const cached = entries.get(workspaceId);
  if (cached && cached.until > Date.now()) return cached.hooks;
  const hooks: ActiveHook[] = await manager.query(
    `SELECT id, event, resource_id, content_type, target_url, scopes FROM hooks WHERE workspace_id = $1 AND active`,
    [workspaceId],
  );
  entries.delete(workspaceId);
  entries.set(workspaceId, { hooks, until: Date.now() + ACTIVE_HOOKS_TTL_MS });
  const oldest = entries.keys().next().value;
  if (entries.size > MAX_ENTRIES && oldest !== undefined) entries.delete(oldest);
  return hooks;
}

/** Called after every change to a workspace's hooks, so this process sees it at once. */
export function forgetActiveHooks(workspaceId: string): void {
  entries.delete(workspaceId);
}

export function listensTo(hooks: readonly ActiveHook[], names: readonly HookEventName[]): ActiveHook[] {
  return hooks.filter((hook) => names.includes(hook.event));
}

/** A hook sees an event of its type, on its resource (or any, as a wildcard), if its scopes allow that event. */
export function hookMatches(hook: ActiveHook, event: HookEvent): boolean {
  return (
    hook.event === event.event &&
    (hook.resource_id === null || hook.resource_id === event.resourceId) &&
    hook.scopes.includes(SCOPE_OF_EVENT[event.event])
  );
}
