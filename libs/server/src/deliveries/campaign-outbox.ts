import type { CompiledCampaign, Effect, EngineContact, WebhookRequest } from '@tideway/engine';
import { isTemplateError } from '@tideway/templates';
import type { EntityManager } from 'typeorm';
import { rowsReturnedBy } from '../database/rows-returned-by';
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

/**
 * Writes one delivery per Send a Webhook effect, in the step's transaction
 * (ARCHITECTURE.md, invariant 3): the request is rendered now, for the
 * contact as the step left it, and sent later by the delivery queue. A
 * template that cannot render (its output too large, say) makes a delivery
 * that failed at once, so the contact goes on per the node's onFailure.
 * Answers whether every delivery was written as sendable.
 */
export async function writeCampaignDeliveries(
  manager: EntityManager,
  campaign: CompiledCampaign,
  enrollment: OutboxEnrollment,
  contact: EngineContact,
  effects: readonly Effect[],
  now: Date,
): Promise<{ allSendable: boolean }> {
  let allSendable = true;
  for (const effect of effects) {
    if (effect.kind !== 'sendWebhook') continue;
    const webhook = campaign.webhooks.get(effect.nodeId);
    if (!webhook) continue;
    let request: unknown = null;
    let error: string | null = null;
    try {
      request = webhook.render({ contact, campaign: { id: campaign.campaignId, name: campaign.name }, now });
    } catch (cause) {
      if (!isTemplateError(cause)) throw cause;
      error = `The request could not be rendered: ${cause.message}`;
      allSendable = false;
    }
    const [written] = await rowsReturnedBy<{ id: string; webhook_id: string; request: WebhookRequest }>(
      manager,
      `INSERT INTO deliveries (workspace_id, webhook_id, campaign_id, revision, node_id, enrollment_id, contact_id,
                               status, request, max_attempts, next_attempt_at, last_error, created_at, updated_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)
       RETURNING id, webhook_id, request`,
      [
        enrollment.workspaceId,
        newWebhookId(),
        campaign.campaignId,
        enrollment.revision,
        effect.nodeId,
        enrollment.enrollmentId,
        enrollment.contactId,
        error ? 'failed' : 'pending',
        JSON.stringify(request ?? { method: webhook.config.method, url: webhook.config.url, headers: [], body: null }),
        webhook.config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        error ? null : now,
        error,
        now,
        error ? now : null,
      ],
    );
    if (error) {
      const failure = deliveryFailed({
        reason: error,
        delivery: {
          id: written.id,
          webhookId: written.webhook_id,
          status: 'failed',
          method: written.request.method,
          url: written.request.url,
          attempts: 0,
          lastStatus: null,
          lastError: error,
          campaignId: campaign.campaignId,
          nodeId: effect.nodeId,
          contactId: enrollment.contactId,
          hookId: null,
        },
        campaign: { id: campaign.campaignId, name: campaign.name },
        hook: null,
      });
      await emitHookEvents(manager, enrollment.workspaceId, ['delivery_failed'], () => [failure], now);
    }
  }
  return { allSendable };
}
