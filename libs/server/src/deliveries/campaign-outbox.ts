import type {
  CompiledCampaign,
  CompiledWebhook,
  Effect,
  EngineContact,
  WebhookRequest,
} from '@tideway/engine';
import { isTemplateError } from '@tideway/templates';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { deliveryFailed } from '../hooks/event-payloads';
import { emitHookEvents } from '../hooks/hook-outbox';
import { newWebhookId } from './webhook-id';

/** Attempts when a node does not say (Standard Webhooks suggests several over a day or more). */
export const DEFAULT_MAX_ATTEMPTS = 5;

export { newWebhookId } from './webhook-id';

export type OutboxEnrollment = {
  workspaceId: string;
  enrollmentId: string;
  contactId: string;
  revision: number;
};

export type WrittenDeliveries = { sendable: string[]; unsendable: Set<string> };

export type OutboxStep = {
  campaign: CompiledCampaign;
  enrollment: OutboxEnrollment;
  /** The contact as the step left it. */
  contact: EngineContact;
  effects: readonly Effect[];
};

/**
 * Writes one delivery per Send a Webhook effect, in the step's transaction
 * (ARCHITECTURE.md, invariant 3), for a batch of steps in one statement: the
 * request is rendered now, for the contact as the step left it, and sent
 * later by the delivery queue. A template that cannot render (its output too
 * large, say) makes a delivery that failed at once, so the contact goes on
 * per the node's onFailure. With `leaseUntil`, sendable deliveries are
 * written already leased, for the caller to enqueue once the transaction
 * commits (no scanner pass in between); if it never does, they are claimed
 * when the lease ends. Answers the sendable deliveries' ids, and the
 * enrollments that have an unsendable one.
 */
export async function writeCampaignDeliveries(
  manager: EntityManager,
  steps: readonly OutboxStep[],
  now: Date,
  leaseUntil: Date | null = null,
): Promise<WrittenDeliveries> {
  const rows = steps.flatMap((step) =>
    step.effects.flatMap((effect) => {
      if (effect.kind !== 'sendWebhook') return [];
      const webhook = step.campaign.webhooks.get(effect.nodeId);
      return webhook ? [deliveryRow(step, effect.nodeId, webhook, now)] : [];
    }),
  );
  if (rows.length === 0) return { sendable: [], unsendable: new Set() };
  const written = await preparedQuery<{
    id: string;
    webhook_id: string;
    request: WebhookRequest;
    node_id: string;
    enrollment_id: string;
    error: string | null;
  }>(
    manager,
    `INSERT INTO deliveries (workspace_id, webhook_id, campaign_id, revision, node_id, enrollment_id, contact_id,
                             status, request, max_attempts, next_attempt_at, lease_until, last_error, created_at, updated_at, completed_at)
     SELECT v.workspace_id, v.webhook_id, v.campaign_id, v.revision, v.node_id, v.enrollment_id, v.contact_id,
            v.status, v.request, v.max_attempts, CASE WHEN v.last_error IS NULL THEN $1::timestamptz END,
            CASE WHEN v.last_error IS NULL THEN $3::timestamptz END, v.last_error, $1, $1,
            CASE WHEN v.last_error IS NULL THEN NULL ELSE $1::timestamptz END
       FROM jsonb_to_recordset($2::jsonb)
         AS v(workspace_id uuid, webhook_id text, campaign_id uuid, revision int, node_id text, enrollment_id uuid,
              contact_id uuid, status text, request jsonb, max_attempts int, last_error text)
     RETURNING id, webhook_id, request, node_id, enrollment_id, last_error AS error`,
    [now, JSON.stringify(rows), leaseUntil],
  );
  const failed = written.filter((row) => row.error !== null);
  for (const row of failed) {
    const step = steps.find((s) => s.enrollment.enrollmentId === row.enrollment_id)!;
    const failure = deliveryFailed({
      reason: row.error!,
      delivery: {
        id: row.id,
        webhookId: row.webhook_id,
        status: 'failed',
        method: row.request.method,
        url: row.request.url,
        attempts: 0,
        lastStatus: null,
        lastError: row.error,
        campaignId: step.campaign.campaignId,
        nodeId: row.node_id,
        contactId: step.enrollment.contactId,
        hookId: null,
      },
      campaign: { id: step.campaign.campaignId, name: step.campaign.name },
      hook: null,
    });
    await emitHookEvents(
      manager,
      step.enrollment.workspaceId,
      ['delivery_failed'],
      () => [failure],
      now,
    );
  }
  return {
    sendable: written.filter((row) => row.error === null).map((row) => row.id),
    unsendable: new Set(failed.map((row) => row.enrollment_id)),
  };
}

/** The row of one delivery, its request rendered, or failed at once when it cannot be. */
function deliveryRow(step: OutboxStep, nodeId: string, webhook: CompiledWebhook, now: Date) {
  const { campaign, enrollment, contact } = step;
  let request: unknown = null;
  let error: string | null = null;
  try {
    request = webhook.render({
      contact,
      campaign: { id: campaign.campaignId, name: campaign.name },
      now,
    });
  } catch (cause) {
    if (!isTemplateError(cause)) throw cause;
    error = `The request could not be rendered: ${cause.message}`;
  }
  return {
    workspace_id: enrollment.workspaceId,
    webhook_id: newWebhookId(),
    campaign_id: campaign.campaignId,
    revision: enrollment.revision,
    node_id: nodeId,
    enrollment_id: enrollment.enrollmentId,
    contact_id: enrollment.contactId,
    status: error ? 'failed' : 'pending',
    request: request ?? {
      method: webhook.config.method,
      url: webhook.config.url,
      headers: [],
      body: null,
    },
    max_attempts: webhook.config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    last_error: error,
  };
}
