import type { EntityManager } from 'typeorm';
import { rowsReturnedBy } from '../database/rows-returned-by';
import type { DeliveryConfig } from '../deliveries/signed-request';
import { forgetActiveHooks } from './active-hooks';

/** A hook as its deliveries need it when sending. */
export type HookSendState = {
  id: string;
  workspace_id: string;
  target_url: string;
  event: string;
  active: boolean;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Date | null;
};

export async function loadHookSendState(manager: EntityManager, hookId: string): Promise<HookSendState | null> {
  const [hook]: HookSendState[] = await manager.query(
    `SELECT id, workspace_id, target_url, event, active, secret, previous_secret, previous_secret_until FROM hooks WHERE id = $1`,
    [hookId],
  );
  return hook ?? null;
}

/**
 * A hook's deliveries are signed with its secret, and during a rotation
 * window with the previous one too (newest first), so receivers can switch
 * secrets without losing a request. Responses are always logged: the hook's
 * owner reads them in the delivery log to see why a receiver refused.
 */
export function hookDeliveryConfig(hook: HookSendState, now: Date): DeliveryConfig {
  const previous = hook.previous_secret_until && hook.previous_secret_until > now ? hook.previous_secret : null;
  return { secret: previous ? [hook.secret, previous] : [hook.secret], logResponseBody: true };
}

export type HookAttempt = { succeeded: boolean; status: number | null; error: string | null };

/**
 * Books an attempt on the hook (last delivery, failing since) and disables it
 * when the receiver said 410 Gone or has failed for longer than
 * `disableAfterMs`. Answers the reason when this attempt disabled it.
 */
export async function recordHookAttempt(
  manager: EntityManager,
  hook: Pick<HookSendState, 'id' | 'workspace_id'>,
  attempt: HookAttempt,
  now: Date,
  disableAfterMs: number,
): Promise<string | null> {
  const [row] = await rowsReturnedBy<{ failing_since: Date | null }>(
    manager,
    `UPDATE hooks SET last_delivery_at = $2, last_status = $3,
            failing_since = CASE WHEN $4 THEN NULL ELSE coalesce(failing_since, $2) END
      WHERE id = $1 AND active
      RETURNING failing_since`,
    [hook.id, now, attempt.status, attempt.succeeded],
  );
  if (!row || attempt.succeeded) return null;
  let reason: string | null = null;
  if (attempt.status === 410) reason = 'The receiver answered 410 Gone: it no longer wants these events';
  else if (row.failing_since && now.getTime() - new Date(row.failing_since).getTime() > disableAfterMs) {
    reason = `Every delivery failed since ${new Date(row.failing_since).toISOString()} (last: ${attempt.error ?? 'unknown error'})`;
  }
  if (!reason) return null;
  const disabled = await rowsReturnedBy(
    manager,
    `UPDATE hooks SET active = false, disabled_reason = $2, updated_at = $3 WHERE id = $1 AND active RETURNING id`,
    [hook.id, reason, now],
  );
  if (disabled.length === 0) return null;
  forgetActiveHooks(hook.workspace_id);
  return reason;
}
